import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../proxy/config/load-config.ts';

/** Writes a YAML config file in a fresh temporary folder and returns its path (for BULWARK_CONFIG). */
export function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bulwark-config-')), 'bulwark.yaml');
  writeFileSync(path, text);
  return path;
}

/** The one-line message of the ConfigError that loading this environment must throw. */
export function configErrorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}
