import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { errorBody, type ErrorCode } from '../errors.ts';

export type SseEvent = EventSourceMessage;

export type StreamEnd = 'completed' | 'upstream_error' | 'client_aborted';

/** What a route plugs into the relay: how events are mapped, and what happens at the end. */
export interface StreamHooks {
  /** Maps one upstream event to the events the client receives (default: the event itself). */
  map?(event: SseEvent): readonly SseEvent[];
  /**
   * Events to append when the upstream body is over: a held-back tail, or an error when a clean
   * end came without `[DONE]`. After an upstream failure the relay adds the error event itself.
   */
  end?(how: 'completed' | 'upstream_error'): readonly SseEvent[];
  /** Called once, when the stream is over for whatever reason. */
  settle?(how: StreamEnd): void;
}

export function serialiseEvent(e: SseEvent): string {
  let out = e.event !== undefined ? `event: ${e.event}\n` : '';
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  for (const line of e.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** An OpenAI-shaped error event: the SDK raises it as an `APIError` instead of treating the stream as done. */
export function errorEvent(code: ErrorCode, message?: string): SseEvent {
  return { data: JSON.stringify(errorBody(code, message)) };
}

/**
 * Re-emits an upstream SSE body to the client event by event, as it arrives. Pull-based: one
 * upstream read is taken only when the client can take more, so a slow client slows the
 * upstream instead of filling memory. An upstream failure ends the stream with an error event
 * (never a silent truncation); a client that leaves aborts the upstream at once.
 */
export function relaySse(source: AsyncIterable<Uint8Array>, hooks: StreamHooks, abortUpstream: () => void): ReadableStream<Uint8Array> {
  const upstream = source[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let out = '';
  const emit = (events: readonly SseEvent[]) => {
    for (const e of events) out += serialiseEvent(e);
  };
  const parser = createParser({
    onEvent: (e) => emit(hooks.map ? hooks.map(e) : [e]),
    // Comments are keep-alives from some upstreams; passing them keeps idle clients connected.
    onComment: (comment) => {
      out += `: ${comment}\n\n`;
    },
  });
  let settled = false;
  const settle = (how: StreamEnd) => {
    if (settled) return;
    settled = true;
    hooks.settle?.(how);
  };
  const take = () => {
    const chunk = encoder.encode(out);
    out = '';
    return chunk;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          while (out === '') {
            const { value, done } = await upstream.next();
            if (done) {
              // As the SSE spec says, an event cut off before its blank line is not dispatched.
              parser.feed(decoder.decode());
              emit(hooks.end?.('completed') ?? []);
              if (out !== '') controller.enqueue(take());
              controller.close();
              settle('completed');
              return;
            }
            parser.feed(decoder.decode(value, { stream: true }));
          }
          controller.enqueue(take());
        } catch (err) {
          if (settled) return;
          abortUpstream();
          const timedOut = (err as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT';
          emit(hooks.end?.('upstream_error') ?? []);
          emit([errorEvent(timedOut ? 'upstream_timeout' : 'upstream_stream_failed')]);
          controller.enqueue(take());
          controller.close();
          settle('upstream_error');
        }
      },
      cancel() {
        settle('client_aborted');
        abortUpstream();
      },
    },
    { highWaterMark: 0 },
  );
}
