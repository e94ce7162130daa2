import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-request.ts';
import { scriptedUpstream, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
import { startStack, UPSTREAM_KEY, type Stack } from '../helpers/stack.ts';

const chatBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });

/** What a caller may send: OpenAI headers that must pass, and credentials and hop-by-hop headers that must not. */
const callerHeaders = () => ({
  'content-type': 'application/json',
  ...stack.auth(),
  'api-key': 'caller-azure-key',
  'x-api-key': 'caller-x-api-key',
  cookie: 'session=caller',
  'openai-organization': 'org-abc',
  'openai-project': 'proj-abc',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'idempotency-key': 'idem-123',
  'x-stainless-lang': 'js',
  connection: 'keep-alive, x-hop-named',
  'x-hop-named': 'must-not-pass',
  'keep-alive': 'timeout=5',
  te: 'trailers',
  'proxy-authorization': 'Basic cHJveHk6cHJveHk=',
  'proxy-connection': 'keep-alive',
});

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

function lastUpstreamHeaders() {
  return stack.mock.requests.at(-1)!.headers;
}

describe.each([
  ['POST /v1/chat/completions (read and re-emitted)', 'POST', '/v1/chat/completions'],
  ['GET /v1/models (passthrough)', 'GET', '/v1/models'],
])('request headers on %s', (_name, method, path) => {
  it("sends the server's key upstream, never the caller's credentials", async () => {
    const res = await rawRequest(`${stack.url}${path}`, { method, headers: callerHeaders(), body: method === 'POST' ? chatBody : undefined });
    expect(res.status).toBe(200);
    const seen = lastUpstreamHeaders();
    expect(seen.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    for (const name of ['api-key', 'x-api-key', 'cookie']) expect(seen[name]).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('caller-');
    expect(JSON.stringify(seen)).not.toContain(stack.tokens.agent);
  });

  it('passes OpenAI headers and drops hop-by-hop headers', async () => {
    await rawRequest(`${stack.url}${path}`, { method, headers: callerHeaders(), body: method === 'POST' ? chatBody : undefined });
    const seen = lastUpstreamHeaders();
    expect(seen).toMatchObject({
      'openai-organization': 'org-abc',
      'openai-project': 'proj-abc',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'idempotency-key': 'idem-123',
      'x-stainless-lang': 'js',
    });
    for (const name of ['x-hop-named', 'keep-alive', 'te', 'proxy-authorization', 'proxy-connection']) expect(seen[name]).toBeUndefined();
  });
});

describe('response', () => {
  it("returns status, body and the relevant upstream headers, plus Bulwark's own request id", async () => {
    const res = await rawRequest(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.auth() }, body: chatBody });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-request-id']).toMatch(/^req_mock_/);
    expect(res.headers['openai-processing-ms']).toBeDefined();
    expect(res.headers['x-ratelimit-limit-requests']).toBe('10000');
    expect(res.headers['x-bulwark-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString()).choices[0].message.content).toBe(stack.mock.behaviour.reply);
    // Idle connections outlive a load balancer's 60 s idle timeout (Node's default is 5 s).
    expect(res.headers['keep-alive']).toBe('timeout=65');
  });

  it.each([400, 401, 404, 429, 500, 503])('passes an upstream %i body through byte for byte', async (status) => {
    const headers = { 'content-type': 'application/json', 'x-mock-status': String(status), ...stack.auth() };
    const direct = await rawRequest(`${stack.mock.baseUrl}/chat/completions`, { method: 'POST', headers, body: chatBody });
    const proxied = await rawRequest(`${stack.url}/v1/chat/completions`, { method: 'POST', headers, body: chatBody });
    expect(proxied.status).toBe(status);
    expect(proxied.body.equals(direct.body)).toBe(true);
    expect(proxied.headers['x-request-id']).toMatch(/^req_mock_/);
  });

  it('forwards the JSON body exactly as the caller wrote it, unknown fields included', async () => {
    const text = '{ "model":"gpt-4o-mini",  "messages":[{"role":"user","content":"hi"}], "x_vendor_field": {"keep": [1,2]} }';
    await rawRequest(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...stack.auth() }, body: text });
    expect(stack.mock.requests.at(-1)!.body.toString()).toBe(text);
  });
});

describe('upstream base path and query', () => {
  let upstream: ScriptedUpstream;
  let prefixed: Stack;
  beforeAll(async () => {
    upstream = await scriptedUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    prefixed = await startStack({ env: { UPSTREAM_BASE_URL: `${upstream.url}/openai/deployments/x/v1`, UPSTREAM_API_KEY: '' } });
  });
  afterAll(async () => {
    await prefixed.close();
    await upstream.close();
  });

  it('joins the base path and keeps the query string on both kinds of route', async () => {
    await rawRequest(`${prefixed.url}/v1/chat/completions?api-version=2024-10-21`, { method: 'POST', headers: { 'content-type': 'application/json', ...prefixed.auth() }, body: chatBody });
    await rawRequest(`${prefixed.url}/v1/models?limit=2`, { headers: prefixed.auth() });
    // Node accepts a fragment in a request-target; it is the client's own and never goes upstream.
    await rawRequest(prefixed.url, { method: 'POST', path: '/v1/chat/completions?api-version=2024-10-21#frag', headers: { 'content-type': 'application/json', ...prefixed.auth() }, body: chatBody });
    expect(upstream.seen.map((r) => r.url)).toEqual([
      '/openai/deployments/x/v1/chat/completions?api-version=2024-10-21',
      '/openai/deployments/x/v1/models?limit=2',
      '/openai/deployments/x/v1/chat/completions?api-version=2024-10-21',
    ]);
  });

  it('sends no Authorization at all when no upstream key is configured', async () => {
    await rawRequest(`${prefixed.url}/v1/models`, { headers: prefixed.auth() });
    expect(upstream.seen.at(-1)!.headers.authorization).toBeUndefined();
  });
});
