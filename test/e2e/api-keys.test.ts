import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI, { AuthenticationError, PermissionDeniedError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack } from '../helpers/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { API_KEY_CACHE_SEC: '1' } });
});
afterAll(() => stack.close());

async function createKey(body: object): Promise<{ id: string; key: string; role: string }> {
  const res = await fetch(`${stack.url}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...stack.auth('administrator') },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string; role: string };
}

const sdk = (apiKey: string) => new OpenAI({ baseURL: stack.baseURL, apiKey, maxRetries: 0 });
const ask = (client: OpenAI) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

describe('API keys', () => {
  it('are created by an administrator and work as the SDK apiKey', async () => {
    const { key, id } = await createKey({ name: 'ci-bot', role: 'agent' });
    expect(key).toMatch(/^bwk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const answer = await ask(sdk(key));
    expect(answer.choices[0]!.message.content).toBe(stack.mock.behaviour.reply);
    expect((await sdk(key).models.list()).data.length).toBeGreaterThan(0);
    await eventually(() => stack.logs.some((l) => l.principal === `key:${id}`));
  });

  it('are stored as a hash only, and listed without it', async () => {
    const { key, id } = await createKey({ name: 'stored', role: 'agent' });
    const rows = await stack.bulwark.store.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key.slice(17));
    const list = (await (await fetch(`${stack.url}/v1/admin/keys`, { headers: stack.auth('administrator') })).json()) as { data: object[] };
    const listed = list.data.find((k) => (k as { id: string }).id === id);
    expect(listed).toMatchObject({ id, name: 'stored', role: 'agent', revoked_at: null });
    expect(JSON.stringify(list)).not.toContain(key.slice(17));
    expect(listed).not.toHaveProperty('key_hash');
  });

  it('record their last use', async () => {
    const { key, id } = await createKey({ name: 'used', role: 'agent' });
    const before = Date.now();
    await ask(sdk(key));
    // The write is off the request path: poll the store for it.
    let row = await stack.bulwark.apiKeys.find(id);
    while (row?.last_used_at == null && Date.now() - before < 2_000) row = await stack.bulwark.apiKeys.find(id);
    expect(Date.parse(row!.last_used_at!)).toBeGreaterThanOrEqual(before - 1);
  });

  it('stop working within API_KEY_CACHE_SEC of their revocation', async () => {
    const { key, id } = await createKey({ name: 'short-lived', role: 'agent' });
    await ask(sdk(key));
    const res = await fetch(`${stack.url}/v1/admin/keys/${id}`, { method: 'DELETE', headers: stack.auth('administrator') });
    expect(await res.json()).toEqual({ id, revoked: true });
    const revokedAt = Date.now();
    let refused: unknown;
    while (!refused && Date.now() - revokedAt < 3_000) {
      refused = await ask(sdk(key)).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(Date.now() - revokedAt).toBeLessThan(2_500);
  });

  it('are refused once expired, with a wrong secret, or unknown', async () => {
    const { key } = await stack.bulwark.apiKeys.create({ name: 'old', role: 'agent', expiresAt: new Date(Date.now() - 1000) });
    const expired = await ask(sdk(key)).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(AuthenticationError);
    expect((expired as AuthenticationError).code).toBe('token_expired');
    const wrongSecret = `${key.slice(0, 17)}${'A'.repeat(43)}`;
    expect(await ask(sdk(wrongSecret)).catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
    expect(await ask(sdk(`bwk_000000000000_${'B'.repeat(43)}`)).catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
  });

  it("carry their role's permissions", async () => {
    const { key } = await createKey({ name: 'audit-bot', role: 'auditor' });
    const err = await ask(sdk(key)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).message).toContain('query:submit');
  });

  it('cannot be made by an agent, nor for an unknown role', async () => {
    const res = await fetch(`${stack.url}/v1/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth('agent') },
      body: JSON.stringify({ name: 'x', role: 'administrator' }),
    });
    expect(res.status).toBe(403);
    const bad = await fetch(`${stack.url}/v1/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.auth('administrator') },
      body: JSON.stringify({ name: 'x', role: 'wizard' }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('npm run keys', () => {
  const run = promisify(execFile);
  const cli = (dbUrl: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'proxy/cli/keys.ts', ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: dbUrl } });

  it('creates a key printed once, lists it, revokes it — and the proxy honours each step', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'bulwark-keys-')), 'bulwark.db');
    const created = await cli(db, 'create', '--role', 'agent', '--name', 'ci-bot');
    const key = created.stdout.trim();
    expect(key).toMatch(/^bwk_/);
    expect(created.stderr).toMatch(/shown only this once/);
    const id = key.slice(4, 16);
    expect((await cli(db, 'list')).stdout).toMatch(new RegExp(`^${id}\\tci-bot\\tagent\\tactive`, 'm'));

    const proxy = await startStack({ env: { DATABASE_URL: db, API_KEY_CACHE_SEC: '0' } });
    try {
      const client = new OpenAI({ baseURL: proxy.baseURL, apiKey: key, maxRetries: 0 });
      expect((await client.models.list()).data.length).toBeGreaterThan(0);
      expect((await cli(db, 'revoke', id)).stdout).toBe(`revoked ${id}\n`);
      expect(await client.models.list().catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
    } finally {
      await proxy.close();
    }
    expect((await cli(db, 'list')).stdout).toMatch(new RegExp(`^${id}\\tci-bot\\tagent\\trevoked`, 'm'));
  });

  it('explains its usage and exits 2 on a bad command', async () => {
    const err = (await cli(':memory:', 'create', '--role', 'wizard', '--name', 'x').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/create needs --name and --role/);
  });
});
