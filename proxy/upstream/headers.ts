import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 hop-by-hop headers: they describe one connection and are never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Header names the `connection` header lists: hop-by-hop for this message too. */
function connectionNamed(headers: IncomingHttpHeaders): string[] {
  const listed = headers.connection;
  return listed === undefined ? [] : String(listed).split(',').map((name) => name.trim().toLowerCase());
}

/** Removes hop-by-hop headers, including any the `connection` header names, in place. */
export function dropHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  for (const name of connectionNamed(headers)) delete headers[name];
  for (const name of HOP_BY_HOP) delete headers[name];
  return headers;
}

/**
 * Caller credentials (OpenAI's bearer, Azure's `api-key`, Anthropic-style `x-api-key`) and
 * headers the upstream connection sets itself. `accept-encoding` is dropped so that answers
 * arrive uncompressed, `range` and `if-range` so that they arrive whole: Bulwark reads them to
 * redact, and a part of an answer cannot be judged.
 */
const CALLER_CREDENTIALS = new Set(['authorization', 'api-key', 'x-api-key', 'cookie']);
const NEVER_FORWARDED = new Set([...CALLER_CREDENTIALS, 'host', 'content-length', 'accept-encoding', 'expect', 'range', 'if-range']);

/**
 * Headers for the upstream request: everything the caller sent (OpenAI-Organization,
 * OpenAI-Project, traceparent, Idempotency-Key, X-Stainless-*, ...) except hop-by-hop headers
 * and credentials, plus the server's own key.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, apiKey: string | undefined): Record<string, string> {
  // One pass over the caller's headers into a new object: copying them and deleting the
  // unwanted ones would leave V8 a dictionary-mode object to walk, on every request.
  const named = connectionNamed(incoming);
  const out: Record<string, string> = {};
  for (const name of Object.keys(incoming)) {
    const value = incoming[name];
    if (value === undefined || NEVER_FORWARDED.has(name) || HOP_BY_HOP.has(name) || named.includes(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (apiKey !== undefined) out.authorization = `Bearer ${apiKey}`;
  return out;
}

/** Headers that carry the caller's credentials: removed from every request that leaves. */
export function isCallerCredential(name: string): boolean {
  return CALLER_CREDENTIALS.has(name.toLowerCase());
}

const PASSED_BACK = /^(content-type|content-disposition|x-request-id|openai-.+|x-ratelimit-.+|retry-after|retry-after-ms|x-should-retry|cache-control)$/;

/**
 * Response headers worth returning to the caller of a route whose body Bulwark re-emits:
 * content-length and content-encoding are dropped (the body is re-serialised), cookies and
 * server details stay behind. A plain object, which @hono/node-server writes without conversion.
 */
export function clientResponseHeaders(upstream: IncomingHttpHeaders | OutgoingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || !PASSED_BACK.test(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
