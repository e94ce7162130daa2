import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responsesStreamHooks } from '../../../proxy/openai/responses-stream.ts';
import type { SseEvent, StreamHooks } from '../../../proxy/openai/sse-relay.ts';
import { compilePolicy } from '../../../proxy/policy/compile-rules.ts';
import { loadPolicy } from '../../../proxy/policy/load-rules.ts';
import { scanText } from '../../../proxy/policy/scan.ts';
import { redactWhole } from '../../../proxy/policy/stream-redactor.ts';
import { answerPolicyFor, type PolicyMode } from '../../../proxy/policy/verdict.ts';
import type { RequestRecord } from '../../../proxy/request-record.ts';
import { responseStream, type StreamedItem } from '../../helpers/responses-events.ts';
import { perUnit, redactedValues, splitAt } from '../../helpers/stream-splits.ts';

/**
 * The Responses stream hooks against the whole-text reference, with the shipped catalogue: for
 * random answers mixing prose, the catalogue's own secret and PII examples and unicode, split at
 * random points, every event the client gets agrees with the redaction of the whole text, and no
 * matched value reaches it.
 */

const OWN_SECRETS = ['sk-upstream-key-for-responses-tests-0123456789'];
const policy = loadPolicy(new URL('../../../rules/', import.meta.url).pathname, OWN_SECRETS);

const newRecord = (): RequestRecord => ({
  requestId: 'r',
  method: 'POST',
  route: '/v1/responses',
  startedAt: performance.now(),
  receivedAt: Date.now(),
  clientIp: undefined,
  stream: true,
  findings: [],
});

type Json = Record<string, any>;

/** Feeds upstream events through fresh hooks, as the relay does; returns what the client receives. */
function relay(events: readonly SseEvent[], { p = policy, end = 'completed' as 'completed' | 'upstream_error', mode = 'enforce' as PolicyMode } = {}) {
  const record = newRecord();
  const hooks: StreamHooks = responsesStreamHooks(record, answerPolicyFor(p, { mode, overrides: [] }));
  const out: SseEvent[] = [];
  for (const e of events) out.push(...hooks.map!([e]));
  out.push(...hooks.end!(end));
  hooks.settle!(end);
  return { out, parsed: out.map((e) => JSON.parse(e.data) as Json), record };
}

// --- Generators: the catalogue's own examples between prose and unicode --------------------------

/** Every match example of a rule that redacts answers: real secrets and PII in the catalogue's formats. */
const catalogueExamples = policy.rules.filter((r) => r.output === 'redact').flatMap((r) => r.examples?.match ?? []);
const prose = fc.constantFrom('The answer is', 'here', 'key', 'token', 'mail', 'at', 'sk', 'tk-', '@', 'ghp_', 'AKIA', '+44', '4111', 'café', 'naïve', '你好', '😀', '👍🏽', 'ｔｅｓｔ', 'Ѕecret', 'e\u0301', '\u200B', '{"a": "', '"}', '\\n');
const separator = fc.constantFrom(' ', ' ', '  ', '\n', ', ', '. ', '-', ':', '/', '"', '');
const answerText = fc
  .array(fc.oneof({ arbitrary: prose, weight: 4 }, { arbitrary: separator, weight: 4 }, { arbitrary: fc.constantFrom(...catalogueExamples, ...OWN_SECRETS), weight: 2 }), { maxLength: 24 })
  .map((parts) => parts.join(''));
const cuts = fc.array(fc.nat({ max: 3000 }), { maxLength: 30 });

/** Non-empty pieces: an upstream never sends an empty delta. */
const splitNonEmpty = (text: string, at: readonly number[]) => splitAt(text, at).filter((p) => p !== '');

// --- Checks --------------------------------------------------------------------------------------

const deltasOf = (parsed: Json[], type: string, outputIndex: number) =>
  parsed
    .filter((e) => e.type === type && e.output_index === outputIndex)
    .map((e) => e.delta as string)
    .join('');
const only = (parsed: Json[], type: string, outputIndex?: number) => {
  const found = parsed.filter((e) => e.type === type && e.output_index === outputIndex);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

/** One message of text at output 0 and one function call at output 1: every event agrees with the whole-text redaction. */
function checkAnswer(text: string, args: string, textDeltas: string[], argDeltas: string[]) {
  const items: StreamedItem[] = [
    { kind: 'text', deltas: textDeltas },
    { kind: 'function_call', name: 'lookup', deltas: argDeltas },
  ];
  const { out, parsed, record } = relay(responseStream(items));
  const expected = redactWhole(text, policy);
  const expectedArgs = redactWhole(args, policy);

  expect(deltasOf(parsed, 'response.output_text.delta', 0)).toBe(expected);
  expect(only(parsed, 'response.output_text.done', 0).text).toBe(expected);
  expect(only(parsed, 'response.content_part.done', 0).part.text).toBe(expected);
  expect(only(parsed, 'response.output_item.done', 0).item.content[0].text).toBe(expected);
  expect(deltasOf(parsed, 'response.function_call_arguments.delta', 1)).toBe(expectedArgs);
  expect(only(parsed, 'response.function_call_arguments.done', 1).arguments).toBe(expectedArgs);
  expect(only(parsed, 'response.output_item.done', 1).item.arguments).toBe(expectedArgs);
  const completed = only(parsed, 'response.completed', undefined).response;
  expect(completed.output[0].content[0].text).toBe(expected);
  expect(completed.output[1].arguments).toBe(expectedArgs);

  // Nothing the policy redacts reaches the client, in any event.
  const sent = out.map((e) => e.data).join('\n');
  for (const value of [...redactedValues(policy, text), ...redactedValues(policy, args)]) {
    if (value.length >= 4 && !expected.includes(value) && !expectedArgs.includes(value)) expect(sent).not.toContain(value);
  }
  // Every event is a known one and the sequence never goes back.
  const sequence = parsed.map((e) => e.sequence_number as number);
  expect(sequence.every((n, i) => i === 0 || n >= sequence[i - 1]!)).toBe(true);
  expect(out.every((e) => e.event === (JSON.parse(e.data) as Json).type)).toBe(true);
  // Each redaction is recorded once, at its output item, however often the text is repeated.
  const found = (t: string) => scanText(t, policy, 'output').filter((m) => m.rule.output === 'redact').length;
  expect(record.findings.filter((f) => f.messageIndex === 0)).toHaveLength(found(text));
  expect(record.findings.filter((f) => f.messageIndex === 1)).toHaveLength(found(args));
}

describe('Responses stream redaction (properties)', () => {
  it('equals the whole-text redaction in every event, for random texts split at random points, and leaks nothing', () => {
    fc.assert(
      fc.property(answerText, cuts, answerText, cuts, (text, at, argText, argAt) => {
        const args = JSON.stringify({ query: argText });
        checkAnswer(text, args, splitNonEmpty(text, at), splitNonEmpty(args, argAt));
      }),
      { numRuns: 200 },
    );
  });

  it('does so one UTF-16 unit per delta', () => {
    fc.assert(
      fc.property(answerText, answerText, (text, argText) => {
        const args = JSON.stringify({ query: argText });
        checkAnswer(text, args, perUnit(text), perUnit(args));
      }),
      { numRuns: 80 },
    );
  });
});

// --- Cases ---------------------------------------------------------------------------------------

const KEY = 'ghp_Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4';
const REDACTED_KEY = redactWhole(KEY, policy);

describe('Responses stream redaction (cases)', () => {
  it('sends the held tail as one more delta before the done event, sharing the sequence number of the event before it', () => {
    const events = responseStream([{ kind: 'text', deltas: ['use ', KEY.slice(0, 10), KEY.slice(10)] }]);
    const { parsed } = relay(events);
    const types = parsed.map((e) => `${e.type}#${e.sequence_number}`);
    const done = types.findIndex((t) => t.startsWith('response.output_text.done'));
    expect(types.slice(done - 4, done + 1)).toEqual([
      'response.output_text.delta#4',
      'response.output_text.delta#5',
      'response.output_text.delta#6',
      'response.output_text.delta#6',
      'response.output_text.done#7',
    ]);
    expect(parsed.slice(done - 4, done).map((e) => e.delta)).toEqual(['use ', '', '', REDACTED_KEY]);
  });

  it('passes events it has nothing to change byte for byte', () => {
    const events = responseStream([{ kind: 'text', deltas: ['你好', '，世界。'] }]);
    const { out } = relay(events);
    expect(out.map((e) => e.data)).toEqual(events.map((e) => e.data));
  });

  it('reads nothing but the end when no rule redacts answers, and records usage from response.completed', () => {
    const logOnly = compilePolicy([{ name: 'log.yaml', text: "rules:\n  - id: custom.log\n    category: custom\n    description: x\n    severity: low\n    pattern: 'ghp_'\n    max_length: 4\n    input: log\n    output: log\n    label: '[X]'\n    examples: { match: ['ghp_'], no_match: ['ghp'] }\n" }]);
    const events = responseStream([{ kind: 'text', deltas: [KEY] }]);
    const { out, record } = relay(events, { p: logOnly });
    expect(out.map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(record.usage).toEqual({ input: 7, output: 11 });
    expect(record.responseModel).toBe('gpt-helper');
    expect(record.firstByteMs).toBeGreaterThanOrEqual(0);
  });

  it('redacts refusals like output text', () => {
    const { parsed } = relay(responseStream([{ kind: 'refusal', deltas: ['I cannot share ', KEY] }]));
    const expected = `I cannot share ${REDACTED_KEY}`;
    expect(deltasOf(parsed, 'response.refusal.delta', 0)).toBe(expected);
    expect(only(parsed, 'response.refusal.done', 0).refusal).toBe(expected);
    expect(only(parsed, 'response.content_part.done', 0).part.refusal).toBe(expected);
    expect(only(parsed, 'response.completed', undefined).response.output[0].content[0].refusal).toBe(expected);
  });

  it('empties the log probabilities of a delta it rewrites, which would spell the tokens out', () => {
    const events = responseStream([{ kind: 'text', deltas: [`use ${KEY}`] }]).map((e) =>
      e.event === 'response.output_text.delta' ? { ...e, data: e.data.replace('"logprobs":[]', '"logprobs":[{"token":"ghp_","logprob":-0.1}]') } : e,
    );
    const { out } = relay(events);
    expect(out.map((e) => e.data).join('\n')).not.toContain('"token":"ghp_"');
  });

  it('flushes every open field and ends with an error event when the upstream stops without a final event', () => {
    const events = responseStream([{ kind: 'text', deltas: ['use ', KEY] }], { end: false });
    const cut = events.findIndex((e) => e.event === 'response.output_text.done');
    const { parsed, record } = relay(events.slice(0, cut));
    expect(deltasOf(parsed, 'response.output_text.delta', 0)).toBe(`use ${REDACTED_KEY}`);
    expect(parsed.at(-1)!.error.code).toBe('upstream_stream_failed');
    expect(record.outcome).toBe('incomplete');
  });

  it('flushes every open field when the upstream fails, leaving the error event to the relay', () => {
    const events = responseStream([{ kind: 'function_call', name: 'f', deltas: ['{"k": "', KEY] }], { end: false });
    const cut = events.findIndex((e) => e.event === 'response.function_call_arguments.done');
    const { parsed, record } = relay(events.slice(0, cut), { end: 'upstream_error' });
    expect(deltasOf(parsed, 'response.function_call_arguments.delta', 0)).toBe(`{"k": "${REDACTED_KEY}`);
    expect(parsed.at(-1)!.type).toBe('response.function_call_arguments.delta');
    expect(record.outcome).toBe('upstream_error');
  });

  it('redacts a final response that streamed no deltas, and treats an upstream error event as the end', () => {
    const whole = responseStream([{ kind: 'text', deltas: [`use ${KEY}`] }]).filter((e) => e.event === 'response.completed');
    const { parsed, record } = relay(whole);
    expect(parsed[0]!.response.output[0].content[0].text).toBe(`use ${REDACTED_KEY}`);
    expect(record.findings.map((f) => f.ruleId)).toEqual([expect.stringContaining('github')]);
    const failed = relay([{ event: 'error', data: '{"type":"error","sequence_number":0,"code":"server_error","message":"boom"}' }]);
    expect(failed.out).toHaveLength(1);
    expect(failed.record.outcome).toBeUndefined();
  });

  it('in observe mode passes the text on as sent and records, once, the redaction it would have made', () => {
    const events = responseStream([{ kind: 'text', deltas: ['use ', KEY.slice(0, 10), KEY.slice(10), ' now'] }]);
    const { parsed, record } = relay(events, { mode: 'observe' });
    expect(deltasOf(parsed, 'response.output_text.delta', 0)).toBe(`use ${KEY} now`);
    expect(only(parsed, 'response.completed').response.output[0].content[0].text).toBe(`use ${KEY} now`);
    expect(record.findings.map((f) => [f.ruleId, f.disposition, f.start, f.end])).toEqual([[expect.stringContaining('github'), 'would_redact', 4, 4 + KEY.length]]);
  });

  it('reads events that come without an event name by their type', () => {
    const events = responseStream([{ kind: 'text', deltas: ['use ', KEY] }]).map((e) => ({ ...e, event: undefined as never }));
    const { parsed } = relay(events);
    expect(deltasOf(parsed, 'response.output_text.delta', 0)).toBe(`use ${REDACTED_KEY}`);
  });
});
