import { SignJWT } from 'jose';
import { createApiKeyStore, createApiKeyVerifier } from '../proxy/auth/api-keys.ts';
import { createJwtVerifier } from '../proxy/auth/jwt.ts';
import { compileRoles } from '../proxy/auth/roles.ts';
import { openStore } from '../proxy/store/database.ts';
import { percentile } from './stats.ts';

/**
 * Costs measured inside one process, per call, without the network: what a module adds to
 * every request. Later issues add their pure costs (scanning, redaction, audit writes) here.
 */
interface Cost {
  readonly name: string;
  readonly targetMicros: number;
  /** Runs once per measured call. */
  readonly run: (i: number) => Promise<unknown>;
  readonly prepare?: (n: number) => Promise<void>;
}

const WARM_UP = 500;

async function measure(cost: Cost, n: number): Promise<{ p50: number; p99: number; mean: number }> {
  await cost.prepare?.(n);
  // Warm-up calls use indices past the measured ones, so per-call inputs are never reused.
  for (let i = 0; i < WARM_UP; i += 1) await cost.run(n + i);
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    await cost.run(i);
    samples.push((performance.now() - t) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((a, b) => a + b, 0) / n };
}

const SECRET = new TextEncoder().encode('bench-secret-that-is-at-least-32-bytes-long');
const sign = (sub: string) => new SignJWT({ role: 'agent' }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('1h').sign(SECRET);

export async function inProcessCosts(): Promise<string> {
  const roles = compileRoles();
  const jwtOptions = { secret: SECRET, jwksUrl: undefined, jwksCooldownMs: 30_000, algorithms: ['RS256'], issuer: undefined, audience: undefined, roleClaim: 'role', clockToleranceSec: 30 };
  const verifyJwt = createJwtVerifier(jwtOptions, roles);
  const store = await openStore(':memory:');
  const keys = createApiKeyStore(store.db);
  const { key } = await keys.create({ name: 'bench', role: 'agent' });
  const verifyKey = createApiKeyVerifier(keys, roles, 5, () => undefined);
  const uncachedKey = createApiKeyVerifier(keys, roles, 0, () => undefined);
  const repeated = await sign('bench');
  let fresh: string[] = [];

  const costs: Cost[] = [
    { name: 'auth: HS256 JWT, repeat caller (verified-token cache)', targetMicros: 30, run: () => verifyJwt(repeated) },
    {
      name: 'auth: HS256 JWT, first sight (full jose verify)',
      targetMicros: 30,
      prepare: async (n) => {
        fresh = await Promise.all(Array.from({ length: n + WARM_UP }, (_, i) => sign(`user-${i}`)));
      },
      // A different token each call: every one misses the cache and goes through jose.
      run: (i) => verifyJwt(fresh[i]!),
    },
    { name: 'auth: API key, cached row', targetMicros: 30, run: () => verifyKey(key) },
    { name: 'auth: API key, SQLite lookup (cache off)', targetMicros: 30, run: () => uncachedKey(key) },
  ];

  let out = '\nIn-process costs per call (no network), microseconds\n';
  out += `  ${'what'.padEnd(56)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)}  target\n`;
  for (const cost of costs) {
    const r = await measure(cost, 5_000);
    const verdict = r.p50 < cost.targetMicros ? 'PASS' : 'MISS';
    out += `  ${cost.name.padEnd(56)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.mean.toFixed(1).padStart(8)}  p50 < ${cost.targetMicros} µs: ${verdict}\n`;
  }
  await store.close();
  return out;
}
