import { Writable } from 'node:stream';
import type { TracerProvider } from '@opentelemetry/api';
import { SignJWT } from 'jose';
import { loadConfig } from '../../proxy/config/load-config.ts';
import { createMockUpstream, type MockUpstream } from '../../proxy/mock-upstream/server.ts';
import type { MockBehaviour } from '../../proxy/mock-upstream/behaviour.ts';
import { startBulwark, type Bulwark } from '../../proxy/server.ts';
import { createLogger } from '../../proxy/telemetry/logger.ts';

export const UPSTREAM_KEY = 'sk-upstream-server-key-for-tests-0123456789';
export const JWT_SECRET = 'test-jwt-secret-that-is-at-least-32-bytes-long';

export type DefaultRole = 'agent' | 'developer' | 'auditor' | 'administrator';

/** An HS256 JWT for `role`, signed with the stack's secret (claims overridable for forgery tests). */
export function signToken(role: string, claims: Record<string, unknown> = {}, secret = JWT_SECRET, expiresIn = '1h'): Promise<string> {
  return new SignJWT({ role, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`user-${role}`)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** A running proxy in front of a mock upstream, both on real ports, with the log lines kept. */
export interface Stack {
  readonly bulwark: Bulwark;
  readonly mock: MockUpstream;
  /** The proxy's `/v1` base URL, as an SDK's `baseURL` takes it. */
  readonly baseURL: string;
  readonly url: string;
  /** Every log line written so far, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** A valid JWT for each default role. */
  readonly tokens: Readonly<Record<DefaultRole, string>>;
  /** `{ authorization: 'Bearer <token>' }` for a role (agent by default). */
  auth(role?: DefaultRole): { authorization: string };
  close(): Promise<void>;
}

export async function startStack(
  options: { env?: Record<string, string>; mock?: Partial<MockBehaviour>; tracerProvider?: TracerProvider } = {},
): Promise<Stack> {
  const mock = await createMockUpstream(options.mock);
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    UPSTREAM_BASE_URL: mock.baseUrl,
    UPSTREAM_API_KEY: UPSTREAM_KEY,
    JWT_SECRET,
    DATABASE_URL: ':memory:',
    METRICS_PORT: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const bulwark = await startBulwark(config, createLogger(config.logLevel, sink), { tracerProvider: options.tracerProvider });
  const roles: DefaultRole[] = ['agent', 'developer', 'auditor', 'administrator'];
  const tokens = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await signToken(r)]))) as Record<DefaultRole, string>;
  return {
    tokens,
    auth: (role = 'agent') => ({ authorization: `Bearer ${tokens[role]}` }),
    bulwark,
    mock,
    url: bulwark.url,
    baseURL: `${bulwark.url}/v1`,
    logs,
    async close() {
      await bulwark.close(0);
      await mock.close();
    },
  };
}

/** Resolves when `predicate` holds, polling briefly; rejects after `ms`. */
export async function eventually(predicate: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
