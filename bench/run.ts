import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { inProcessCosts } from './in-process.ts';
import { runLoad } from './load.ts';
import { MEMORY_MOCK, memoryPerStream, type MemorySide } from './memory.ts';
import { cpuPlacement } from './cpu-placement.ts';
import { startChildServer, type ChildServer } from './processes.ts';
import { baseProxyEnv, benchToken, createBenchDirs, proxyProfiles, type ProxyProfileName, type SideName } from './profiles.ts';
import { header, scenarioSection, scenarioTargets, targetSummary, type TargetRow } from './report.ts';
import { runScenario, type CpuMeter, type Target } from './runner.ts';
import { scanCosts } from './scan-cost.ts';
import { PROCESS_WARMUP, PROCESS_WARMUP_CONCURRENCY, scenarios } from './scenarios.ts';

/**
 * `npm run bench`: what Bulwark adds on top of talking to the upstream directly, and what its
 * catalogue adds on top of that. Only talks to 127.0.0.1, every loop is bounded, and it exits 0
 * whatever the figures (a measurement, not a test); only a bench that cannot run exits 1.
 */

/** More connections than the highest concurrency, so the client pool is never the bottleneck. */
const POOL_OPTIONS = { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 };

/** Parts that are not scenarios, selected by these ids too. */
const PARTS = ['memory', 'costs', 'scan'] as const;
type Part = (typeof PARTS)[number];

/**
 * A server process's entry point, compiled (`npm run bench` builds them with tsconfig.bench.json):
 * the container runs compiled JavaScript, and tsx (which `npm start` uses) keeps function names
 * with a call per closure created, a cost the hot path would otherwise pay per event.
 */
const entry = (name: string) => fileURLToPath(new URL(`../dist/bench/bench/${name}.js`, import.meta.url));

const client: CpuMeter = {
  name: 'client',
  cpuMicros: async () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
};

/** `npm run bench -- latency ttft memory` runs only the parts with those ids; no id runs them all. */
function selected(ids: readonly string[]) {
  const isPart = (id: string): id is Part => (PARTS as readonly string[]).includes(id);
  const unknown = ids.filter((id) => !isPart(id) && !scenarios.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; known: ${[...scenarios.map((s) => s.id), ...PARTS].join(', ')}`);
  if (ids.length === 0) return { chosen: scenarios, parts: new Set<Part>(PARTS) };
  return { chosen: scenarios.filter((s) => ids.includes(s.id)), parts: new Set(ids.filter(isPart)) };
}

/** A side's process, fresh, serves PROCESS_WARMUP before it is measured; a call that fails there stops the bench. */
async function warmUp(target: Target): Promise<Target> {
  for (const { call, request, requests } of PROCESS_WARMUP) {
    const { calls } = await runLoad(target.dispatcher, call, request, target.headers, PROCESS_WARMUP_CONCURRENCY, { requests });
    const failed = calls.find((c) => !c.ok);
    if (failed) throw new Error(`warm-up of ${target.side} failed: ${failed.error ?? 'not ok'}`);
  }
  return target;
}

async function main(): Promise<void> {
  const { chosen, parts } = selected(process.argv.slice(2));
  const placement = cpuPlacement();
  placement.pin(process.pid, 'load');
  process.stdout.write(header(placement.description));
  const dirs = createBenchDirs();
  const servers: ChildServer[] = [];
  const pools: Pool[] = [];
  const pool = (origin: string) => {
    const p = new Pool(origin, POOL_OPTIONS);
    pools.push(p);
    return p;
  };
  try {
    const mock = await startChildServer('mock upstream', entry('mock-process'));
    placement.pin(mock.pid, 'upstream');
    servers.push(mock);
    const caller = { authorization: `Bearer ${await benchToken()}` };
    let direct: Target | undefined;

    /** A process in front of an upstream, on the proxies' CPU, stopped before the upstream. */
    const startInFront = async (name: string, entryName: string, args: string[]) => {
      const server = await startChildServer(name, entry(entryName), args);
      servers.unshift(server);
      placement.pin(server.pid, 'proxy');
      return server;
    };
    /** A proxy process of `profile` in front of `upstream`. */
    const startProxy = async (profile: ProxyProfileName, upstream: ChildServer, suffix = '') => {
      const { label, env, clientHeaders } = proxyProfiles[profile];
      const server = await startInFront(`proxy (${label}${suffix})`, 'proxy-process', [JSON.stringify({ ...baseProxyEnv(upstream.url), ...env(dirs) })]);
      const target: Target = { side: profile, dispatcher: pool(server.url), headers: { ...caller, ...clientHeaders } };
      return { target, server };
    };
    /** The bare forwarder (bench/bare-forwarder.ts), started on first need. */
    let bare: Target | undefined;
    const startBare = async (): Promise<Target> => {
      const server = await startInFront('bare forwarder', 'bare-forwarder', [mock.url]);
      return warmUp({ side: 'bare', dispatcher: pool(server.url), headers: caller });
    };
    // The scenarios' proxies: one process per profile in use, started on first need.
    const proxies = new Map<ProxyProfileName, Target>();
    const targetFor = async (side: SideName): Promise<Target> => {
      if (side === 'direct') return (direct ??= await warmUp({ side: 'direct', dispatcher: pool(mock.url), headers: caller }));
      if (side === 'bare') return (bare ??= await startBare());
      const known = proxies.get(side);
      if (known) return known;
      const target = await warmUp((await startProxy(side, mock)).target);
      proxies.set(side, target);
      return target;
    };

    const targets: TargetRow[] = [];
    for (const scenario of chosen) {
      process.stderr.write(`running ${scenario.id} ...\n`);
      const sides = { baseline: await targetFor(scenario.baseline), subject: await targetFor(scenario.subject) };
      const result = await runScenario(scenario, sides, [client, ...servers]);
      targets.push(...scenarioTargets(result));
      process.stdout.write(scenarioSection(result));
    }
    if (parts.has('memory')) {
      process.stderr.write('running memory ...\n');
      // Processes of its own: its mock's default reply is longer than a header can carry, and
      // the proxies' heaps hold nothing left over from the scenarios.
      const longMock = await startChildServer('mock upstream (memory)', entry('mock-process'), [JSON.stringify(MEMORY_MOCK)]);
      placement.pin(longMock.pid, 'upstream');
      servers.unshift(longMock);
      const reader = `Bearer ${await benchToken('developer')}`;
      const memorySide = async (profile: ProxyProfileName): Promise<MemorySide> => {
        const { target, server } = await startProxy(profile, longMock, ', memory');
        return {
          profile,
          target,
          memory: () => server.memory(),
          maxHoldback: async () => {
            const res = await target.dispatcher.request({ method: 'GET', path: '/v1/policy', headers: { authorization: reader } });
            const body = (await res.body.json()) as { max_holdback?: unknown };
            if (res.statusCode !== 200 || typeof body.max_holdback !== 'number') throw new Error(`GET /v1/policy on ${profile}: status ${res.statusCode}, no max_holdback`);
            return body.max_holdback;
          },
        };
      };
      const [baseline, subject] = await Promise.all([memorySide('passthrough'), memorySide('guarded')]);
      const memory = await memoryPerStream({ baseline, subject });
      targets.push(...memory.targets);
      process.stdout.write(memory.text);
    }
    process.stdout.write(targetSummary(targets));
    if (parts.has('costs')) process.stdout.write(await inProcessCosts());
    if (parts.has('scan')) process.stdout.write(scanCosts());
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
    for (const server of servers) await server.stop();
    dirs.remove();
  }
}

const started = performance.now();
await main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
process.stderr.write(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
