import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { errorBody } from '../errors.ts';

/** What `/readyz` asks: each check names itself when it fails. */
export type ReadinessCheck = () => { ready: true } | { ready: false; reason: string };

export function healthRoutes(isReady: ReadinessCheck) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', (c) => {
      const state = isReady();
      if (state.ready) return c.json({ status: 'ready' });
      return c.json({ status: 'not_ready', ...errorBody('service_unavailable', state.reason) }, 503);
    });
}
