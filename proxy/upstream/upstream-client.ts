import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { ProxyError } from '../errors.ts';

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

export interface UpstreamClient {
  readonly target: UpstreamTarget;
  /** POSTs a JSON body to `path` (relative to the base URL, query string included). */
  postJson(path: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<UpstreamAnswer>;
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Turns a failed upstream call into the error the client gets: 504 for timeouts, 502 otherwise. */
export function upstreamFailure(err: unknown): ProxyError {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return new ProxyError(code !== undefined && TIMEOUT_CODES.has(code) ? 'upstream_timeout' : 'upstream_unreachable', { cause: err });
}

/** The upstream for routes whose bodies Bulwark reads: undici with a keep-alive pool and the three timeouts. */
export function createUpstreamClient(target: UpstreamTarget, timeouts: UpstreamTimeouts): UpstreamClient {
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.responseMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
  });
  return {
    target,
    async postJson(path, headers, body, signal) {
      try {
        const answer = await request(`${target.baseUrl}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
          signal,
          dispatcher: agent,
        });
        return { status: answer.statusCode, headers: answer.headers, body: answer.body };
      } catch (err) {
        if (signal.aborted) throw err;
        throw upstreamFailure(err);
      }
    },
    close: () => agent.close(),
  };
}
