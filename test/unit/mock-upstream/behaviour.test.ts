import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { behaviourFor, defaultBehaviour, splitText } from '../../../proxy/mock-upstream/behaviour.ts';
import { chatCompletionChunks } from '../../../proxy/mock-upstream/chat.ts';

describe('splitText', () => {
  it('reassembles to the original for any text and chunk size, never halving a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant('word' as const)), (text, size) => {
        const parts = splitText(text, size);
        expect(parts.join('')).toBe(text);
        for (const p of parts) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      }),
    );
  });
});

describe('mock chat stream', () => {
  it('interleaves n choices and ends with usage and [DONE]', () => {
    const b = { ...defaultBehaviour, reply: 'one two', chunkSize: 'word' as const };
    const data = chatCompletionChunks({ model: 'm', n: 2, stream_options: { include_usage: true } }, b);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.at(-1).usage.completion_tokens).toBe(4);
    const text = (i: number) => chunks.flatMap((c) => c.choices.filter((x: { index: number }) => x.index === i).map((x: { delta: { content?: string } }) => x.delta.content ?? '')).join('');
    expect(text(0)).toBe('one two');
    expect(text(1)).toBe('one two');
  });

  it('takes per-request overrides from x-mock-* headers', () => {
    const b = behaviourFor({ 'x-mock-reply': encodeURIComponent('é ok'), 'x-mock-chunk-size': '1', 'x-mock-status': '429' }, defaultBehaviour);
    expect(b).toMatchObject({ reply: 'é ok', chunkSize: 1, failStatus: 429 });
  });
});
