import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import type { Config } from './config/load-config.ts';
import type { AppEnv } from './env.ts';
import { createMockUpstream, type MockUpstream } from './mock-upstream/server.ts';
import { passthroughRoute } from './routes/passthrough.ts';
import type { RequestRecord } from './request-record.ts';
import type { Logger } from './telemetry/logger.ts';
import { createUpstreamClient, type UpstreamTarget } from './upstream/upstream-client.ts';

/** A running Bulwark: what main.ts starts and what the tests start, through the same code. */
export interface Bulwark {
  readonly url: string;
  readonly server: Server;
  readonly app: Hono<AppEnv>;
  readonly upstream: UpstreamTarget;
  /** Present in mock mode: the built-in upstream this instance forwards to. */
  readonly mock: MockUpstream | undefined;
  /** Stops accepting, lets in-flight requests and streams finish for up to `graceMs`, then closes everything. */
  close(graceMs?: number): Promise<void>;
}

export async function startBulwark(config: Config, logger: Logger): Promise<Bulwark> {
  const mock = config.upstream.mode === 'mock' ? await createMockUpstream() : undefined;
  const upstream: UpstreamTarget = mock
    ? { baseUrl: mock.baseUrl, apiKey: undefined }
    : { baseUrl: (config.upstream as { baseUrl: string }).baseUrl, apiKey: config.upstreamApiKey };
  const timeouts = {
    connectMs: config.upstreamConnectTimeoutMs,
    responseMs: config.upstreamTimeoutMs,
    idleMs: config.upstreamIdleTimeoutMs,
  };
  const client = createUpstreamClient(upstream, timeouts);
  const passthrough = passthroughRoute(upstream, timeouts);
  let draining = false;

  const app = createApp({
    logger,
    upstream: client,
    passthrough,
    maxBodyBytes: config.maxBodyBytes,
    isReady: () => (draining ? { ready: false, reason: 'Bulwark is shutting down.' } : { ready: true }),
    onFinished: (record, status, durationMs) => logger.info(requestLogFields(record, status, durationMs), 'request'),
  });
  const server = await listen(app, config.host, config.port);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    server,
    app,
    upstream,
    mock,
    async close(graceMs = config.shutdownGraceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      passthrough.close();
      await client.close();
      await mock?.close();
    },
  };
}

/** The request log line: ids, sizes, statuses and timings; never content. */
function requestLogFields(record: RequestRecord, status: number, durationMs: number) {
  return {
    request_id: record.requestId,
    method: record.method,
    route: record.route,
    status,
    outcome: record.outcome,
    stream: record.stream,
    model: record.model,
    upstream_status: record.upstreamStatus,
    request_bytes: record.requestBytes,
    first_byte_ms: record.firstByteMs === undefined ? undefined : Math.round(record.firstByteMs * 100) / 100,
    duration_ms: Math.round(durationMs * 100) / 100,
  };
}

function listen(app: Hono<AppEnv>, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
