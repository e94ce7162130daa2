import type { RequestRecord } from '../request-record.ts';
import type { Policy } from './compile-rules.ts';
import { createStreamRedactor, type StreamRedactor } from './stream-redactor.ts';

/**
 * A streaming redactor for one text field of a streamed answer whose redactions land in the
 * request's findings (rule, choice, position — never the value), as the non-streamed path's do.
 */
export function answerFieldRedactor(policy: Policy, record: RequestRecord, messageIndex: number): StreamRedactor {
  return createStreamRedactor(policy, (rule, start, end) => {
    record.findings.push({ ruleId: rule.id, category: rule.category, direction: 'output', disposition: 'redact', messageIndex, start, end });
    record.outcome ??= 'redacted';
  });
}

/** Whether any rule of an answer policy rewrites text: when none does, a stream needs no redactor at all. */
export function redactsAnswers(policy: Policy): boolean {
  return policy.rules.some((rule) => rule.output === 'redact');
}
