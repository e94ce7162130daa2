import type { AnchorHits, Policy, Rule } from './compile-rules.ts';
import { encodedPayloads } from './encoded-payloads.ts';
import { asksAbout, mentionedOut } from './mentions.ts';
import type { Span } from './detectors.ts';
import { disguisedWords, normalise, originalSpan, viewIndex, type NormalisedText } from './normalise.ts';

export type Direction = 'input' | 'output';

/** Where a rule matched, in the original text. Never the matched text itself. */
export interface Match {
  readonly rule: Rule;
  readonly start: number;
  readonly end: number;
}

/**
 * Whether each anchor group of the rule has an anchor in the text. `anchors` is the first
 * group; a copy of a rule that replaces `anchors` (or drops them) replaces the groups too.
 */
function anchorsPresent(rule: Rule, policy: Policy, hits: AnchorHits): boolean {
  const ids = rule.anchorGroupIds;
  if (ids !== undefined && rule.anchorGroups?.[0] === rule.anchors) {
    for (let i = 0; i < ids.length; i += 1) if (!hits.group(ids[i]!)) return false;
    return true;
  }
  const anchors = rule.anchors!;
  for (let i = 0; i < anchors.length; i += 1) if (hits.anchor(policy.anchorIndex.idOf(anchors[i]!) ?? -1)) return true;
  return false;
}

/**
 * Runs every rule that acts in `direction` over the normalised view of `text` and maps each
 * match back to the original. A rule is skipped when one of its anchor groups has no literal in
 * the view (all anchors are found in one pass) or its prefilter finds nothing: every match would
 * contain both. In a prompt, injection findings that are only quoted in a request about them are
 * dropped (mentions.ts), and the prompt read with an encoded run decoded in place (base64, hex,
 * ROT13 where it is named: encoded-payloads.ts) is read by the injection rules too, a finding
 * there spanning the encoded run. With `readInjection` false (the operator's own instructions)
 * injection rules are not run at all. Pure; linear in the text for linear patterns.
 */
export function scanText(text: string, policy: Policy, direction: Direction, readInjection = true): Match[] {
  let matches = scanView(text, policy, direction, readInjection ? 'all' : 'others');
  if (direction !== 'input' || !readInjection || !readsPrompts(policy)) return matches;
  // An attack phrase that is only quoted, in a request about it, is mentioned, not used.
  if (matches.some((m) => m.rule.category === 'injection')) {
    const unquoted = mentionedOut(text);
    if (unquoted !== text && asksAbout(unquoted) && scanView(unquoted, policy, direction, 'injection').length === 0) {
      matches = matches.filter((m) => m.rule.category !== 'injection');
    }
  }
  for (const payload of encodedPayloads(text)) {
    // Text the prompt says it hid (encoded-payloads.ts `hidden`) was hidden from a filter: the decoded run is a disguise, as look-alike letters are.
    const decoded: Span | undefined = payload.hidden ? { start: payload.start, end: payload.start + payload.text.length - text.length + payload.end - payload.start } : undefined;
    for (const m of scanView(payload.text, policy, direction, 'injection', decoded)) matches.push({ rule: m.rule, start: payload.start, end: payload.end });
  }
  return matches;
}

/** By rule list: whether an injection rule reads prompts. Without one (a catalogue of secrets only, pass-through) no prompt is searched for encoded runs. */
const injectionReaders = new WeakMap<readonly Rule[], boolean>();
function readsPrompts(policy: Policy): boolean {
  let reads = injectionReaders.get(policy.rules);
  if (reads === undefined) {
    reads = policy.rules.some((rule) => rule.category === 'injection' && rule.input !== 'off');
    injectionReaders.set(policy.rules, reads);
  }
  return reads;
}

/** The spans of a prompt's view that it disguised: its disguised words, and the run decoded from an encoding when it is one. */
function disguisesIn(text: string, view: NormalisedText, decoded: Span | undefined): Span[] {
  const spans = disguisedWords(text);
  if (decoded) spans.push(decoded);
  return spans.map(({ start, end }) => ({ start: viewIndex(view, start), end: viewIndex(view, end) }));
}

/** Which rules a scan runs: all of them, only the injection rules, or all but those. */
type RuleSet = 'all' | 'injection' | 'others';

function scanView(text: string, policy: Policy, direction: Direction, ruleSet: RuleSet, decoded?: Span): Match[] {
  if (text.length === 0) return [];
  // A prompt's view reads hidden tag-character text; an answer's drops it, as its stream does.
  const view = normalise(text, direction === 'input');
  // Only injection rules weigh a disguise: a scan without them (secrets and PII only, the operator's own messages) looks for none.
  const disguises = direction === 'input' && ruleSet !== 'others' && readsPrompts(policy) ? disguisesIn(text, view, decoded) : undefined;
  const hits = policy.anchorIndex.find(view.text);
  let prefiltered: Map<RegExp, boolean> | undefined;
  const matches: Match[] = [];
  // An indexed loop and plain property reads: this loop runs for every rule on every text.
  const rules = policy.rules;
  for (let r = 0; r < rules.length; r += 1) {
    const rule = rules[r]!;
    if ((direction === 'input' ? rule.input : rule.output) === 'off') continue;
    if (ruleSet !== 'all' && (rule.category === 'injection') !== (ruleSet === 'injection')) continue;
    if (rule.anchors !== undefined && !anchorsPresent(rule, policy, hits)) continue;
    if (rule.prefilter) {
      prefiltered ??= new Map();
      let pass = prefiltered.get(rule.prefilter);
      if (pass === undefined) prefiltered.set(rule.prefilter, (pass = rule.prefilter.test(view.text)));
      if (!pass) continue;
    }
    for (const span of rule.detector.find(view.text, disguises)) {
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
