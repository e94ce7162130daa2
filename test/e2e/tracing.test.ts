import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chunk, gate, scriptedUpstream, sse, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';
import { eventually, startStack, UPSTREAM_KEY, type Stack } from '../helpers/stack.ts';

/**
 * Traces through a running proxy, exported to memory: a server span per request that continues
 * the caller's trace, a child span per step, Bulwark's own span context sent upstream, the trace
 * id in the audit row and the log line, and no content anywhere in the spans.
 */
const FIXTURE_RULES = new URL('../fixtures/rules/', import.meta.url).pathname;
const KEY = 'tk-Zq8Lw2Xv5Rn1Bt7Yc4Hd';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const PROMPT = `Summarise the quarterly numbers, key ${KEY}`;
const REPLY = 'The quarterly numbers went up; write to bob@example.org for details.';
const CHAT = 'POST /v1/chat/completions';

const exporter = new InMemorySpanExporter();
let stack: Stack;

beforeAll(async () => {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  stack = await startStack({ env: { RULES_DIR: FIXTURE_RULES }, tracerProvider });
});
afterAll(() => stack.close());
beforeEach(() => exporter.reset());

function post(body: object, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.auth('agent'), 'x-mock-reply': encodeURIComponent(REPLY), ...headers },
    body: JSON.stringify(body),
  });
}

/** The finished server span of a request (it ends when the response is over), and its children. */
async function spansOf(from: InMemorySpanExporter, requestId: string): Promise<{ server: ReadableSpan; children: Map<string, ReadableSpan> }> {
  const server = () => from.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['bulwark.request_id'] === requestId);
  await eventually(() => server() !== undefined);
  const s = server()!;
  const children = from.getFinishedSpans().filter((c) => c.parentSpanContext?.spanId === s.spanContext().spanId);
  return { server: s, children: new Map(children.map((c) => [c.name, c])) };
}

async function auditRow(requestId: string) {
  await stack.bulwark.audit.recorder.flush();
  return stack.bulwark.store.db.selectFrom('audit_events').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
}

const requestLine = (requestId: string) => stack.logs.find((l) => l.msg === 'request' && l.request_id === requestId);

describe('a traced chat completion', () => {
  it('is a server span that continues the caller’s trace, with GenAI and HTTP attributes', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] }, { traceparent: TRACEPARENT });
    const answer = (await res.json()) as { model: string; usage: { prompt_tokens: number; completion_tokens: number } };
    const { server } = await spansOf(exporter, res.headers.get('x-bulwark-request-id')!);

    expect(server.name).toBe(CHAT);
    expect(server.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': answer.model,
      'gen_ai.usage.input_tokens': answer.usage.prompt_tokens,
      'gen_ai.usage.output_tokens': answer.usage.completion_tokens,
      'bulwark.outcome': 'redacted',
      'bulwark.role': 'agent',
    });
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('has a child span for authentication, the input scan, the upstream call and the output redaction', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] }, { traceparent: TRACEPARENT });
    await res.text();
    const { server, children } = await spansOf(exporter, res.headers.get('x-bulwark-request-id')!);

    expect([...children.keys()].sort()).toEqual(['POST /chat/completions', 'bulwark.auth', 'bulwark.input_scan', 'bulwark.output_redaction']);
    for (const child of children.values()) expect(child.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(children.get('bulwark.auth')!.attributes).toEqual({ 'bulwark.role': 'agent' });
    expect(children.get('bulwark.input_scan')!.attributes).toMatchObject({ 'bulwark.policy.findings': 1, 'bulwark.policy.rule_ids': ['secret.test-key'] });
    expect(children.get('bulwark.output_redaction')!.attributes).toMatchObject({ 'bulwark.policy.findings': 1, 'bulwark.policy.rule_ids': ['pii.test-email'] });
    const call = children.get('POST /chat/completions')!;
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200, 'url.full': `${stack.mock.baseUrl}/chat/completions` });
  });

  it('sends the upstream call’s own span context upstream as traceparent', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, { traceparent: TRACEPARENT });
    await res.text();
    const { children } = await spansOf(exporter, res.headers.get('x-bulwark-request-id')!);
    const call = children.get('POST /chat/completions')!.spanContext();
    expect(stack.mock.requests.at(-1)!.headers.traceparent).toBe(`00-${CALLER_TRACE}-${call.spanId}-01`);
  });

  it('puts the trace id in the audit row and the request log line, and the chain still verifies', async () => {
    const res = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    await res.text();
    const requestId = res.headers.get('x-bulwark-request-id')!;
    const { server } = await spansOf(exporter, requestId);
    const traceId = server.spanContext().traceId;
    expect(traceId).not.toBe(CALLER_TRACE);
    expect(stack.mock.requests.at(-1)!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[\\da-f]{16}-01$`));
    expect((await auditRow(requestId)).trace_id).toBe(traceId);
    expect(requestLine(requestId)).toMatchObject({ trace_id: traceId, request_id: requestId, principal: 'user-agent', outcome: 'redacted', status: 200 });
    expect((await stack.bulwark.audit.verify()).ok).toBe(true);
  });

  it('records no prompt, completion, matched value or token in any span', async () => {
    const headers = { traceparent: TRACEPARENT };
    const streamed = await post({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: PROMPT }] }, headers);
    await streamed.text();
    const plain = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] }, headers);
    await plain.text();
    await spansOf(exporter, streamed.headers.get('x-bulwark-request-id')!);
    await spansOf(exporter, plain.headers.get('x-bulwark-request-id')!);

    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(10);
    const serialised = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, links: s.links })));
    const bearer = stack.auth('agent').authorization.slice('Bearer '.length);
    for (const needle of [KEY, 'quarterly', 'bob@example.org', 'be brief', bearer, UPSTREAM_KEY]) expect(serialised, needle).not.toContain(needle);
  });
});

describe('a traced stream', () => {
  const streamExporter = new InMemorySpanExporter();
  const release = gate();
  let upstream: ScriptedUpstream;
  let streaming: Stack;
  beforeAll(async () => {
    upstream = await scriptedUpstream(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse(chunk('Hello')));
      await release.opened;
      const usage = { ...chunk(''), choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } };
      res.end(`${sse(chunk(' world'))}${sse(chunk('', 'stop'))}${sse(usage)}${sse('[DONE]')}`);
    });
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(streamExporter)] });
    streaming = await startStack({ env: { UPSTREAM_BASE_URL: upstream.url }, tracerProvider });
  });
  afterAll(async () => {
    release.open();
    await streaming.close();
    await upstream.close();
  });

  it('ends its server span, with the output redaction span, only when the stream is over', async () => {
    const res = await fetch(`${streaming.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...streaming.auth('agent') },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    const requestId = res.headers.get('x-bulwark-request-id')!;
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('chat.completion.chunk');

    // The upstream has answered (its call span is over) but the stream still flows: the request is not over.
    await eventually(() => streamExporter.getFinishedSpans().some((s) => s.name === 'POST /chat/completions'));
    const names = () => streamExporter.getFinishedSpans().map((s) => s.name);
    expect(names()).not.toContain(CHAT);
    expect(names()).not.toContain('bulwark.output_redaction');

    release.open();
    while (!(await reader.read()).done);
    const { server, children } = await spansOf(streamExporter, requestId);
    expect(server.attributes).toMatchObject({
      'bulwark.stream': true,
      'bulwark.outcome': 'allowed',
      'gen_ai.response.model': 'scripted',
      'gen_ai.usage.input_tokens': 3,
      'gen_ai.usage.output_tokens': 2,
    });
    expect([...children.keys()].sort()).toEqual(['POST /chat/completions', 'bulwark.auth', 'bulwark.input_scan', 'bulwark.output_redaction']);
  });
});

describe('other traced requests', () => {
  it('a request refused by authentication: a server span with a failed auth child naming the reason', async () => {
    const res = await fetch(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer not-a-token' }, body: '{}' });
    expect(res.status).toBe(401);
    const { server, children } = await spansOf(exporter, res.headers.get('x-bulwark-request-id')!);
    expect(server.attributes).toMatchObject({ 'http.response.status_code': 401, 'bulwark.outcome': 'denied' });
    expect(server.attributes).not.toHaveProperty('gen_ai.request.model');
    const auth = children.get('bulwark.auth')!;
    expect(auth.status.code).toBe(SpanStatusCode.ERROR);
    expect(auth.attributes['error.type']).toBe('invalid_token');
  });

  it('a passthrough route: its upstream receives the server span’s context', async () => {
    const res = await fetch(`${stack.url}/v1/models`, { headers: { ...stack.auth('agent'), traceparent: TRACEPARENT } });
    expect(res.status).toBe(200);
    await res.text();
    const { server } = await spansOf(exporter, res.headers.get('x-bulwark-request-id')!);
    expect(server.name).toBe('GET /v1/models');
    expect(stack.mock.requests.at(-1)!.headers.traceparent).toBe(`00-${CALLER_TRACE}-${server.spanContext().spanId}-01`);
  });
});

describe('tracing off', () => {
  it('passes the caller’s traceparent upstream untouched and records its trace id', async () => {
    const plain = await startStack();
    try {
      const res = await fetch(`${plain.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...plain.auth('agent'), traceparent: TRACEPARENT },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      await res.text();
      const requestId = res.headers.get('x-bulwark-request-id')!;
      expect(plain.mock.requests.at(-1)!.headers.traceparent).toBe(TRACEPARENT);
      await eventually(() => plain.logs.some((l) => l.request_id === requestId));
      expect(plain.logs.find((l) => l.request_id === requestId)?.trace_id).toBe(CALLER_TRACE);
    } finally {
      await plain.close();
    }
  });
});
