import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';
import { errorBody, ProxyError } from './errors.ts';
import { requestContext, type RequestFinished } from './middleware/request-context.ts';
import { chatCompletionsRoute } from './routes/chat-completions.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import type { Passthrough } from './routes/passthrough.ts';
import type { Logger } from './telemetry/logger.ts';
import type { UpstreamClient } from './upstream/upstream-client.ts';

export interface AppDeps {
  readonly logger: Logger;
  readonly upstream: UpstreamClient;
  readonly passthrough: Passthrough;
  readonly maxBodyBytes: number;
  readonly isReady: ReadinessCheck;
  readonly onFinished: RequestFinished;
}

/** Builds the Hono app without listening, so tests can drive it in memory or on a real port. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limitBody = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: (c) => c.json(errorBody('body_too_large', `The request body exceeds the limit of ${deps.maxBodyBytes} bytes.`), 413),
  });

  app.use(requestContext({ logger: deps.logger, onFinished: deps.onFinished }));
  app.route('/', healthRoutes(deps.isReady));
  app.post('/v1/chat/completions', limitBody, chatCompletionsRoute({ upstream: deps.upstream }));
  app.all('/v1/*', deps.passthrough.handler);

  app.notFound((c) => c.json(errorBody('not_found', `Unknown route: ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (err instanceof ProxyError) return c.json(err.toBody(), err.status);
    c.get('log').error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return c.json(errorBody('internal_error'), 500);
  });
  return app;
}
