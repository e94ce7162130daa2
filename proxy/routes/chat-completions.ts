import type { Context } from 'hono';
import { z } from 'zod';
import { applyRoleLimits } from '../auth/role-limits.ts';
import type { Guard } from '../policy/guard.ts';
import { chatTexts, completionTexts } from '../policy/chat-texts.ts';
import type { Judgement } from '../policy/guard.ts';
import type { AppEnv } from '../env.ts';
import { recordUsage, type RequestRecord } from '../request-record.ts';
import { chatStreamHooks } from '../openai/chat-stream.ts';
import { readJsonBody } from '../openai/read-json-body.ts';
import { relaySse } from '../openai/sse-relay.ts';
import { requestHeaders } from '../request-headers.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from '../upstream/headers.ts';
import { upstreamFailure, type UpstreamClient } from '../upstream/upstream-client.ts';

/** Only what Bulwark relies on is checked; every other field passes through untouched. */
const chatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string() })),
  stream: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
});

/**
 * The answer with the output policy applied to every choice; re-serialised only when something
 * was redacted. A body that is not JSON is passed on as it came.
 */
function redactAnswer(body: Uint8Array<ArrayBuffer>, judgement: Judgement, record: RequestRecord): Uint8Array<ArrayBuffer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return body;
  }
  recordUsage(record, parsed);
  const out = judgement.output(completionTexts(parsed)) ? new TextEncoder().encode(JSON.stringify(parsed)) : body;
  record.responseBytes = out.byteLength;
  return out;
}

/** A status no client sees: the client left before the answer, and the record says so. */
const CLIENT_CLOSED_REQUEST = 499;

export function chatCompletionsRoute({ upstream, maxBodyBytes, guard }: { upstream: UpstreamClient; maxBodyBytes: number; guard: Guard }) {
  return async function chatCompletions(c: Context<AppEnv>): Promise<Response> {
    const { text, value } = await readJsonBody(c, chatRequest, maxBodyBytes);
    const record = c.get('record');
    record.model = value.model;
    record.stream = value.stream === true;
    record.requestBytes = Buffer.byteLength(text);
    const { role } = c.get('principal');
    const limits = applyRoleLimits(role, value);
    const judgement = guard.begin(role.name, record);
    const redacted = await judgement.input(chatTexts(value));
    const forwarded = limits || redacted ? JSON.stringify({ ...value, ...limits }) : text;

    const aborter = new AbortController();
    const abortUpstream = () => aborter.abort();
    // The socket's close, not the web Request's signal: that one costs a web Request per call.
    const outgoing = c.env.outgoing;
    outgoing?.once('close', () => {
      if (!outgoing.writableFinished) abortUpstream();
    });
    const url = c.req.url;
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const headers = upstreamRequestHeaders(requestHeaders(c), upstream.target.apiKey);

    try {
      const answer = await upstream.postJson(`/chat/completions${query}`, headers, forwarded, aborter.signal);
      record.upstreamStatus = answer.status;
      if (answer.status >= 400) record.outcome = 'upstream_error';
      const responseHeaders = clientResponseHeaders(answer.headers);
      if (answer.status === 200 && String(answer.headers['content-type']).startsWith('text/event-stream')) {
        responseHeaders['cache-control'] = 'no-cache';
        responseHeaders['x-accel-buffering'] = 'no';
        return new Response(relaySse(answer.body, chatStreamHooks(record, judgement.outputPolicy), abortUpstream), { status: 200, headers: responseHeaders });
      }
      const body = await answer.body.arrayBuffer().catch((err: unknown) => {
        throw aborter.signal.aborted ? err : upstreamFailure(err);
      });
      // A Uint8Array (not an ArrayBuffer) keeps @hono/node-server on its direct write path.
      return new Response(answer.status === 200 ? redactAnswer(new Uint8Array(body), judgement, record) : new Uint8Array(body), {
        status: answer.status,
        headers: responseHeaders,
      });
    } catch (err) {
      if (!aborter.signal.aborted) throw err;
      record.outcome = 'client_aborted';
      return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    }
  };
}
