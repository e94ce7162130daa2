import { PassThrough, Readable, pipeline, type Writable } from 'node:stream';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { z } from 'zod';
import { applyRoleLimits, type TokenFields } from '../auth/role-limits.ts';
import type { AppEnv } from '../env.ts';
import { byteBudget, lineBreak, LinesOverBudget, LineTooLong, mapJsonLines } from '../openai/json-lines.ts';
import { readJsonBody } from '../openai/read-json-body.ts';
import { relaySse, type StreamHooks } from '../openai/sse-relay.ts';
import type { ScannableText } from '../policy/chat-texts.ts';
import type { AnswerPolicy } from '../policy/verdict.ts';
import type { Guard, Judgement } from '../policy/guard.ts';
import { recordUsage, type Outcome, type RequestRecord } from '../request-record.ts';
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
  streamHooks(record: RequestRecord, answers: AnswerPolicy): StreamHooks;
}

export const NOT_JSON = Symbol('not JSON');

/** A JSON text's value, or NOT_JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return NOT_JSON;
  }
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
  const parsed = parseJson(body);
  if (parsed === NOT_JSON) return body;
  recordUsage(record, parsed);
  const out = judgement.output(reader.answerTexts(parsed)) ? new TextEncoder().encode(JSON.stringify(parsed)) : body;
  record.responseBytes = out.byteLength;
  return out;
}

/**
 * An answer written as it is produced: straight to the socket; in memory (`app.request()` in
 * tests) through a web stream, which is what Hono can return there.
 */
function answerAsStream(c: Context<AppEnv>, answer: UpstreamAnswer, headers: Record<string, string>, write: (sink: Writable) => void): Response {
  const outgoing = c.env?.outgoing;
  if (outgoing) {
    outgoing.writeHead(answer.status, headers);
    write(outgoing);
    return RESPONSE_ALREADY_SENT;
  }
  const pipe = new PassThrough();
  write(pipe);
  return new Response(Readable.toWeb(pipe) as ReadableStream<Uint8Array>, { status: answer.status, headers });
}

function streamAnswer(c: Context<AppEnv>, answer: UpstreamAnswer, headers: Record<string, string>, hooks: StreamHooks, abortUpstream: () => void): Response {
  headers['cache-control'] = 'no-cache';
  headers['x-accel-buffering'] = 'no';
  return answerAsStream(c, answer, headers, (sink) => relaySse(answer.body, sink, hooks, abortUpstream));
}

/** Longest JSON line of a JSON Lines answer that is read; a batch output line holds one answer, far below it. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/**
 * What every JSON line being gathered at once may hold together (downloads and batch files being
 * judged): eight lines of the longest kind. Past it a reader is cut rather than the process
 * made to hold what concurrent callers ask for.
 */
export const GATHERED_LINES = byteBudget(8 * MAX_LINE_BYTES);
/** Every line of a batch's output file names its request, near its start. */
const BATCH_LINE = Buffer.from('"custom_id"');

/**
 * A JSON Lines answer (a batch's output file), redacted line by line as it passes: every line the
 * reader finds texts in is judged like a whole answer; anything else goes out byte for byte. A
 * batch line too long to read ends the download instead of passing unread.
 */
function linesAnswer(c: Context<AppEnv>, answer: UpstreamAnswer, headers: Record<string, string>, reader: AnswerReader, judgement: Judgement, aborter: CallAbort): Response {
  const record = c.get('record');
  record.responseBytes = 0;
  const mapLine = (line: Buffer) => {
    const parsed = parseJson(line);
    if (parsed === NOT_JSON || !judgement.output(reader.answerTexts(parsed))) return line;
    return Buffer.from(JSON.stringify(parsed) + lineBreak(line));
  };
  /** Why the download was cut, first cause only: a line too long destroys the upstream body in turn. */
  let cut = false;
  const cutFor = (outcome: Outcome) => {
    if (!cut) record.outcome = outcome;
    cut = true;
  };
  // Only a batch line can hold an answer: any other long line goes on unread, costing no memory.
  const lines = mapJsonLines({ budget: GATHERED_LINES, mapLine, maxLineBytes: MAX_LINE_BYTES, passUnread: (head) => !head.includes(BATCH_LINE) });
  async function* counted(chunks: AsyncIterable<Buffer>) {
    try {
      for await (const chunk of lines(chunks)) {
        record.responseBytes! += chunk.length;
        yield chunk;
      }
    } catch (err) {
      if (err instanceof LineTooLong || err instanceof LinesOverBudget) cutFor('error');
      throw err;
    }
  }
  // Before the pipeline's own listener, which destroys the response (and with it, reports the record).
  answer.body.once('error', () => {
    if (!aborter.aborted) cutFor('upstream_error');
  });
  // A failure on either side destroys the other: the client sees a cut download, never a short one that looks whole.
  return answerAsStream(c, answer, headers, (sink) => pipeline(answer.body, counted, sink, () => undefined));
}

/** A status no client sees: the client left before the answer, and the record says so. */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * Aborts an upstream call when the client leaves before its response is over. The socket's
 * close, not the web Request's signal: that one costs a web Request per call.
 */
export function abortWhenClientLeaves(c: Context<AppEnv>): CallAbort {
  const aborter = new CallAbort();
  const outgoing = c.env?.outgoing;
  if (!outgoing) return aborter;
  // Gone already (a batch's input file took a while to judge): the call is aborted as it starts.
  if (outgoing.destroyed && !outgoing.writableFinished) aborter.abort();
  else {
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) aborter.abort();
    });
  }
  return aborter;
}

/** How Bulwark reads the answer of an upstream call: where its texts are, and how a stream of it is redacted. */
export type AnswerReader = Pick<InspectedEndpoint<ModelRequest>, 'answerTexts'> & {
  /** How a streamed (SSE) answer is redacted; without it, an SSE answer is read like any other. */
  readonly streamHooks?: InspectedEndpoint<ModelRequest>['streamHooks'];
  /** The answer is JSON Lines, too long to hold (a batch's output file): `answerTexts` reads each line as it passes. */
  readonly jsonLines?: boolean;
};

/**
 * Calls the upstream (a POST of `body`, or a GET) and answers the client: a stream through the
 * reader's hooks, a body with the output policy applied. The client's leaving aborts the call.
 */
export async function forwardAndAnswer(
  c: Context<AppEnv>,
  upstream: UpstreamClient,
  path: string,
  body: string | undefined,
  reader: AnswerReader,
  judgement: Judgement,
): Promise<Response> {
  const record = c.get('record');
  const aborter = abortWhenClientLeaves(c);
  const abortUpstream = () => aborter.abort();
  // The query string as sent. Node accepts a fragment in a request-target: it is the client's own, never sent on.
  const url = c.req.url.split('#', 1)[0]!;
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  const headers = upstreamRequestHeaders(requestHeaders(c), upstream.target.apiKey);

  try {
    const answer = await upstream.call(`${path}${query}`, headers, body, aborter, record);
    record.upstreamStatus = answer.status;
    if (answer.status >= 400) record.outcome = 'upstream_error';
    const responseHeaders = clientResponseHeaders(answer.headers);
    // Every success is read: an answer never reaches the client unjudged for having an unusual status.
    const succeeded = answer.status >= 200 && answer.status < 300;
    if (succeeded && reader.streamHooks && String(answer.headers['content-type']).startsWith('text/event-stream')) {
      return streamAnswer(c, answer, responseHeaders, reader.streamHooks(record, judgement.answers), abortUpstream);
    }
    if (succeeded && reader.jsonLines) return linesAnswer(c, answer, responseHeaders, reader, judgement, aborter);
    const raw = await answer.body.arrayBuffer().catch((err: unknown) => {
      throw aborter.aborted ? err : upstreamFailure(err);
    });
    // A Uint8Array (not an ArrayBuffer) keeps @hono/node-server on its direct write path.
    return new Response(succeeded ? redactAnswer(reader, new Uint8Array(raw), judgement, record) : new Uint8Array(raw), {
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
