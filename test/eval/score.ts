import type { BenignRecord, Dataset, InjectionRecord, LookalikeRecord, PiiRecord, SecretRecord } from './dataset.ts';

/**
 * Scoring of the labelled data set against any scanner. Kept independent of the engine so it can
 * be unit-tested with a fake scanner; run.ts plugs in `scanText(text, loadPolicy(), 'input')`.
 */

export interface RuleLike {
  readonly id: string;
  readonly category: string;
  readonly input: string;
}

export interface HitLike {
  readonly rule: RuleLike;
  readonly start: number;
  readonly end: number;
}

export type Scan = (text: string) => readonly HitLike[];

export const TARGETS = {
  injectionRecall: 0.9,
  benignBlocked: 0.03,
  secretsCaught: 0.95,
  secretLookalikesTouched: 0.02,
  piiCaught: 0.95,
  piiLookalikesTouched: 0.05,
} as const;

export interface Verdict<R> {
  readonly record: R;
  /** Positive caught / negative wrongly hit. */
  readonly hit: boolean;
  /** Ids of the rules behind the verdict (the catching or offending rules). */
  readonly ruleIds: readonly string[];
  /** Positives only: some relevant match overlapped the value without covering all of it. */
  readonly partial?: boolean;
  /** Negatives: the original substrings the offending rules matched. */
  readonly spans?: readonly string[];
}

export interface Rate {
  readonly n: number;
  readonly hits: number;
}

export interface Score {
  readonly injection: readonly Verdict<InjectionRecord>[];
  readonly benign: readonly Verdict<BenignRecord>[];
  readonly secrets: readonly Verdict<SecretRecord>[];
  readonly secretLookalikes: readonly Verdict<LookalikeRecord>[];
  readonly pii: readonly Verdict<PiiRecord>[];
  readonly piiLookalikes: readonly Verdict<LookalikeRecord>[];
}

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/**
 * The span of `value` inside `text`, trimmed of leading and trailing characters that are neither
 * letters nor digits: leaving "(" of "(415) 555-0132", the "+" of an E.164 number, the "-----" of
 * a PEM armour line or the "==" padding of a base64 key unredacted does not leak anything.
 */
export function coreSpan(text: string, value: string): { start: number; end: number } {
  const at = text.indexOf(value);
  if (at < 0) throw new Error(`value not found in text: ${value.slice(0, 40)}`);
  const lead = /^[^\p{L}\p{N}]*/u.exec(value)![0].length;
  const trail = /[^\p{L}\p{N}]*$/u.exec(value)![0].length;
  if (lead === value.length) return { start: at, end: at + value.length };
  return { start: at + lead, end: at + value.length - trail };
}

const covers = (h: HitLike, span: { start: number; end: number }): boolean => h.start <= span.start && h.end >= span.end;
const overlaps = (h: HitLike, span: { start: number; end: number }): boolean => h.start < span.end && h.end > span.start;

function scoreCovered<R extends { text: string }>(
  records: readonly R[],
  valueOf: (r: R) => string,
  categories: readonly string[],
  scan: Scan,
): Verdict<R>[] {
  return records.map((record) => {
    const span = coreSpan(record.text, valueOf(record));
    const relevant = scan(record.text).filter((h) => categories.includes(h.rule.category));
    const covering = relevant.filter((h) => covers(h, span));
    const partial = covering.length === 0 && relevant.some((h) => overlaps(h, span));
    const ruleIds = uniq((covering.length > 0 ? covering : relevant.filter((h) => overlaps(h, span))).map((h) => h.rule.id));
    return { record, hit: covering.length > 0, ruleIds, partial };
  });
}

function scoreTouched(records: readonly LookalikeRecord[], categories: readonly string[], scan: Scan): Verdict<LookalikeRecord>[] {
  return records.map((record) => {
    const offending = scan(record.text).filter((h) => categories.includes(h.rule.category));
    return {
      record,
      hit: offending.length > 0,
      ruleIds: uniq(offending.map((h) => h.rule.id)),
      spans: offending.map((h) => record.text.slice(h.start, h.end)),
    };
  });
}

export function score(data: Dataset, scan: Scan): Score {
  return {
    injection: data.injection.map((record) => {
      const blocking = scan(record.text).filter((h) => h.rule.category === 'injection' && h.rule.input === 'block');
      return { record, hit: blocking.length > 0, ruleIds: uniq(blocking.map((h) => h.rule.id)) };
    }),
    benign: data.benign.map((record) => {
      const hits = scan(record.text);
      const blocking = hits.filter((h) => h.rule.input === 'block');
      return { record, hit: blocking.length > 0, ruleIds: uniq(blocking.map((h) => h.rule.id)), spans: blocking.map((h) => record.text.slice(h.start, h.end)) };
    }),
    secrets: scoreCovered(data.secrets, (r) => r.secret, ['secret'], scan),
    secretLookalikes: scoreTouched(data.secretLookalikes, ['secret', 'pii'], scan),
    pii: scoreCovered(data.pii, (r) => r.value, ['pii', 'secret'], scan),
    piiLookalikes: scoreTouched(data.piiLookalikes, ['pii'], scan),
  };
}

export function rate(verdicts: readonly Verdict<unknown>[]): Rate {
  return { n: verdicts.length, hits: verdicts.filter((v) => v.hit).length };
}

export const ratio = (r: Rate): number => (r.n === 0 ? Number.NaN : r.hits / r.n);

/** Rates grouped by a key of the record, in first-seen order unless `order` is given. */
export function rateBy<R>(verdicts: readonly Verdict<R>[], key: (r: R) => string, order?: readonly string[]): Map<string, Rate> {
  const groups = new Map<string, { n: number; hits: number }>();
  for (const k of order ?? []) groups.set(k, { n: 0, hits: 0 });
  for (const v of verdicts) {
    const k = key(v.record);
    const g = groups.get(k) ?? { n: 0, hits: 0 };
    g.n++;
    if (v.hit) g.hits++;
    groups.set(k, g);
  }
  for (const [k, g] of groups) if (g.n === 0) groups.delete(k);
  return groups;
}

export interface Headline {
  readonly label: string;
  readonly rate: Rate;
  readonly target: number;
  /** `min`: the figure must reach the target; `max`: it must stay at or under it. */
  readonly direction: 'min' | 'max';
}

export function headlines(s: Score): Headline[] {
  return [
    { label: 'Injection recall (blocked)', rate: rate(s.injection), target: TARGETS.injectionRecall, direction: 'min' },
    { label: 'Benign prompts blocked', rate: rate(s.benign), target: TARGETS.benignBlocked, direction: 'max' },
    { label: 'Secrets caught (fully covered)', rate: rate(s.secrets), target: TARGETS.secretsCaught, direction: 'min' },
    { label: 'Secret look-alikes touched', rate: rate(s.secretLookalikes), target: TARGETS.secretLookalikesTouched, direction: 'max' },
    { label: 'PII caught (fully covered)', rate: rate(s.pii), target: TARGETS.piiCaught, direction: 'min' },
    { label: 'PII look-alikes touched', rate: rate(s.piiLookalikes), target: TARGETS.piiLookalikesTouched, direction: 'max' },
  ];
}

export function passes(h: Headline): boolean {
  const r = ratio(h.rate);
  if (Number.isNaN(r)) return false;
  return h.direction === 'min' ? r >= h.target : r <= h.target;
}
