import { answerFieldRedactor } from '../policy/answer-redactor.ts';
import { isObject, type Json } from '../policy/chat-texts.ts';
import type { StreamRedactor } from '../policy/stream-redactor.ts';
import type { AnswerPolicy } from '../policy/verdict.ts';
import { recordUsage, type RequestRecord } from '../request-record.ts';
import { errorEvent, type SseEvent, type StreamHooks } from './sse-relay.ts';

export const DONE = '[DONE]';

/** A chunk that carries a usage object (not `"usage": null`). */
const USAGE = /"usage"\s*:\s*\{/;


/**
 * One streaming redactor per choice and per text field (content, refusal, each tool call's
 * arguments, a legacy function call's arguments, a legacy completion's text), created on first use.
 */
class ChoiceFields {
  private readonly fields = new Map<string, StreamRedactor>();
  constructor(
    private readonly answers: AnswerPolicy,
    private readonly record: RequestRecord,
  ) {}

  /** The field's redactor, created on first use. */
  redactor(choice: number, key: string): StreamRedactor {
    let r = this.fields.get(key);
    if (!r) {
      r = answerFieldRedactor(this.answers, this.record, choice);
      this.fields.set(key, r);
    }
    return r;
  }

  /** Flushes the fields of one choice (or all), returning the non-empty tails by key. */
  flush(choice?: number): Map<string, string> {
    const tails = new Map<string, string>();
    for (const [key, r] of this.fields) {
      if (choice !== undefined && !key.startsWith(`${choice}:`)) continue;
      const tail = r.flush();
      if (tail !== '') tails.set(key, tail);
      this.fields.delete(key);
    }
    return tails;
  }
}

/**
 * Puts flushed tails back into a choice: content and refusal appended to its delta, tool-call
 * arguments as their own entries, a legacy completion's text to the choice itself.
 */
function addTails(choice: Json, index: number, tails: Map<string, string>): void {
  for (const [key, tail] of tails) {
    const field = key.slice(String(index).length + 1);
    if (field === 'text') {
      choice.text = `${typeof choice.text === 'string' ? choice.text : ''}${tail}`;
      continue;
    }
    const delta = isObject(choice.delta) ? choice.delta : (choice.delta = {});
    if (field === 'content' || field === 'refusal') delta[field] = `${typeof delta[field] === 'string' ? delta[field] : ''}${tail}`;
    else if (field === 'function_call') {
      const call = isObject(delta.function_call) ? delta.function_call : (delta.function_call = {});
      call.arguments = `${typeof call.arguments === 'string' ? call.arguments : ''}${tail}`;
    } else {
      const index = Number(field.slice('tool:'.length));
      const calls = Array.isArray(delta.tool_calls) ? (delta.tool_calls as Json[]) : (delta.tool_calls = []);
      const call = calls.find((c) => c.index === index) ?? (calls.push({ index, function: {} }), calls.at(-1)!);
      const fn = isObject(call.function) ? call.function : (call.function = {});
      fn.arguments = `${typeof fn.arguments === 'string' ? fn.arguments : ''}${tail}`;
    }
  }
}

/** One text field of a chunk rewritten, everything else as the upstream sent it. */
interface FieldEdit {
  /** The object holding the text: one field may be rewritten twice in a batch (held, then released into it). */
  readonly holder: Json;
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

/** A chunk changed in more than one text field, or in its shape (tails added, log probabilities dropped). */
const RESHAPED = 'reshaped';

/** One upstream event of a batch: the chunk read from it, if any, and what redaction changed in it. */
interface Slot {
  readonly event: SseEvent;
  chunk?: Json;
  edit?: FieldEdit | typeof RESHAPED;
}

/** Where a field's text lies in a chunk of the batch; the text a field held is released into its last place. */
interface Place {
  readonly redactor: StreamRedactor;
  readonly slot: Slot;
  readonly choice: Json;
  readonly holder: Json;
  readonly key: string;
}

/** Sets a text field of a slot's chunk, keeping track of what differs from the upstream's bytes. */
function setText(slot: Slot, holder: Json, key: string, value: string): boolean {
  const current = holder[key];
  if (value === current) return false;
  const edit = slot.edit;
  if (edit === undefined && typeof current === 'string') slot.edit = { holder, key, before: current, after: value };
  // Held back, then released into the same place: unchanged after all. (Another place of the
  // same field in this chunk — two tool calls without an index — is another edit.)
  else if (edit !== undefined && edit !== RESHAPED && edit.holder === holder && edit.key === key) slot.edit = value === edit.before ? undefined : { ...edit, after: value };
  else slot.edit = RESHAPED;
  holder[key] = value;
  return true;
}

/** Log probabilities spell out the tokens: once a choice's text is held or rewritten they would leak it. */
function dropLogprobs(slot: Slot, choice: Json): void {
  if (choice.logprobs == null) return;
  choice.logprobs = null;
  slot.edit = RESHAPED;
}

/** Calls `visit` on each text field of a choice: the object holding it, its key there, and its redactor key. */
function visitTexts(choice: Json, i: number, visit: (holder: Json, key: string, field: string) => void): void {
  const delta = isObject(choice.delta) ? choice.delta : undefined;
  if (delta) {
    visit(delta, 'content', `${i}:content`);
    visit(delta, 'refusal', `${i}:refusal`);
    for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (isObject(call) && isObject(call.function)) visit(call.function, 'arguments', `${i}:tool:${String(call.index ?? 0)}`);
    }
    if (isObject(delta.function_call)) visit(delta.function_call, 'arguments', `${i}:function_call`);
  }
  visit(choice, 'text', `${i}:text`);
}

/**
 * The chunk's JSON with one text value replaced, sparing a serialisation of the whole chunk per
 * delta whose text was held or redacted. Only when the key occurs once in the chunk, followed by
 * the old value as JSON.stringify writes it, and the chunk has no `\u` escape (which could spell
 * the real key otherwise, leaving the one literal match to another key ending in `\"content`);
 * else undefined, and the caller serialises the chunk.
 */
function spliced(raw: string, { key, before, after }: FieldEdit): string | undefined {
  if (raw.includes('\\u')) return undefined;
  const name = `"${key}"`;
  // Text fields come last in a chunk as upstreams write them: search from the end.
  const at = raw.lastIndexOf(name);
  if (at <= 0 || raw.lastIndexOf(name, at - 1) >= 0) return undefined;
  const old = `:${JSON.stringify(before)}`;
  if (!raw.startsWith(old, at + name.length)) return undefined;
  return `${raw.slice(0, at + name.length)}:${JSON.stringify(after)}${raw.slice(at + name.length + old.length)}`;
}

/**
 * The relay hooks of a streamed chat completion: each choice's text fields go through a streaming
 * redactor (so a secret split across chunks never reaches the client, and plain prose is not
 * delayed), held tails are flushed at `finish_reason`, `[DONE]`, the upstream's end or failure,
 * usage and timing are recorded, and an upstream that ends cleanly without `[DONE]` becomes an
 * error event rather than a silent truncation.
 *
 * The chunks of one upstream read are redacted together: a field's deltas are deferred and its
 * redactor decides once, at the end of the read (or at the choice's `finish_reason`), and what it
 * releases goes into the last chunk of the read that carries the field; the chunks before it
 * carry an empty text. They all go out in one write, so the client sees the same text at the same
 * moment; under load, when a read brings dozens of chunks, this is one decision instead of dozens.
 */
export function chatStreamHooks(record: RequestRecord, answers: AnswerPolicy): StreamHooks {
  const fields = new ChoiceFields(answers, record);
  const reads = answers.reads;
  let done = false;
  /** The last chunk: its id, model, created... go on a chunk that carries tails after the upstream stopped. */
  let last: Json | undefined;
  /** Fields whose redactor holds deferred text, and their last place in the current batch. */
  const pending = new Map<string, Place>();

  const tailEvents = (): SseEvent[] => {
    const tails = fields.flush();
    if (tails.size === 0 || !last) return [];
    const { choices: _choices, usage: _usage, ...envelope } = last;
    const byChoice = new Map<number, Map<string, string>>();
    for (const [key, tail] of tails) {
      const choice = Number(key.slice(0, key.indexOf(':')));
      (byChoice.get(choice) ?? byChoice.set(choice, new Map()).get(choice)!).set(key, tail);
    }
    const choices = [...byChoice].map(([index, t]) => {
      const choice: Json = { index, logprobs: null, finish_reason: null };
      addTails(choice, index, t);
      return choice;
    });
    return [{ data: JSON.stringify({ ...envelope, choices }) }];
  };

  /** Releases what the deferred fields (of one choice, or all) can emit into their last places. */
  const settle = (choice?: number) => {
    for (const [field, place] of pending) {
      if (choice !== undefined && !field.startsWith(`${choice}:`)) continue;
      pending.delete(field);
      const out = place.redactor.settle();
      if (out === '') continue;
      setText(place.slot, place.holder, place.key, `${String(place.holder[place.key] ?? '')}${out}`);
      dropLogprobs(place.slot, place.choice);
    }
  };

  /** Redacts one chunk's text fields in place, deferring each field's decision to `settle`. */
  const redact = (slot: Slot, chunk: Json) => {
    for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isObject(choice)) continue;
      const i = typeof choice.index === 'number' ? choice.index : 0;
      let changed = false;
      visitTexts(choice, i, (holder, key, field) => {
        const text = holder[key];
        if (typeof text !== 'string' || text === '') return;
        const redactor = fields.redactor(i, field);
        if (setText(slot, holder, key, redactor.defer(text))) changed = true;
        if (redactor.held > 0) pending.set(field, { redactor, slot, choice, holder, key });
        else pending.delete(field);
      });
      if (changed) dropLogprobs(slot, choice);
      if (choice.finish_reason != null) {
        settle(i);
        const tails = fields.flush(i);
        if (tails.size > 0) {
          addTails(choice, i, tails);
          slot.edit = RESHAPED;
          dropLogprobs(slot, choice);
        }
      }
    }
  };

  const serialise = (slot: Slot): SseEvent => {
    const { event, chunk, edit } = slot;
    if (chunk === undefined || edit === undefined) return event;
    return { ...event, data: (edit !== RESHAPED && spliced(event.data, edit)) || JSON.stringify(chunk) };
  };

  return {
    map(events) {
      const slots: Slot[] = [];
      for (const event of events) {
        record.firstByteMs ??= performance.now() - record.startedAt;
        record.responseBytes = (record.responseBytes ?? 0) + event.data.length;
        if (event.data === DONE) {
          done = true;
          settle();
          for (const tail of tailEvents()) slots.push({ event: tail });
          slots.push({ event });
          continue;
        }
        const slot: Slot = { event };
        slots.push(slot);
        // With no rule on answers, only the usage chunk needs reading: the rest go out as they came.
        if (!reads && !USAGE.test(event.data)) continue;
        let chunk: unknown;
        try {
          chunk = JSON.parse(event.data);
        } catch {
          continue;
        }
        if (!isObject(chunk)) continue;
        recordUsage(record, chunk);
        last = chunk;
        slot.chunk = chunk;
        redact(slot, chunk);
      }
      settle();
      return slots.map(serialise);
    },
    end(how) {
      const tails = tailEvents();
      if (how === 'completed' && !done) {
        record.outcome = 'incomplete';
        return [...tails, errorEvent('upstream_stream_failed', 'The upstream stream ended before [DONE].')];
      }
      return tails;
    },
    settle(how) {
      if (how !== 'completed') record.outcome = how;
    },
  };
}
