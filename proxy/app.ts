import type { Context, Next } from 'hono';
import { Hono } from 'hono';
import type { ApiKeyStore, VerifyApiKey } from './auth/api-keys.ts';
import type { VerifyJwt } from './auth/jwt.ts';
import type { Permission } from './auth/permissions.ts';
import type { Roles } from './auth/roles.ts';
import type { AuditTrail } from './audit/audit-trail.ts';
import { auditBegin, auditIntake } from './audit/middleware.ts';
import type { Guard } from './policy/guard.ts';
import type { AppEnv } from './env.ts';
import { errorBody, ProxyError } from './errors.ts';
import { authenticate, requirePermission } from './middleware/authenticate.ts';
import { requestContext, type RequestLifecycle } from './middleware/request-context.ts';
import { adminRoutes } from './routes/admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { createBatchRoute } from './routes/batches.ts';
import { chatCompletions, storedCompletions } from './routes/chat-completions.ts';
import { completions } from './routes/completions.ts';
import { embeddings } from './routes/embeddings.ts';
import { fileContent } from './routes/file-content.ts';
import { devTokenRoutes, type DevTokenOptions } from './routes/dev-token.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import { inspectedRoute, readBackRoute } from './routes/inspected-route.ts';
import type { Passthrough } from './routes/passthrough.ts';
import { policyRoutes } from './routes/policy.ts';
import { readRouteVariants } from './routes/read-paths.ts';
import { responses } from './routes/responses.ts';
import type { Logger } from './telemetry/logger.ts';
import type { UpstreamClient } from './upstream/upstream-client.ts';

export interface AppDeps {
  readonly logger: Logger;
  readonly upstream: UpstreamClient;
  readonly passthrough: Passthrough;
  readonly maxBodyBytes: number;
  readonly isReady: ReadinessCheck;
  readonly lifecycle: RequestLifecycle;
  readonly roles: Roles;
  readonly apiKeys: ApiKeyStore;
  readonly verifyJwt: VerifyJwt;
  readonly verifyApiKey: VerifyApiKey;
  /** Present when DEV_TOKENS is on: `POST /token` is served. */
  readonly devTokens: DevTokenOptions | undefined;
  readonly guard: Guard;
  readonly audit: AuditTrail;
}

/** Reading stored outputs back is `output:read`; everything else that reaches the upstream is `query:submit`. */
const STORED_OUTPUT = /^\/v1\/(chat\/completions|responses|batches)(\/|$)/;
function passthroughPermission(c: Context<AppEnv>): Permission {
  return c.req.method === 'GET' && STORED_OUTPUT.test(c.req.path) ? 'output:read' : 'query:submit';
}

/**
 * A path the router did not take for a read route, but that an upstream could (`/v1/batches/`,
 * `/v1//files/x/content`, `/v1/Chat/Completions`), is refused rather than passed on unread.
 */
function refuseReadRouteVariants(readRoutes: readonly string[]) {
  const isVariant = readRouteVariants(readRoutes);
  return async function refuseReadRouteVariants(c: Context<AppEnv>, next: Next) {
    const target = c.env?.incoming?.url ?? new URL(c.req.url).pathname;
    const path = target.split(/[?#]/, 1)[0]!;
    if (isVariant(path)) {
      throw new ProxyError('not_found', { message: `Unknown route: ${c.req.method} ${path.slice(0, 200)}. Bulwark serves the routes whose bodies it reads at their canonical paths only.` });
    }
    await next();
  };
}

/** HEAD has no use in the OpenAI API, and the routes that stream their answer cannot serve it. */
async function refuseHead(c: Context<AppEnv>, next: Next) {
  if (c.req.method === 'HEAD') throw new ProxyError('method_not_allowed');
  await next();
}

/** Builds the Hono app without listening, so tests can drive it in memory or on a real port. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestContext(deps.lifecycle));
  app.use(auditBegin(deps.audit.recorder));
  app.route('/', healthRoutes(deps.isReady));
  const maxBodyBytes = deps.maxBodyBytes;
  if (deps.devTokens) app.route('/', devTokenRoutes(deps.devTokens, maxBodyBytes));

  app.use('/v1/*', refuseHead);
  app.use('/v1/*', authenticate({ verifyJwt: deps.verifyJwt, verifyApiKey: deps.verifyApiKey }));
  app.use('/v1/*', auditIntake(deps.audit.recorder));
  app.route('/', adminRoutes({ keys: deps.apiKeys, roles: deps.roles, maxBodyBytes }));
  app.route('/', policyRoutes(deps.guard));
  app.route('/', auditRoutes(deps.audit));
  const inspected = { upstream: deps.upstream, maxBodyBytes, guard: deps.guard };
  // The routes whose bodies Bulwark reads: their other spellings must not reach the passthrough.
  const readHandlers = new Set<unknown>();
  const read = <H>(handler: H): H => {
    readHandlers.add(handler);
    return handler;
  };
  app.post('/v1/chat/completions', requirePermission('query:submit'), read(inspectedRoute(chatCompletions, inspected)));
  app.post('/v1/completions', requirePermission('query:submit'), read(inspectedRoute(completions, inspected)));
  app.post('/v1/responses', requirePermission('query:submit'), read(inspectedRoute(responses, inspected)));
  app.post('/v1/embeddings', requirePermission('query:submit'), read(inspectedRoute(embeddings, inspected)));
  app.post('/v1/batches', requirePermission('query:submit'), read(createBatchRoute(inspected)));
  // Stored answers read back are redacted like fresh ones (the upstream keeps them unredacted).
  const readBack = { upstream: deps.upstream, guard: deps.guard, maxBodyBytes };
  app.get('/v1/responses/:id', requirePermission('output:read'), read(readBackRoute(responses, readBack)));
  app.get('/v1/chat/completions/:id', requirePermission('output:read'), read(readBackRoute(chatCompletions, readBack)));
  app.post('/v1/chat/completions/:id', requirePermission('query:submit'), read(readBackRoute(chatCompletions, readBack)));
  app.get('/v1/chat/completions', requirePermission('output:read'), read(readBackRoute(storedCompletions, readBack)));
  app.get('/v1/files/:id/content', requirePermission('output:read'), read(readBackRoute(fileContent, readBack)));
  const readRoutes = app.routes.filter((r) => readHandlers.has(r.handler)).map((r) => r.path);
  app.all('/v1/*', requirePermission(passthroughPermission), refuseReadRouteVariants(readRoutes), deps.passthrough.handler);

  app.notFound((c) => c.json(errorBody('not_found', `Unknown route: ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (!(err instanceof ProxyError)) {
      deps.logger.error({ request_id: c.get('requestId'), err: { type: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
      return c.json(errorBody('internal_error'), 500);
    }
    if (err.status === 401 || err.status === 403) c.get('record').denial = err.code;
    if (err.status === 401) {
      c.header('WWW-Authenticate', err.code === 'missing_token' ? 'Bearer realm="bulwark"' : 'Bearer realm="bulwark", error="invalid_token"');
    }
    return c.json(err.toBody(), err.status);
  });
  return app;
}
