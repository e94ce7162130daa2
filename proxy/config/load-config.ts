import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PERMISSIONS, type RoleConfig } from '../auth/permissions.ts';
import { INPUT_ACTIONS, OUTPUT_ACTIONS } from '../policy/rule-schema.ts';
import { settings, type Setting, type SettingKey, type Settings } from './settings.ts';

/** A configuration mistake the operator must fix; its message is one line naming the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface Config extends Settings {
  /** Where chat completions and passthrough routes go; `mock` until main.ts starts the mock. */
  readonly upstream: { readonly mode: 'mock' } | { readonly mode: 'remote'; readonly baseUrl: string };
  /** Roles added to (or replacing) the defaults, from the YAML file's `roles:` section. */
  readonly roles: Readonly<Record<string, RoleConfig>>;
  /** Per-role action overrides, from the YAML file's `policy.role_overrides` section. */
  readonly policy: z.output<typeof sections.policy>;
}

const roleSchema = z.strictObject({
  permissions: z.array(z.enum(PERMISSIONS)),
  models: z.array(z.string().min(1)).min(1).optional(),
  max_tokens: z.number().int().positive().optional(),
});

const roleName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'role names are lower-case words');

/** Structured sections of the YAML file, beside the flat settings. */
const sections = {
  roles: z.record(roleName, roleSchema).default({}),
  policy: z
    .strictObject({
      /** role → rule-id glob → actions, e.g. `developer: { "secret.*": { input: log } }`. */
      role_overrides: z
        .record(roleName, z.record(z.string().min(1), z.strictObject({ input: z.enum(INPUT_ACTIONS).optional(), output: z.enum(OUTPUT_ACTIONS).optional() })))
        .default({}),
    })
    .default({ role_overrides: {} }),
};

function parseSection<K extends keyof typeof sections>(key: K, value: unknown, file: string | undefined): z.output<(typeof sections)[K]> {
  const parsed = sections[key].safeParse(value);
  if (parsed.success) return parsed.data as z.output<(typeof sections)[K]>;
  const issue = parsed.error.issues[0];
  throw new ConfigError(`${[key, ...(issue?.path ?? [])].join('.')} in ${file} ${issue?.message ?? 'is invalid'}`);
}

type Source = Readonly<Record<string, unknown>>;

/** Reads `BULWARK_CONFIG` (optional YAML) and the environment; the environment wins. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = env.BULWARK_CONFIG ? readYamlFile(env.BULWARK_CONFIG) : {};
  const values = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(settings) as SettingKey[]) {
    const setting: Setting = settings[key];
    const fromEnv = env[setting.env];
    const raw = fromEnv !== undefined ? fromEnv : file[setting.env.toLowerCase()];
    const where = fromEnv !== undefined ? setting.env : `${setting.env.toLowerCase()} in ${env.BULWARK_CONFIG}`;
    const parsed = setting.schema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'is invalid';
      const shown = setting.secret || raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`;
      throw new ConfigError(`${where} ${reason}${shown}`);
    }
    values[key] = parsed.data;
  }
  const roles = parseSection('roles', file.roles, env.BULWARK_CONFIG);
  const policy = parseSection('policy', file.policy, env.BULWARK_CONFIG);
  return checkAuth(withUpstream(values as Settings, roles, policy));
}

/** Mock mode is development: there, a missing JWT secret is generated at start. Elsewhere one is required. */
function checkAuth(c: Config): Config {
  if (c.jwtSecret !== undefined && Buffer.byteLength(c.jwtSecret) < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 bytes');
  }
  if (c.upstream.mode === 'mock') return c;
  if (c.jwtSecret === undefined && c.jwksUrl === undefined) {
    throw new ConfigError('JWT_SECRET (at least 32 bytes) or JWKS_URL is required outside mock mode');
  }
  if (c.devTokens === true && c.jwtSecret === undefined) throw new ConfigError('DEV_TOKENS needs JWT_SECRET outside mock mode');
  return c;
}

function withUpstream(s: Settings, roles: Config['roles'], policy: Config['policy']): Config {
  const mock = s.mockUpstream ?? (s.upstreamBaseUrl === undefined && s.upstreamApiKey === undefined);
  if (mock) return { ...s, roles, policy, upstream: { mode: 'mock' } };
  return { ...s, roles, policy, upstream: { mode: 'remote', baseUrl: s.upstreamBaseUrl ?? OPENAI_BASE_URL } };
}

function readYamlFile(path: string): Source {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`BULWARK_CONFIG cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)} (${path})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`BULWARK_CONFIG is not valid YAML: ${(err as Error).message.split('\n')[0]} (${path})`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigError(`BULWARK_CONFIG must be a YAML mapping of settings (${path})`);
  }
  const known = new Set([...Object.values(settings).map((s: Setting) => s.env.toLowerCase()), ...Object.keys(sections)]);
  const unknown = Object.keys(doc).find((k) => !known.has(k));
  if (unknown !== undefined) throw new ConfigError(`${unknown} in ${path} is not a known setting`);
  return doc as Source;
}
