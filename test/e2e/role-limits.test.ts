import OpenAI, { PermissionDeniedError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFile } from '../helpers/config.ts';
import { eventually, signToken, startStack, type Stack } from '../helpers/stack.ts';

const ROLES = `
roles:
  limited:
    permissions: [query:submit]
    models: ["gpt-4o*", "o4-?ini"]
    max_tokens: 100
`;

let stack: Stack;
let client: OpenAI;
beforeAll(async () => {
  stack = await startStack({ env: { BULWARK_CONFIG: configFile(ROLES) } });
  client = new OpenAI({ baseURL: stack.baseURL, apiKey: await signToken('limited'), maxRetries: 0 });
});
afterAll(() => stack.close());

const ask = (body: Record<string, unknown>) =>
  client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...body } as never);

describe('per-role limits from config', () => {
  it('lets an operator-defined role call the models its globs allow', async () => {
    await expect(ask({ model: 'gpt-4o' })).resolves.toBeDefined();
    await expect(ask({ model: 'o4-mini' })).resolves.toBeDefined();
  });

  it('refuses a model outside the list with 403 naming the model', async () => {
    const err = await ask({ model: 'gpt-4.1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).code).toBe('model_not_allowed');
    expect((err as PermissionDeniedError).message).toContain("'gpt-4.1'");
    expect(stack.mock.requests.some((r) => r.body.toString().includes('gpt-4.1'))).toBe(false);
  });

  it.each(['max_tokens', 'max_completion_tokens'])('refuses %s above the ceiling', async (field) => {
    const err = await ask({ [field]: 101 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).code).toBe('max_tokens_exceeded');
    await expect(ask({ [field]: 100 })).resolves.toBeDefined();
  });

  it('adds the ceiling when the caller sets no limit', async () => {
    await ask({});
    expect(JSON.parse(stack.mock.requests.at(-1)!.body.toString())).toMatchObject({ max_completion_tokens: 100 });
  });

  it('does not let this role manage anything', async () => {
    const res = await fetch(`${stack.url}/v1/rbac/roles`, { headers: { authorization: `Bearer ${await signToken('limited')}` } });
    expect(res.status).toBe(403);
  });
});

describe('POST /token', () => {
  it('is 404 outside mock mode unless DEV_TOKENS=true', async () => {
    const res = await fetch(`${stack.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });

  it('issues a working HS256 token when on, and refuses unknown roles', async () => {
    const dev = await startStack({ env: { DEV_TOKENS: 'true' } });
    try {
      const post = (body: object) => fetch(`${dev.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const issued = (await (await post({ user_id: 'alice', role: 'developer' })).json()) as { access_token: string; token_type: string; expires_in: number };
      expect(issued).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
      const answer = await new OpenAI({ baseURL: dev.baseURL, apiKey: issued.access_token, maxRetries: 0 }).models.list();
      expect(answer.data.length).toBeGreaterThan(0);
      await eventually(() => dev.logs.some((l) => l.principal === 'alice' && l.role === 'developer'));
      const refused = await post({ user_id: 'alice', role: 'root' });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { param: string } }).error.param).toBe('role');
    } finally {
      await dev.close();
    }
  });
});
