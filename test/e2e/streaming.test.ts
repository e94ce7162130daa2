import { afterEach, describe, expect, it } from 'vitest';
import { chunk, gate, scriptedUpstream, sse, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
import { eventually, startStack, type Stack } from '../helpers/stack.ts';

const body = (extra: object = {}) =>
  JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }], ...extra });

let stack: Stack | undefined;
let upstream: ScriptedUpstream | undefined;
afterEach(async () => {
  await stack?.close();
  await upstream?.close();
  stack = undefined;
  upstream = undefined;
});

async function post(url: string, init: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack!.auth(), ...init.headers },
    body: init.body ?? body(),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

async function readAll(res: Response): Promise<string> {
  return res.text();
}

/** The `data:` payloads of an SSE text, in order. */
const dataOf = (text: string) =>
  text
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice(6));

describe('streaming pass-through', () => {
  it('hands each event to the client while the upstream still holds the rest', async () => {
    const hold = gate();
    upstream = await scriptedUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // "first " ends with a space: no output rule can still match across it, so nothing is held back.
      res.write(sse(chunk('first ')));
      await hold.opened;
      res.end(sse(chunk('second')) + sse(chunk('', 'stop')) + sse('[DONE]'));
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const res = await post(stack.url);
    const reader = res.body!.getReader();
    // If the proxy buffered, this read would wait for the gate, which only opens after it: a deadlock.
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(dataOf(first).map((d) => JSON.parse(d).choices[0].delta.content)).toEqual(['first ']);
    hold.open();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(dataOf(rest).at(-1)).toBe('[DONE]');
    expect(dataOf(rest)).toHaveLength(3);
  });

  it('keeps the usage chunk, [DONE] and every event of a one-character-per-chunk stream', async () => {
    stack = await startStack({ mock: { chunkSize: 1, reply: 'Déjà vu 🙂!' } });
    const res = await post(stack.url, { body: body({ stream_options: { include_usage: true } }) });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await readAll(res);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = dataOf(text).slice(0, -1).map((d) => JSON.parse(d));
    const content = events.map((e) => e.choices[0]?.delta?.content ?? '').join('');
    expect(content).toBe('Déjà vu 🙂!');
    const usage = events.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
  });

  it('streams the same events when the app is driven in memory, without a socket', async () => {
    stack = await startStack({ mock: { chunkSize: 2, reply: 'In memory 🙂' } });
    const res = await stack.bulwark.app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth() },
      body: body(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await readAll(res);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(dataOf(text).slice(0, -1).map((d) => JSON.parse(d).choices[0]?.delta?.content ?? '').join('')).toBe('In memory 🙂');
  });

  it('ends with an OpenAI-shaped error event when the upstream dies mid-stream', async () => {
    stack = await startStack();
    const res = await post(stack.url, { headers: { 'x-mock-fail-after': '3' } });
    const events = dataOf(await readAll(res));
    // The three events sent before the cut arrive (a word the output redactor still held is
    // flushed after them), then the error.
    const text = events.slice(0, -1).map((e) => JSON.parse(e).choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Hello from');
    expect(JSON.parse(events.at(-1)!)).toEqual({
      error: { message: expect.any(String), type: 'api_error', param: null, code: 'upstream_stream_failed' },
    });
    await eventually(() => stack!.logs.some((l) => l.msg === 'request' && l.outcome === 'upstream_error'));
  });

  it('turns a clean end without [DONE] into an error event instead of a silent truncation', async () => {
    upstream = await scriptedUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(sse(chunk('partial')));
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const events = dataOf(await readAll(await post(stack.url)));
    expect(events.slice(0, -1).map((e) => JSON.parse(e).choices[0].delta.content ?? '').join('')).toBe('partial');
    expect(JSON.parse(events.at(-1)!).error.code).toBe('upstream_stream_failed');
    await eventually(() => stack!.logs.some((l) => l.msg === 'request' && l.outcome === 'incomplete'));
  });

  it('ends with an upstream_timeout error event when the upstream goes silent past the idle timeout', async () => {
    stack = await startStack({ env: { UPSTREAM_IDLE_TIMEOUT_MS: '150' } });
    const res = await post(stack.url, { headers: { 'x-mock-chunk-delay-ms': '2000' } });
    const events = dataOf(await readAll(res));
    expect(JSON.parse(events.at(-1)!).error.code).toBe('upstream_timeout');
  });

  it('passes an upstream error status through unchanged even when a stream was asked for', async () => {
    stack = await startStack();
    const res = await post(stack.url, { headers: { 'x-mock-status': '429' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after-ms')).toBe('10');
    expect(await res.json()).toEqual({
      error: { message: 'Mock upstream error 429.', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });
});

describe('client abort', () => {
  it('aborts the upstream within 100 ms when the client leaves mid-stream', async () => {
    const hold = gate();
    upstream = await scriptedUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(chunk('first')));
      await hold.opened;
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const controller = new AbortController();
    const res = await post(stack.url, { signal: controller.signal });
    await res.body!.getReader().read();
    const abortedAt = performance.now();
    controller.abort();
    const closedAt = await upstream.seen[0]!.closed;
    hold.open();
    expect(closedAt - abortedAt).toBeLessThan(100);
    await eventually(() => stack!.logs.some((l) => l.msg === 'request' && l.outcome === 'client_aborted'));
  });

  it('aborts the upstream when the client leaves before a non-streamed answer', async () => {
    const hold = gate();
    upstream = await scriptedUpstream(async () => {
      await hold.opened;
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const controller = new AbortController();
    const pending = post(stack.url, { body: body({ stream: false }), signal: controller.signal }).catch((e: Error) => e);
    await eventually(() => upstream!.seen.length === 1);
    const abortedAt = performance.now();
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    const closedAt = await upstream.seen[0]!.closed;
    hold.open();
    expect(closedAt - abortedAt).toBeLessThan(100);
  });
});
