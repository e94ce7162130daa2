import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import SQLite from 'better-sqlite3';
import { afterAll, describe, it } from 'vitest';
import { createMac } from '../../proxy/audit/chain.ts';
import type { AuditPage } from '../../proxy/audit/query.ts';
import { verifyAudit } from '../../proxy/audit/verify.ts';
import { openStore } from '../../proxy/store/database.ts';

/**
 * The audit row survives the process: `npm start` as a child process (mock mode, its own
 * upstream), killed with SIGKILL or stopped with SIGTERM in the middle of a stream.
 */
const dir = mkdtempSync(join(tmpdir(), 'bulwark-audit-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
}

async function startMain(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', AUDIT_INSTANCE_ID: 'durability', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg?.startsWith('Bulwark listening') && entry.url) {
      child.stdout!.resume(); // keep draining the log lines
      return { child, url: entry.url };
    }
  }
  throw new Error('proxy/main.ts exited before it listened');
}

async function token(url: string, user: string, role: string): Promise<string> {
  const res = await fetch(`${url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: user, role }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A streamed chat completion, read up to its first piece: the stream is open when this returns. */
async function openStream(url: string, bearer: string, headers: Record<string, string>) {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'tell me a long story' }] }),
  });
  const reader = res.body!.getReader();
  if (res.status !== 200 || (await reader.read()).done) throw new Error(`the stream did not open (status ${res.status})`);
  const rest = async () => {
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    return text;
  };
  return { requestId: res.headers.get('x-bulwark-request-id')!, rest };
}

const rowsOf = (file: string, requestId: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return db.prepare('select * from audit_events where request_id = ?').all(requestId) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

async function verifyFile(file: string) {
  const store = await openStore(file);
  try {
    return await verifyAudit(store.db, createMac(undefined));
  } finally {
    await store.close();
  }
}

const LONG = { 'x-mock-reply': encodeURIComponent('word '.repeat(200)), 'x-mock-chunk-size': 'word', 'x-mock-chunk-delay-ms': '100' };

// Concurrent: each test waits mostly on child processes starting (tsx compiles for ~2 s).
describe.concurrent('audit durability', () => {
  it('SIGKILL in the middle of a stream: the row is there after a restart, marked incomplete', { timeout: 30_000 }, async ({ expect }) => {
    const file = join(dir, 'killed.db');
    const first = await startMain({ DATABASE_URL: file });
    const stream = await openStream(first.url, await token(first.url, 'alice', 'agent'), LONG);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    await stream.rest().catch(() => undefined);
    // While no process runs, the intake row is already in the file.
    expect(rowsOf(file, stream.requestId)).toMatchObject([{ outcome: 'pending', principal: 'alice', seq: null }]);

    const second = await startMain({ DATABASE_URL: file });
    try {
      const res = await fetch(`${second.url}/v1/audit?outcome=incomplete`, { headers: { authorization: `Bearer ${await token(second.url, 'audrey', 'auditor')}` } });
      const page = (await res.json()) as AuditPage;
      expect(page.data.find((r) => r.request_id === stream.requestId)).toMatchObject({
        outcome: 'incomplete',
        principal: 'alice',
        role: 'agent',
        route: '/v1/chat/completions',
        stream: null,
        chain: { id: 'durability/sha256', seq: expect.any(Number) },
      });
      const verified = await fetch(`${second.url}/v1/audit/verify`, { headers: { authorization: `Bearer ${await token(second.url, 'audrey', 'auditor')}` } });
      expect(await verified.json()).toMatchObject({ ok: true });
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
  });

  it('SIGTERM in the middle of two streams: the short one finishes, the long one is cut at SHUTDOWN_GRACE_MS, both rows are written before exit', { timeout: 30_000 }, async ({ expect }) => {
    const file = join(dir, 'drained.db');
    const running = await startMain({ DATABASE_URL: file, SHUTDOWN_GRACE_MS: '3000' });
    const bearer = await token(running.url, 'alice', 'agent');
    const short = { 'x-mock-reply': encodeURIComponent('one two three four five six seven eight'), 'x-mock-chunk-size': 'word', 'x-mock-chunk-delay-ms': '100' };
    const [finishing, cut] = await Promise.all([openStream(running.url, bearer, short), openStream(running.url, bearer, LONG)]);
    running.child.kill('SIGTERM');
    const [text, , [code]] = await Promise.all([finishing.rest(), cut.rest().catch(() => ''), once(running.child, 'exit') as Promise<[number | null]>]);
    expect(text).toContain('data: [DONE]');
    expect(code).toBe(0);
    expect(rowsOf(file, finishing.requestId)).toMatchObject([{ outcome: 'allowed', stream: 1, status: 200 }]);
    expect(rowsOf(file, cut.requestId)).toMatchObject([{ outcome: 'incomplete', stream: 1, status: 200 }]);
    const report = await verifyFile(file);
    expect(report).toMatchObject({ ok: true, chains: [{ chain_id: 'durability/sha256', pending: 0 }] });
  });
});
