import type { Policy, Rule } from './compile-rules.ts';
import { normalise, originalSpan } from './normalise.ts';

export type Direction = 'input' | 'output';

/** Where a rule matched, in the original text. Never the matched text itself. */
export interface Match {
  readonly rule: Rule;
  readonly start: number;
  readonly end: number;
}

/**
 * Which anchors occur in the (case-folded) view, in one pass for all rules. The alternation
 * finds the longest anchor at a position; the anchors it contains (`token` in `auth_token`,
 * `pass` in `password`) come from the policy's precomputed table, and the search resumes one
 * character on so that overlapping anchors are seen too.
 */
function presentAnchors(policy: Policy, view: string): Set<string> {
  const found = new Set<string>();
  const pattern = policy.anchorPattern;
  if (!pattern) return found;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(view); m !== null; m = pattern.exec(view)) {
    for (const a of policy.anchorsWithin.get(m[0].toLowerCase()) ?? []) found.add(a);
    pattern.lastIndex = m.index + 1;
  }
  return found;
}

/**
 * Runs every rule that acts in `direction` over the normalised view of `text` and maps each
 * match back to the original. Pure; linear in the text for linear patterns.
 */
export function scanText(text: string, policy: Policy, direction: Direction): Match[] {
  if (text.length === 0) return [];
  const view = normalise(text);
  const anchors = presentAnchors(policy, view.text);
  const matches: Match[] = [];
  for (const rule of policy.rules) {
    if (rule[direction] === 'off') continue;
    if (rule.anchors && !rule.anchors.some((a) => anchors.has(a))) continue;
    for (const span of rule.detector.find(view.text)) {
      const [start, end] = originalSpan(view, span.start, span.end);
      matches.push({ rule, start, end });
    }
  }
  return matches;
}

/**
 * Replaces each span with its label. Overlapping spans merge into one replacement carrying the
 * label of the span that starts first (the longer one on a tie).
 */
export function redactSpans(text: string, spans: ReadonlyArray<{ start: number; end: number; label: string }>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.end <= at) continue;
    if (s.start >= at) {
      out += text.slice(at, s.start) + s.label;
    }
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}
