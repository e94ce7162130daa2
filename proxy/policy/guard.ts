import { globToRegExp } from '../auth/roles.ts';
import type { Config } from '../config/load-config.ts';
import { ProxyError } from '../errors.ts';
import type { RequestRecord } from '../request-record.ts';
import type { ScannableText } from './chat-texts.ts';
import type { Policy } from './compile-rules.ts';
import type { PolicyStore } from './policy-store.ts';
import { BULWARK_POLICY_VERSION, findingAttributes, SPAN_INPUT_SCAN, SPAN_OUTPUT_REDACTION } from '../telemetry/attributes.ts';
import { inChildSpan } from '../telemetry/tracing.ts';
import { answerPolicyFor, applyPolicy, type AnswerPolicy, type PolicyContext, type PolicyMode, type RoleOverrides, type Verdict } from './verdict.ts';

/** What a policy span says: the catalogue version, how many findings and which rules — never what they matched. */
const inputAttributes = (v: Verdict) => ({ [BULWARK_POLICY_VERSION]: v.policyVersion, ...findingAttributes(v.findings, 'input') });
const outputAttributes = (v: Verdict) => ({ [BULWARK_POLICY_VERSION]: v.policyVersion, ...findingAttributes(v.findings, 'output') });

/**
 * One request's dealings with the policy, bound to the catalogue version in force when the
 * request arrived: a reload in the middle of a stream does not change the rules it is judged by.
 */
export interface Judgement {
  readonly policy: Policy;
  readonly context: PolicyContext;
  /** What this request's streamed answers are redacted and watched by (role overrides and observe mode applied). */
  readonly answers: AnswerPolicy;
  /**
   * Scans request texts and rewrites redactions in place; throws `content_filter` on a block;
   * returns whether anything was redacted. Asynchronous on purpose: a detector that answers over
   * the network (an external classifier with a deadline, failing open or closed) plugs in here
   * without touching any route.
   */
  input(texts: ScannableText[]): Promise<boolean>;
  /** Scans answer texts and rewrites redactions in place; returns whether anything was redacted. */
  output(texts: ScannableText[]): boolean;
}

export interface Guard {
  readonly store: PolicyStore;
  readonly mode: PolicyMode;
  begin(role: string, record: RequestRecord): Judgement;
}

export function createGuard(
  store: PolicyStore,
  mode: PolicyMode,
  roleOverrides: Config['policy']['role_overrides'],
  injectionInOperatorText = false,
): Guard {
  const overrides = new Map<string, RoleOverrides>(
    Object.entries(roleOverrides).map(([role, rules]) => [role, Object.entries(rules).map(([glob, actions]) => ({ pattern: globToRegExp(glob), ...actions }))]),
  );
  // One derived answer policy per catalogue version and role: its streaming analysis is done once.
  const answerPolicies = new WeakMap<Policy, Map<string, AnswerPolicy>>();
  const answerPolicy = (policy: Policy, role: string, context: PolicyContext): AnswerPolicy => {
    const byRole = answerPolicies.get(policy) ?? new Map<string, AnswerPolicy>();
    answerPolicies.set(policy, byRole);
    let derived = byRole.get(role);
    if (!derived) {
      derived = answerPolicyFor(policy, context);
      byRole.set(role, derived);
    }
    return derived;
  };
  return {
    store,
    mode,
    begin(role, record) {
      const policy = store.current();
      const context: PolicyContext = { mode, overrides: overrides.get(role) ?? [], injectionInOperatorText };
      record.policyVersion = policy.version;
      return {
        policy,
        context,
        get answers() {
          return answerPolicy(policy, role, context);
        },
        input: async (texts) => {
          const verdict = inChildSpan(record.trace, SPAN_INPUT_SCAN, () => applyPolicy(texts, policy, 'input', context), inputAttributes);
          record.findings.push(...verdict.findings);
          if (verdict.blockedBy.length > 0) {
            record.outcome = 'blocked';
            throw new ProxyError('content_filter', {
              message: `The request was blocked by Bulwark's content policy (rules: ${verdict.blockedBy.join(', ')}).`,
              extra: { rule_ids: verdict.blockedBy },
            });
          }
          if (verdict.redacted) record.outcome = 'redacted';
          return verdict.redacted;
        },
        output: (texts) => {
          const verdict = inChildSpan(record.trace, SPAN_OUTPUT_REDACTION, () => applyPolicy(texts, policy, 'output', context), outputAttributes);
          record.findings.push(...verdict.findings);
          if (verdict.redacted) record.outcome ??= 'redacted';
          return verdict.redacted;
        },
      };
    },
  };
}
