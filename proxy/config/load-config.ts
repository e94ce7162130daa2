import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { settings, type Setting, type SettingKey, type Settings } from './settings.ts';

/** A configuration mistake the operator must fix; its message is one line naming the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export interface Config extends Settings {
  /** Where chat completions and passthrough routes go; `mock` until main.ts starts the mock. */
  readonly upstream: { readonly mode: 'mock' } | { readonly mode: 'remote'; readonly baseUrl: string };
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
  return withUpstream(values as Settings);
}

function withUpstream(s: Settings): Config {
  const mock = s.mockUpstream ?? (s.upstreamBaseUrl === undefined && s.upstreamApiKey === undefined);
  if (mock) return { ...s, upstream: { mode: 'mock' } };
  return { ...s, upstream: { mode: 'remote', baseUrl: s.upstreamBaseUrl ?? OPENAI_BASE_URL } };
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
  const known = new Set(Object.values(settings).map((s: Setting) => s.env.toLowerCase()));
  const unknown = Object.keys(doc).find((k) => !known.has(k));
  if (unknown !== undefined) throw new ConfigError(`${unknown} in ${path} is not a known setting`);
  return doc as Source;
}
