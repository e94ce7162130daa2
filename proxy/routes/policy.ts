import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { errorBody } from '../errors.ts';
import { requirePermission } from '../middleware/authenticate.ts';
import type { Guard } from '../policy/guard.ts';
import { maxHoldback } from '../policy/stream-redactor.ts';

/** `GET /v1/policy` (policy:read): the rules in force; `POST /v1/policy/reload` (policy:manage). */
export function policyRoutes(guard: Guard) {
  return new Hono<AppEnv>()
    .get('/v1/policy', requirePermission('policy:read'), (c) => {
      const policy = guard.store.current();
      return c.json({
        object: 'policy',
        version: policy.version,
        mode: guard.mode,
        max_holdback: maxHoldback(policy),
        rules: policy.rules.map((r) => ({
          id: r.id,
          category: r.category,
          severity: r.severity,
          description: r.description,
          input: r.input,
          output: r.output,
          label: r.label,
          observe: r.observe,
          always_on: r.alwaysOn,
          max_length: r.maxLength,
        })),
      });
    })
    .post('/v1/policy/reload', requirePermission('policy:manage'), (c) => {
      const result = guard.store.reload();
      if (result.ok) return c.json({ reloaded: true, version: result.version, rules: result.rules });
      return c.json({ ...errorBody('invalid_request', `The rules were not reloaded; version ${result.version} stays in force: ${result.error}`), reloaded: false }, 400);
    });
}
