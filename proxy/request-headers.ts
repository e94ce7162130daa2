import type { IncomingHttpHeaders } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The caller's headers as Node parsed them (lower-case names). Going through `c.req.header()`
 * would make @hono/node-server build a web Headers object on every request.
 */
export function requestHeaders(c: Context<AppEnv>): IncomingHttpHeaders {
  return c.env?.incoming?.headers ?? Object.fromEntries(c.req.raw.headers);
}

export function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  const value = requestHeaders(c)[name];
  return Array.isArray(value) ? value[0] : value;
}
