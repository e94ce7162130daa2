import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import type { Context, Next } from 'hono';
import type { AppEnv } from '../env.ts';
import { requestHeader, requestHeaders } from '../request-headers.ts';
import { outcomeForStatus, type RequestRecord } from '../request-record.ts';
import { beginRequestSpan, endRequestSpan } from '../telemetry/request-span.ts';
import { injectTraceContext, traceIdOf, type Tracing } from '../telemetry/tracing.ts';

export const REQUEST_ID_HEADER = 'x-bulwark-request-id';

/** What the rest of Bulwark takes part in, of each request's life. */
export interface RequestLifecycle {
  /** Present when tracing is on: every request gets a server span. */
  readonly tracing: Tracing | undefined;
  /** Streamed answers in flight: `inc` once a stream's headers are out, `dec` once it is over. */
  readonly streams: { inc(): void; dec(): void };
  /** Called once per request, when the response is really over (streams included). */
  finished(record: RequestRecord, status: number, durationMs: number): void;
}

/**
 * Gives every request an id, a `RequestRecord` and (when tracing) a server span, and reports the
 * record once the response is really over: for streams and passthrough routes that is when the
 * socket's response closes, long after the handler returned.
 */
export function requestContext({ tracing, streams, finished }: RequestLifecycle) {
  return async function requestContext(c: Context<AppEnv>, next: Next) {
    const requestId = randomUUID();
    const method = c.req.method;
    const route = c.req.path;
    const startedAt = performance.now();
    const incoming = c.env?.incoming;
    const trace = tracing ? beginRequestSpan(tracing, { requestId, method, route, startedAt }, requestHeaders(c)) : undefined;
    const record: RequestRecord = {
      requestId,
      method,
      route,
      startedAt,
      receivedAt: Date.now(),
      clientIp: incoming?.socket.remoteAddress,
      traceId: trace ? trace.traceId : (traceIdOf(requestHeader(c, 'traceparent')) ?? undefined),
      trace,
      stream: false,
      findings: [],
    };
    // Passthrough routes forward the incoming headers as they are: they carry Bulwark's span, not the caller's.
    if (trace && incoming) injectTraceContext(trace.span, incoming.headers);
    c.set('requestId', requestId);
    c.set('record', record);

    let over = false;
    let streaming = false;
    const finish = (status: number, clientGone: boolean) => {
      over = true;
      if (streaming) streams.dec();
      // How the response ended comes first: a stream redacted and then left by its client was
      // aborted (its findings still say what was redacted).
      if (clientGone && (record.outcome === undefined || record.outcome === 'redacted')) record.outcome = 'client_aborted';
      else record.outcome ??= outcomeForStatus(status);
      finished(record, status, performance.now() - startedAt);
      if (trace) endRequestSpan(trace, record, status);
    };
    const outgoing = c.env?.outgoing;
    if (outgoing) {
      // Set on the socket's response too, so passthrough routes (written by http-proxy-3) carry it.
      outgoing.setHeader(REQUEST_ID_HEADER, requestId);
      outgoing.once('close', () => finish(outgoing.statusCode, !outgoing.writableFinished));
    }
    await (trace ? context.with(trace.context, next) : next());
    if (outgoing) {
      // A stream's handler returns once its headers are out; the stream runs until the socket's
      // response closes. A client gone before the handler returned was finished already: not counted.
      const status = outgoing.headersSent ? outgoing.statusCode : c.res.status;
      if (record.stream && status === 200 && !over) {
        streaming = true;
        streams.inc();
      }
      return;
    }
    // In memory (app.request()) there is no socket: put the id on the Response itself. With a
    // socket this must not be done: rewriting c.res would undo RESPONSE_ALREADY_SENT.
    c.header(REQUEST_ID_HEADER, requestId);
    finish(c.res.status, false);
  };
}
