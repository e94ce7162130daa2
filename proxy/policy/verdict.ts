import { ruleObject, type Policy, type Rule } from './compile-rules.ts';
import type { InputAction, OutputAction } from './rule-schema.ts';
import { redactSpans, scanText, type Direction } from './scan.ts';

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
 * The policy as one request's answers see it: output actions after role overrides, observed
 * rules reduced to `log` (they record, never rewrite). What a streaming redactor is built on.
 */
export function outputPolicyFor(policy: Policy, ctx: PolicyContext): Policy {
  let changed = false;
  const rules = policy.rules.map((rule) => {
    const { action, observed } = actionFor(rule, 'output', ctx);
    const output = (observed && action === 'redact' ? 'log' : action) as OutputAction;
    if (output === rule.output) return rule;
    changed = true;
    return ruleObject({ ...rule, output });
  });
  if (!changed) return policy;
  return { ...policy, rules };
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
  texts: ReadonlyArray<{ messageIndex: number; text: string; replace(text: string): void }>,
  policy: Policy,
  direction: Direction,
  ctx: PolicyContext,
): Verdict {
  const findings: Finding[] = [];
  const blockedBy = new Set<string>();
  const rewrites: Array<() => void> = [];
  for (const t of texts) {
    const spans: Array<{ start: number; end: number; label: string }> = [];
    for (const m of scanText(t.text, policy, direction)) {
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
