import { PassThrough, Readable } from 'node:stream';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { z } from 'zod';
import { applyRoleLimits, type TokenFields } from '../auth/role-limits.ts';
import type { AppEnv } from '../env.ts';
import { readJsonBody } from '../openai/read-json-body.ts';
import { relaySse, type StreamHooks } from '../openai/sse-relay.ts';
import type { ScannableText } from '../policy/chat-texts.ts';
import type { Policy } from '../policy/compile-rules.ts';
import type { Guard, Judgement } from '../policy/guard.ts';
import { recordUsage, type RequestRecord } from '../request-record.ts';
import { requestHeaders } from '../request-headers.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from '../upstream/headers.ts';
import { CallAbort, upstreamFailure, type UpstreamAnswer, type UpstreamClient } from '../upstream/upstream-client.ts';

/** What Bulwark checks in every body it reads; every other field passes through untouched. */
export interface ModelRequest {
  model: string;
  stream?: boolean | null | undefined;
  [field: string]: unknown;
}

/**
 * What differs between the OpenAI endpoints whose bodies Bulwark reads (chat, Responses, legacy
 * completions, embeddings): the body's shape, where the texts are, and how a streamed answer is
 * redacted. Everything else — reading, role limits, scanning, forwarding, redaction, streaming,
 * client aborts — is the same walk, in `inspectedRoute`.
 */
export interface InspectedEndpoint<T extends ModelRequest> {
  /** The upstream path, relative to the base URL (`/chat/completions`). */
  readonly path: string;
  /** Light validation: only what Bulwark relies on. */
  readonly schema: z.ZodType<T>;
  /** Where the role's output-token ceiling applies; undefined when the endpoint has none. */
  readonly tokenFields: TokenFields | undefined;
  /** Every text of the request the model will read, each with its setter for redaction. */
  promptTexts(body: T): ScannableText[];
  /** Every text of a non-streamed answer the client will read. */
  answerTexts(answer: unknown): ScannableText[];
  /** The relay hooks of a streamed answer: its redaction, usage and end checks. */
  streamHooks(record: RequestRecord, outputPolicy: Policy): StreamHooks;
}

/**
 * The answer with the output policy applied; re-serialised only when something was redacted.
 * A body that is not JSON is passed on as it came.
 */
function redactAnswer(
  reader: AnswerReader,
  body: Uint8Array<ArrayBuffer>,
  judgement: Judgement,
  record: RequestRecord,
): Uint8Array<ArrayBuffer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return body;
  }
  recordUsage(record, parsed);
  const out = judgement.output(reader.answerTexts(parsed)) ? new TextEncoder().encode(JSON.stringify(parsed)) : body;
  record.responseBytes = out.byteLength;
  return out;
}

/**
 * A streamed answer goes straight to the socket; in memory (`app.request()` in tests) through a
 * web stream, which is what Hono can return there.
 */
function streamAnswer(c: Context<AppEnv>, answer: UpstreamAnswer, headers: Record<string, string>, hooks: StreamHooks, abortUpstream: () => void): Response {
  headers['cache-control'] = 'no-cache';
  headers['x-accel-buffering'] = 'no';
  const outgoing = c.env?.outgoing;
  if (outgoing) {
    outgoing.writeHead(200, headers);
    relaySse(answer.body, outgoing, hooks, abortUpstream);
    return RESPONSE_ALREADY_SENT;
  }
  const pipe = new PassThrough();
  relaySse(answer.body, pipe, hooks, abortUpstream);
  return new Response(Readable.toWeb(pipe) as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** A status no client sees: the client left before the answer, and the record says so. */
const CLIENT_CLOSED_REQUEST = 499;

/** How Bulwark reads the answer of an upstream call: where its texts are, and how a stream of it is redacted. */
export type AnswerReader = Pick<InspectedEndpoint<ModelRequest>, 'answerTexts' | 'streamHooks'>;

/**
 * Calls the upstream (a POST of `body`, or a GET) and answers the client: a stream through the
 * reader's hooks, a body with the output policy applied. The client's leaving aborts the call.
 */
async function forwardAndAnswer(
  c: Context<AppEnv>,
  upstream: UpstreamClient,
  path: string,
  body: string | undefined,
  reader: AnswerReader,
  judgement: Judgement,
): Promise<Response> {
  const record = c.get('record');
  const aborter = new CallAbort();
  const abortUpstream = () => aborter.abort();
  // The socket's close, not the web Request's signal: that one costs a web Request per call.
  const outgoing = c.env?.outgoing;
  outgoing?.once('close', () => {
    if (!outgoing.writableFinished) abortUpstream();
  });
  // The query string as sent. Node accepts a fragment in a request-target: it is the client's own, never sent on.
  const url = c.req.url.split('#', 1)[0]!;
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  const headers = upstreamRequestHeaders(requestHeaders(c), upstream.target.apiKey);

  try {
    const answer = await upstream.call(`${path}${query}`, headers, body, aborter, record);
    record.upstreamStatus = answer.status;
    if (answer.status >= 400) record.outcome = 'upstream_error';
    const responseHeaders = clientResponseHeaders(answer.headers);
    if (answer.status === 200 && String(answer.headers['content-type']).startsWith('text/event-stream')) {
      return streamAnswer(c, answer, responseHeaders, reader.streamHooks(record, judgement.outputPolicy), abortUpstream);
    }
    const raw = await answer.body.arrayBuffer().catch((err: unknown) => {
      throw aborter.aborted ? err : upstreamFailure(err);
    });
    // A Uint8Array (not an ArrayBuffer) keeps @hono/node-server on its direct write path.
    return new Response(answer.status === 200 ? redactAnswer(reader, new Uint8Array(raw), judgement, record) : new Uint8Array(raw), {
      status: answer.status,
      headers: responseHeaders,
    });
  } catch (err) {
    if (!aborter.aborted) throw err;
    record.outcome = 'client_aborted';
    return new Response(null, { status: CLIENT_CLOSED_REQUEST });
  }
}

export function inspectedRoute<T extends ModelRequest>(
  endpoint: InspectedEndpoint<T>,
  { upstream, maxBodyBytes, guard }: { upstream: UpstreamClient; maxBodyBytes: number; guard: Guard },
) {
  return async function inspected(c: Context<AppEnv>): Promise<Response> {
    const { text, value } = await readJsonBody(c, endpoint.schema, maxBodyBytes);
    const record = c.get('record');
    record.model = value.model;
    record.stream = value.stream === true;
    record.requestBytes = Buffer.byteLength(text);
    const { role } = c.get('principal');
    const limits = applyRoleLimits(role, value, endpoint.tokenFields);
    const judgement = guard.begin(role.name, record);
    const redacted = await judgement.input(endpoint.promptTexts(value));
    const forwarded = limits || redacted ? JSON.stringify({ ...value, ...limits }) : text;
    return forwardAndAnswer(c, upstream, endpoint.path, forwarded, endpoint, judgement);
  };
}

/** Any JSON object: what a request that carries no prompt (a metadata update) may send. */
const ANY_OBJECT = z.looseObject({});

/**
 * Reading a stored answer back (`GET /v1/responses/{id}`, `GET /v1/chat/completions/{id}`, the
 * list of stored completions, and `POST /v1/chat/completions/{id}`, a metadata update that answers
 * with the completion): the upstream keeps what the model wrote, unredacted, so what comes back is
 * redacted like a fresh answer — else any caller could fetch by id what redaction kept from it.
 * A read-back streamed again (`?stream=true`) goes through the same stream hooks.
 */
export function readBackRoute(reader: AnswerReader, { upstream, guard, maxBodyBytes }: { upstream: UpstreamClient; guard: Guard; maxBodyBytes: number }) {
  return async function readBack(c: Context<AppEnv>): Promise<Response> {
    const record = c.get('record');
    record.stream = c.req.query('stream') === 'true';
    const body = c.req.method === 'POST' ? (await readJsonBody(c, ANY_OBJECT, maxBodyBytes)).text : undefined;
    const judgement = guard.begin(c.get('principal').role.name, record);
    return forwardAndAnswer(c, upstream, c.req.path.slice('/v1'.length), body, reader, judgement);
  };
}
