import type { RequestRecord } from '../request-record.ts';
import { errorEvent, type SseEvent, type StreamHooks } from './sse-relay.ts';

export const DONE = '[DONE]';

/**
 * The relay hooks of a streamed chat completion: notes the time of the first event, and turns
 * an upstream that ends cleanly but without `[DONE]` into an error event, because a silently
 * truncated answer looks like success to most clients.
 */
/** The usage chunk of `stream_options.include_usage` (choices empty, usage set). Cheap test before parsing. */
function recordUsage(record: RequestRecord, data: string): void {
  if (!data.includes('"usage":{')) return;
  try {
    const usage = (JSON.parse(data) as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
    if (usage) record.usage = { input: usage.prompt_tokens ?? 0, output: usage.completion_tokens ?? 0 };
  } catch {
    // Not JSON: nothing to learn from it.
  }
}

export function chatStreamHooks(record: RequestRecord): StreamHooks {
  let done = false;
  return {
    map(event: SseEvent) {
      record.firstByteMs ??= performance.now() - record.startedAt;
      if (event.data === DONE) done = true;
      else recordUsage(record, event.data);
      record.responseBytes = (record.responseBytes ?? 0) + event.data.length;
      return [event];
    },
    end(how) {
      if (how === 'completed' && !done) {
        record.outcome = 'incomplete';
        return [errorEvent('upstream_stream_failed', 'The upstream stream ended before [DONE].')];
      }
      return [];
    },
    settle(how) {
      if (how !== 'completed') record.outcome = how;
    },
  };
}
