import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { TracerProvider } from '@opentelemetry/api';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { openAuditTrail, type AuditTrail } from './audit/audit-trail.ts';
import { createApiKeyStore, createApiKeyVerifier, type ApiKeyStore } from './auth/api-keys.ts';
import { createJwtVerifier } from './auth/jwt.ts';
import { compileRoles } from './auth/roles.ts';
import type { Config } from './config/load-config.ts';
import type { AppEnv } from './env.ts';
import { createMockUpstream, type MockUpstream } from './mock-upstream/server.ts';
import type { RequestRecord } from './request-record.ts';
import { createGuard, type Guard } from './policy/guard.ts';
import { createPolicyStore } from './policy/policy-store.ts';
import { passthroughRoute } from './routes/passthrough.ts';
import { openStore, type Store } from './store/database.ts';
import type { Logger } from './telemetry/logger.ts';
import { createMetrics, type Metrics } from './telemetry/metrics.ts';
import { createTracing } from './telemetry/tracing.ts';
import { createUpstreamClient, type UpstreamTarget } from './upstream/upstream-client.ts';

/** Idle keep-alive connections are kept this long: longer than the usual load balancer's 60 s. */
const KEEP_ALIVE_MS = 65_000;

/** A running Bulwark: what main.ts starts and what the tests start, through the same code. */
export interface Bulwark {
  readonly url: string;
  /** The unauthenticated Prometheus listener (METRICS_PORT). */
  readonly metricsUrl: string;
  readonly server: Server;
  readonly app: Hono<AppEnv>;
  readonly upstream: UpstreamTarget;
  readonly store: Store;
  readonly apiKeys: ApiKeyStore;
  readonly metrics: Metrics;
  /** Present in mock mode: the built-in upstream this instance forwards to. */
  readonly mock: MockUpstream | undefined;
  /** The HS256 secret in force, when there is one (generated in mock mode when none is set). */
  readonly jwtSecret: Uint8Array | undefined;
  readonly guard: Guard;
  readonly audit: AuditTrail;
  /** Stops accepting, lets in-flight requests and streams finish for up to `graceMs`, then closes everything. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** Traces go here; without one tracing is off (main.ts passes the OTel SDK's when OTEL_* asks for it, tests an in-memory one). */
  readonly tracerProvider?: TracerProvider;
}

export async function startBulwark(config: Config, logger: Logger, options: StartOptions = {}): Promise<Bulwark> {
  const mock = config.upstream.mode === 'mock' ? await createMockUpstream() : undefined;
  const upstream: UpstreamTarget = mock
    ? { baseUrl: mock.baseUrl, apiKey: undefined }
    : { baseUrl: (config.upstream as { baseUrl: string }).baseUrl, apiKey: config.upstreamApiKey };
  const timeouts = {
    connectMs: config.upstreamConnectTimeoutMs,
    responseMs: config.upstreamTimeoutMs,
    idleMs: config.upstreamIdleTimeoutMs,
  };
  const store = await openStore(config.databaseUrl);
  const roles = compileRoles(config.roles);
  const jwtSecret = config.jwtSecret !== undefined ? new TextEncoder().encode(config.jwtSecret) : mock ? randomBytes(32) : undefined;
  const jwt = {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    roleClaim: config.jwtRoleClaim,
  };
  const apiKeys = createApiKeyStore(store.db);
  const metrics = createMetrics({ models: config.metricsModels });
  const ownSecrets = [config.upstreamApiKey, config.jwtSecret, config.auditHmacKey].filter((s): s is string => s !== undefined);
  const policyStore = createPolicyStore(config.rulesDir, ownSecrets, (result) => {
    metrics.ruleReloads.inc({ result: result.ok ? 'success' : 'failure' });
    if (result.ok) logger.info({ policy_version: result.version, rules: result.rules }, 'rules reloaded');
    else logger.error({ policy_version: result.version, error: result.error }, 'rules rejected; the previous rules stay in force');
  });
  const guard = createGuard(policyStore, config.policyMode, config.policy.role_overrides, config.injectionScanSystem);
  const client = createUpstreamClient(upstream, timeouts);
  const passthrough = passthroughRoute(upstream, timeouts);
  const audit = await openAuditTrail(store, {
    instanceId: config.auditInstanceId ?? hostname(),
    hmacKey: config.auditHmacKey,
    retentionDays: config.auditRetentionDays,
    failMode: config.auditFailMode,
    logger,
    metrics,
  });
  let draining = false;
  /** Set when the shutdown grace is over and the remaining connections are cut. */
  let cutting = false;

  const app = createApp({
    logger,
    upstream: client,
    passthrough,
    maxBodyBytes: config.maxBodyBytes,
    isReady: () => (draining ? { ready: false, reason: 'Bulwark is shutting down.' } : { ready: true }),
    lifecycle: {
      tracing: options.tracerProvider ? createTracing(options.tracerProvider) : undefined,
      streams: metrics.activeStreams,
      finished(record, status, durationMs) {
        // A stream cut by the end of the shutdown grace did not lose its client: it was not finished.
        if (cutting && record.outcome === 'client_aborted') record.outcome = 'incomplete';
        logger.info(requestLogFields(record, status, durationMs), 'request');
        metrics.observeRequest(record, status, durationMs);
        audit.recorder.finish(record, status, durationMs);
      },
    },
    roles,
    apiKeys,
    verifyJwt: createJwtVerifier(
      { ...jwt, secret: jwtSecret, jwksUrl: config.jwksUrl, jwksCooldownMs: config.jwksCooldownMs, algorithms: config.jwtAlgorithms, clockToleranceSec: config.jwtClockToleranceSec },
      roles,
    ),
    verifyApiKey: createApiKeyVerifier(apiKeys, roles, config.apiKeyCacheSec, (err) =>
      logger.warn({ err: { message: (err as Error).message } }, 'could not record API key use'),
    ),
    devTokens: (config.devTokens ?? mock !== undefined) && jwtSecret ? { ...jwt, secret: jwtSecret, roles } : undefined,
    guard,
    audit,
  });
  const http = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Node closes an idle keep-alive connection after 5 s. A load balancer in front (idle timeout
  // commonly 60 s) may then reuse a socket Bulwark is closing, and answer 502: outlive it.
  http.keepAliveTimeout = KEEP_ALIVE_MS;
  http.headersTimeout = KEEP_ALIVE_MS + 1_000;
  const server = await listen(http, config.host, config.port);
  const metricsServer = await listen(
    createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      });
    }),
    config.host,
    config.metricsPort,
  );

  return {
    url: urlOf(server, config.host),
    metricsUrl: `${urlOf(metricsServer, config.host)}/metrics`,
    server,
    app,
    upstream,
    store,
    apiKeys,
    metrics,
    mock,
    jwtSecret,
    guard,
    audit,
    async close(graceMs = config.shutdownGraceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // server.close() only drops the connections idle at that moment; a keep-alive connection
      // whose stream ends later would hold the process for the whole keep-alive timeout.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => {
        cutting = true;
        server.closeAllConnections();
      }, graceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(timer);
      // Every response is over: their rows are queued. Write them before the store goes away.
      await audit.close();
      metricsServer.closeAllConnections();
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      passthrough.close();
      policyStore.close();
      await client.close();
      await mock?.close();
      await store.close();
    },
  };
}

const roundMs = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 100) / 100);

/** The request log line, one per request: ids, sizes, statuses and timings; never content or tokens. */
function requestLogFields(record: RequestRecord, status: number, durationMs: number) {
  return {
    request_id: record.requestId,
    trace_id: record.traceId,
    method: record.method,
    route: record.route,
    status,
    outcome: record.outcome,
    principal: record.principal,
    role: record.role,
    denial: record.denial,
    stream: record.stream,
    model: record.model,
    policy_version: record.policyVersion,
    findings: record.findings.length > 0 ? record.findings.map((f) => `${f.direction}:${f.ruleId}:${f.disposition}`) : undefined,
    upstream_status: record.upstreamStatus,
    request_bytes: record.requestBytes,
    response_bytes: record.responseBytes,
    input_tokens: record.usage?.input,
    output_tokens: record.usage?.output,
    upstream_ms: roundMs(record.upstreamMs),
    first_byte_ms: roundMs(record.firstByteMs),
    duration_ms: roundMs(durationMs),
  };
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve(server));
  });
}
