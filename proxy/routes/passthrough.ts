import { Agent as HttpAgent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { createProxyServer } from 'http-proxy-3';
import type { AppEnv } from '../env.ts';
import { errorBody } from '../errors.ts';
import { dropHopByHop, isCallerCredential } from '../upstream/headers.ts';
import { upstreamFailure, type UpstreamTarget, type UpstreamTimeouts } from '../upstream/upstream-client.ts';

export interface Passthrough {
  handler: (c: Context<AppEnv>) => Response;
  close(): void;
}

/**
 * Every `/v1/*` route Bulwark does not read (models, files, audio, batches, ...) goes through
 * http-proxy-3 byte for byte, streaming and binary bodies included; only the credentials change.
 * The body must not have been read by any middleware before this handler.
 */
export function passthroughRoute(target: UpstreamTarget, timeouts: UpstreamTimeouts): Passthrough {
  const base = new URL(target.baseUrl);
  const agent = base.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const proxy = createProxyServer({ target: target.baseUrl, changeOrigin: true, agent, xfwd: false });
  proxy.on('proxyReq', (proxyReq) => {
    proxyReq.setTimeout(timeouts.responseMs, () => {
      proxyReq.destroy(Object.assign(new Error('upstream timed out'), { code: 'ETIMEDOUT' }));
    });
  });
  // The upstream's keep-alive terms describe its connection to Bulwark, not Bulwark's to the client.
  proxy.on('proxyRes', (proxyRes) => {
    dropHopByHop(proxyRes.headers);
    delete proxyRes.headers['set-cookie'];
  });

  function fail(err: Error, res: ServerResponse): void {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    const e = upstreamFailure(err);
    const body = JSON.stringify(e.toBody());
    res.writeHead(e.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  return {
    handler: function passthrough(c) {
      const { incoming, outgoing } = c.env;
      if (!incoming || !outgoing) {
        return c.json(errorBody('internal_error', 'Passthrough routes need a real HTTP server.'), 500);
      }
      prepareHeaders(incoming, target.apiKey);
      // The target carries the base path (`/v1`), so strip the same prefix from the request.
      incoming.url = (incoming.url ?? '/').replace(/^\/v1(?=\/|\?|$)/, '') || '/';
      proxy.web(incoming, outgoing, {}, (err) => fail(err as Error, outgoing));
      return RESPONSE_ALREADY_SENT;
    },
    close: () => {
      proxy.close();
      agent.destroy();
    },
  };
}

/** Hop-by-hop headers and the caller's credentials stay here; the server's key goes instead. */
function prepareHeaders(incoming: IncomingMessage, apiKey: string | undefined): void {
  dropHopByHop(incoming.headers);
  for (const name of Object.keys(incoming.headers)) {
    if (isCallerCredential(name)) delete incoming.headers[name];
  }
  if (apiKey !== undefined) incoming.headers.authorization = `Bearer ${apiKey}`;
}
