import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatStreamHooks, DONE } from '../../../proxy/openai/chat-stream.ts';
import type { SseEvent } from '../../../proxy/openai/sse-relay.ts';
import { loadPolicy } from '../../../proxy/policy/load-rules.ts';
import { redactWhole } from '../../../proxy/policy/stream-redactor.ts';
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

/** Streams each choice's text split at `cuts`, choices taking turns, through the hooks; returns what the client receives. */
function relay(texts: readonly string[], cuts: readonly number[], spell: Spelling) {
  const hooks = chatStreamHooks(record(), policy);
  const sent: Array<{ upstream: string; out: readonly SseEvent[] }> = [];
  const send = (data: string) => sent.push({ upstream: data, out: hooks.map!({ data, event: undefined, id: undefined }) });
  const pieces = texts.map((t) => splitAt(t, cuts).filter((p) => p !== ''));
  texts.forEach((_, i) => send(spell(chunk(i, { role: 'assistant', content: '' }))));
  for (let k = 0; pieces.some((p) => k < p.length); k += 1) {
    pieces.forEach((p, i) => {
      if (k < p.length) send(spell(chunk(i, { content: p[k] })));
    });
  }
  texts.forEach((_, i) => send(spell(chunk(i, {}, 'stop'))));
  send(DONE);
  return sent;
}

function check(texts: readonly string[], cuts: readonly number[], spelling: string) {
  const sent = relay(texts, cuts, SPELLINGS[spelling]!);
  const got = texts.map(() => '');
  for (const { upstream, out } of sent) {
    for (const e of out) {
      if (e.data === DONE) continue;
      const c = JSON.parse(e.data) as typeof ENVELOPE & { choices: Array<{ index: number; delta: { content?: string } }> };
      expect({ ...c, choices: undefined }).toEqual({ ...ENVELOPE, choices: undefined });
      for (const choice of c.choices) got[choice.index] += choice.delta.content ?? '';
    }
    const upstreamText = upstream === DONE ? undefined : (JSON.parse(upstream) as { choices: Array<{ delta: { content?: string } }> }).choices[0]!.delta.content;
    const outText = out.length === 1 && out[0]!.data !== DONE ? (JSON.parse(out[0]!.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]!.delta.content : undefined;
    // Unchanged text: the upstream's bytes, untouched.
    if (out.length === 1 && upstreamText !== undefined && outText === upstreamText) expect(out[0]!.data).toBe(upstream);
  }
  texts.forEach((t, i) => {
    const reference = redactWhole(t, policy);
    expect(got[i]).toBe(reference);
    for (const value of redactedValues(policy, t)) if (value.length >= 4 && !reference.includes(value)) expect(got[i]).not.toContain(value);
  });
}

const WORDS = ['Sure', 'the', 'key', 'is', 'mail', 'jane.doe@example.com', 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4', 'café', '/path/to', '"quoted"', 'content', 'stop', '\n', '😀', 'AKIAIOSFODNN7EXAMPLE', 'sk-own-upstream-key-0123456789abcdef'];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 24 }).map((w) => w.join(' '));

describe('chat stream hooks', () => {
  it('redact every spelling and split alike, keep the envelope, and pass unchanged events byte for byte', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 2 }), fc.array(fc.nat(400), { maxLength: 30 }), fc.constantFrom(...Object.keys(SPELLINGS)), (texts, cuts, spelling) => {
        check(texts, cuts, spelling);
      }),
      { numRuns: 300 },
    );
  });

  it('splices a redacted text into the compact chunk and re-serialises any other spelling', () => {
    const key = 'sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4';
    for (const spelling of Object.keys(SPELLINGS)) {
      const sent = relay([`the key is ${key} ok`], [], SPELLINGS[spelling]!);
      const out = sent.flatMap((s) => s.out).map((e) => e.data);
      expect(out.join('')).not.toContain('Ab3dE5gH7jK9');
      expect(out.some((d) => /\[[A-Z-]+-REDACTED\]/.test(d)), spelling).toBe(true);
    }
    // A value that equals its own key, or a key twice (two choices in one chunk): serialised again.
    const hooks = chatStreamHooks(record(), policy);
    const twice = JSON.stringify({ ...ENVELOPE, choices: [0, 1].map((index) => ({ index, delta: { content: `mail jane.doe@example.com ${index}` }, logprobs: null, finish_reason: 'stop' })) });
    const [event] = hooks.map!({ data: twice, event: undefined, id: undefined });
    const parsed = JSON.parse(event!.data) as { choices: Array<{ delta: { content: string } }> };
    expect(parsed.choices.map((c) => c.delta.content)).toEqual(['mail [EMAIL-REDACTED] 0', 'mail [EMAIL-REDACTED] 1']);
  });
});
