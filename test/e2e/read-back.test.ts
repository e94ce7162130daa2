import OpenAI, { NotFoundError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockUpstream } from '../../proxy/mock-upstream/server.ts';
import { rawRequest } from '../helpers/raw-request.ts';
import { gate, scriptedUpstream, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
import { configFile } from '../helpers/config.ts';
import { eventually, signToken, startStack, type Stack } from '../helpers/stack.ts';

/**
 * Stored answers read back by id. The upstream keeps what the model wrote, unredacted: a caller
 * that got a redacted answer must not get the original by fetching it again, whole or streamed.
 */

const FIXTURE_RULES = new URL('../fixtures/rules/', import.meta.url).pathname;
const KEY = 'tk-Zq8Lw2Xv5Rn1Bt7Yc4Hd';
const REPLY = `Reach me at bob@example.org, key ${KEY}; done.`;
const REDACTED = 'Reach me at [EMAIL-REDACTED], key [TEST-KEY-REDACTED]; done.';
const LEAK = /Zq8L|bob@/;
/** A batch's output file: the stored answers as batch lines, an embeddings line and an error line. */
function batchOutput(stored: { completion: string; response: string }): string {
  const line = (n: number, body: string) => `{"id":"batch_req_${n}","custom_id":"request-${n}","response":{"status_code":200,"request_id":"req_${n}","body":${body}},"error":null}\n`;
  return (
    line(1, stored.completion) +
    line(2, stored.response) +
    line(3, '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],"model":"text-embedding-3-small"}') +
    `{"id":"batch_req_4","custom_id":"request-4","response":null,"error":{"code":"rate_limit_exceeded","message":"Slow down."}}\n`
  );
}
/** Not JSON Lines at all: bytes of every value, line breaks and braces among them. */
const BINARY = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + (i >> 8)) % 256));
/** One batch line longer than Bulwark reads (16 MiB). */
const LONG_LINE = `{"id":"batch_req_1","custom_id":"request-1","response":{"status_code":200,"body":{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"${'a'.repeat(17 * 1024 * 1024)} ${KEY}"}}]}}}\n`;

/** Writes `body` in pieces of `size` bytes, one event-loop turn apart, so the proxy reads it in many pieces. */
async function writeInPieces(res: import('node:http').ServerResponse, body: Buffer, size: number) {
  for (let at = 0; at < body.length; at += size) {
    if (!res.write(body.subarray(at, at + size))) await new Promise((r) => res.once('drain', r));
    await new Promise((r) => setImmediate(r));
  }
  res.end();
}

/** A role that may ask questions but not read stored answers back. */
const SUBMIT_ONLY = 'roles:\n  submitter:\n    permissions: [query:submit]\n';

/** What an upstream stores: the mock's own answers to REPLY, whole and streamed one character per event. */
async function storedAnswers() {
  const mock = await createMockUpstream({ reply: REPLY });
  const post = async (path: string, body: object, headers: Record<string, string> = {}) =>
    (await rawRequest(`${mock.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).body.toString();
  const answers = {
    response: await post('/responses', { model: 'gpt-4o-mini', input: 'hi' }),
    responseStream: await post('/responses', { model: 'gpt-4o-mini', input: 'hi', stream: true }, { 'x-mock-chunk-size': '1' }),
    completion: await post('/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  };
  await mock.close();
  return answers;
}

describe('stored answers read back', () => {
  let upstream: ScriptedUpstream;
  let stack: Stack;
  /** Holds the slow file's rest until the test is over. */
  const hold = gate();
  let client: OpenAI;
  beforeAll(async () => {
    const stored = await storedAnswers();
    upstream = await scriptedUpstream((req, res) => {
      const json = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      if (req.url === '/v1/responses/resp_1?stream=true') res.writeHead(200, { 'content-type': 'text/event-stream' }).end(stored.responseStream);
      else if (req.url === '/v1/responses/resp_1') json(200, stored.response);
      else if (req.url === '/v1/chat/completions/chatcmpl_1') json(200, stored.completion);
      else if (req.url === '/v1/chat/completions' || req.url.startsWith('/v1/chat/completions?')) json(200, `{"object":"list","data":[${stored.completion}],"has_more":false}`);
      else if (req.url === '/v1/files/file-out/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="batch_out.jsonl"' });
        return writeInPieces(res, Buffer.from(batchOutput(stored)), 7);
      } else if (req.url === '/v1/files/file-bin/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return writeInPieces(res, BINARY, 4_096);
      } else if (req.url === '/v1/files/file-slow/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(batchOutput(stored).split('\n')[0] + '\n');
        return hold.opened;
      } else if (req.url === '/v1/files/file-broken/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.write(batchOutput(stored).split('\n')[0] + '\n');
        setTimeout(() => res.destroy(), 20);
      } else if (req.url === '/v1/files/file-long/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return writeInPieces(res, Buffer.from(LONG_LINE), 1 << 20);
      }
      else json(404, '{"error":{"message":"No such object.","type":"invalid_request_error","param":null,"code":null}}');
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1`, RULES_DIR: FIXTURE_RULES, BULWARK_CONFIG: configFile(SUBMIT_ONLY) } });
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.tokens.agent, maxRetries: 0 });
  });
  afterAll(async () => {
    hold.open();
    await stack.close();
    await upstream.close();
  });

  it('redacts a stored response fetched by id, and records the findings', async () => {
    const response = await client.responses.retrieve('resp_1');
    expect(response.output_text).toBe(REDACTED);
    expect(JSON.stringify(response)).not.toMatch(LEAK);
    await eventually(() => stack.logs.some((l) => l.route === '/v1/responses/resp_1' && ((l.findings as string[] | undefined) ?? []).includes('output:secret.test-key:redact')));
  });

  it('redacts a stored response streamed again, one character per event', async () => {
    const res = await rawRequest(`${stack.baseURL}/responses/resp_1?stream=true`, { headers: stack.auth() });
    expect(res.status).toBe(200);
    const body = res.body.toString();
    expect(body).not.toMatch(LEAK);
    const deltas = body
      .split('\n\n')
      .flatMap((e) => e.split('\n').filter((l) => l.startsWith('data: ')))
      .map((l) => JSON.parse(l.slice(6)) as { type: string; delta?: string })
      .flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta!] : []));
    expect(deltas.join('')).toBe(REDACTED);
  });

  it('redacts a stored chat completion fetched by id or updated, and every completion of a listed page', async () => {
    const completion = await client.chat.completions.retrieve('chatcmpl_1');
    expect(completion.choices[0]!.message.content).toBe(REDACTED);
    const updated = await client.chat.completions.update('chatcmpl_1', { metadata: { reviewed: 'yes' } });
    expect(updated.choices[0]!.message.content).toBe(REDACTED);
    expect(JSON.parse(upstream.seen.at(-1)!.body.toString())).toEqual({ metadata: { reviewed: 'yes' } });
    const page = await client.chat.completions.list();
    expect(page.data.map((c) => c.choices[0]!.message.content)).toEqual([REDACTED]);
    expect(JSON.stringify(page.data)).not.toMatch(LEAK);
  });

  it("redacts a batch's output file line by line as it streams, and leaves every other line byte for byte", async () => {
    const res = await client.files.content('file-out');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="batch_out.jsonl"');
    const text = await res.text();
    expect(text).not.toMatch(LEAK);
    const original = batchOutput(await storedAnswers()).split('\n');
    const lines = text.split('\n');
    expect(lines).toHaveLength(original.length);
    const [completion, response] = lines.map((l) => (l ? (JSON.parse(l) as { custom_id: string; response: { body: Record<string, unknown> } | null }) : null));
    expect(completion!.custom_id).toBe('request-1');
    expect((completion!.response!.body as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(REDACTED);
    expect((response!.response!.body as { output_text?: string; output: unknown[] }).output.length).toBeGreaterThan(0);
    expect(JSON.stringify(response)).toContain(REDACTED);
    // The embeddings line, the error line and the final line break are the upstream's own bytes.
    expect(lines.slice(2)).toEqual(original.slice(2));
    await eventually(() => stack.logs.some((l) => l.route === '/v1/files/file-out/content' && ((l.findings as string[] | undefined) ?? []).includes('output:secret.test-key:redact')));
  });

  it('passes a file that is not JSON Lines through byte for byte', async () => {
    const res = await rawRequest(`${stack.baseURL}/files/file-bin/content`, { headers: stack.auth() });
    expect(res.status).toBe(200);
    expect(res.body.equals(BINARY)).toBe(true);
  });

  it('aborts the upstream within 100 ms when the client leaves in the middle of a download', async () => {
    const controller = new AbortController();
    const res = await client.files.content('file-slow', { signal: controller.signal });
    const first = await res.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain('"custom_id":"request-1"');
    const abortedAt = performance.now();
    controller.abort();
    const closedAt = await upstream.seen.find((r) => r.url === '/v1/files/file-slow/content')!.closed;
    expect(closedAt - abortedAt).toBeLessThan(100);
    await eventually(() => stack.logs.some((l) => l.route === '/v1/files/file-slow/content' && l.outcome === 'client_aborted'));
  });

  it('cuts the download when the upstream fails in the middle of it, so the client cannot take it for whole', async () => {
    const outcome = await rawRequest(`${stack.baseURL}/files/file-broken/content`, { headers: stack.auth() }).then(
      () => 'whole',
      (err: unknown) => (err as Error).message,
    );
    expect(outcome).not.toBe('whole');
    await eventually(() => stack.logs.some((l) => l.route === '/v1/files/file-broken/content' && l.outcome === 'upstream_error'));
  });

  it('ends the download instead of passing on a batch line too long to read', async () => {
    const outcome = await rawRequest(`${stack.baseURL}/files/file-long/content`, { headers: stack.auth() }).then(
      (res) => ({ status: res.status, length: res.body.length }),
      (err: unknown) => ({ error: (err as Error).message }),
    );
    // Either way the client cannot take the cut body for the whole file, and never sees the key.
    expect(outcome).toMatchObject({ error: expect.any(String) });
    await eventually(() => stack.logs.some((l) => l.route === '/v1/files/file-long/content' && l.outcome === 'error'));
  });

  it('refuses other spellings of the routes it reads instead of passing them through unread, and keeps other methods on them', async () => {
    const seenBefore = upstream.seen.length;
    for (const [method, path] of [
      ['GET', '/v1/files/file-out/content/'],
      ['GET', '/v1//files/file-out/content'],
      ['GET', '/v1/files/file-out/Content'],
      ['GET', '/v1/files/file-out%2Fcontent'],
      ['GET', '/v1/responses/resp_1/.'],
      ['POST', '/v1/chat/completions/'],
      ['POST', '/v1/batches/'],
    ] as const) {
      const res = await rawRequest(`${stack.url}${path}`, { method, path, headers: { ...stack.auth(), 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.parse(res.body.toString()).error.code, path).toBe('not_found');
    }
    expect(upstream.seen.length).toBe(seenBefore);
    // The canonical spelling with another method is not a read route: it still goes through.
    const deleted = await rawRequest(`${stack.baseURL}/chat/completions/chatcmpl_1`, { method: 'DELETE', headers: stack.auth() });
    expect(deleted.status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/v1/chat/completions/chatcmpl_1' });
  });

  it('asks for answers whole (no Range), and answers HEAD with 405', async () => {
    const res = await rawRequest(`${stack.baseURL}/files/file-out/content`, { headers: { ...stack.auth(), range: 'bytes=0-', 'if-range': '"x"' } });
    expect(res.status).toBe(200);
    expect(res.body.toString()).not.toMatch(LEAK);
    const sent = upstream.seen.at(-1)!;
    expect(sent.url).toBe('/v1/files/file-out/content');
    expect(sent.headers.range).toBeUndefined();
    expect(sent.headers['if-range']).toBeUndefined();
    const seenBefore = upstream.seen.length;
    for (const path of ['/files/file-out/content', '/models']) {
      const head = await rawRequest(`${stack.baseURL}${path}`, { method: 'HEAD', headers: stack.auth() });
      expect(head.status, path).toBe(405);
    }
    expect(upstream.seen.length).toBe(seenBefore);
  });

  it("passes the upstream's error for an unknown id through, and asks output:read of the caller", async () => {
    const err = await client.responses.retrieve('resp_unknown').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const denied = await rawRequest(`${stack.baseURL}/responses/resp_1`, { headers: { authorization: `Bearer ${await signToken('submitter')}` } });
    expect(denied.status).toBe(403);
    expect(upstream.seen.filter((r) => r.url === '/v1/responses/resp_1')).toHaveLength(1);
  });
});
