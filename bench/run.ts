import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { startChildServer, type ChildServer } from './processes.ts';
import { baseProxyEnv, proxyProfiles, type ProxyProfileName } from './profiles.ts';
import { header, scenarioSection, targetSummary } from './report.ts';
import { runScenario, type ScenarioResult } from './runner.ts';
import { scenarios } from './scenarios.ts';

/**
 * `npm run bench`: what Bulwark adds on top of talking to the upstream directly. Only talks to
 * 127.0.0.1, every loop is bounded, and it always exits 0 (a measurement, not a test).
 */

/** More connections than the highest concurrency, so the client pool is never the bottleneck. */
const POOL_OPTIONS = { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 };

const entry = (name: string) => fileURLToPath(new URL(name, import.meta.url));

async function main(): Promise<void> {
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
    const direct = { side: 'direct' as const, dispatcher: pool(mock.url), headers: {} };

    // One proxy process per profile in use, started on first need.
    const proxies = new Map<ProxyProfileName, { side: 'proxy'; dispatcher: Pool; headers: Record<string, string> }>();
    const proxyFor = async (name: ProxyProfileName) => {
      const known = proxies.get(name);
      if (known) return known;
      const profile = proxyProfiles[name];
      const env = { ...baseProxyEnv(mock.url), ...profile.env };
      const server = await startChildServer(`proxy (${name})`, entry('./proxy-process.ts'), [JSON.stringify(env)]);
      servers.unshift(server); // stopped before the mock it forwards to
      const target = { side: 'proxy' as const, dispatcher: pool(server.url), headers: { ...profile.clientHeaders } };
      proxies.set(name, target);
      return target;
    };

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      process.stderr.write(`running ${scenario.id} ...\n`);
      const result = await runScenario(scenario, { direct, proxy: await proxyFor(scenario.proxy) });
      results.push(result);
      process.stdout.write(scenarioSection(result));
    }
    process.stdout.write(targetSummary(results));
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
