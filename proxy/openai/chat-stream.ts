import { answerFieldRedactor, redactsAnswers } from '../policy/answer-redactor.ts';
import type { Policy } from '../policy/compile-rules.ts';
import type { StreamRedactor } from '../policy/stream-redactor.ts';
import { recordUsage, type RequestRecord } from '../request-record.ts';
import { errorEvent, type SseEvent, type StreamHooks } from './sse-relay.ts';

export const DONE = '[DONE]';

/** A chunk that carries a usage object (not `"usage": null`). */
const USAGE = /"usage"\s*:\s*\{/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One streaming redactor per choice and per text field (content, refusal, each tool call's
 * arguments, a legacy function call's arguments, a legacy completion's text), created on first use.
 */
class ChoiceFields {
  private readonly fields = new Map<string, StreamRedactor>();
  constructor(
    private readonly policy: Policy,
    private readonly record: RequestRecord,
  ) {}

  push(choice: number, key: string, text: string): string {
    let r = this.fields.get(key);
    if (!r) {
      r = answerFieldRedactor(this.policy, this.record, choice);
      this.fields.set(key, r);
    }
    return r.push(text);
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
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

/** A chunk changed in more than one text field, or in its shape (tails added, log probabilities dropped). */
const RESHAPED = 'reshaped';

/**
 * Redacts the text fields of one chunk's choices in place. Returns what differs from what the
 * upstream sent (held-back text included): nothing, so the chunk goes out byte for byte; one
 * text field; or more.
 */
function redactChunk(chunk: Json, fields: ChoiceFields): FieldEdit | typeof RESHAPED | undefined {
  let edit: FieldEdit | typeof RESHAPED | undefined;
  const through = (choice: number, holder: Json, key: string, fieldKey: string) => {
    const text = holder[key];
    if (typeof text !== 'string' || text === '') return;
    const out = fields.push(choice, fieldKey, text);
    if (out !== text) {
      holder[key] = out;
      edit = edit === undefined ? { key, before: text, after: out } : RESHAPED;
    }
  };
  for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
    if (!isObject(choice)) continue;
    const i = typeof choice.index === 'number' ? choice.index : 0;
    const delta = isObject(choice.delta) ? choice.delta : undefined;
    if (delta) {
      through(i, delta, 'content', `${i}:content`);
      through(i, delta, 'refusal', `${i}:refusal`);
      for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
        if (isObject(call) && isObject(call.function)) through(i, call.function, 'arguments', `${i}:tool:${String(call.index ?? 0)}`);
      }
      if (isObject(delta.function_call)) through(i, delta.function_call, 'arguments', `${i}:function_call`);
    }
    through(i, choice, 'text', `${i}:text`);
    if (choice.finish_reason != null) {
      const tails = fields.flush(i);
      if (tails.size > 0) {
        addTails(choice, i, tails);
        edit = RESHAPED;
      }
    }
    // Log probabilities spell out the tokens: once text is held or rewritten they would leak it.
    if (edit !== undefined && choice.logprobs != null) {
      choice.logprobs = null;
      edit = RESHAPED;
    }
  }
  return edit;
}

/**
 * The chunk's JSON with one text value replaced, sparing a serialisation of the whole chunk per
 * delta whose text was held or redacted. Only when the key occurs once in the chunk, followed by
 * the old value as JSON.stringify writes it (quotes inside strings are escaped, so that is the
 * field); else undefined, and the caller serialises the chunk.
 */
function spliced(raw: string, { key, before, after }: FieldEdit): string | undefined {
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
 */
export function chatStreamHooks(record: RequestRecord, outputPolicy: Policy): StreamHooks {
  const fields = new ChoiceFields(outputPolicy, record);
  const redacts = redactsAnswers(outputPolicy);
  let done = false;
  /** The last chunk: its id, model, created... go on a chunk that carries tails after the upstream stopped. */
  let last: Json | undefined;

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

  return {
    map(event: SseEvent) {
      record.firstByteMs ??= performance.now() - record.startedAt;
      record.responseBytes = (record.responseBytes ?? 0) + event.data.length;
      if (event.data === DONE) {
        done = true;
        return [...tailEvents(), event];
      }
      // With nothing to redact, only the usage chunk needs reading: the rest go out as they came.
      if (!redacts && !USAGE.test(event.data)) return [event];
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        return [event];
      }
      if (!isObject(chunk)) return [event];
      recordUsage(record, chunk);
      last = chunk;
      const edit = redactChunk(chunk, fields);
      if (edit === undefined) return [event];
      return [{ ...event, data: (edit !== RESHAPED && spliced(event.data, edit)) || JSON.stringify(chunk) }];
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
