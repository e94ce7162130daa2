import { countTokens, splitText, type MockBehaviour } from './behaviour.ts';

/** The subset of a chat completion request the mock looks at. */
export interface MockChatRequest {
  model?: unknown;
  messages?: unknown;
  n?: unknown;
  tools?: Array<{ type?: string; function?: { name?: string } }>;
  tool_choice?: unknown;
  stream_options?: { include_usage?: boolean };
}

interface Plan {
  id: string;
  model: string;
  created: number;
  choices: number;
  toolName: string | undefined;
  promptTokens: number;
}

let serial = 0;

function plan(body: MockChatRequest, prefix: string): Plan {
  serial += 1;
  const choice = body.tool_choice as { function?: { name?: string } } | string | undefined;
  const forced = typeof choice === 'object' ? choice?.function?.name : undefined;
  const wantsTool = Array.isArray(body.tools) && body.tools.length > 0 && choice !== 'none';
  return {
    id: `${prefix}-mock${serial}`,
    model: typeof body.model === 'string' ? body.model : 'mock-model',
    created: Math.floor(Date.now() / 1000),
    choices: typeof body.n === 'number' && body.n > 1 ? Math.min(Math.floor(body.n), 16) : 1,
    toolName: wantsTool ? (forced ?? body.tools?.[0]?.function?.name ?? 'tool') : undefined,
    promptTokens: countTokens(JSON.stringify(body.messages ?? '')),
  };
}

/** Tool calls carry the reply as their argument, so tests can put secrets in arguments too. */
const toolArguments = (reply: string) => JSON.stringify({ text: reply });

function usage(p: Plan, completionTokens: number) {
  return {
    prompt_tokens: p.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: p.promptTokens + completionTokens,
  };
}

export function chatCompletion(body: MockChatRequest, b: MockBehaviour) {
  const p = plan(body, 'chatcmpl');
  const completionTokens = countTokens(b.reply) * p.choices;
  return {
    id: p.id,
    object: 'chat.completion',
    created: p.created,
    model: p.model,
    system_fingerprint: 'fp_mock',
    choices: Array.from({ length: p.choices }, (_, index) => ({
      index,
      message: p.toolName
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [{ id: `call_mock${index}`, type: 'function', function: { name: p.toolName, arguments: toolArguments(b.reply) } }],
          }
        : { role: 'assistant', content: b.reply, refusal: null },
      logprobs: null,
      finish_reason: p.toolName ? 'tool_calls' : 'stop',
    })),
    usage: usage(p, completionTokens),
  };
}

/** The `data:` payloads of a streamed answer, in order, ending with the `[DONE]` sentinel. */
export function chatCompletionChunks(body: MockChatRequest, b: MockBehaviour): string[] {
  const p = plan(body, 'chatcmpl');
  const includeUsage = body.stream_options?.include_usage === true;
  const base = { id: p.id, object: 'chat.completion.chunk', created: p.created, model: p.model, system_fingerprint: 'fp_mock' };
  const chunk = (index: number, delta: object, finish: string | null = null) =>
    JSON.stringify({
      ...base,
      choices: [{ index, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });

  const text = p.toolName ? toolArguments(b.reply) : b.reply;
  const pieces = splitText(text, b.chunkSize);
  const out: string[] = [];
  for (let i = 0; i < p.choices; i += 1) {
    out.push(
      chunk(
        i,
        p.toolName
          ? { role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_mock${i}`, type: 'function', function: { name: p.toolName, arguments: '' } }] }
          : { role: 'assistant', content: '', refusal: null },
      ),
    );
  }
  // Choices interleave piece by piece, as a real n>1 stream does.
  for (const piece of pieces) {
    for (let i = 0; i < p.choices; i += 1) {
      out.push(chunk(i, p.toolName ? { tool_calls: [{ index: 0, function: { arguments: piece } }] } : { content: piece }));
    }
  }
  for (let i = 0; i < p.choices; i += 1) out.push(chunk(i, {}, p.toolName ? 'tool_calls' : 'stop'));
  if (includeUsage) out.push(JSON.stringify({ ...base, choices: [], usage: usage(p, pieces.length * p.choices) }));
  out.push('[DONE]');
  return out;
}

export function textCompletion(body: { model?: unknown; prompt?: unknown }, b: MockBehaviour) {
  const p = plan({ model: body.model, messages: body.prompt }, 'cmpl');
  return {
    id: p.id,
    object: 'text_completion',
    created: p.created,
    model: p.model,
    choices: [{ index: 0, text: b.reply, logprobs: null, finish_reason: 'stop' }],
    usage: usage(p, countTokens(b.reply)),
  };
}

export function textCompletionChunks(body: { model?: unknown; prompt?: unknown }, b: MockBehaviour): string[] {
  const p = plan({ model: body.model, messages: body.prompt }, 'cmpl');
  const base = { id: p.id, object: 'text_completion', created: p.created, model: p.model };
  const pieces = splitText(b.reply, b.chunkSize).map((text) =>
    JSON.stringify({ ...base, choices: [{ index: 0, text, logprobs: null, finish_reason: null }] }),
  );
  return [...pieces, JSON.stringify({ ...base, choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }] }), '[DONE]'];
}
