import { countTokens, splitText, type MockBehaviour } from './behaviour.ts';

/** The Responses API (`/v1/responses`) as the mock speaks it: one message item of output text. */
export interface MockResponsesRequest {
  model?: unknown;
  input?: unknown;
}

let serial = 0;

function skeleton(body: MockResponsesRequest, b: MockBehaviour) {
  serial += 1;
  const inputTokens = countTokens(JSON.stringify(body.input ?? ''));
  const outputTokens = countTokens(b.reply);
  return {
    id: `resp_mock${serial}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : 'mock-model',
    messageId: `msg_mock${serial}`,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

function message(id: string, text: string, status: 'in_progress' | 'completed') {
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content: status === 'completed' ? [{ type: 'output_text', text, annotations: [] }] : [],
  };
}

function responseObject(s: ReturnType<typeof skeleton>, status: 'in_progress' | 'completed', text: string) {
  return {
    id: s.id,
    object: s.object,
    created_at: s.created_at,
    status,
    model: s.model,
    output: status === 'completed' ? [message(s.messageId, text, 'completed')] : [],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: status === 'completed' ? s.usage : null,
  };
}

export function response(body: MockResponsesRequest, b: MockBehaviour) {
  return responseObject(skeleton(body, b), 'completed', b.reply);
}

/** Named SSE events (`event:` + `data:`) of a streamed response; the Responses API sends no `[DONE]`. */
export function responseEvents(body: MockResponsesRequest, b: MockBehaviour): Array<{ event: string; data: string }> {
  const s = skeleton(body, b);
  let sequence = 0;
  const ev = (type: string, fields: object) => ({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...fields }) });
  const part = { type: 'output_text', text: b.reply, annotations: [] };
  const where = { item_id: s.messageId, output_index: 0, content_index: 0 };
  return [
    ev('response.created', { response: responseObject(s, 'in_progress', '') }),
    ev('response.in_progress', { response: responseObject(s, 'in_progress', '') }),
    ev('response.output_item.added', { output_index: 0, item: message(s.messageId, '', 'in_progress') }),
    ev('response.content_part.added', { ...where, part: { ...part, text: '' } }),
    ...splitText(b.reply, b.chunkSize).map((delta) => ev('response.output_text.delta', { ...where, delta, logprobs: [] })),
    ev('response.output_text.done', { ...where, text: b.reply, logprobs: [] }),
    ev('response.content_part.done', { ...where, part }),
    ev('response.output_item.done', { output_index: 0, item: message(s.messageId, b.reply, 'completed') }),
    ev('response.completed', { response: responseObject(s, 'completed', b.reply) }),
  ];
}
