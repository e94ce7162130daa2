import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePolicy, RuleError, type Policy, type RuleFile } from './compile-rules.ts';

/** Relative to the working directory, like the default SQLite file: `npm start` runs from the project root. */
export const DEFAULT_RULES_DIR = './rules';

/** Reads every `*.yaml` / `*.yml` file of a folder. */
export function readRuleFiles(dir: string): RuleFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch (err) {
    throw new RuleError(`rules folder ${dir} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (names.length === 0) throw new RuleError(`rules folder ${dir} has no .yaml files`);
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Loads and compiles the catalogue of a folder; throws a RuleError naming file, rule and field. */
export function loadPolicy(dir: string = DEFAULT_RULES_DIR, ownSecrets: readonly string[] = []): Policy {
  return compilePolicy(readRuleFiles(dir), ownSecrets);
}
