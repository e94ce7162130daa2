import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type DefaultRole, type Stack } from '../helpers/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

/** Every route Bulwark serves behind auth, and the one permission it needs. */
const ROUTES: Array<{ method: string; path: string; body?: string; permission: string }> = [
  { method: 'POST', path: '/v1/chat/completions', body: chat, permission: 'query:submit' },
  { method: 'GET', path: '/v1/models', permission: 'query:submit' },
  { method: 'POST', path: '/v1/embeddings', body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }), permission: 'query:submit' },
  { method: 'POST', path: '/v1/responses', body: JSON.stringify({ model: 'gpt-4o-mini', input: 'x' }), permission: 'query:submit' },
  { method: 'GET', path: '/v1/responses/resp_123', permission: 'output:read' },
  { method: 'GET', path: '/v1/chat/completions', permission: 'output:read' },
  { method: 'GET', path: '/v1/rbac/roles', permission: 'rbac:manage' },
  { method: 'GET', path: '/v1/admin/keys', permission: 'keys:manage' },
  { method: 'POST', path: '/v1/admin/keys', body: JSON.stringify({ name: 'matrix', role: 'agent' }), permission: 'keys:manage' },
];

const HOLDS: Record<DefaultRole, string[]> = {
  agent: ['query:submit', 'output:read'],
  developer: ['query:submit', 'output:read', 'policy:read', 'model:configure'],
  auditor: ['audit:read', 'policy:read', 'output:read', 'metrics:read'],
  administrator: ['query:submit', 'output:read', 'rbac:manage', 'keys:manage'],
};

const cases = (Object.keys(HOLDS) as DefaultRole[]).flatMap((role) => ROUTES.map((route) => ({ role, ...route, allowed: HOLDS[role].includes(route.permission) })));

describe('every role against every route', () => {
  it.each(cases)('$role $method $path → allowed: $allowed', async ({ role, method, path, body, permission, allowed }) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { ...stack.auth(role), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
      return;
    }
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as { error: { code: string; message: string; type: string } };
    expect(error.code).toBe('permission_denied');
    expect(error.message).toContain(`'${permission}'`);
    expect(error.message).toContain(`'${role}'`);
  });

  it('lets everyone through to /healthz and /readyz without a token', async () => {
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
  });

  it('counts denials by reason and serves /metrics on its own port without a token', async () => {
    const res = await fetch(stack.bulwark.metricsUrl);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/bulwark_auth_failures_total\{reason="permission_denied"\} [1-9]/);
    expect(text).toContain('bulwark_requests_total{');
  });

  it('lists roles and permissions for rbac:manage', async () => {
    const res = await fetch(`${stack.url}/v1/rbac/roles`, { headers: stack.auth('administrator') });
    const { data } = (await res.json()) as { data: Array<{ name: string; permissions: string[] }> };
    expect(data.map((r) => r.name)).toEqual(['agent', 'developer', 'auditor', 'administrator']);
    expect(data.find((r) => r.name === 'auditor')!.permissions).not.toContain('query:submit');
  });
});
