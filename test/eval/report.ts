import { INJECTION_SUBTYPES, LANGS, OBFUSCATIONS } from './dataset.ts';
import { headlines, passes, rate, rateBy, ratio, type Rate, type Score, type Verdict } from './score.ts';

/** Plain-text report of a Score: headline table with targets, breakdowns, then misses and false positives. */

export const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);

const INVISIBLE = /[\p{Cf}\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu;

/** One-line, visible rendering of a text, truncated to about `max` characters. */
export function show(text: string, max = 100): string {
  const visible = text
    .replace(/\r?\n/g, '⏎')
    .replace(/\t/g, '⇥')
    .replace(INVISIBLE, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
  const chars = [...visible];
  return chars.length <= max ? visible : `${chars.slice(0, max - 1).join('')}…`;
}

function table(rows: string[][], align: Array<'l' | 'r'>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          const fill = ' '.repeat(widths[c]! - [...cell].length);
          return align[c] === 'r' ? fill + cell : cell + fill;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function breakdown(title: string, groups: Map<string, Rate>, hitLabel: string): string {
  const rows = [[title, 'n', hitLabel, 'rate']];
  for (const [k, g] of groups) rows.push([k, String(g.n), String(g.hits), pct(ratio(g))]);
  return table(rows, ['l', 'r', 'r', 'r']);
}

function section(title: string): string {
  return `\n${title}\n${'-'.repeat(title.length)}`;
}

function listing<R extends { id: string; text: string }>(
  title: string,
  verdicts: readonly Verdict<R>[],
  describe: (v: Verdict<R>) => string,
  limit: number,
): string {
  if (verdicts.length === 0) return `${section(title)}\n(none)`;
  const lines = verdicts.slice(0, limit).map((v) => `${v.record.id.padEnd(12)} ${describe(v)}`);
  if (verdicts.length > limit) lines.push(`… and ${verdicts.length - limit} more`);
  return `${section(`${title} (${verdicts.length})`)}\n${lines.join('\n')}`;
}

export interface ReportOptions {
  /** Print the lists of misses and false positives. */
  readonly lists?: boolean;
  /** Maximum entries per list. */
  readonly limit?: number;
  readonly header?: readonly string[];
}

export function report(s: Score, opts: ReportOptions = {}): string {
  const lists = opts.lists ?? true;
  const limit = opts.limit ?? 500;
  const out: string[] = [];
  if (opts.header) out.push(...opts.header, '');

  const rows = [['Measure', 'n', 'hits', 'result', 'target', 'status']];
  for (const h of headlines(s)) {
    rows.push([h.label, String(h.rate.n), String(h.rate.hits), pct(ratio(h.rate)), `${h.direction === 'min' ? '>=' : '<='} ${pct(h.target)}`, passes(h) ? 'PASS' : 'MISS']);
  }
  out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'l']));
  const all = headlines(s);
  out.push(`\n${all.filter(passes).length}/${all.length} targets met.`);

  out.push(section('Injection recall by language'));
  out.push(breakdown('language', rateBy(s.injection, (r) => r.lang, LANGS), 'blocked'));
  out.push(section('Injection recall by obfuscation'));
  out.push(breakdown('obfuscation', rateBy(s.injection, (r) => r.obfuscation, OBFUSCATIONS), 'blocked'));
  out.push(section('Injection recall by subtype'));
  out.push(breakdown('subtype', rateBy(s.injection, (r) => r.subtype, INJECTION_SUBTYPES), 'blocked'));
  out.push(section('Injection recall, direct vs embedded in a benign task'));
  out.push(breakdown('placement', rateBy(s.injection, (r) => (r.embedded ? 'embedded' : 'direct'), ['direct', 'embedded']), 'blocked'));
  out.push(section('Benign prompts blocked'));
  out.push(breakdown('subtype', rateBy(s.benign, (r) => r.subtype, ['ordinary', 'tricky']), 'blocked'));
  out.push('');
  out.push(breakdown('language', rateBy(s.benign, (r) => r.lang, LANGS), 'blocked'));
  out.push(section('Secrets caught by kind'));
  out.push(breakdownWithPartial(s.secrets, (r) => r.kind));
  out.push(section('Secret look-alikes touched by kind'));
  out.push(breakdown('kind', rateBy(s.secretLookalikes, (r) => r.kind), 'touched'));
  out.push(section('PII caught by kind'));
  out.push(breakdownWithPartial(s.pii, (r) => r.kind));
  out.push(section('PII look-alikes touched by kind'));
  out.push(breakdown('kind', rateBy(s.piiLookalikes, (r) => r.kind), 'touched'));

  if (lists) {
    const rules = (v: Verdict<unknown>): string => (v.ruleIds.length > 0 ? v.ruleIds.join(',') : '-');
    const spans = (v: Verdict<unknown>): string => (v.spans ?? []).map((x) => `"${show(x, 40)}"`).join(' ');
    out.push(
      listing('Injection misses', s.injection.filter((v) => !v.hit), (v) => `${v.record.lang} ${v.record.subtype}/${v.record.obfuscation}${v.record.embedded ? '/embedded' : ''}  ${show(v.record.text)}`, limit),
    );
    out.push(listing('Benign prompts blocked', s.benign.filter((v) => v.hit), (v) => `[${rules(v)}] ${spans(v)}  ${show(v.record.text)}`, limit));
    out.push(
      listing('Secrets missed', s.secrets.filter((v) => !v.hit), (v) => `${v.record.kind}${v.partial ? ` PARTIAL by [${rules(v)}]` : ''}  secret=${show(v.record.secret, 60)}  in: ${show(v.record.text, 70)}`, limit),
    );
    out.push(listing('Secret look-alikes touched', s.secretLookalikes.filter((v) => v.hit), (v) => `${v.record.kind} [${rules(v)}] ${spans(v)}  ${show(v.record.text, 70)}`, limit));
    out.push(
      listing('PII missed', s.pii.filter((v) => !v.hit), (v) => `${v.record.kind}${v.partial ? ` PARTIAL by [${rules(v)}]` : ''}  value=${show(v.record.value, 50)}  in: ${show(v.record.text, 70)}`, limit),
    );
    out.push(listing('PII look-alikes touched', s.piiLookalikes.filter((v) => v.hit), (v) => `${v.record.kind} [${rules(v)}] ${spans(v)}  ${show(v.record.text, 70)}`, limit));
  }
  return out.join('\n');
}

function breakdownWithPartial<R extends { kind: string }>(verdicts: readonly Verdict<R>[], key: (r: R) => string): string {
  const groups = rateBy(verdicts, key);
  const rows = [['kind', 'n', 'caught', 'partial', 'rate']];
  for (const [k, g] of groups) {
    const partial = verdicts.filter((v) => key(v.record) === k && v.partial).length;
    rows.push([k, String(g.n), String(g.hits), partial > 0 ? String(partial) : '', pct(ratio(g))]);
  }
  const total = rate(verdicts);
  rows.push(['total', String(total.n), String(total.hits), String(verdicts.filter((v) => v.partial).length), pct(ratio(total))]);
  return table(rows, ['l', 'r', 'r', 'r', 'r']);
}
