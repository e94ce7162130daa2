import OpenAI, { NotFoundError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockUpstream } from '../../proxy/mock-upstream/server.ts';
import { rawRequest } from '../helpers/raw-request.ts';
import { scriptedUpstream, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
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
  let client: OpenAI;
  beforeAll(async () => {
    const stored = await storedAnswers();
    upstream = await scriptedUpstream((req, res) => {
      const json = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      if (req.url === '/v1/responses/resp_1?stream=true') res.writeHead(200, { 'content-type': 'text/event-stream' }).end(stored.responseStream);
      else if (req.url === '/v1/responses/resp_1') json(200, stored.response);
      else if (req.url === '/v1/chat/completions/chatcmpl_1') json(200, stored.completion);
      else if (req.url === '/v1/chat/completions' || req.url.startsWith('/v1/chat/completions?')) json(200, `{"object":"list","data":[${stored.completion}],"has_more":false}`);
      else json(404, '{"error":{"message":"No such object.","type":"invalid_request_error","param":null,"code":null}}');
    });
    stack = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/v1`, RULES_DIR: FIXTURE_RULES, BULWARK_CONFIG: configFile(SUBMIT_ONLY) } });
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.tokens.agent, maxRetries: 0 });
  });
  afterAll(async () => {
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

  it("passes the upstream's error for an unknown id through, and asks output:read of the caller", async () => {
    const err = await client.responses.retrieve('resp_unknown').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const denied = await rawRequest(`${stack.baseURL}/responses/resp_1`, { headers: { authorization: `Bearer ${await signToken('submitter')}` } });
    expect(denied.status).toBe(403);
    expect(upstream.seen.filter((r) => r.url === '/v1/responses/resp_1')).toHaveLength(1);
  });
});
