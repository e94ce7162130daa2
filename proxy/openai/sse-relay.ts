import type { Readable, Writable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { errorBody, type ErrorCode } from '../errors.ts';

export type SseEvent = EventSourceMessage;

export type StreamEnd = 'completed' | 'upstream_error' | 'client_aborted';

/** What a route plugs into the relay: how events are mapped, and what happens at the end. */
export interface StreamHooks {
  /**
   * Maps the upstream events of one read (in order) to the events the client receives (default:
   * the events themselves). They go out in one write, so hooks may work on them together.
   */
  map?(events: readonly SseEvent[]): readonly SseEvent[];
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
  // Almost every event is one line: skip the split and join.
  if (!e.data.includes('\n')) return `${out}data: ${e.data}\n\n`;
  for (const line of e.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** An OpenAI-shaped error event: the SDK raises it as an `APIError` instead of treating the stream as done. */
export function errorEvent(code: ErrorCode, message?: string): SseEvent {
  return { data: JSON.stringify(errorBody(code, message)) };
}

/**
 * The first events of a stream are written as soon as they are mapped, even in the middle of a
 * read, until this many have gone out: the stream's first text is among them (a chat stream's
 * first event carries only the role, a Responses stream's first delta is its fifth event).
 */
const EARLY_EVENTS = 5;

/**
 * Re-emits an upstream SSE body to the client event by event, as it arrives: each upstream read
 * becomes one write of the events it completed (nothing waits for the end), except that the
 * first few events of a stream go out as soon as they are mapped. Written straight to
 * the Node response — a web-stream hop per read costs more than the relay itself. Backpressure
 * pauses the upstream while the client's socket is full, so a slow client slows the upstream
 * instead of filling memory. An upstream failure ends the stream with an error event (never a
 * silent truncation); a client that leaves aborts the upstream at once.
 */
export function relaySse(source: Readable, sink: Writable, hooks: StreamHooks, abortUpstream: () => void): void {
  let out = '';
  const emit = (events: readonly SseEvent[]) => {
    for (const e of events) out += serialiseEvent(e);
  };
  /** The events of the current read, mapped together once it is parsed. */
  let batch: SseEvent[] = [];
  /** Events still to be written early, as soon as they are mapped. */
  let earlyLeft = EARLY_EVENTS;
  const mapBatch = () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    earlyLeft = Math.max(0, earlyLeft - events.length);
    emit(hooks.map ? hooks.map(events) : events);
  };
  const parser = createParser({
    onEvent: (e) => {
      batch.push(e);
      if (earlyLeft === 0 || batch.length < earlyLeft) return;
      mapBatch();
      send();
      // Node's HTTP response corks its socket on a write until the next tick: this write would
      // wait for the rest of the read to be worked through. (A write at the end of a read keeps
      // the cork, which gathers the reads of one tick into one packet.)
      sink.uncork();
    },
    // Comments are keep-alives from some upstreams; passing them keeps idle clients connected.
    onComment: (comment) => {
      mapBatch();
      out += `: ${comment}\n\n`;
    },
  });
  let settled = false;
  const settle = (how: StreamEnd) => {
    if (settled) return false;
    settled = true;
    source.off('data', onData).off('end', onEnd).off('error', onError);
    sink.off('close', onClose).off('drain', onDrain);
    hooks.settle?.(how);
    return true;
  };
  const take = () => {
    const text = out;
    out = '';
    return text;
  };
  const finish = (how: 'completed' | 'upstream_error') => {
    sink.end(take());
    settle(how);
  };

  const send = () => {
    if (out === '') return;
    if (!sink.write(take())) source.pause();
  };
  const onData = (text: string) => {
    parser.feed(text);
    mapBatch();
    send();
  };
  const onDrain = () => source.resume();
  const onEnd = () => {
    // An event cut off before its blank line stays in the parser: as the SSE spec says, it is not dispatched.
    emit(hooks.end?.('completed') ?? []);
    finish('completed');
  };
  const onError = (err: unknown) => {
    abortUpstream();
    const timedOut = (err as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT';
    emit(hooks.end?.('upstream_error') ?? []);
    emit([errorEvent(timedOut ? 'upstream_timeout' : 'upstream_stream_failed')]);
    finish('upstream_error');
  };
  const onClose = () => {
    if (sink.writableFinished) return;
    if (settle('client_aborted')) abortUpstream();
    source.destroy();
  };

  // The string decoder keeps multi-byte characters whole across reads.
  source.setEncoding('utf8');
  source.on('data', onData).on('end', onEnd).on('error', onError);
  sink.on('drain', onDrain).on('close', onClose);
}
