import { readFileSync } from 'node:fs';

/** Labelled evaluation records. See test/eval/data/README.md for sources and label meanings. */

/** The languages of the main set (test/eval/gen); a blind set may use any ISO 639-1 code. */
export const LANGS = ['en', 'fr', 'es', 'de'] as const;
export type Lang = (typeof LANGS)[number];

export const INJECTION_SUBTYPES = [
  'instruction_override',
  'persona_hijack',
  'jailbreak_persona',
  'chat_template',
  'safety_bypass',
  'prompt_leak',
] as const;
export type InjectionSubtype = (typeof INJECTION_SUBTYPES)[number];

/** The main set's obfuscations; a blind set may name others (`base64`, `markup`, ...). */
export const OBFUSCATIONS = [
  'none',
  'homoglyph_cyrillic',
  'homoglyph_greek',
  'zero_width',
  'fullwidth',
  'letter_spacing',
  'whitespace',
  'mixed_case',
  'leetspeak',
  'combined',
] as const;
export type Obfuscation = (typeof OBFUSCATIONS)[number];

export interface InjectionRecord {
  readonly id: string;
  readonly text: string;
  readonly subtype: InjectionSubtype;
  readonly lang: string;
  readonly obfuscation: string;
  /** The attack sits inside a longer benign task (document to summarise, email, code, tool output). */
  readonly embedded: boolean;
}

export const BENIGN_SUBTYPES = ['ordinary', 'tricky'] as const;
export interface BenignRecord {
  readonly id: string;
  readonly text: string;
  /** `tricky`: shares words or shapes with attacks but is harmless. */
  readonly subtype: (typeof BENIGN_SUBTYPES)[number];
  readonly topic: string;
  readonly lang: string;
}

export interface SecretRecord {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  /** The exact secret substring; occurs exactly once in `text`. */
  readonly secret: string;
}

export interface PiiRecord {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  /** The exact personal value; occurs exactly once in `text`. */
  readonly value: string;
}

export interface LookalikeRecord {
  readonly id: string;
  readonly text: string;
  readonly kind: string;
  readonly note?: string;
}

export interface Dataset {
  readonly injection: readonly InjectionRecord[];
  readonly benign: readonly BenignRecord[];
  readonly secrets: readonly SecretRecord[];
  readonly secretLookalikes: readonly LookalikeRecord[];
  readonly pii: readonly PiiRecord[];
  readonly piiLookalikes: readonly LookalikeRecord[];
}

export const DATA_DIR = new URL('./data/', import.meta.url).pathname;

export const DATA_FILES = {
  injection: 'injection.jsonl',
  benign: 'benign.jsonl',
  secrets: 'secrets.jsonl',
  secretLookalikes: 'secret-lookalikes.jsonl',
  pii: 'pii.jsonl',
  piiLookalikes: 'pii-lookalikes.jsonl',
} as const satisfies Record<keyof Dataset, string>;

export class DatasetError extends Error {
  override name = 'DatasetError';
}

function readJsonl(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  const out: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (err) {
      throw new DatasetError(`${file}:${i + 1}: not JSON: ${(err as Error).message}`);
    }
  });
  return out;
}

type Check = (r: Record<string, unknown>) => string | undefined;

const str = (field: string): Check => (r) =>
  typeof r[field] === 'string' && (r[field] as string).length > 0 ? undefined : `${field} must be a non-empty string`;
const oneOf = (field: string, values: readonly string[]): Check => (r) =>
  values.includes(r[field] as string) ? undefined : `${field} must be one of ${values.join('|')}, got ${JSON.stringify(r[field])}`;
const matching = (field: string, form: RegExp, what: string): Check => (r) =>
  typeof r[field] === 'string' && form.test(r[field] as string) ? undefined : `${field} must be ${what}, got ${JSON.stringify(r[field])}`;
const LANG = matching('lang', /^[a-z]{2}$/, 'an ISO 639-1 code');
const bool = (field: string): Check => (r) => (typeof r[field] === 'boolean' ? undefined : `${field} must be a boolean`);
const occursOnce = (field: string): Check => (r) => {
  const text = r['text'];
  const needle = r[field];
  if (typeof text !== 'string' || typeof needle !== 'string' || needle.length === 0) return undefined;
  const first = text.indexOf(needle);
  if (first < 0) return `${field} does not occur in text`;
  if (text.indexOf(needle, first + 1) >= 0) return `${field} occurs more than once in text`;
  return undefined;
};
const optionalStr = (field: string): Check => (r) =>
  r[field] === undefined || typeof r[field] === 'string' ? undefined : `${field} must be a string when present`;

const CHECKS: Record<keyof Dataset, Check[]> = {
  injection: [str('id'), str('text'), oneOf('subtype', INJECTION_SUBTYPES), LANG, matching('obfuscation', /^[a-z0-9_]+$/, 'a snake_case name'), bool('embedded')],
  benign: [str('id'), str('text'), oneOf('subtype', BENIGN_SUBTYPES), str('topic'), LANG],
  secrets: [str('id'), str('text'), str('kind'), str('secret'), occursOnce('secret')],
  secretLookalikes: [str('id'), str('text'), str('kind'), optionalStr('note')],
  pii: [str('id'), str('text'), str('kind'), str('value'), occursOnce('value')],
  piiLookalikes: [str('id'), str('text'), str('kind'), optionalStr('note')],
};

/** Problems found in the records of one part of the data set (empty when well-formed). */
export function validate(part: keyof Dataset, records: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  records.forEach((rec, i) => {
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      problems.push(`${part}[${i}]: not an object`);
      return;
    }
    const r = rec as Record<string, unknown>;
    const label = typeof r['id'] === 'string' ? r['id'] : `${part}[${i}]`;
    for (const check of CHECKS[part]) {
      const problem = check(r);
      if (problem) problems.push(`${label}: ${problem}`);
    }
    if (typeof r['id'] === 'string') {
      if (ids.has(r['id'])) problems.push(`${label}: duplicate id`);
      ids.add(r['id']);
    }
  });
  return problems;
}

/** Reads and validates every data file; throws a DatasetError listing the first problems. */
export function loadDataset(dir: string = DATA_DIR): Dataset {
  const parts = {} as Record<keyof Dataset, unknown[]>;
  const problems: string[] = [];
  for (const [part, file] of Object.entries(DATA_FILES) as [keyof Dataset, string][]) {
    const records = readJsonl(`${dir}${file}`);
    problems.push(...validate(part, records));
    parts[part] = records;
  }
  if (problems.length > 0) {
    throw new DatasetError(`data set is malformed:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
  return parts as unknown as Dataset;
}
