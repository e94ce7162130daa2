import type { IncomingHttpHeaders } from 'node:http';

/**
 * How the mock upstream answers. Server-wide defaults come from `createMockUpstream(options)`;
 * any request can override them with `x-mock-*` headers, which Bulwark forwards like any other
 * header, so a test or a curl user can steer the mock through the proxy.
 */
export interface MockBehaviour {
  /** The assistant text every answer carries. */
  reply: string;
  /** Characters per streamed piece, or 'word' for word-sized pieces like real tokens. */
  chunkSize: number | 'word';
  /** Pause between streamed pieces. */
  chunkDelayMs: number;
  /** Pause before the response headers. */
  latencyMs: number;
  /** Answer with this HTTP status and an OpenAI-shaped error body instead. */
  failStatus: number | undefined;
  /** Destroy the connection after this many streamed pieces. */
  failAfterChunks: number | undefined;
}

export const DEFAULT_REPLY =
  'Hello from the Bulwark mock upstream. No model was called: set UPSTREAM_API_KEY (and UPSTREAM_BASE_URL for a non-OpenAI server) to reach a real one.';

export const defaultBehaviour: MockBehaviour = {
  reply: DEFAULT_REPLY,
  chunkSize: 'word',
  chunkDelayMs: 0,
  latencyMs: 0,
  failStatus: undefined,
  failAfterChunks: undefined,
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function intHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const v = header(headers, name);
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

export function behaviourFor(headers: IncomingHttpHeaders, base: MockBehaviour): MockBehaviour {
  const reply = header(headers, 'x-mock-reply');
  const chunk = header(headers, 'x-mock-chunk-size');
  return {
    reply: reply !== undefined ? decodeURIComponent(reply) : base.reply,
    chunkSize: chunk === 'word' ? 'word' : (intHeader(headers, 'x-mock-chunk-size') ?? base.chunkSize),
    chunkDelayMs: intHeader(headers, 'x-mock-chunk-delay-ms') ?? base.chunkDelayMs,
    latencyMs: intHeader(headers, 'x-mock-latency-ms') ?? base.latencyMs,
    failStatus: intHeader(headers, 'x-mock-status') ?? base.failStatus,
    failAfterChunks: intHeader(headers, 'x-mock-fail-after') ?? base.failAfterChunks,
  };
}

/** Splits text the way the mock streams it; whole code points only, never half a surrogate pair. */
export function splitText(text: string, chunkSize: number | 'word'): string[] {
  if (text === '') return [];
  if (chunkSize === 'word') return text.match(/\s*\S+\s*$|\s*\S+/gu) ?? [text];
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += Math.max(1, chunkSize)) {
    pieces.push(points.slice(i, i + Math.max(1, chunkSize)).join(''));
  }
  return pieces;
}

/** A rough token count: enough for usage numbers that move with the input. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
