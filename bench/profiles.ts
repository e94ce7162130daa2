import { SignJWT } from 'jose';

/**
 * How the PROXY side is configured. Every scenario names a profile; the runner starts one proxy
 * process per profile in use. Later scenarios (auth, scanning, audit writes) add a profile here
 * with the settings they need and the headers the client must send.
 */
export interface ProxyProfile {
  /** Settings on top of `baseProxyEnv`, as environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Headers sent on the PROXY side only, over the shared caller headers (e.g. an API key instead of the JWT). */
  readonly clientHeaders: Readonly<Record<string, string>>;
}

export const proxyProfiles = {
  /** Forwarding only, default settings: no rules, no audit store beyond `:memory:`; the JWT is verified where auth exists. */
  passthrough: { env: {}, clientHeaders: {} },
} satisfies Record<string, ProxyProfile>;

export type ProxyProfileName = keyof typeof proxyProfiles;

export const BENCH_UPSTREAM_KEY = 'sk-bench-upstream-key-0123456789abcdef';
export const BENCH_JWT_SECRET = 'bulwark-bench-jwt-secret-at-least-32-bytes';

/**
 * The caller's bearer token, sent on both sides so the requests are identical: the mock ignores
 * it; Bulwark strips it, and verifies it where authentication is in force.
 */
export async function benchToken(): Promise<string> {
  return new SignJWT({ role: 'agent' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('bench')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(BENCH_JWT_SECRET));
}

/** Reproducible settings: nothing from the caller's shell, nothing written into the repository, no fixed ports. */
export function baseProxyEnv(upstreamOrigin: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    DATABASE_URL: ':memory:',
    UPSTREAM_BASE_URL: `${upstreamOrigin}/v1`,
    UPSTREAM_API_KEY: BENCH_UPSTREAM_KEY,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'silent',
  };
}
