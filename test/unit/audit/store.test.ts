import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditTrail, type AuditOptions, type AuditTrail } from '../../../proxy/audit/audit-trail.ts';
import { createMac, rowHash } from '../../../proxy/audit/chain.ts';
import { pruneAudit } from '../../../proxy/audit/retention.ts';
import { ProxyError } from '../../../proxy/errors.ts';
import type { RequestRecord } from '../../../proxy/request-record.ts';
import type { Store } from '../../../proxy/store/database.ts';
import type { AuditEventTable, Tables } from '../../../proxy/store/schema.ts';
import { createLogger } from '../../../proxy/telemetry/logger.ts';
import { postgresBackend, sqliteBackend } from './backends.ts';

/**
 * The audit store suite, run unchanged against SQLite (a temp file) and the real PostgreSQL:
 * one code path, two dialects, the same expectations.
 */
const DAY = 86_400_000;
const logger = createLogger('silent');

describe.each([sqliteBackend(), postgresBackend()])('audit store on $name', (backend) => {
  let store: Store;
  let clock: Date;
  let n = 0;
  const trails: AuditTrail[] = [];
  const stores: Store[] = [];

  afterEach(async () => {
    // Stops their timers: a heartbeat or prune must not reach into the next test's rows.
    for (const t of trails.splice(0)) await t.close(0).catch(() => undefined);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await backend.cleanup();
  });
  beforeEach(async () => {
    store = await backend.open();
    stores.push(store);
    clock = new Date('2025-03-01T12:00:00.000Z');
  });

  const open = async (options: Partial<AuditOptions> = {}, on: Store = store) => {
    const trail = await openAuditTrail(on, { instanceId: 'replica-a', hmacKey: undefined, retentionDays: 365, failMode: 'closed', logger, now: () => clock, ...options });
    trails.push(trail);
    return trail;
  };

  function record(over: Partial<RequestRecord> = {}): RequestRecord {
    n += 1;
    return {
      requestId: `req-${n}`,
      method: 'POST',
      route: '/v1/chat/completions',
      startedAt: performance.now(),
      receivedAt: clock.getTime(),
      clientIp: '127.0.0.1',
      stream: false,
      findings: [],
      principal: 'user-a',
      role: 'agent',
      keyId: null,
      ...over,
    };
  }

  /** One request through the recorder, as the middleware and server do it. */
  async function serve(trail: AuditTrail, rec: RequestRecord, status = 200, admit = true) {
    trail.recorder.begin(rec, null);
    if (admit) await trail.recorder.admit(rec);
    rec.outcome ??= status < 400 ? 'allowed' : 'denied';
    trail.recorder.finish(rec, status, 12.4);
    expect(await trail.recorder.flush()).toBe(true);
    return rec;
  }

  const rowOf = (requestId: string) => store.db.selectFrom('audit_events').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
  const chained = (chainId: string) => store.db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).orderBy('seq').execute();

  it('writes an intake row on arrival (principal included) and completes it, chained, at the end', async () => {
    const trail = await open();
    const rec = record({ model: 'gpt-4o-mini' });
    trail.recorder.begin(rec, 'abcdef0123456789abcdef0123456789');
    await trail.recorder.admit(rec);
    const pending = await rowOf(rec.requestId);
    expect(pending).toMatchObject({ outcome: 'pending', seq: null, hash: null, principal: 'user-a', role: 'agent', trace_id: 'abcdef0123456789abcdef0123456789' });
    rec.outcome = 'allowed';
    trail.recorder.finish(rec, 200, 12.4);
    await trail.recorder.flush();
    const row = await rowOf(rec.requestId);
    expect(row).toMatchObject({ outcome: 'allowed', status: 200, model: 'gpt-4o-mini', chain_id: 'replica-a/sha256', prev_hash: '0'.repeat(64) });
    expect(Number(row.seq)).toBe(1);
    expect(row.hash).toBe(rowHash(createMac(undefined), row));
    expect((await trail.verify()).ok).toBe(true);
  });

  it('records rule counts per direction, sizes, usage and timings', async () => {
    const trail = await open();
    const finding = (ruleId: string, direction: 'input' | 'output') => ({ ruleId, category: 'secret', direction, disposition: 'redact' as const, messageIndex: 0, start: 0, end: 5 });
    const rec = record({
      stream: true,
      outcome: 'redacted',
      upstreamStatus: 200,
      requestBytes: 1234,
      responseBytes: 5678,
      usage: { input: 10, output: 20 },
      firstByteMs: 42.6,
      policyVersion: 'v123',
      findings: [finding('secret.openai-api-key', 'input'), finding('secret.openai-api-key', 'input'), finding('pii.email', 'output')],
    });
    await serve(trail, rec);
    const row = await rowOf(rec.requestId);
    expect(JSON.parse(row.rules!)).toEqual({ input: { 'secret.openai-api-key': 2 }, output: { 'pii.email': 1 } });
    expect(row).toMatchObject({ stream: 1, outcome: 'redacted', upstream_status: 200, policy_version: 'v123' });
    expect([row.request_bytes, row.response_bytes, row.input_tokens, row.output_tokens, row.first_byte_ms, row.duration_ms].map(Number)).toEqual([1234, 5678, 10, 20, 43, 12]);
    const [listed] = (await trail.list({ limit: 10 })).data;
    expect(listed).toMatchObject({ stream: true, usage: { input_tokens: 10, output_tokens: 20 }, latency_ms: 12, first_byte_ms: 43, rules: { input: { 'secret.openai-api-key': 2 } } });
  });

  it('writes an auth denial (which has no intake row) whole when it ends', async () => {
    const trail = await open();
    const rec = record({ principal: undefined, role: undefined, keyId: undefined, denial: 'invalid_token' });
    await serve(trail, rec, 401, false);
    expect(await rowOf(rec.requestId)).toMatchObject({ outcome: 'denied', status: 401, denial: 'invalid_token', principal: null });
    expect((await trail.verify()).ok).toBe(true);
  });

  it('chains rows in the order they finish, not the order they arrive', async () => {
    const trail = await open();
    const slow = record();
    const quick = record();
    for (const r of [slow, quick]) {
      trail.recorder.begin(r, null);
      await trail.recorder.admit(r);
      r.outcome = 'allowed';
    }
    trail.recorder.finish(quick, 200, 1);
    trail.recorder.finish(slow, 200, 9);
    await trail.recorder.flush();
    expect(Number((await rowOf(quick.requestId)).seq)).toBe(1);
    expect(Number((await rowOf(slow.requestId)).seq)).toBe(2);
    expect((await trail.verify()).ok).toBe(true);
  });

  it('records rows left in flight by a killed process as incomplete when the instance restarts', async () => {
    const first = await open();
    await serve(first, record());
    const cut = record({ stream: true });
    first.recorder.begin(cut, null);
    await first.recorder.admit(cut);
    // No finish, no close: the process died here. The same instance starts again.
    const again = await open();
    const row = await rowOf(cut.requestId);
    expect(row).toMatchObject({ outcome: 'incomplete', principal: 'user-a', chain_id: 'replica-a/sha256' });
    expect(Number(row.seq)).toBe(2);
    await serve(again, record());
    expect(await again.verify()).toMatchObject({ ok: true, rows: 3 });
  });

  it('keeps one verifiable chain per replica, and a live replica takes over the rows of a silent one', async () => {
    const a = await open({ instanceId: 'replica-a' });
    // On PostgreSQL replica b has its own pool, as a second process would. SQLite has one writer
    // by design (two connections in one thread would wait on each other's locks synchronously).
    const second = backend.name === 'postgres' ? await backend.another() : store;
    if (second !== store) stores.push(second);
    const b = await open({ instanceId: 'replica-b' }, second);
    await Promise.all(Array.from({ length: 40 }, (_, i) => serve(i % 2 ? a : b, record({ principal: `user-${i}` }))));
    const orphan = record();
    a.recorder.begin(orphan, null);
    await a.recorder.admit(orphan);
    expect(await b.recover()).toBe(0); // replica-a is alive: its rows in flight are its own
    clock = new Date(clock.getTime() + 10 * 60_000); // ten minutes without a heartbeat from replica-a
    expect(await b.recover()).toBe(1);
    expect(await rowOf(orphan.requestId)).toMatchObject({ outcome: 'incomplete', chain_id: 'replica-b/sha256', stream: null });
    const report = await b.verify();
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.chain_id, c.rows])).toEqual([
      ['replica-a/sha256', 20],
      ['replica-b/sha256', 21],
    ]);
  });

  describe('verify finds the first broken link', () => {
    async function fiveRows(options: Partial<AuditOptions> = {}) {
      const trail = await open(options);
      for (let i = 0; i < 5; i += 1) await serve(trail, record());
      await trail.close();
      return trail;
    }
    const seqOf = (s: number) => (eb: ExpressionBuilder<Tables, 'audit_events'>) => eb('seq', '=', s);
    /** A row read back (pg gives BIGINTs as strings) made writable again, as a forger would. */
    const writable = (row: Selectable<AuditEventTable>) => {
      const out: Record<string, unknown> = { ...row };
      for (const c of ['seq', 'request_bytes', 'response_bytes', 'input_tokens', 'output_tokens', 'duration_ms', 'first_byte_ms'] as const) out[c] = row[c] === null ? null : Number(row[c]);
      return out as Insertable<AuditEventTable>;
    };

    it('an edited row', async () => {
      const trail = await fiveRows();
      await store.db.updateTable('audit_events').set({ outcome: 'allowed', principal: 'someone-else' }).where(seqOf(3)).execute();
      expect((await trail.verify()).first_broken).toMatchObject({ chain_id: 'replica-a/sha256', seq: 3, reason: expect.stringContaining('edited') });
    });

    it('a deleted row', async () => {
      const trail = await fiveRows();
      await store.db.deleteFrom('audit_events').where(seqOf(2)).execute();
      expect((await trail.verify()).first_broken).toMatchObject({ seq: 3, reason: expect.stringContaining('missing') });
    });

    it('a deleted tail, against the head its writer recorded', async () => {
      const trail = await fiveRows();
      await store.db.deleteFrom('audit_events').where('seq', '>=', 4).execute();
      expect((await trail.verify()).first_broken).toMatchObject({ seq: 4, reason: expect.stringContaining('end of the chain') });
    });

    it('an inserted row, even one whose own hash was recomputed', async () => {
      const trail = await fiveRows();
      await store.db.updateTable('audit_events').set({ seq: sql`seq + 1000` }).where('seq', '>=', 3).execute();
      await store.db.updateTable('audit_events').set({ seq: sql`seq - 999` }).where('seq', '>=', 1003).execute();
      const before = await store.db.selectFrom('audit_events').selectAll().where(seqOf(2)).executeTakeFirstOrThrow();
      const forged = { ...writable(before), id: 'forged', request_id: 'forged', seq: 3, prev_hash: before.hash, principal: 'mallory' };
      forged.hash = rowHash(createMac(undefined), forged);
      await store.db.insertInto('audit_events').values(forged).execute();
      // Row 3 is self-consistent; the break shows at the next one, whose prev_hash no longer fits.
      expect((await trail.verify()).first_broken).toMatchObject({ seq: 4, reason: expect.stringContaining('inserted or deleted') });
    });

    it('a row slipped in as if still in flight, which recovery also refuses to chain', async () => {
      const trail = await fiveRows();
      const before = await store.db.selectFrom('audit_events').selectAll().where(seqOf(1)).executeTakeFirstOrThrow();
      await store.db
        .insertInto('audit_events')
        .values({ ...writable(before), id: 'forged', request_id: 'forged', seq: null, prev_hash: null, hash: null, outcome: 'pending', principal: 'mallory' })
        .execute();
      expect((await trail.verify()).first_broken).toMatchObject({ id: 'forged', reason: expect.stringContaining('intake MAC') });
      await open();
      expect(await rowOf('forged')).toMatchObject({ outcome: 'pending', seq: null });
    });

    it('under an HMAC key: only that key verifies the chain', async () => {
      const key = 'k'.repeat(40);
      const trail = await fiveRows({ hmacKey: key });
      const report = await trail.verify();
      expect(report).toMatchObject({ ok: true, rows: 5 });
      expect(report.chains[0]!.chain_id).toMatch(/^replica-a\/hmac-sha256-[0-9a-f]{8}$/);
      const other = await open({ hmacKey: 'x'.repeat(40), instanceId: 'verifier' });
      const foreign = (await other.verify()).chains.find((c) => c.chain_id === report.chains[0]!.chain_id)!;
      expect(foreign).toMatchObject({ verifiable: false, ok: false });
      // Without the key, recomputing a plain SHA-256 after an edit does not help.
      const row = await store.db.selectFrom('audit_events').selectAll().where(seqOf(2)).executeTakeFirstOrThrow();
      const edited = { ...row, principal: 'mallory' };
      await store.db.updateTable('audit_events').set({ principal: 'mallory', hash: rowHash(createMac(undefined), edited) }).where('id', '=', row.id).execute();
      expect((await trail.verify()).first_broken).toMatchObject({ seq: 2, reason: expect.stringContaining('edited') });
    });
  });

  it('lists rows newest first with filters and cursor pages', async () => {
    const trail = await open();
    const start = clock.getTime();
    for (let i = 0; i < 7; i += 1) {
      clock = new Date(start + i * 60_000);
      const rule = { ruleId: i % 2 ? 'secret.github_token' : 'pii.email', category: 'pii', direction: 'input' as const, disposition: 'log' as const, messageIndex: 0, start: 0, end: 1 };
      await serve(trail, record({ principal: i < 4 ? 'alice' : 'bob', model: i < 2 ? 'gpt-4o' : 'o4-mini', outcome: i === 6 ? 'blocked' : 'allowed', findings: [rule] }));
    }
    const all = await trail.list({ limit: 100 });
    expect(all.data.map((r) => r.timestamp)).toEqual([...all.data.map((r) => r.timestamp)].sort().reverse());
    expect(all).toMatchObject({ has_more: false, next_cursor: null });
    expect((await trail.list({ limit: 100, principal: 'alice' })).data).toHaveLength(4);
    expect((await trail.list({ limit: 100, model: 'gpt-4o' })).data).toHaveLength(2);
    expect((await trail.list({ limit: 100, outcome: 'blocked' })).data).toHaveLength(1);
    expect((await trail.list({ limit: 100, rule: 'secret.github_token' })).data).toHaveLength(3);
    // `_` is a LIKE wildcard: it must not match another character.
    expect((await trail.list({ limit: 100, rule: 'secret.githubxtoken' })).data).toHaveLength(0);
    expect((await trail.list({ limit: 100, rule: 'secret.github' })).data).toHaveLength(0);
    const from = new Date(start + 2 * 60_000).toISOString();
    const to = new Date(start + 5 * 60_000).toISOString();
    expect((await trail.list({ limit: 100, from, to })).data.map((r) => r.timestamp)).toEqual([4, 3, 2].map((i) => new Date(start + i * 60_000).toISOString()));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await trail.list({ limit: 3, cursor });
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.data.map((r) => r.id));
  });

  it('prunes rows past retention, leaves a checkpoint, and the rest of the chain still verifies', async () => {
    const trail = await open({ retentionDays: 30 });
    const old = Array.from({ length: 4 }, () => record());
    for (const r of old) await serve(trail, r);
    clock = new Date(clock.getTime() + 45 * DAY);
    for (let i = 0; i < 3; i += 1) await serve(trail, record());
    expect(await trail.prune()).toEqual({ rows: 4, chains: 1, refused: [] });
    expect(await store.db.selectFrom('audit_events').select('id').where('request_id', 'in', old.map((r) => r.requestId)).execute()).toEqual([]);
    const checkpoint = await store.db.selectFrom('audit_checkpoints').selectAll().executeTakeFirstOrThrow();
    expect([Number(checkpoint.seq), Number(checkpoint.rows_pruned)]).toEqual([4, 4]);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 3, chains: [{ from_seq: 4, head_seq: 7 }] });
    await serve(trail, record());
    expect(await trail.prune()).toEqual({ rows: 0, chains: 0, refused: [] });
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 4 });
    // A checkpoint edited to skip more rows is caught.
    await store.db.updateTable('audit_checkpoints').set({ seq: 6 }).execute();
    expect((await trail.verify()).first_broken).toMatchObject({ reason: expect.stringContaining('checkpoint') });
  });

  it('prunes in bounded batches, a checkpoint each, and stops at the first row young enough to keep', async () => {
    const trail = await open({ retentionDays: 30 });
    for (let i = 0; i < 5; i += 1) await serve(trail, record());
    clock = new Date(clock.getTime() + 45 * DAY);
    await serve(trail, record());
    clock = new Date(clock.getTime() - 45 * DAY); // a late finisher that arrived long ago: kept, it follows a young row
    await serve(trail, record());
    clock = new Date(clock.getTime() + 45 * DAY);
    expect(await pruneAudit(store.db, trail.mac, new Date(clock.getTime() - 30 * DAY), clock, 2)).toEqual({ rows: 5, chains: 1, refused: [] });
    const checkpoints = await store.db.selectFrom('audit_checkpoints').select('seq').orderBy('seq').execute();
    expect(checkpoints.map((c) => Number(c.seq))).toEqual([2, 4, 5]);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 2, chains: [{ from_seq: 5 }] });
  });

  it('does not prune past a broken link: the evidence stays', async () => {
    const trail = await open({ retentionDays: 30 });
    const rows = Array.from({ length: 5 }, () => record());
    for (const r of rows) await serve(trail, r);
    await store.db.updateTable('audit_events').set({ principal: 'mallory' }).where('request_id', '=', rows[2]!.requestId).execute();
    clock = new Date(clock.getTime() + 45 * DAY);
    expect(await trail.prune()).toEqual({ rows: 2, chains: 1, refused: ['replica-a/sha256'] });
    expect((await trail.verify()).first_broken).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') });
  });

  it('spends no chain position on a write that failed: it is retried, and the chain has no gap', async () => {
    const trail = await open({ failMode: 'open' });
    await serve(trail, record());
    const during = record();
    trail.recorder.begin(during, null);
    await trail.recorder.admit(during);
    during.outcome = 'allowed';
    await sql`alter table audit_events rename to audit_events_away`.execute(store.db);
    trail.recorder.finish(during, 200, 5);
    expect(await trail.recorder.flush()).toBe(false);
    // Open mode: the store is down, the next request is still admitted (and counted, not refused).
    const unaudited = record();
    trail.recorder.begin(unaudited, null);
    await expect(trail.recorder.admit(unaudited)).resolves.toBeUndefined();
    unaudited.outcome = 'allowed';
    trail.recorder.finish(unaudited, 200, 5);
    await sql`alter table audit_events_away rename to audit_events`.execute(store.db);
    expect(await trail.recorder.flush()).toBe(true);
    expect(Number((await rowOf(during.requestId)).seq)).toBe(2);
    expect(await rowOf(unaudited.requestId)).toMatchObject({ outcome: 'allowed' });
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 3 });
  });

  it('admits the requests of one event-loop turn together, and a row the store refuses fails only its own request', async () => {
    const trail = await open({ failMode: 'closed' });
    const good = Array.from({ length: 20 }, () => record());
    // A method the table cannot hold (NOT NULL): its batch fails, and is written again row by row.
    const bad = record({ method: null as unknown as string });
    const all = [...good.slice(0, 10), bad, ...good.slice(10)];
    for (const r of all) trail.recorder.begin(r, null);
    const results = await Promise.allSettled(all.map((r) => trail.recorder.admit(r)));
    expect(results.map((r) => r.status)).toEqual(all.map((r) => (r === bad ? 'rejected' : 'fulfilled')));
    for (const r of good) expect(await rowOf(r.requestId)).toMatchObject({ outcome: 'pending', seq: null });
    for (const r of good) {
      r.outcome = 'allowed';
      trail.recorder.finish(r, 200, 1);
    }
    expect(await trail.recorder.flush()).toBe(true);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 20 });
  });

  it('keeps a row out of a transaction another part of Bulwark has open on the store: rolled back, the row stays', async () => {
    const trail = await open();
    const rec = record();
    trail.recorder.begin(rec, null);
    let admitted: Promise<void> | undefined;
    const rolledBack = store.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('audit_checkpoints').execute();
        admitted = trail.recorder.admit(rec);
        // The intake batch is due at the end of this turn of the event loop: let it come while the transaction is open.
        for (let i = 0; i < 3; i += 1) await new Promise((r) => setImmediate(r));
        throw new Error('rolled back on purpose');
      })
      .catch((err: unknown) => err);
    expect(await rolledBack).toMatchObject({ message: 'rolled back on purpose' });
    await admitted;
    expect(await rowOf(rec.requestId)).toMatchObject({ outcome: 'pending', seq: null });
    rec.outcome = 'allowed';
    trail.recorder.finish(rec, 200, 1);
    expect(await trail.recorder.flush()).toBe(true);
    expect(await trail.verify()).toMatchObject({ ok: true, rows: 1 });
  });

  it('refuses to admit a request when the store is down in closed mode', async () => {
    const trail = await open({ failMode: 'closed' });
    await sql`alter table audit_events rename to audit_events_away`.execute(store.db);
    const rec = record();
    trail.recorder.begin(rec, null);
    const refused = await trail.recorder.admit(rec).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProxyError);
    expect(refused).toMatchObject({ code: 'audit_unavailable', status: 503 });
    expect(rec.outcome).toBe('error');
    await sql`alter table audit_events_away rename to audit_events`.execute(store.db);
    trail.recorder.finish(rec, 503, 1);
    expect(await trail.recorder.flush()).toBe(true);
    expect(await rowOf(rec.requestId)).toMatchObject({ outcome: 'error', status: 503 });
  });
});
