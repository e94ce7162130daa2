import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { startChildServer, type ChildServer } from './processes.ts';
import { baseProxyEnv, benchToken, proxyProfiles, type ProxyProfileName } from './profiles.ts';
import { header, scenarioSection, targetSummary } from './report.ts';
import { runScenario, type CpuMeter, type ScenarioResult, type Target } from './runner.ts';
import { inProcessCosts } from './in-process.ts';
import { scanCosts } from './scan-cost.ts';
import { scenarios } from './scenarios.ts';

/**
 * `npm run bench`: what Bulwark adds on top of talking to the upstream directly. Only talks to
 * 127.0.0.1, every loop is bounded, and it always exits 0 (a measurement, not a test).
 */

/** More connections than the highest concurrency, so the client pool is never the bottleneck. */
const POOL_OPTIONS = { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 };

const entry = (name: string) => fileURLToPath(new URL(name, import.meta.url));

const client: CpuMeter = {
  name: 'client',
  cpuMicros: async () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
};

/** `npm run bench -- latency ttft` runs only the scenarios with those ids. */
function selected(ids: readonly string[]) {
  const unknown = ids.filter((id) => id !== 'costs' && id !== 'scan' && !scenarios.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.id).join(', ')}`);
  return ids.length === 0 ? scenarios : scenarios.filter((s) => ids.includes(s.id));
}

async function main(): Promise<void> {
  const chosen = selected(process.argv.slice(2));
  process.stdout.write(header());
  const servers: ChildServer[] = [];
  const pools: Pool[] = [];
  const pool = (origin: string) => {
    const p = new Pool(origin, POOL_OPTIONS);
    pools.push(p);
    return p;
  };
  try {
    const mock = await startChildServer('mock upstream', entry('./mock-process.ts'));
    servers.push(mock);
    const caller = { authorization: `Bearer ${await benchToken()}` };
    const direct: Target = { side: 'direct', dispatcher: pool(mock.url), headers: caller };

    // One proxy process per profile in use, started on first need.
    const proxies = new Map<ProxyProfileName, Target>();
    const proxyFor = async (name: ProxyProfileName): Promise<Target> => {
      const known = proxies.get(name);
      if (known) return known;
      const profile = proxyProfiles[name];
      const env = { ...baseProxyEnv(mock.url), ...profile.env };
      const server = await startChildServer(`proxy (${name})`, entry('./proxy-process.ts'), [JSON.stringify(env)]);
      servers.unshift(server); // stopped before the mock it forwards to
      const target: Target = { side: 'proxy', dispatcher: pool(server.url), headers: { ...caller, ...profile.clientHeaders } };
      proxies.set(name, target);
      return target;
    };

    const results: ScenarioResult[] = [];
    for (const scenario of chosen) {
      process.stderr.write(`running ${scenario.id} ...\n`);
      const proxy = await proxyFor(scenario.proxy);
      const result = await runScenario(scenario, { direct, proxy }, [client, ...servers]);
      results.push(result);
      process.stdout.write(scenarioSection(result));
    }
    if (results.length > 0) process.stdout.write(targetSummary(results));
    if (process.argv.length <= 2 || process.argv.includes('costs')) process.stdout.write(await inProcessCosts());
    if (process.argv.length <= 2 || process.argv.includes('scan')) process.stdout.write(scanCosts());
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
    for (const server of servers) await server.stop();
  }
}

const started = performance.now();
await main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
process.stderr.write(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
