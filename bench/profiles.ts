/**
 * How the PROXY side is configured. Every scenario names a profile; the runner starts one proxy
 * process per profile in use. Later scenarios (auth, scanning, audit writes) add a profile here
 * with the settings they need and the headers the client must send.
 */
export interface ProxyProfile {
  /** Settings on top of `baseProxyEnv`, as environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Headers sent on the PROXY side only (e.g. a bearer token once auth exists). */
  readonly clientHeaders: Readonly<Record<string, string>>;
}

export const proxyProfiles = {
  /** Pure pass-through: what the proxy costs before auth, policy and audit exist. */
  passthrough: { env: {}, clientHeaders: {} },
} satisfies Record<string, ProxyProfile>;

export type ProxyProfileName = keyof typeof proxyProfiles;

export const BENCH_UPSTREAM_KEY = 'sk-bench-upstream-key-0123456789abcdef';

/** Reproducible settings: nothing from the caller's shell, nothing written into the repository, no fixed ports. */
export function baseProxyEnv(upstreamOrigin: string): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    DATABASE_URL: ':memory:',
    UPSTREAM_BASE_URL: `${upstreamOrigin}/v1`,
    UPSTREAM_API_KEY: BENCH_UPSTREAM_KEY,
    LOG_LEVEL: 'silent',
  };
}
