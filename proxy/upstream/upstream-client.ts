import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { Pool } from 'undici';
import { ProxyError } from '../errors.ts';
import type { RequestRecord } from '../request-record.ts';
import { HTTP_REQUEST_METHOD, HTTP_RESPONSE_STATUS_CODE, SERVER_ADDRESS, SERVER_PORT, URL_FULL } from '../telemetry/attributes.ts';
import { failSpan, injectTraceContext, type RequestTrace } from '../telemetry/tracing.ts';

export interface UpstreamTarget {
  /** Base URL including `/v1`, without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
}

export interface UpstreamTimeouts {
  readonly connectMs: number;
  /** Until the response headers arrive. */
  readonly responseMs: number;
  /** Longest silence between two pieces of the body. */
  readonly idleMs: number;
}

export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The raw body; read it, stream it or dump it — it must be consumed. */
  readonly body: Readable & { arrayBuffer(): Promise<ArrayBuffer>; dump(): Promise<void> };
}

/**
 * Aborts one upstream call: the client left. An EventEmitter, which undici takes as a signal as
 * well as an AbortSignal (`abort` event, `aborted` flag). An AbortController's EventTarget cost
 * about 5 µs per request to set up and tear down; this costs next to nothing.
 */
export class CallAbort extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

export interface UpstreamClient {
  readonly target: UpstreamTarget;
  /**
   * Calls `path` (relative to the base URL, query string included): a POST with a JSON body, or a
   * GET when `body` is undefined. With the request's record, the call is timed (`upstreamMs`,
   * until the response headers) and, when the request is traced, made in a client span whose
   * context the upstream receives as `traceparent`. `headers` is the call's own: completed in
   * place (content type, trace context).
   */
  call(path: string, headers: Record<string, string>, body: string | undefined, signal: CallAbort, record?: RequestRecord): Promise<UpstreamAnswer>;
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Turns a failed upstream call into the error the client gets: 504 for timeouts, 502 otherwise. */
export function upstreamFailure(err: unknown): ProxyError {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return new ProxyError(code !== undefined && TIMEOUT_CODES.has(code) ? 'upstream_timeout' : 'upstream_unreachable', { cause: err });
}

/**
 * The upstream for routes whose bodies Bulwark reads: an undici keep-alive pool with the three
 * timeouts. One origin, so a pool of its own, called by path: no URL to parse per call.
 */
export function createUpstreamClient(target: UpstreamTarget, timeouts: UpstreamTimeouts): UpstreamClient {
  const base = new URL(target.baseUrl);
  const pool = new Pool(base.origin, {
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.responseMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
  });
  const basePath = base.pathname.replace(/\/+$/, '');
  // Credentials a base URL may carry (`https://user:pass@host/v1`) never go into a span.
  const spanBase = `${base.protocol}//${base.host}${basePath}`;
  /** The client span of one call: the query string is left out of its name and URL. */
  const startSpan = (requestTrace: RequestTrace, method: string, path: string) => {
    const endpoint = path.split('?', 1)[0]!;
    return requestTrace.child(`${method} ${endpoint}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        [HTTP_REQUEST_METHOD]: method,
        [URL_FULL]: `${spanBase}${endpoint}`,
        [SERVER_ADDRESS]: base.hostname,
        [SERVER_PORT]: Number(base.port) || (base.protocol === 'https:' ? 443 : 80),
      },
    });
  };
  return {
    target,
    async call(path, headers, body, signal, record) {
      const method = body === undefined ? 'GET' : 'POST';
      const span = record?.trace ? startSpan(record.trace, method, path) : undefined;
      if (span) injectTraceContext(span, headers);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const sent = performance.now();
      try {
        const answer = await pool.request({
          path: `${basePath}${path}`,
          method,
          headers,
          body,
          signal,
        });
        if (record) record.upstreamMs = performance.now() - sent;
        span?.setAttribute(HTTP_RESPONSE_STATUS_CODE, answer.statusCode);
        if (span && answer.statusCode >= 400) failSpan(span, String(answer.statusCode));
        return { status: answer.statusCode, headers: answer.headers, body: answer.body };
      } catch (err) {
        if (signal.aborted) {
          if (span) failSpan(span, 'client_aborted');
          throw err;
        }
        const failure = upstreamFailure(err);
        if (span) failSpan(span, failure.code);
        throw failure;
      } finally {
        span?.end();
      }
    },
    close: () => pool.close(),
  };
}
