import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiKeyStore } from '../auth/api-keys.ts';
import type { Roles } from '../auth/roles.ts';
import type { AppEnv } from '../env.ts';
import { errorBody, ProxyError } from '../errors.ts';
import { requirePermission } from '../middleware/authenticate.ts';
import { readJsonBody } from '../openai/read-json-body.ts';

const createKey = z.object({
  name: z.string().min(1).max(200),
  role: z.string().min(1),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});

/** Bulwark's own management API: roles (rbac:manage) and API keys (keys:manage). */
export function adminRoutes({ keys, roles, maxBodyBytes }: { keys: ApiKeyStore; roles: Roles; maxBodyBytes: number }) {
  return new Hono<AppEnv>()
    .get('/v1/rbac/roles', requirePermission('rbac:manage'), (c) =>
      c.json({
        object: 'list',
        data: [...roles.values()].map((r) => ({ name: r.name, permissions: [...r.permissions], models: r.models, max_tokens: r.maxTokens ?? null })),
      }),
    )
    .post('/v1/admin/keys', requirePermission('keys:manage'), async (c) => {
      const { value } = await readJsonBody(c, createKey, maxBodyBytes);
      if (!roles.has(value.role)) throw new ProxyError('invalid_request', { message: `Unknown role '${value.role.slice(0, 64)}'.`, param: 'role' });
      const expiresAt = value.expires_in_days ? new Date(Date.now() + value.expires_in_days * 86_400_000) : undefined;
      const { key, info } = await keys.create({ name: value.name, role: value.role, ...(expiresAt ? { expiresAt } : {}) });
      return c.json({ ...info, key }, 201);
    })
    .get('/v1/admin/keys', requirePermission('keys:manage'), async (c) => c.json({ object: 'list', data: await keys.list() }))
    .delete('/v1/admin/keys/:id', requirePermission('keys:manage'), async (c) => {
      const id = c.req.param('id') ?? '';
      if (!(await keys.revoke(id))) return c.json(errorBody('not_found', 'No API key with that id.'), 404);
      return c.json({ id, revoked: true });
    });
}
