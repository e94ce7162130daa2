import { answerFieldRedactor } from '../policy/answer-redactor.ts';
import { isObject, type Json, type ScannableText } from '../policy/chat-texts.ts';
import { dropLogprobs, itemTexts, partTexts, responseAnswerTexts } from '../policy/responses-texts.ts';
import type { StreamRedactor } from '../policy/stream-redactor.ts';
import type { AnswerPolicy } from '../policy/verdict.ts';
import { recordUsage, type RequestRecord } from '../request-record.ts';
import { errorEvent, type SseEvent, type StreamHooks } from './sse-relay.ts';

/** The streamed text fields: the delta event, the done event that closes it, and where the done event has the whole text. */
const STREAMED = {
  'response.output_text.delta': { done: 'response.output_text.done', whole: 'text' },
  'response.refusal.delta': { done: 'response.refusal.done', whole: 'refusal' },
  'response.function_call_arguments.delta': { done: 'response.function_call_arguments.done', whole: 'arguments' },
} as const;
type DeltaType = keyof typeof STREAMED;
const isDelta = (type: string): type is DeltaType => Object.hasOwn(STREAMED, type);
const DELTA_OF_DONE = new Map<string, DeltaType>(Object.entries(STREAMED).map(([delta, { done }]) => [done, delta as DeltaType]));

/** The events after which the upstream sends nothing more: the answer is over, complete or not. */
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);
/** Events that repeat the texts in full once they are done. */
const WHOLE_TEXTS = new Set(['response.content_part.done', 'response.output_item.done']);
/** What must be read when rules read answers; with none, only the end (for usage). */
const READ_WHEN_INSPECTING = new Set<string>([...Object.keys(STREAMED), ...DELTA_OF_DONE.keys(), ...WHOLE_TEXTS, ...TERMINAL]);

const SEQUENCE = /"sequence_number"\s*:\s*(\d+)/;

/** One streamed text field: its redactor, where it lies, and its text as the upstream sent it and as the client got it. */
interface StreamedField {
  readonly type: DeltaType;
  readonly where: Json;
  readonly redactor: StreamRedactor;
  raw: string;
  sent: string;
}

const outputIndex = (event: Json) => (typeof event.output_index === 'number' ? event.output_index : 0);

/** The texts an event repeats in full: a done content part, a done output item, the final response. */
function wholeTexts(type: string, event: Json): ScannableText[] {
  const texts: ScannableText[] = [];
  if (type === 'response.content_part.done') partTexts(event.part, outputIndex(event), texts);
  else if (type === 'response.output_item.done') itemTexts(event.item, outputIndex(event), texts);
  else if (TERMINAL.has(type)) return responseAnswerTexts(event.response);
  return texts;
}

const fieldKey = (type: DeltaType, event: Json) => `${type}:${String(event.output_index)}:${String(event.content_index ?? '')}`;

/**
 * The relay hooks of a streamed Responses API answer. Each text field — an output text part or a
 * refusal (per output item and content part), a function call's arguments (per output item) —
 * goes through its own streaming redactor, so a secret split across deltas never reaches the
 * client and plain prose is not delayed; an event whose text is all held back goes out with an
 * empty delta (the SDK appends it like any other) rather than leaving a gap in the sequence.
 * When a field's done event comes, the held tail goes out first as one more delta, and the done
 * event, the content part, the output item and the final response carry the text as the client
 * received it. Usage and timing are recorded, and an upstream that ends without a final event
 * becomes an error event rather than a silent truncation.
 *
 * Sequence numbers are the upstream's; a tail Bulwark adds shares the number of the event before
 * it, so they never decrease and a client resuming after that number misses nothing.
 */
export function responsesStreamHooks(record: RequestRecord, answers: AnswerPolicy): StreamHooks {
  const inspects = answers.reads;
  const reads = inspects ? READ_WHEN_INSPECTING : TERMINAL;
  const fields = new Map<string, StreamedField>();
  /** Whole texts already redacted (upstream text → what the client got), so a repeat is neither scanned nor counted again. */
  const finished = new Map<string, string>();
  let lastSequence: number | undefined;
  let ended = false;

  const redacted = (text: string, index: number): string => {
    let out = finished.get(text);
    if (out === undefined) {
      const r = answerFieldRedactor(answers, record, index);
      out = r.push(text) + r.flush();
      finished.set(text, out);
    }
    return out;
  };
  /** Rewrites texts to their redacted form; returns whether any changed. */
  const rewrite = (texts: readonly ScannableText[]): boolean => {
    let changed = false;
    for (const t of texts) {
      const out = redacted(t.text, t.messageIndex);
      if (out === t.text) continue;
      t.replace(out);
      changed = true;
    }
    return changed;
  };
  const tailEvent = (f: StreamedField, tail: string): SseEvent => {
    const logprobs = f.type === 'response.output_text.delta' ? { logprobs: [] } : {};
    const sequence = lastSequence === undefined ? {} : { sequence_number: lastSequence };
    return { event: f.type, data: JSON.stringify({ type: f.type, ...sequence, ...f.where, delta: tail, ...logprobs }) };
  };
  /** Ends one field: its held tail as a delta event (if any); the upstream's whole text is remembered with what was sent. */
  const close = (key: string, f: StreamedField): SseEvent[] => {
    fields.delete(key);
    const tail = f.redactor.flush();
    f.sent += tail;
    finished.set(f.raw, f.sent);
    return tail === '' ? [] : [tailEvent(f, tail)];
  };

  const onDelta = (type: DeltaType, event: Json): boolean => {
    const delta = event.delta;
    if (typeof delta !== 'string') return false;
    const key = fieldKey(type, event);
    let f = fields.get(key);
    if (!f) {
      const where: Json = { item_id: event.item_id, output_index: event.output_index };
      if (event.content_index !== undefined) where.content_index = event.content_index;
      f = { type, where, redactor: answerFieldRedactor(answers, record, outputIndex(event)), raw: '', sent: '' };
      fields.set(key, f);
    }
    const out = f.redactor.push(delta);
    f.raw += delta;
    f.sent += out;
    if (out === delta) return false;
    event.delta = out;
    dropLogprobs(event);
    return true;
  };

  /** A done event: the field's tail first, then the event with the whole text as sent. */
  const onDone = (type: DeltaType, event: Json, original: SseEvent): SseEvent[] => {
    const key = fieldKey(type, event);
    const f = fields.get(key);
    const tails = f ? close(key, f) : [];
    const whole = STREAMED[type].whole;
    const text = event[whole];
    if (typeof text !== 'string' || text === '') return [...tails, original];
    const out = redacted(text, outputIndex(event));
    if (out === text) return [...tails, original];
    event[whole] = out;
    dropLogprobs(event);
    return [...tails, { ...original, data: JSON.stringify(event) }];
  };

  const mapOne = (event: SseEvent): SseEvent[] => {
    record.firstByteMs ??= performance.now() - record.startedAt;
    record.responseBytes = (record.responseBytes ?? 0) + event.data.length;
    if (event.event !== undefined && !reads.has(event.event)) {
      // A tail added later takes the number of the event before it.
      const sequence = fields.size > 0 ? SEQUENCE.exec(event.data)?.[1] : undefined;
      if (sequence !== undefined) lastSequence = Number(sequence);
      return [event];
    }
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return [event];
    }
    if (!isObject(data)) return [event];
    const type = typeof data.type === 'string' ? data.type : (event.event ?? '');
    if (TERMINAL.has(type)) {
      ended = true;
      if (isObject(data.response)) recordUsage(record, data.response);
    }
    let out: SseEvent[] = [event];
    if (inspects) {
      const closes = DELTA_OF_DONE.get(type);
      if (closes) out = onDone(closes, data, event);
      else if (isDelta(type) ? onDelta(type, data) : rewrite(wholeTexts(type, data))) out = [{ ...event, data: JSON.stringify(data) }];
    }
    if (typeof data.sequence_number === 'number') lastSequence = data.sequence_number;
    return out;
  };

  return {
    // Event by event: Responses deltas are few next to chat chunks, and each has its own sequence number.
    map: (events) => events.flatMap(mapOne),
    end(how) {
      const tails = [...fields].flatMap(([key, f]) => close(key, f));
      if (how === 'completed' && !ended) {
        record.outcome = 'incomplete';
        return [...tails, errorEvent('upstream_stream_failed', 'The upstream stream ended before response.completed.')];
      }
      return tails;
    },
    settle(how) {
      if (how !== 'completed') record.outcome = how;
    },
  };
}
