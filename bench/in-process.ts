import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { openAuditTrail } from '../proxy/audit/audit-trail.ts';
import { createApiKeyStore, createApiKeyVerifier } from '../proxy/auth/api-keys.ts';
import { createJwtVerifier } from '../proxy/auth/jwt.ts';
import { compileRoles } from '../proxy/auth/roles.ts';
import type { RequestRecord } from '../proxy/request-record.ts';
import { openStore } from '../proxy/store/database.ts';
import { createLogger } from '../proxy/telemetry/logger.ts';
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
/** A finished chat completion as the audit recorder sees it: two findings, usage, sizes, timings. */
function auditedRecord(i: number): RequestRecord {
  return {
    requestId: `bench-${i}`,
    method: 'POST',
    route: '/v1/chat/completions',
    startedAt: performance.now(),
    receivedAt: Date.now(),
    clientIp: '127.0.0.1',
    principal: 'user-bench',
    role: 'agent',
    keyId: null,
    model: 'gpt-4o-mini',
    stream: true,
    upstreamStatus: 200,
    outcome: 'redacted',
    requestBytes: 1_834,
    responseBytes: 9_120,
    findings: [
      { ruleId: 'secret.openai-api-key', category: 'secret', direction: 'input', disposition: 'redact', messageIndex: 1, start: 10, end: 61 },
      { ruleId: 'pii.email', category: 'pii', direction: 'output', disposition: 'redact', messageIndex: 0, start: 3, end: 20 },
    ],
    policyVersion: '0123456789abcdef',
    firstByteMs: 84.2,
    usage: { input: 412, output: 230 },
  };
}

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
  // The audit trail on a real SQLite file in WAL mode, as `npm start` runs it (not :memory:).
  const auditDir = mkdtempSync(join(tmpdir(), 'bulwark-bench-audit-'));
  const auditStore = await openStore(join(auditDir, 'bulwark.db'));
  const audit = await openAuditTrail(auditStore, { instanceId: 'bench', hmacKey: undefined, retentionDays: 0, failMode: 'closed', logger: createLogger('silent') });

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
    {
      // One request on its own: the intake insert, then the final update flushed alone (no batching).
      name: 'audit: intake insert + final update, SQLite WAL file',
      targetMicros: 100,
      run: async (i) => {
        const record = auditedRecord(i);
        audit.recorder.begin(record, null);
        await audit.recorder.admit(record);
        audit.recorder.finish(record, 200, 1234.5);
        await audit.recorder.flush();
      },
    },
  ];

  let out = '\nIn-process costs per call (no network), microseconds\n';
  out += `  ${'what'.padEnd(56)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)}  target\n`;
  for (const cost of costs) {
    const r = await measure(cost, 5_000);
    const verdict = r.p50 < cost.targetMicros ? 'PASS' : 'MISS';
    out += `  ${cost.name.padEnd(56)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.mean.toFixed(1).padStart(8)}  p50 < ${cost.targetMicros} µs: ${verdict}\n`;
  }
  await store.close();
  await audit.close();
  const verified = await audit.verify();
  out += `  audit chain after the run: ${verified.rows} rows, ${verified.ok ? 'verifies' : 'BROKEN'}\n`;
  await auditStore.close();
  rmSync(auditDir, { recursive: true, force: true });
  return out;
}
