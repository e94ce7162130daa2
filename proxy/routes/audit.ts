import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { decodeCursor } from '../audit/query.ts';
import type { AppEnv } from '../env.ts';
import { ProxyError } from '../errors.ts';
import { requirePermission } from '../middleware/authenticate.ts';

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1_000;

const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time')
  .transform((s) => new Date(Date.parse(s)).toISOString());

const auditQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  principal: z.string().min(1).max(256).optional(),
  outcome: z.string().min(1).max(64).optional(),
  rule: z.string().min(1).max(256).optional(),
  model: z.string().min(1).max(256).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1'))
    // Capped, not refused: a client asking for more simply gets full pages.
    .transform((n) => Math.min(n, AUDIT_MAX_LIMIT))
    .optional(),
  cursor: z
    .string()
    .refine((s) => decodeCursor(s) !== undefined, 'is not a cursor from a previous page')
    .optional(),
});

/** `GET /v1/audit` (filters, cursor pages) and `GET /v1/audit/verify`, both `audit:read`. */
export function auditRoutes(audit: AuditTrail) {
  return new Hono<AppEnv>()
    .get('/v1/audit', requirePermission('audit:read'), async (c) => {
      const parsed = auditQuery.safeParse(c.req.query());
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        if (issue.code === 'unrecognized_keys') {
          const key = (issue.keys[0] ?? '').slice(0, 64);
          throw new ProxyError('invalid_request', { message: `Unknown query parameter '${key}' (known: ${Object.keys(auditQuery.shape).join(', ')}).`, param: key });
        }
        const param = String(issue.path[0] ?? '');
        throw new ProxyError('invalid_request', { message: `Query parameter '${param}' ${issue.message}.`, param });
      }
      const { limit, ...filter } = parsed.data;
      return c.json(await audit.list({ ...filter, limit: limit ?? AUDIT_DEFAULT_LIMIT }));
    })
    .get('/v1/audit/verify', requirePermission('audit:read'), async (c) => c.json(await audit.verify()));
}
