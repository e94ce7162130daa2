import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Tables } from '../store/schema.ts';
import { GENESIS, headMac, type Link, type Mac } from './chain.ts';
import type { AuditValues, IntakeValues } from './rows.ts';

/**
 * The audit tables through kysely: one code path for SQLite and PostgreSQL. Every function takes
 * the database or a transaction (a kysely Transaction is a Kysely), so callers choose the unit.
 */
type Db = Kysely<Tables>;

const INTAKE_COLUMNS = ['id', 'chain_id', 'intake_mac', 'ts', 'request_id', 'trace_id', 'method', 'route', 'principal', 'role', 'key_id', 'client_ip', 'stream', 'outcome'] as const;
/** What finalisation sets: the intake fields are left as written, so a pending row edited by hand fails its hash. */
const FINAL_COLUMNS = [
  'chain_id', 'seq', 'prev_hash', 'hash', 'finished_at', 'model', 'stream', 'outcome', 'status', 'upstream_status', 'denial', 'rules',
  'policy_version', 'request_bytes', 'response_bytes', 'input_tokens', 'output_tokens', 'duration_ms', 'first_byte_ms',
] as const satisfies ReadonlyArray<keyof AuditValues>;

type Row = Readonly<Record<string, unknown>>;

/**
 * Compiles a statement once through kysely (so each dialect gets its own SQL and placeholders)
 * and re-runs it with new parameters. Kysely compiles on every call, about 20 µs: a fifth of the
 * hot path's budget for statements whose shape never changes.
 */
function compiledOnce(columns: readonly string[], build: (template: Row) => Compilable): (db: Db, row: Row) => Promise<QueryResult<unknown>> {
  const template = Object.fromEntries(columns.map((c) => [c, `\u0000${c}`]));
  const { sql, parameters } = build(template).compile();
  // Every column must have become one parameter, in order; anything else would bind values to the wrong columns.
  if (parameters.length !== columns.length || parameters.some((p, i) => p !== template[columns[i]!])) {
    throw new Error('audit: a hot-path statement did not compile to one parameter per column');
  }
  return (db, row) => db.executeQuery(CompiledQuery.raw(sql, columns.map((c) => row[c] ?? null)));
}

export interface AuditWriter {
  /** Inserts an intake row (on `db`, or a transaction). */
  insertIntake(db: Db, row: IntakeValues): Promise<unknown>;
  /**
   * Writes a finalised row (on `db`, or a transaction). The update only touches a row still in
   * flight (`seq is null`); when there is none (its intake write failed, or it never had one: an
   * auth denial) the whole row is inserted. False when the row exists and was already finalised
   * elsewhere: the caller must then not spend a chain position on it.
   */
  writeFinal(db: Db, row: AuditValues): Promise<boolean>;
}

export function auditWriter(db: Db): AuditWriter {
  const insert = compiledOnce(INTAKE_COLUMNS, (row) => db.insertInto('audit_events').values(row as IntakeValues));
  const update = compiledOnce([...FINAL_COLUMNS, 'id'], (row) =>
    db
      .updateTable('audit_events')
      .set(Object.fromEntries(FINAL_COLUMNS.map((c) => [c, row[c]])))
      .where('id', '=', row.id as string)
      .where('seq', 'is', null),
  );
  return {
    insertIntake: (executor, row) => insert(executor, row),
    async writeFinal(executor, row) {
      const updated = await update(executor, row);
      if (Number(updated.numAffectedRows ?? 0) > 0) return true;
      const inserted = await executor
        .insertInto('audit_events')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

/** Where a chain ends now: its last finalised row, or the last retention checkpoint if that is further. */
export async function chainHead(db: Db, chainId: string): Promise<Link> {
  const last = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('chain_id', '=', chainId)
    .where('seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const checkpoint = await lastCheckpoint(db, chainId);
  const fromRow = last ? { seq: Number(last.seq), hash: String(last.hash) } : { seq: 0, hash: GENESIS };
  return checkpoint && checkpoint.seq > fromRow.seq ? checkpoint : fromRow;
}

export async function lastCheckpoint(db: Db, chainId: string): Promise<(Link & { mac: string }) | undefined> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash', 'mac'])
    .where('chain_id', '=', chainId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, mac: row.mac } : undefined;
}

/** Registers this writer's chain (or takes it over after a restart) and marks it alive. */
export async function registerChain(db: Db, chain: { chainId: string; instanceId: string; alg: string }, head: Link, mac: Mac, now: Date): Promise<void> {
  const at = now.toISOString();
  const anchor = { head_seq: head.seq, head_hash: head.hash, head_mac: headMac(mac, chain.chainId, head.seq, head.hash) };
  await db
    .insertInto('audit_chains')
    .values({ chain_id: chain.chainId, instance_id: chain.instanceId, alg: chain.alg, started_at: at, heartbeat_at: at, ...anchor })
    .onConflict((oc) => oc.column('chain_id').doUpdateSet({ started_at: at, heartbeat_at: at, ...anchor }))
    .execute();
}

/** The heartbeat, with the head reached so far: verify then knows how long the chain must be. */
export async function anchorHead(db: Db, chainId: string, head: Link, mac: Mac, now: Date): Promise<void> {
  await db
    .updateTable('audit_chains')
    .set({ heartbeat_at: now.toISOString(), head_seq: head.seq, head_hash: head.hash, head_mac: headMac(mac, chainId, head.seq, head.hash) })
    .where('chain_id', '=', chainId)
    .execute();
}

/** Chains whose writer has not been heard of since `before` (it is gone), other than `except`. */
export async function silentChains(db: Db, before: Date, except: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_chains')
    .select('chain_id')
    .where('heartbeat_at', '<', before.toISOString())
    .where('chain_id', '!=', except)
    .execute();
  return rows.map((r) => r.chain_id);
}

/** Rows of a chain still in flight, oldest first (ids are time-ordered), after the id `after` (keyset paging: forged rows that stay behind do not block the rest). */
export async function pendingRows(db: Db, chainId: string, limit: number, after?: string): Promise<IntakeValues[]> {
  let query = db
    .selectFrom('audit_events')
    .select(['id', 'chain_id', 'intake_mac', 'ts', 'request_id', 'trace_id', 'method', 'route', 'principal', 'role', 'key_id', 'client_ip', 'stream', 'outcome'])
    .where('chain_id', '=', chainId)
    .where('seq', 'is', null);
  if (after) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}
