import { globToRegExp } from '../auth/roles.ts';
import type { Config } from '../config/load-config.ts';
import type { RequestRecord } from '../request-record.ts';
import type { ScannableText } from './chat-texts.ts';
import { ProxyError } from '../errors.ts';
import type { Policy } from './compile-rules.ts';
import type { PolicyStore } from './policy-store.ts';
import { applyPolicy, type PolicyContext, type PolicyMode, type RoleOverrides } from './verdict.ts';

/**
 * What routes ask of the policy: judge these texts for this role. Asynchronous on purpose: a
 * detector that answers over the network (an external classifier with a deadline and a
 * fail-open or fail-closed choice) plugs in behind it without touching any route.
 */
export interface Guard {
  readonly store: PolicyStore;
  readonly mode: PolicyMode;
  /** Scans request texts, rewrites redactions in place; throws content_filter on a block. Returns whether anything was redacted. */
  request(texts: ScannableText[], role: string, record: RequestRecord): Promise<boolean>;
  context(role: string): PolicyContext;
}

export function createGuard(store: PolicyStore, mode: PolicyMode, roleOverrides: Config['policy']['role_overrides']): Guard {
  const overrides = new Map<string, RoleOverrides>(
    Object.entries(roleOverrides).map(([role, rules]) => [role, Object.entries(rules).map(([glob, actions]) => ({ pattern: globToRegExp(glob), ...actions }))]),
  );
  const context = (role: string): PolicyContext => ({ mode, overrides: overrides.get(role) ?? [] });
  return {
    store,
    mode,
    context,
    request: async (texts, role, record) => guardRequest(texts, store.current(), context(role), record),
  };
}

/**
 * Applies the input policy to the texts of a request, recording the findings. Throws the
 * `content_filter` error (400, naming rule ids, never content) when a rule blocks; returns
 * whether the body was rewritten by a redaction.
 */
function guardRequest(
  texts: Parameters<typeof applyPolicy>[0],
  policy: Policy,
  ctx: PolicyContext,
  record: RequestRecord,
): boolean {
  const verdict = applyPolicy(texts, policy, 'input', ctx);
  record.policyVersion = verdict.policyVersion;
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
}
