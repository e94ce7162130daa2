import { describe, expect, it } from 'vitest';
import { completionTexts, promptListTexts } from '../../../proxy/policy/chat-texts.ts';

describe('completionTexts', () => {
  it('rewrites a choice in place and drops its log probabilities, leaving untouched choices as they were', () => {
    const logprobs = { content: [{ token: 'sk', logprob: -0.1 }] };
    const body = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'key sk-abc' }, logprobs },
        { index: 1, message: { role: 'assistant', content: 'nothing here' }, logprobs },
        { index: 2, text: 'legacy sk-abc', logprobs },
      ],
    };
    const texts = completionTexts(body);
    expect(texts.map((t) => [t.messageIndex, t.text])).toEqual([
      [0, 'key sk-abc'],
      [1, 'nothing here'],
      [2, 'legacy sk-abc'],
    ]);
    texts[0]!.replace('key [KEY]');
    texts[2]!.replace('legacy [KEY]');
    expect(body.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: 'key [KEY]' }, logprobs: null });
    expect(body.choices[1]!.logprobs).toBe(logprobs);
    expect(body.choices[2]).toEqual({ index: 2, text: 'legacy [KEY]', logprobs: null });
  });
});

describe('promptListTexts', () => {
  it('takes a string or each string of a list, leaves token arrays alone, and writes back in place', () => {
    const single = { prompt: 'one' };
    const [only] = promptListTexts(single, 'prompt');
    only!.replace('ONE');
    expect(single.prompt).toBe('ONE');

    const list = { input: ['a', [1, 2], 'b'] as unknown[] };
    const texts = promptListTexts(list, 'input');
    expect(texts.map((t) => [t.messageIndex, t.text])).toEqual([
      [0, 'a'],
      [2, 'b'],
    ]);
    texts[1]!.replace('B');
    expect(list.input).toEqual(['a', [1, 2], 'B']);
    expect(promptListTexts({ input: [1, 2, 3] }, 'input')).toEqual([]);
  });
});
