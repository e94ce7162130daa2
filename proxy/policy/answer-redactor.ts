import type { RequestRecord } from '../request-record.ts';
import { createStreamRedactor, type StreamRedactor } from './stream-redactor.ts';
import type { AnswerPolicy } from './verdict.ts';

/**
 * A streaming redactor for one text field of a streamed answer whose findings land in the
 * request's findings (rule, choice, position — never the value), as the non-streamed path's do.
 * Rules that only record (`log`, observe mode) watch a copy of the text: what they would hold
 * back to decide is held in their own buffer, so the answer goes out exactly as without them.
 */
export function answerFieldRedactor(answers: AnswerPolicy, record: RequestRecord, messageIndex: number): StreamRedactor {
  const redactor = createStreamRedactor(answers.redacting, (rule, start, end) => {
    record.findings.push({ ruleId: rule.id, category: rule.category, direction: 'output', disposition: 'redact', messageIndex, start, end });
    record.outcome ??= 'redacted';
  });
  if (!answers.watching) return redactor;
  const watcher = createStreamRedactor(answers.watching, (rule, start, end) => {
    const disposition = answers.watchedAs.get(rule.id) ?? 'log';
    record.findings.push({ ruleId: rule.id, category: rule.category, direction: 'output', disposition, messageIndex, start, end });
  });
  return alongside(redactor, watcher);
}

/** The redactor's output, with a watcher fed the same deltas whose own output is dropped. */
function alongside(redactor: StreamRedactor, watcher: StreamRedactor): StreamRedactor {
  return {
    push(delta) {
      watcher.push(delta);
      return redactor.push(delta);
    },
    defer(delta) {
      watcher.defer(delta);
      return redactor.defer(delta);
    },
    settle() {
      watcher.settle();
      return redactor.settle();
    },
    flush() {
      watcher.flush();
      return redactor.flush();
    },
    // Either side still deciding keeps the field pending, so the watcher is settled with the redactor.
    get held() {
      return redactor.held + watcher.held;
    },
  };
}
