import { describe, expect, it } from 'vitest';
import { OUTSIDE_ITEMS, responseAnswerTexts, responseRequestTexts } from '../../../proxy/policy/responses-texts.ts';

/** Every text of a Responses request or answer is found, with its index, and rewritten in place; nothing else is. */

const found = (texts: ReturnType<typeof responseRequestTexts>) => texts.map((t) => [t.messageIndex, t.text]);
const rewriteAll = (texts: ReturnType<typeof responseRequestTexts>) => texts.forEach((t) => t.replace(`<${t.text}>`));

describe('responseRequestTexts', () => {
  it('reads a string input and the instructions', () => {
    const body = { model: 'm', input: 'hello', instructions: 'be brief' };
    const texts = responseRequestTexts(body);
    expect(found(texts)).toEqual([
      [OUTSIDE_ITEMS, 'be brief'],
      [0, 'hello'],
    ]);
    rewriteAll(texts);
    expect(body).toEqual({ model: 'm', input: '<hello>', instructions: '<be brief>' });
  });

  it('reads messages, function calls and their outputs, and leaves other items and parts alone', () => {
    const input = [
      { role: 'user', content: 'plain' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'part' }, { type: 'input_image', image_url: 'https://x.test/a.png' }, { type: 'input_file', file_data: 'data' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'said', annotations: [] }, { type: 'refusal', refusal: 'no' }] },
      { role: 'user', content: [{ type: 'text', text: 'legacy part' }, { type: 'input_audio', input_audio: { data: 'x' } }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"q":"args"}' },
      { type: 'function_call_output', call_id: 'c1', output: 'result' },
      { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'listed result' }, { type: 'input_image', image_url: 'x' }] },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] },
      { type: 'item_reference', id: 'msg_1' },
      { type: 'custom_tool_call', call_id: 'c3', name: 'g', input: 'free text' },
    ];
    const body = { model: 'm', input };
    const before = structuredClone(input);
    const texts = responseRequestTexts(body);
    expect(found(texts)).toEqual([
      [0, 'plain'],
      [1, 'part'],
      [2, 'said'],
      [2, 'no'],
      [3, 'legacy part'],
      [4, '{"q":"args"}'],
      [5, 'result'],
      [6, 'listed result'],
    ]);
    rewriteAll(texts);
    expect(input[0]).toEqual({ role: 'user', content: '<plain>' });
    expect(input[1]!.content).toEqual([{ type: 'input_text', text: '<part>' }, before[1]!.content![1], before[1]!.content![2]]);
    expect(input[4]).toMatchObject({ arguments: '<{"q":"args"}>' });
    expect(input[6]!.output).toEqual([{ type: 'input_text', text: '<listed result>' }, { type: 'input_image', image_url: 'x' }]);
    expect(input.slice(7)).toEqual(before.slice(7));
  });

  it('finds nothing in an absent or empty input', () => {
    expect(responseRequestTexts({ model: 'm' })).toEqual([]);
    expect(responseRequestTexts({ model: 'm', input: [], instructions: '' })).toEqual([]);
  });
});

describe('responseAnswerTexts', () => {
  it('reads output text and refusal parts, function-call arguments and output_text, by output index', () => {
    const answer = {
      id: 'resp_1',
      output: [
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi', annotations: [], logprobs: [{ token: 'hi', logprob: -0.1 }] }, { type: 'refusal', refusal: 'no' }] },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{"a":1}' },
      ],
      output_text: 'hi',
    };
    const texts = responseAnswerTexts(answer);
    expect(found(texts)).toEqual([
      [1, 'hi'],
      [1, 'no'],
      [2, '{"a":1}'],
      [OUTSIDE_ITEMS, 'hi'],
    ]);
    rewriteAll(texts);
    expect(answer.output[1]).toEqual({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '<hi>', annotations: [], logprobs: [] }, { type: 'refusal', refusal: '<no>' }] });
    expect(answer.output[2]).toMatchObject({ arguments: '<{"a":1}>' });
    expect(answer.output_text).toBe('<hi>');
  });

  it('finds nothing in what is not a response', () => {
    expect(responseAnswerTexts(null)).toEqual([]);
    expect(responseAnswerTexts({ error: { message: 'x' } })).toEqual([]);
  });
});
