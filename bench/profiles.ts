import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

/** Folders the bench prepares for the run and the profiles point at. */
export interface BenchDirs {
  /** A rule folder whose only rule never runs: the proxy with no catalogue. */
  readonly neutralRules: string;
}

/**
 * How one proxy side is configured. A scenario compares two sides, 'direct' or a profile; the
 * runner starts one proxy process per profile in use. A scenario that needs other settings adds
 * a profile here, with the headers the client must send.
 */
export interface ProxyProfile {
  /** How the report names this side. */
  readonly label: string;
  /** Settings on top of `baseProxyEnv`, as environment variables. */
  readonly env: (dirs: BenchDirs) => Readonly<Record<string, string>>;
  /** Headers sent to this side only, over the shared caller headers (e.g. an API key instead of the JWT). */
  readonly clientHeaders: Readonly<Record<string, string>>;
}

/** The repository's catalogue, wherever the bench is started from. */
export const CATALOGUE_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

export const proxyProfiles = {
  /**
   * Forwarding with no rules: the cost of Bulwark's fixed pipeline. What still runs on every
   * call, because no setting turns it off: JWT verification (cached per token) and the
   * permission check, the request record and (silent) log line, metrics, the audit intake row
   * and final row (on `:memory:`), reading and lightly validating the JSON body, and the
   * always-on rule for the proxy's own secrets (upstream key and JWT secret): every prompt text
   * is normalised and scanned for them, and every streamed event is parsed (JSON.parse) and its
   * text fed through the streaming redactor, which holds back at most the longest of them.
   */
  passthrough: { label: 'pass-through', env: (dirs) => ({ RULES_DIR: dirs.neutralRules }), clientHeaders: {} },
  /** The same with the full default catalogue: prompt scanning and answer redaction as shipped. */
  guarded: { label: 'guarded', env: () => ({ RULES_DIR: CATALOGUE_DIR }), clientHeaders: {} },
} satisfies Record<string, ProxyProfile>;

export type ProxyProfileName = keyof typeof proxyProfiles;

/**
 * One side of a comparison: the mock upstream called directly, the bare forwarder in front of it
 * (bare-forwarder.ts: the floor of any Node.js proxy here), or a Bulwark profile in front of it.
 */
export type SideName = 'direct' | 'bare' | ProxyProfileName;

export const sideLabel = (side: SideName): string => (side === 'direct' || side === 'bare' ? side : proxyProfiles[side].label);

/**
 * A rule folder cannot be empty (Bulwark refuses to start without rules), nor can a rule file
 * have no rules: the neutral catalogue is one rule switched off in both directions, so the
 * scanner skips it and it holds nothing back.
 */
const NEUTRAL_RULES = `rules:
  - id: custom.bench-neutral
    category: custom
    description: Never runs (input and output off); it exists because a rule folder cannot be empty.
    severity: low
    pattern: 'bulwark-bench-neutral'
    input: off
    output: off
    label: '[BENCH-NEUTRAL]'
    examples: { match: ['bulwark-bench-neutral'], no_match: ['anything else'] }
`;

/** Creates the run's folders in the system temp dir; `remove` deletes them (after the proxies stopped). */
export function createBenchDirs(): BenchDirs & { remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  const neutralRules = join(root, 'neutral-rules');
  mkdirSync(neutralRules);
  writeFileSync(join(neutralRules, 'neutral.yaml'), NEUTRAL_RULES);
  return { neutralRules, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const BENCH_UPSTREAM_KEY = 'sk-bench-upstream-key-0123456789abcdef';
export const BENCH_JWT_SECRET = 'bulwark-bench-jwt-secret-at-least-32-bytes';

/**
 * A caller's bearer token, sent on every side so the requests are identical: the mock ignores
 * it; Bulwark strips it and verifies it. Load is sent as an `agent`; reading `GET /v1/policy`
 * needs a role with `policy:read`.
 */
export async function benchToken(role: 'agent' | 'developer' = 'agent'): Promise<string> {
  return new SignJWT({ role })
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
