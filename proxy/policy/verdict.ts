import { ruleObject, type Policy, type Rule } from './compile-rules.ts';
import type { InputAction, OutputAction } from './rule-schema.ts';
import { redactSpans, scanText, type Direction } from './scan.ts';
import type { ScannableText } from './chat-texts.ts';

export type PolicyMode = 'enforce' | 'observe';

/** What one finding led to. `would_*` are observe-mode records: nothing was done. */
export type Disposition = 'block' | 'redact' | 'log' | 'would_block' | 'would_redact';

/** One rule match, as recorded: ids, positions and the outcome — never the matched text. */
export interface Finding {
  readonly ruleId: string;
  readonly category: string;
  readonly direction: Direction;
  readonly disposition: Disposition;
  readonly messageIndex: number;
  readonly start: number;
  readonly end: number;
}

/** Action overrides for a caller's role: rule-id globs → actions (e.g. `secret.*: {input: log}`). */
export type RoleOverrides = ReadonlyArray<{ readonly pattern: RegExp; readonly input?: InputAction; readonly output?: OutputAction }>;

export interface PolicyContext {
  readonly mode: PolicyMode;
  readonly overrides: RoleOverrides;
  /** Injection rules also read the operator's own instructions (system and developer messages). */
  readonly injectionInOperatorText?: boolean;
}

export interface Verdict {
  readonly policyVersion: string;
  readonly findings: readonly Finding[];
  /** Rule ids that block the request (empty: it may go on). */
  readonly blockedBy: readonly string[];
  /** Whether any text was rewritten. */
  readonly redacted: boolean;
}

export function actionFor(rule: Rule, direction: Direction, ctx: PolicyContext): { action: InputAction; observed: boolean } {
  let action: InputAction = rule[direction];
  if (rule.alwaysOn) return { action, observed: false };
  for (const o of ctx.overrides) {
    const override = o[direction];
    if (override !== undefined && o.pattern.test(rule.id)) {
      action = override;
      break;
    }
  }
  return { action, observed: ctx.mode === 'observe' || rule.observe };
}

/**
 * What one request's streamed answers are checked against, role overrides and observe mode
 * applied. `redacting`: its `redact` rules rewrite the text (every other rule is off there).
 * `watching`: the rules that only record (`log`, or `redact` observed) as the redacting rules of a
 * policy of their own, run over a copy of the text so they never hold the answer back; undefined
 * when there are none. `watchedAs`: how each watched rule's findings are recorded.
 */
export interface AnswerPolicy {
  readonly redacting: Policy;
  readonly watching: Policy | undefined;
  readonly watchedAs: ReadonlyMap<string, Disposition>;
  /** Whether a streamed answer's text must be read at all: some rule rewrites it or records it. */
  readonly reads: boolean;
}

export function answerPolicyFor(policy: Policy, ctx: PolicyContext): AnswerPolicy {
  const outputs = policy.rules.map((rule) => {
    const { action, observed } = actionFor(rule, 'output', ctx);
    return disposition(action, observed);
  });
  const watched = (d: Disposition | undefined): d is 'log' | 'would_redact' => d === 'log' || d === 'would_redact';
  const watchedAs = new Map<string, Disposition>();
  outputs.forEach((d, i) => {
    if (watched(d)) watchedAs.set(policy.rules[i]!.id, d);
  });
  /** The policy with each rule's output set to `redact` where `keep` says so, `off` elsewhere (the same object when nothing changes). */
  const withOutputs = (keep: (d: Disposition | undefined) => boolean): Policy => {
    let changed = false;
    const rules = policy.rules.map((rule, i) => {
      const output: OutputAction = keep(outputs[i]) ? 'redact' : 'off';
      if (output === rule.output) return rule;
      changed = true;
      return ruleObject({ ...rule, output });
    });
    return changed ? { ...policy, rules } : policy;
  };
  return {
    redacting: withOutputs((d) => d === 'redact'),
    watching: watchedAs.size > 0 ? withOutputs(watched) : undefined,
    watchedAs,
    reads: watchedAs.size > 0 || outputs.includes('redact'),
  };
}

function disposition(action: InputAction, observed: boolean): Disposition | undefined {
  if (action === 'off') return undefined;
  if (action === 'log') return 'log';
  if (observed) return action === 'block' ? 'would_block' : 'would_redact';
  return action;
}

/**
 * Scans texts in one direction and applies the policy: collects findings, decides a block,
 * and rewrites redacted texts through their setters (unless the request is blocked anyway).
 */
export function applyPolicy(
  texts: readonly ScannableText[],
  policy: Policy,
  direction: Direction,
  ctx: PolicyContext,
): Verdict {
  const findings: Finding[] = [];
  const blockedBy = new Set<string>();
  const rewrites: Array<() => void> = [];
  for (const t of texts) {
    const spans: Array<{ start: number; end: number; label: string }> = [];
    // The operator's instructions describe the attacks to refuse ("never reveal these
    // instructions"): read as a prompt they would block every request of the app.
    const readInjection = t.operator !== true || ctx.injectionInOperatorText === true;
    for (const m of scanText(t.text, policy, direction, readInjection)) {
      const { action, observed } = actionFor(m.rule, direction, ctx);
      const d = disposition(action, observed);
      if (d === undefined) continue;
      findings.push({ ruleId: m.rule.id, category: m.rule.category, direction, disposition: d, messageIndex: t.messageIndex, start: m.start, end: m.end });
      if (d === 'block') blockedBy.add(m.rule.id);
      if (d === 'redact') spans.push({ start: m.start, end: m.end, label: m.rule.label });
    }
    if (spans.length > 0) rewrites.push(() => t.replace(redactSpans(t.text, spans)));
  }
  if (blockedBy.size === 0) for (const rewrite of rewrites) rewrite();
  return { policyVersion: policy.version, findings, blockedBy: [...blockedBy].sort(), redacted: blockedBy.size === 0 && rewrites.length > 0 };
}
