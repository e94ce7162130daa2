import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { gate, scriptedUpstream, sse, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
import { eventually, startStack, UPSTREAM_KEY, type Stack } from '../helpers/stack.ts';

let stack: Stack | undefined;
let upstream: ScriptedUpstream | undefined;
afterEach(async () => {
  await stack?.close();
  await upstream?.close();
  stack = undefined;
  upstream = undefined;
});

const requestLog = (s: Stack, route: string) => s.logs.find((l) => l.msg === 'request' && l.route === route);

describe('passthrough routes (http-proxy-3)', () => {
  it('carries a binary upload larger than the JSON body limit byte for byte', async () => {
    stack = await startStack({ env: { MAX_BODY_BYTES: '1024' } });
    const bytes = randomBytes(3 * 1024 * 1024);
    const res = await fetch(`${stack.url}/v1/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...stack.auth() },
      body: bytes,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { bytes: number; sha256: string };
    expect(answer).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(stack.mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it('returns a binary answer byte for byte', async () => {
    stack = await startStack();
    const init = { method: 'POST', headers: { 'content-type': 'application/json', ...stack.auth() }, body: JSON.stringify({ model: 'tts-1', input: 'hi', voice: 'alloy' }) };
    const direct = Buffer.from(await (await fetch(`${stack.mock.baseUrl}/audio/speech`, init)).arrayBuffer());
    const res = await fetch(`${stack.url}/v1/audio/speech`, init);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(direct)).toBe(true);
  });

  it('streams an event-stream answer as it comes, and records the real status', async () => {
    const hold = gate();
    upstream = await scriptedUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: response.created\n${sse({ type: 'response.created' })}`);
      await hold.opened;
      res.end(`event: response.completed\n${sse({ type: 'response.completed' })}`);
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const res = await fetch(`${stack.url}/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth() },
      body: JSON.stringify({ model: 'gpt-4o-mini', input: 'hi', stream: true }),
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('response.created');
    hold.open();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('event: response.completed');
    await eventually(() => requestLog(stack!, '/v1/threads/runs') !== undefined);
    expect(requestLog(stack, '/v1/threads/runs')).toMatchObject({ status: 200, outcome: 'allowed' });
  });

  it('records the upstream status it passed through, not the 200 Hono thinks it sent', async () => {
    stack = await startStack();
    const res = await fetch(`${stack.url}/v1/models`, { headers: { 'x-mock-status': '429', ...stack.auth() } });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-bulwark-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-request-id')).toMatch(/^req_mock_/);
    await eventually(() => requestLog(stack!, '/v1/models') !== undefined);
    expect(requestLog(stack, '/v1/models')).toMatchObject({ status: 429 });
  });

  it('aborts the upstream when the client leaves a passthrough stream', async () => {
    const hold = gate();
    upstream = await scriptedUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse({ type: 'response.created' }));
      await hold.opened;
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1` } });
    const controller = new AbortController();
    const res = await fetch(`${stack.url}/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth() },
      body: JSON.stringify({ stream: true }),
      signal: controller.signal,
    });
    await res.body!.getReader().read();
    const abortedAt = performance.now();
    controller.abort();
    const closedAt = await upstream.seen[0]!.closed;
    hold.open();
    expect(closedAt - abortedAt).toBeLessThan(100);
    await eventually(() => requestLog(stack!, '/v1/threads/runs')?.outcome === 'client_aborted');
  });
});
