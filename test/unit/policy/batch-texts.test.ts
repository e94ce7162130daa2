import { describe, expect, it } from 'vitest';
import { batchOutputTexts } from '../../../proxy/policy/batch-texts.ts';

const line = (body: unknown) => ({ id: 'batch_req_1', custom_id: 'r1', response: { status_code: 200, request_id: 'req_1', body }, error: null });

describe('batchOutputTexts', () => {
  it('finds the answer texts of chat, legacy completion and Responses lines, and rewrites them in place', () => {
    const chat = line({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'chat text', tool_calls: [{ function: { arguments: '{"a":1}' } }] } }] });
    const legacy = line({ object: 'text_completion', choices: [{ index: 0, text: 'legacy text' }] });
    const responses = line({ object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: 'response text' }] }], output_text: 'response text' });
    expect(batchOutputTexts(chat).map((t) => t.text)).toEqual(['chat text', '{"a":1}']);
    expect(batchOutputTexts(legacy).map((t) => t.text)).toEqual(['legacy text']);
    expect(batchOutputTexts(responses).map((t) => t.text)).toEqual(['response text', 'response text']);
    batchOutputTexts(chat)[0]!.replace('[REDACTED]');
    expect(chat.response.body).toMatchObject({ choices: [{ message: { content: '[REDACTED]' } }] });
  });

  it('finds nothing in lines without an answer: embeddings, errors, batch input lines, anything else', () => {
    expect(batchOutputTexts(line({ object: 'list', data: [{ object: 'embedding', embedding: [0.1] }] }))).toEqual([]);
    expect(batchOutputTexts({ id: 'batch_req_2', custom_id: 'r2', response: null, error: { code: 'x', message: 'failed' } })).toEqual([]);
    expect(batchOutputTexts({ custom_id: 'r3', method: 'POST', url: '/v1/chat/completions', body: { messages: [{ role: 'user', content: 'hi' }] } })).toEqual([]);
    expect(batchOutputTexts([1, 2])).toEqual([]);
    expect(batchOutputTexts('text')).toEqual([]);
  });
});
