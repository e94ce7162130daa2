import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatStreamHooks, DONE } from '../../../proxy/openai/chat-stream.ts';
import type { SseEvent } from '../../../proxy/openai/sse-relay.ts';
import { loadPolicy } from '../../../proxy/policy/load-rules.ts';
import { redactWhole } from '../../../proxy/policy/stream-redactor.ts';
import { answerPolicyFor, applyPolicy, type AnswerPolicy } from '../../../proxy/policy/verdict.ts';
import type { RequestRecord } from '../../../proxy/request-record.ts';
import { redactedValues, splitAt } from '../../helpers/stream-splits.ts';

/**
 * The chat stream hooks on chunks as upstreams write them: compact JSON (a rewritten text is
 * spliced into the upstream's bytes), spaced or escaped differently (the chunk is serialised
 * again), two choices interleaved. Whatever the spelling and the split, every event stays valid
 * JSON with the upstream's envelope, each choice's text equals the whole-text redaction, and an
 * event whose text is unchanged goes out byte for byte.
 */

const policy = loadPolicy(undefined, ['sk-own-upstream-key-0123456789abcdef']);
const answers = answerPolicyFor(policy, { mode: 'enforce', overrides: [] });
const ENVELOPE = { id: 'chatcmpl-9x', object: 'chat.completion.chunk', created: 1733500000, model: 'gpt-4o-mini', system_fingerprint: 'fp_1' };

type Spelling = (chunk: object) => string;
const SPELLINGS: Record<string, Spelling> = {
  compact: (c) => JSON.stringify(c),
  spaced: (c) => JSON.stringify(c, null, 1),
  /** Non-ASCII as \u escapes and `/` as `\/`, as some servers write JSON. */
  escaped: (c) => JSON.stringify(c).replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\//g, '\\/'),
};

const record = (): RequestRecord => ({ requestId: 'r', method: 'POST', route: '/v1/chat/completions', startedAt: 0, receivedAt: 0, clientIp: undefined, stream: true, findings: [] });

const chunk = (index: number, delta: object, finish: string | null = null) => ({ ...ENVELOPE, choices: [{ index, delta, logprobs: null, finish_reason: finish }] });

/**
 * Streams each choice's text split at `cuts`, choices taking turns, through the hooks, the events
 * handed over in batches (as one upstream read brings them) cut at `batchCuts`; returns each
 * upstream event with the event the client receives for it, and the tail events added before [DONE].
 */
function relay(texts: readonly string[], cuts: readonly number[], spell: Spelling, batchCuts: readonly number[] = [], judged: AnswerPolicy = answers) {
  const rec = record();
  const hooks = chatStreamHooks(rec, judged);
  const upstream: string[] = [];
  const pieces = texts.map((t) => splitAt(t, cuts).filter((p) => p !== ''));
  texts.forEach((_, i) => upstream.push(spell(chunk(i, { role: 'assistant', content: '' }))));
  for (let k = 0; pieces.some((p) => k < p.length); k += 1) {
    pieces.forEach((p, i) => {
      if (k < p.length) upstream.push(spell(chunk(i, { content: p[k] })));
    });
  }
  texts.forEach((_, i) => upstream.push(spell(chunk(i, {}, 'stop'))));
  upstream.push(DONE);
  const out: SseEvent[] = [];
  let at = 0;
  for (const size of [...batchCuts.map((c) => 1 + (c % 5)), upstream.length]) {
    const batch = upstream.slice(at, at + size).map((data) => ({ data, event: undefined, id: undefined }));
    at += batch.length;
    out.push(...hooks.map!(batch));
    if (at >= upstream.length) break;
  }
  // One event out per event in, except tails added just before [DONE].
  const tails = out.slice(upstream.length - 1, -1);
  return { sent: upstream.slice(0, -1).map((data, i) => ({ upstream: data, out: out[i]! })), tails, all: out, record: rec };
}

/** Each choice's text as the client assembles it, checking that every event keeps the upstream's envelope. */
function received(all: readonly SseEvent[], choices: number): string[] {
  const got = Array.from({ length: choices }, () => '');
  for (const e of all) {
    if (e.data === DONE) continue;
    const c = JSON.parse(e.data) as typeof ENVELOPE & { choices: Array<{ index: number; delta: { content?: string } }> };
    expect({ ...c, choices: undefined }).toEqual({ ...ENVELOPE, choices: undefined });
    for (const choice of c.choices) got[choice.index] += choice.delta.content ?? '';
  }
  return got;
}

function check(texts: readonly string[], cuts: readonly number[], spelling: string, batchCuts: readonly number[] = []) {
  const { sent, all } = relay(texts, cuts, SPELLINGS[spelling]!, batchCuts);
  const got = received(all, texts.length);
  for (const { upstream, out } of sent) {
    const text = (data: string) => (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]!.delta.content;
    // Unchanged text: the upstream's bytes, untouched.
    if (text(out.data) === text(upstream)) expect(out.data).toBe(upstream);
  }
  texts.forEach((t, i) => {
    const reference = redactWhole(t, policy);
    expect(got[i]).toBe(reference);
    for (const value of redactedValues(policy, t)) if (value.length >= 4 && !reference.includes(value)) expect(got[i]).not.toContain(value);
  });
}

const WORDS = ['Sure', 'the', 'key', 'is', 'mail', 'jane.doe@example.com', 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4', 'café', '/path/to', '"quoted"', 'content', 'stop', '\n', '😀', 'AKIA2ZE63D6UBT5RPMW3', 'sk-own-upstream-key-0123456789abcdef'];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 24 }).map((w) => w.join(' '));

describe('chat stream hooks', () => {
  it('redact every spelling, split and batching alike, keep the envelope, and pass unchanged events byte for byte', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 2 }),
        fc.array(fc.nat(400), { maxLength: 30 }),
        fc.constantFrom(...Object.keys(SPELLINGS)),
        fc.array(fc.nat(), { maxLength: 40 }),
        (texts, cuts, spelling, batchCuts) => {
          check(texts, cuts, spelling, batchCuts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in observe mode, pass the text on as sent (bar the proxy\'s own secrets) and record each would-be redaction where the whole answer records it', () => {
    const observe = { mode: 'observe' as const, overrides: [] };
    const observed = answerPolicyFor(policy, observe);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 2 }), fc.array(fc.nat(400), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 40 }), (texts, cuts, batchCuts) => {
        const { all, record: rec } = relay(texts, cuts, SPELLINGS.compact!, batchCuts, observed);
        const got = received(all, texts.length);
        const whole = texts.map((t, i) => ({ messageIndex: i, text: t, replace: () => undefined }));
        const sorted = (fs: ReadonlyArray<{ ruleId: string; disposition: string; messageIndex: number; start: number; end: number }>) =>
          fs.map((f) => `${f.messageIndex}:${f.start}-${f.end}:${f.ruleId}:${f.disposition}`).sort();
        texts.forEach((t, i) => expect(got[i]).toBe(redactWhole(t, observed.redacting)));
        expect(sorted(rec.findings)).toEqual(sorted(applyPolicy(whole, policy, 'output', observe).findings));
      }),
      { numRuns: 300 },
    );
    const { all, record: rec } = relay(['mail jane.doe@example.com now'], [3, 9, 14], SPELLINGS.compact!, [], observed);
    expect(received(all, 1)).toEqual(['mail jane.doe@example.com now']);
    expect(rec.findings.map((f) => f.disposition)).toEqual(['would_redact']);
    expect(rec.outcome).toBeUndefined();
  });

  it('splices a redacted text into the compact chunk and re-serialises any other spelling', () => {
    const key = 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4';
    for (const spelling of Object.keys(SPELLINGS)) {
      const out = relay([`the key is ${key} ok`], [], SPELLINGS[spelling]!).all.map((e) => e.data);
      expect(out.join('')).not.toContain('Ab3dE5gH7jK9');
      expect(out.some((d) => /\[[A-Z-]+-REDACTED\]/.test(d)), spelling).toBe(true);
    }
    // A key spelled with a \u escape, and a decoy key ending in \"content with the same value:
    // the one literal "content" is the decoy's, so the chunk is serialised again.
    const decoy = `{"id":"c","choices":[{"index":0,"delta":{"con\\u0074ent":"the key is ${key}"},"logprobs":null,"finish_reason":null}],"x\\"content":"the key is ${key}"}`;
    const [fixed] = chatStreamHooks(record(), answers).map!([{ data: decoy, event: undefined, id: undefined }]);
    expect((JSON.parse(fixed!.data) as { choices: Array<{ delta: { content: string } }> }).choices[0]!.delta.content).not.toContain('Ab3dE5gH7jK9');
    // A value that equals its own key, or a key twice (two choices in one chunk): serialised again.
    const hooks = chatStreamHooks(record(), answers);
    const twice = JSON.stringify({ ...ENVELOPE, choices: [0, 1].map((index) => ({ index, delta: { content: `mail jane.doe@example.com ${index}` }, logprobs: null, finish_reason: 'stop' })) });
    const [event] = hooks.map!([{ data: twice, event: undefined, id: undefined }]);
    const parsed = JSON.parse(event!.data) as { choices: Array<{ delta: { content: string } }> };
    expect(parsed.choices.map((c) => c.delta.content)).toEqual(['mail [EMAIL-REDACTED] 0', 'mail [EMAIL-REDACTED] 1']);
  });

  it('leaks nothing when one chunk carries the same field twice (tool calls without an index, choices without one)', () => {
    const key = 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4';
    const chunks = [
      { ...ENVELOPE, choices: [{ index: 0, delta: { tool_calls: [{ type: 'function', function: { name: 'a', arguments: 's ' } }, { type: 'function', function: { name: 'b', arguments: key } }] }, logprobs: null, finish_reason: null }] },
      { ...ENVELOPE, choices: [{ delta: { content: 'mail s ' }, logprobs: null, finish_reason: null }, { delta: { content: key }, logprobs: null, finish_reason: null }] },
      { ...ENVELOPE, choices: [{ text: 'mail s ', logprobs: null, finish_reason: null }, { text: key, logprobs: null, finish_reason: null }] },
    ];
    for (const c of chunks) {
      const hooks = chatStreamHooks(record(), answers);
      const out = [...hooks.map!([{ data: JSON.stringify(c), event: undefined, id: undefined }]), ...hooks.end!('upstream_error')];
      expect(out.map((e) => e.data).join('\n')).not.toContain('Ab3dE5gH7jK9');
    }
  });
});
