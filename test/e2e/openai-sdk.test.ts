/**
 * The official `openai` SDK is the judge of OpenAI compatibility (DESIGN.md): every call here is
 * the SDK's own, pointed at Bulwark with nothing changed but `baseURL`, against the mock upstream.
 */
import { createHash, randomBytes } from 'node:crypto';
import OpenAI, { APIError, BadRequestError, InternalServerError, RateLimitError, toFile } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../proxy/mock-upstream/server.ts';
import { startStack, UPSTREAM_KEY, type Stack } from '../helpers/stack.ts';

/** The caller's own token: a valid agent JWT, which must never reach the upstream. */
let CALLER_TOKEN: string;
const MODEL = 'gpt-4o-mini';
/** What the mock serves (proxy/mock-upstream/server.ts). */
const MOCK_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'o4-mini', 'text-embedding-3-small'];
const MOCK_EMBEDDING_DIMENSIONS = 8;
/** Multi-byte text (accents, CJK, an emoji with a skin-tone modifier) to split one code point at a time. */
const UNICODE_REPLY = 'Grüße, 世界! 👋🏽 Tabs\tand "quotes" survive.';
const TOOLS = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MOCK_REQUEST_ID = /^req_mock_[0-9a-f]{16}$/;

let stack: Stack;
let client: OpenAI;
/** Every request the upstream received during this suite (the mock's own list is bounded). */
const upstreamSaw: RecordedRequest[] = [];

beforeAll(async () => {
  stack = await startStack();
  CALLER_TOKEN = stack.tokens.agent;
  stack.mock.events.on('request', (r: RecordedRequest) => upstreamSaw.push(r));
  client = new OpenAI({ baseURL: stack.baseURL, apiKey: CALLER_TOKEN, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.close();
});

const reply = () => stack.mock.behaviour.reply;
const chatBody = (extra: { model?: string; n?: number; tools?: typeof TOOLS } = {}) => ({
  model: MODEL,
  messages: [{ role: 'user' as const, content: 'Say hello.' }],
  ...extra,
});
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The most recent request the upstream received on `path` (tests run one at a time). */
function lastUpstreamRequest(path: string): RecordedRequest {
  const found = upstreamSaw.findLast((r) => r.path === path);
  if (!found) throw new Error(`the upstream received no request on ${path}`);
  return found;
}

/** Rejects if `work` has not settled after `ms`: a hung stream fails the test instead of the run. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no outcome within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reassembles a streamed chat completion per choice: text, tool-call arguments, finish reasons. */
async function collectChat(stream: AsyncIterable<ChatCompletionChunk>) {
  const chunks: ChatCompletionChunk[] = [];
  const content: string[] = [];
  const toolArguments: string[] = [];
  const finishReasons: Array<string | null> = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    for (const choice of chunk.choices) {
      const i = choice.index;
      content[i] = (content[i] ?? '') + (choice.delta.content ?? '');
      for (const call of choice.delta.tool_calls ?? []) toolArguments[i] = (toolArguments[i] ?? '') + (call.function?.arguments ?? '');
      if (choice.finish_reason) finishReasons[i] = choice.finish_reason;
    }
  }
  return { chunks, content, toolArguments, finishReasons };
}

/** Runs `call` and returns what it threw; fails if it did not throw. */
async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('the official openai SDK through Bulwark', () => {
  describe('chat completions', () => {
    it('answers a non-streaming request with the upstream reply, usage, id and model', async () => {
      const completion = await client.chat.completions.create(chatBody({ model: 'gpt-4o' }));

      expect(completion.choices).toHaveLength(1);
      expect(completion.choices[0]?.message.content).toBe(reply());
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(completion.id).toMatch(/^chatcmpl-mock\d+$/);
      expect(completion.model).toBe('gpt-4o');
      expect(completion.object).toBe('chat.completion');
      expect(completion.usage).toMatchObject({
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      });
      expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    });

    it('streams with include_usage: the deltas rebuild the reply, a usage chunk closes it, and the headers pass', async () => {
      const { data: stream, response, request_id } = await client.chat.completions
        .create({ ...chatBody(), stream: true, stream_options: { include_usage: true } })
        .withResponse();

      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-bulwark-request-id')).toMatch(UUID);
      expect(response.headers.get('x-request-id')).toMatch(MOCK_REQUEST_ID);
      expect(request_id).toBe(response.headers.get('x-request-id'));

      const { chunks, content, finishReasons } = await within(5_000, collectChat(stream));
      expect(content).toEqual([reply()]);
      expect(finishReasons).toEqual(['stop']);
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage).toMatchObject({ completion_tokens: expect.any(Number), total_tokens: expect.any(Number) });
      // Every chunk before the usage chunk carries `usage: null`, as OpenAI sends them.
      expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    });

    it('reassembles a stream split one character per chunk exactly', async () => {
      const headers = { 'x-mock-chunk-size': '1', 'x-mock-reply': encodeURIComponent(UNICODE_REPLY) };
      const stream = await client.chat.completions.create({ ...chatBody(), stream: true }, { headers });

      const { chunks, content } = await within(5_000, collectChat(stream));
      expect(content).toEqual([UNICODE_REPLY]);
      // One chunk per code point, plus the role chunk and the finish chunk.
      expect(chunks).toHaveLength(Array.from(UNICODE_REPLY).length + 2);
    });

    it('streams tool calls whose arguments equal the non-streaming answer', async () => {
      const plain = await client.chat.completions.create(chatBody({ tools: TOOLS }));
      const expected = plain.choices[0]?.message.tool_calls?.[0];
      expect(plain.choices[0]?.finish_reason).toBe('tool_calls');
      expect(expected?.type).toBe('function');
      if (expected?.type !== 'function') throw new Error('expected a function tool call');
      expect(expected.function.name).toBe('lookup');

      const stream = await client.chat.completions.create({ ...chatBody({ tools: TOOLS }), stream: true });
      const { toolArguments, finishReasons } = await within(5_000, collectChat(stream));
      expect(finishReasons).toEqual(['tool_calls']);
      expect(JSON.parse(toolArguments[0]!)).toEqual(JSON.parse(expected.function.arguments));
      expect(JSON.parse(toolArguments[0]!)).toEqual({ text: reply() });
    });

    it('works with the stream() helper and finalChatCompletion()', async () => {
      const runner = client.chat.completions.stream(chatBody({ tools: TOOLS }));
      const final = await within(5_000, runner.finalChatCompletion());

      const call = final.choices[0]?.message.tool_calls?.[0];
      expect(final.choices[0]?.finish_reason).toBe('tool_calls');
      expect(call?.type === 'function' && call.function.name).toBe('lookup');
      expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ text: reply() });

      const text = await within(5_000, client.chat.completions.stream(chatBody()).finalContent());
      expect(text).toBe(reply());
    });

    it('returns n=2 choices, each with the full reply, without streaming', async () => {
      const completion = await client.chat.completions.create(chatBody({ n: 2 }));

      expect(completion.choices.map((c) => c.index)).toEqual([0, 1]);
      expect(completion.choices.map((c) => c.message.content)).toEqual([reply(), reply()]);
    });

    it('streams n=2 choices, each reassembling the full reply', async () => {
      const stream = await client.chat.completions.create({ ...chatBody({ n: 2 }), stream: true });

      const { chunks, content, finishReasons } = await within(5_000, collectChat(stream));
      expect(content).toEqual([reply(), reply()]);
      expect(finishReasons).toEqual(['stop', 'stop']);
      expect(new Set(chunks.flatMap((c) => c.choices.map((choice) => choice.index)))).toEqual(new Set([0, 1]));
    });
  });

  describe('upstream errors', () => {
    it.each([
      { status: 400, errorClass: BadRequestError, type: 'invalid_request_error', code: null },
      { status: 429, errorClass: RateLimitError, type: 'requests', code: 'rate_limit_exceeded' },
      { status: 500, errorClass: InternalServerError, type: 'server_error', code: null },
    ])('surfaces upstream $status as the SDK’s $errorClass.name', async ({ status, errorClass, type, code }) => {
      const err = await thrownBy(() => client.chat.completions.create(chatBody(), { headers: { 'x-mock-status': String(status) } }));

      expect(err).toBeInstanceOf(errorClass);
      const apiError = err as APIError;
      expect(apiError.status).toBe(status);
      expect(apiError.message).toBe(`${status} Mock upstream error ${status}.`);
      expect(apiError.type).toBe(type);
      expect(apiError.code).toBe(code);
      expect(apiError.requestID).toMatch(MOCK_REQUEST_ID);
      expect(apiError.headers?.get('x-bulwark-request-id')).toMatch(UUID);
    });

    /** Streams a chat completion whose upstream connection is cut after three SSE events. */
    async function streamCutAfterThreeEvents() {
      const stream = await client.chat.completions.create(
        { ...chatBody(), stream: true },
        { headers: { 'x-mock-fail-after': '3', 'x-mock-chunk-size': '4' } },
      );
      const received: ChatCompletionChunk[] = [];
      const error = await within(
        5_000,
        thrownBy(async () => {
          for await (const chunk of stream) received.push(chunk);
        }),
      );
      return { received, error };
    }

    it('turns a mid-stream upstream failure into an APIError, neither a hang nor a silent end', async () => {
      const { error } = await streamCutAfterThreeEvents();

      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).message).toBe('The upstream stream failed before it completed.');
      expect((error as APIError).code).toBe('upstream_stream_failed');
      expect((error as APIError).type).toBe('api_error');
    });

    it('delivers the events sent before a mid-stream cut, then the error', async () => {
      const { received, error } = await streamCutAfterThreeEvents();

      expect(error).toBeInstanceOf(APIError);
      // The first two 4-character pieces went out before the cut (the mock lets its written events
      // leave before destroying the socket). A word that could still grow into an email address is
      // held by the output redactor and flushed before the error, so compare the text, not the split.
      expect(received.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(reply().slice(0, 8));
    });
  });

  describe('embeddings', () => {
    it('decodes the base64 vectors the SDK asks for by default', async () => {
      const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });

      expect(JSON.parse(lastUpstreamRequest('/v1/embeddings').body.toString('utf8'))).toMatchObject({ encoding_format: 'base64' });
      expect(result.data).toHaveLength(1);
      const vector = result.data[0]!.embedding;
      expect(vector).toHaveLength(MOCK_EMBEDDING_DIMENSIONS);
      expect(vector.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    });

    it('returns one vector per input for a list input', async () => {
      const input = ['one', 'two', 'three'];
      const result = await client.embeddings.create({ model: 'text-embedding-3-small', input });

      expect(result.data.map((d) => d.index)).toEqual([0, 1, 2]);
      for (const d of result.data) {
        expect(d.embedding).toHaveLength(MOCK_EMBEDDING_DIMENSIONS);
        expect(d.embedding.every(Number.isFinite)).toBe(true);
      }
      expect(new Set(result.data.map((d) => d.embedding.join(','))).size).toBe(input.length);
    });
  });

  describe('models', () => {
    it('lists the upstream models', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual(MOCK_MODELS);
    });

    it('retrieves one model', async () => {
      const model = await client.models.retrieve('gpt-4o');
      expect(model).toMatchObject({ id: 'gpt-4o', object: 'model', owned_by: 'bulwark-mock' });
    });
  });

  describe('Responses API', () => {
    it('answers a non-streaming request with output_text equal to the reply', async () => {
      const response = await client.responses.create({ model: MODEL, input: 'Say hello.' });
      expect(response.status).toBe('completed');
      expect(response.output_text).toBe(reply());
    });

    it('streams output_text deltas that rebuild the reply, then response.completed', async () => {
      const stream = await client.responses.create({ model: MODEL, input: 'Say hello.', stream: true });
      let text = '';
      const types: string[] = [];
      await within(5_000, (async () => {
        for await (const event of stream) {
          types.push(event.type);
          if (event.type === 'response.output_text.delta') text += event.delta;
        }
      })());

      expect(text).toBe(reply());
      expect(types[0]).toBe('response.created');
      expect(types.at(-1)).toBe('response.completed');
    });
  });

  describe('legacy completions', () => {
    it('answers without streaming', async () => {
      const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello.' });
      expect(completion.choices[0]?.text).toBe(reply());
      expect(completion.choices[0]?.finish_reason).toBe('stop');
    });

    it('streams text that rebuilds the reply', async () => {
      const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hello.', stream: true });
      let text = '';
      const finishReasons: string[] = [];
      await within(5_000, (async () => {
        for await (const chunk of stream) {
          text += chunk.choices[0]?.text ?? '';
          if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
        }
      })());
      expect(text).toBe(reply());
      expect(finishReasons).toEqual(['stop']);
    });
  });

  describe('binary bodies', () => {
    it('uploads a binary file that reaches the upstream intact', async () => {
      // Every byte value, a fake multipart boundary and random bytes: nothing survives a text decode.
      const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n--x\r\n\r\n'), randomBytes(4096)]);
      const file = await client.files.create({ file: await toFile(bytes, 'payload.bin'), purpose: 'assistants' });

      // The mock hashes the whole multipart body it received; pull the file part back out of it.
      const received = lastUpstreamRequest('/v1/files');
      const answer = file as typeof file & { sha256: string };
      expect(answer.bytes).toBe(received.body.length);
      expect(answer.sha256).toBe(sha256(received.body));
      const form = await new Response(new Uint8Array(received.body), {
        headers: { 'content-type': String(received.headers['content-type']) },
      }).formData();
      const part = form.get('file');
      expect(part).toBeInstanceOf(Blob);
      expect(form.get('purpose')).toBe('assistants');
      expect(sha256(new Uint8Array(await (part as Blob).arrayBuffer()))).toBe(sha256(bytes));
    });

    it('returns the 64 KiB speech body byte for byte', async () => {
      const request = { model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Say hello.' } as const;
      const viaProxy = new Uint8Array(await (await client.audio.speech.create(request)).arrayBuffer());
      const direct = await fetch(`${stack.mock.baseUrl}/audio/speech`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
        body: JSON.stringify(request),
      });
      const expected = new Uint8Array(await direct.arrayBuffer());

      expect(expected.length).toBe(64 * 1024);
      expect(viaProxy.length).toBe(expected.length);
      expect(sha256(viaProxy)).toBe(sha256(expected));
    });
  });
});

describe('raw HTTP, the way curl sends it', () => {
  const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CALLER_TOKEN}`, ...headers }, body });

  /** The OpenAI error shape, with the code Bulwark's catalogue gives. */
  async function expectProxyError(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code } });
  }

  it('answers a JSON POST with a chat completion', async () => {
    const response = await post(JSON.stringify(chatBody()));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-bulwark-request-id')).toMatch(UUID);
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]?.message.content).toBe(reply());
  });

  it('streams SSE lines that end with data: [DONE]', async () => {
    const response = await post(JSON.stringify({ ...chatBody(), stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await within(5_000, response.text());

    const dataLines = text.split('\n').filter((line) => line.startsWith('data: '));
    expect(dataLines.length).toBeGreaterThan(2);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const content = dataLines
      .slice(0, -1)
      .map((line) => JSON.parse(line.slice('data: '.length)) as ChatCompletionChunk)
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe(reply());
  });

  it('refuses a body without a content type with an OpenAI-shaped 415', async () => {
    // A byte body makes fetch send no content-type at all (a string would become text/plain).
    const response = await post(new TextEncoder().encode(JSON.stringify(chatBody())), {});
    await expectProxyError(response, 415, 'unsupported_media_type');
  });

  it('refuses invalid JSON with 400 invalid_json', async () => {
    const response = await post('{"model": "gpt-4o-mini", "messages": [');
    await expectProxyError(response, 400, 'invalid_json');
  });
});

describe('credentials', () => {
  it('sent the upstream only the server key, never the caller token', () => {
    expect(upstreamSaw.length).toBeGreaterThan(0);
    for (const request of upstreamSaw) {
      expect(request.headers.authorization, `${request.method} ${request.path}`).toBe(`Bearer ${UPSTREAM_KEY}`);
      expect(JSON.stringify(request.headers), `${request.method} ${request.path}`).not.toContain(CALLER_TOKEN);
    }
    // Both ways out of the proxy were exercised: the chat route and the passthrough routes.
    const paths = new Set(upstreamSaw.map((r) => r.path));
    for (const path of ['/v1/chat/completions', '/v1/completions', '/v1/responses', '/v1/embeddings', '/v1/models', '/v1/files']) {
      expect(paths).toContain(path);
    }
  });
});
