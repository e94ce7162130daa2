import type { Attributes } from '@opentelemetry/api';
import type { Finding } from '../policy/verdict.ts';

/**
 * The span attribute names Bulwark writes, in one place. The GenAI names are still experimental
 * and `@opentelemetry/semantic-conventions` marks their constants deprecated, so the few used are
 * kept here; the HTTP ones are the stable semantic conventions.
 */
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';

export const HTTP_REQUEST_METHOD = 'http.request.method';
export const HTTP_ROUTE = 'http.route';
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const URL_FULL = 'url.full';
export const SERVER_ADDRESS = 'server.address';
export const SERVER_PORT = 'server.port';
export const ERROR_TYPE = 'error.type';

export const BULWARK_REQUEST_ID = 'bulwark.request_id';
export const BULWARK_OUTCOME = 'bulwark.outcome';
export const BULWARK_ROLE = 'bulwark.role';
export const BULWARK_STREAM = 'bulwark.stream';
export const BULWARK_POLICY_VERSION = 'bulwark.policy.version';
export const BULWARK_POLICY_FINDINGS = 'bulwark.policy.findings';
export const BULWARK_POLICY_RULE_IDS = 'bulwark.policy.rule_ids';

/** Child span names: one per step of the request walk. */
export const SPAN_AUTH = 'bulwark.auth';
export const SPAN_INPUT_SCAN = 'bulwark.input_scan';
export const SPAN_OUTPUT_REDACTION = 'bulwark.output_redaction';

/** Findings of one direction as span attributes: how many, and which rules — never what they matched. */
export function findingAttributes(findings: readonly Finding[], direction: Finding['direction']): Attributes {
  const ruleIds = new Set<string>();
  let count = 0;
  for (const f of findings) {
    if (f.direction !== direction) continue;
    count += 1;
    ruleIds.add(f.ruleId);
  }
  return { [BULWARK_POLICY_FINDINGS]: count, [BULWARK_POLICY_RULE_IDS]: [...ruleIds] };
}
