/**
 * A streamed Responses API answer as OpenAI sends it, event by event, with the deltas of each
 * output item split where the test says: a message of output text (or a refusal), or a function
 * call whose arguments stream. For what the mock upstream does not send (function calls,
 * refusals, arbitrary splits).
 */
export type StreamedItem =
  | { readonly kind: 'text'; readonly deltas: readonly string[] }
  | { readonly kind: 'refusal'; readonly deltas: readonly string[] }
  | { readonly kind: 'function_call'; readonly name: string; readonly deltas: readonly string[] };

export interface ResponseEvent {
  readonly event: string;
  readonly data: string;
}

const USAGE = { input_tokens: 7, input_tokens_details: { cached_tokens: 0 }, output_tokens: 11, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 };

function outputItem(item: StreamedItem, index: number, done: boolean): Record<string, unknown> {
  const id = `${item.kind === 'function_call' ? 'fc' : 'msg'}_${index}`;
  const status = done ? 'completed' : 'in_progress';
  const whole = done ? item.deltas.join('') : '';
  if (item.kind === 'function_call') return { type: 'function_call', id, call_id: `call_${index}`, name: item.name, arguments: whole, status };
  const part = item.kind === 'text' ? { type: 'output_text', text: whole, annotations: [], logprobs: [] } : { type: 'refusal', refusal: whole };
  return { type: 'message', id, status, role: 'assistant', content: done ? [part] : [] };
}

function response(items: readonly StreamedItem[], done: boolean): Record<string, unknown> {
  return {
    id: 'resp_helper',
    object: 'response',
    created_at: 1,
    status: done ? 'completed' : 'in_progress',
    model: 'gpt-helper',
    output: done ? items.map((item, i) => outputItem(item, i, true)) : [],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: done ? USAGE : null,
  };
}

/** The events of one streamed response, `response.created` to `response.completed` (or without an end, if `end` is false). */
export function responseStream(items: readonly StreamedItem[], { end = true }: { end?: boolean } = {}): ResponseEvent[] {
  let sequence = 0;
  const events: ResponseEvent[] = [];
  const ev = (type: string, fields: object) => events.push({ event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...fields }) });
  ev('response.created', { response: response(items, false) });
  ev('response.in_progress', { response: response(items, false) });
  items.forEach((item, output_index) => {
    const whole = item.deltas.join('');
    const done = outputItem(item, output_index, true);
    const item_id = done.id;
    ev('response.output_item.added', { output_index, item: outputItem(item, output_index, false) });
    if (item.kind === 'function_call') {
      for (const delta of item.deltas) ev('response.function_call_arguments.delta', { item_id, output_index, delta });
      ev('response.function_call_arguments.done', { item_id, output_index, name: item.name, arguments: whole });
    } else {
      const where = { item_id, output_index, content_index: 0 };
      const part = (done.content as unknown[])[0];
      const kind = item.kind === 'text' ? 'output_text' : 'refusal';
      ev('response.content_part.added', { ...where, part: kind === 'output_text' ? { type: kind, text: '', annotations: [], logprobs: [] } : { type: kind, refusal: '' } });
      for (const delta of item.deltas) ev(`response.${kind}.delta`, { ...where, delta, ...(kind === 'output_text' ? { logprobs: [] } : {}) });
      ev(`response.${kind}.done`, { ...where, ...(kind === 'output_text' ? { text: whole, logprobs: [] } : { refusal: whole }) });
      ev('response.content_part.done', { ...where, part });
    }
    ev('response.output_item.done', { output_index, item: done });
  });
  if (end) ev('response.completed', { response: response(items, true) });
  return events;
}

/** Server-sent events as the upstream writes them. */
export const sseText = (events: readonly ResponseEvent[]) => events.map((e) => `event: ${e.event}\ndata: ${e.data}\n\n`).join('');
