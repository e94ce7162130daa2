import type { Policy } from '../../proxy/policy/compile-rules.ts';
import { scanText } from '../../proxy/policy/scan.ts';

/** Splits `text` at the given points (taken modulo its length + 1); empty pieces are kept. */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  for (const p of [...points, text.length]) {
    parts.push(text.slice(at, p));
    at = p;
  }
  return parts;
}

/** One UTF-16 unit per piece: surrogate pairs split too. */
export const perUnit = (text: string): string[] => [...Array(text.length).keys()].map((i) => text[i]!);

/** The original text of every output-redact match: none may reach the client. */
export const redactedValues = (policy: Policy, text: string): string[] =>
  scanText(text, policy, 'output')
    .filter((m) => m.rule.output === 'redact')
    .map((m) => text.slice(m.start, m.end));

/** `bytes` cut at the given points, as a body arrives in reads; then `failAtEnd`, if given, as the body's error. */
export async function* pieces<T extends Uint8Array>(bytes: T, cuts: readonly number[], failAtEnd?: Error): AsyncGenerator<T> {
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= from || cut >= bytes.length) continue;
    yield bytes.subarray(from, cut) as T;
    from = cut;
  }
  yield bytes.subarray(from) as T;
  if (failAtEnd) throw failAtEnd;
}
