import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'hono';
import type { AppEnv } from '../env.ts';
import { outcomeForStatus, type RequestRecord } from '../request-record.ts';

export const REQUEST_ID_HEADER = 'x-bulwark-request-id';

export type RequestFinished = (record: RequestRecord, status: number, durationMs: number) => void;

/**
 * Gives every request an id and a `RequestRecord`, and reports the record once
 * the response is really over: for streams and passthrough routes that is when the socket's
 * response closes, long after the handler returned.
 */
export function requestContext({ onFinished }: { onFinished: RequestFinished }) {
  return async function requestContext(c: Context<AppEnv>, next: Next) {
    const requestId = randomUUID();
    const record: RequestRecord = {
      requestId,
      method: c.req.method,
      route: c.req.path,
      startedAt: performance.now(),
      receivedAt: Date.now(),
      clientIp: c.env?.incoming?.socket.remoteAddress,
      stream: false,
      findings: [],
    };
    c.set('requestId', requestId);
    c.set('record', record);

    const finish = (status: number, clientGone: boolean) => {
      record.outcome ??= clientGone ? 'client_aborted' : outcomeForStatus(status);
      onFinished(record, status, performance.now() - record.startedAt);
    };
    const outgoing = c.env?.outgoing;
    if (outgoing) {
      // Set on the socket's response too, so passthrough routes (written by http-proxy-3) carry it.
      outgoing.setHeader(REQUEST_ID_HEADER, requestId);
      outgoing.once('close', () => finish(outgoing.statusCode, !outgoing.writableFinished));
    }
    await next();
    if (outgoing) return;
    // In memory (app.request()) there is no socket: put the id on the Response itself. With a
    // socket this must not be done: rewriting c.res would undo RESPONSE_ALREADY_SENT.
    c.header(REQUEST_ID_HEADER, requestId);
    finish(c.res.status, false);
  };
}
