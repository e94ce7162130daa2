import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, UPSTREAM_KEY, type Stack } from '../helpers/stack.ts';

/**
 * The request log line: exactly one per request, at info, once the response is over, with the
 * ids, principal, outcome, status and duration; never content or tokens.
 */
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const PROMPT = 'Draft the memo about project nightingale';
const REPLY = 'Here is the nightingale memo draft';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const linesOf = (s: Stack, requestId: string) => s.logs.filter((l) => l.request_id === requestId);

async function send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<string> {
  const res = await fetch(`${stack.url}${path}`, init);
  await res.text();
  return res.headers.get('x-bulwark-request-id')!;
}

describe('request log lines', () => {
  it('one line at info per request — plain, streamed, refused, passthrough — with ids, principal, outcome, status and duration', async () => {
    const json = { 'content-type': 'application/json', 'x-mock-reply': encodeURIComponent(REPLY) };
    const chat = (stream: boolean) => JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: PROMPT }] });
    const sent = {
      plain: await send('/v1/chat/completions', { method: 'POST', headers: { ...json, ...stack.auth(), traceparent: TRACEPARENT }, body: chat(false) }),
      streamed: await send('/v1/chat/completions', { method: 'POST', headers: { ...json, ...stack.auth() }, body: chat(true) }),
      refused: await send('/v1/chat/completions', { method: 'POST', headers: { ...json, authorization: 'Bearer bwk_nope_nope' }, body: chat(false) }),
      passthrough: await send('/v1/models', { headers: stack.auth() }),
    };
    await eventually(() => Object.values(sent).every((id) => linesOf(stack, id).length > 0));
    // Every response is over: a second line would have been written by now.
    await new Promise((r) => setTimeout(r, 50));

    for (const [what, id] of Object.entries(sent)) {
      const lines = linesOf(stack, id);
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatchObject({ level: 'info', msg: 'request', request_id: id, duration_ms: expect.any(Number), status: expect.any(Number) });
    }
    expect(linesOf(stack, sent.plain)[0]).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', principal: 'user-agent', outcome: 'allowed', status: 200, model: 'gpt-4o-mini', upstream_ms: expect.any(Number), input_tokens: expect.any(Number) });
    expect(linesOf(stack, sent.streamed)[0]).toMatchObject({ principal: 'user-agent', outcome: 'allowed', status: 200, stream: true, first_byte_ms: expect.any(Number) });
    expect(linesOf(stack, sent.streamed)[0]).not.toHaveProperty('trace_id');
    expect(linesOf(stack, sent.refused)[0]).toMatchObject({ outcome: 'denied', status: 401, denial: 'invalid_token' });
    expect(linesOf(stack, sent.refused)[0]).not.toHaveProperty('principal');
    expect(linesOf(stack, sent.passthrough)[0]).toMatchObject({ route: '/v1/models', outcome: 'allowed', status: 200, principal: 'user-agent' });
  });

  it('hold no prompt, answer, token or key', () => {
    const text = JSON.stringify(stack.logs);
    const bearer = stack.tokens.agent;
    for (const needle of ['nightingale', bearer, bearer.split('.')[2]!, 'bwk_nope_nope', UPSTREAM_KEY]) expect(text, needle.slice(0, 20)).not.toContain(needle);
  });
});

describe('LOG_LEVEL', () => {
  it('warn leaves the request lines out', async () => {
    const quiet = await startStack({ env: { LOG_LEVEL: 'warn' } });
    try {
      const res = await fetch(`${quiet.url}/v1/models`, { headers: quiet.auth() });
      await res.text();
      const requestId = res.headers.get('x-bulwark-request-id')!;
      // The audit row is queued right after the log line would have been written: once it is stored, the request is finished.
      const row = () => quiet.bulwark.store.db.selectFrom('audit_events').select('outcome').where('request_id', '=', requestId).executeTakeFirst();
      for (let r = await row(); r?.outcome !== 'allowed'; r = await row()) await quiet.bulwark.audit.recorder.flush();
      expect(quiet.logs.filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
