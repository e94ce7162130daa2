/**
 * Writes test/eval/data/*.jsonl from the sources in test/eval/gen/. Deterministic: the random
 * values (fake secrets, card numbers, IBANs, obfuscation choices) come from a SHA-256 stream with
 * a fixed seed per part, so re-running rewrites identical files unless a source changed.
 *
 *   node --import tsx test/eval/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DATA_DIR, DATA_FILES, LANGS, validate, type BenignRecord, type Dataset, type InjectionRecord } from './dataset.ts';
import { BENIGN } from './gen/benign-source.ts';
import { INJECTION_OBFUSCATED, INJECTION_PLAIN } from './gen/injection-source.ts';
import { makePii, makePiiLookalikes } from './gen/pii.ts';
import { Rng } from './gen/rng.ts';
import { makeSecretLookalikes, makeSecrets } from './gen/secrets.ts';

const pad = (n: number): string => String(n).padStart(3, '0');

export function build(): Dataset {
  const injection: InjectionRecord[] = [];
  for (const lang of LANGS) {
    INJECTION_PLAIN[lang].forEach((src, i) => {
      injection.push({ id: `inj-${lang}-${pad(i + 1)}`, text: src.text, subtype: src.subtype, lang, obfuscation: 'none', embedded: src.embedded ?? false });
    });
  }
  const obfRng = new Rng('bulwark-eval/injection-obfuscation');
  INJECTION_OBFUSCATED.forEach((src, i) => {
    injection.push({
      id: `inj-obf-${pad(i + 1)}`,
      text: src.make(obfRng),
      subtype: src.subtype,
      lang: src.lang,
      obfuscation: src.obfuscation,
      embedded: src.embedded ?? false,
    });
  });

  const benign: BenignRecord[] = [];
  for (const lang of LANGS) {
    BENIGN[lang].forEach((src, i) => {
      benign.push({ id: `ben-${lang}-${pad(i + 1)}`, text: src.text, subtype: src.tricky ? 'tricky' : 'ordinary', topic: src.topic, lang });
    });
  }

  const number = <T extends object>(prefix: string, drafts: T[]): Array<T & { id: string }> =>
    drafts.map((d, i) => ({ id: `${prefix}-${pad(i + 1)}`, ...d }));

  return {
    injection,
    benign,
    secrets: number('sec', makeSecrets(new Rng('bulwark-eval/secrets'))),
    secretLookalikes: number('sec-la', makeSecretLookalikes(new Rng('bulwark-eval/secret-lookalikes'))),
    pii: number('pii', makePii(new Rng('bulwark-eval/pii'))),
    piiLookalikes: number('pii-la', makePiiLookalikes(new Rng('bulwark-eval/pii-lookalikes'))),
  };
}

function main(): void {
  const data = build();
  let failed = false;
  for (const [part, file] of Object.entries(DATA_FILES) as [keyof Dataset, string][]) {
    const records = data[part];
    const problems = validate(part, records);
    if (problems.length > 0) {
      failed = true;
      console.error(`${part}:\n  ${problems.join('\n  ')}`);
      continue;
    }
    writeFileSync(`${DATA_DIR}${file}`, toJsonl(records));
    console.log(`${file.padEnd(26)} ${records.length}`);
  }
  if (failed) process.exitCode = 1;
}

export const toJsonl = (records: readonly object[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
