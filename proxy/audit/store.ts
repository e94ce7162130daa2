import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Store } from '../store/database.ts';
import type { Tables } from '../store/schema.ts';
import { GENESIS, headMac, type Link, type Mac } from './chain.ts';
import type { AuditValues, IntakeValues } from './rows.ts';

/**
 * The audit tables. The two hot writes (`AuditWriter`) run the same SQL, compiled once by kysely
 * for each dialect: synchronously on a SQLite connection, through kysely on PostgreSQL.
 * Everything else goes through kysely, one code path for both; those functions take the database
 * or a transaction (a kysely Transaction is a Kysely), so callers choose the unit.
 */
type Db = Kysely<Tables>;

const INTAKE_COLUMNS = ['id', 'chain_id', 'intake_mac', 'ts', 'request_id', 'trace_id', 'method', 'route', 'principal', 'role', 'key_id', 'client_ip', 'stream', 'outcome'] as const;
/** What finalisation sets: the intake fields are left as written, so a pending row edited by hand fails its hash. */
const FINAL_COLUMNS = [
  'chain_id', 'seq', 'prev_hash', 'hash', 'finished_at', 'model', 'stream', 'outcome', 'status', 'upstream_status', 'denial', 'rules',
  'policy_version', 'request_bytes', 'response_bytes', 'input_tokens', 'output_tokens', 'duration_ms', 'first_byte_ms',
] as const satisfies ReadonlyArray<keyof AuditValues>;
/** A final row inserted whole (its intake row is missing). */
const ALL_COLUMNS = [...INTAKE_COLUMNS.filter((c) => c !== 'stream' && c !== 'outcome'), ...FINAL_COLUMNS.filter((c) => c !== 'chain_id')] as const;

type Row = Readonly<Record<string, unknown>>;

/** A statement compiled once, and how to lay out a row as its parameters. */
interface Compiled {
  readonly sql: string;
  params(row: Row): unknown[];
}

/**
 * Compiles a statement once through kysely (so each dialect gets its own SQL and placeholders)
 * to re-run it with new parameters. Kysely compiles on every call, about 20 µs: a fifth of the
 * hot path's budget for statements whose shape never changes.
 */
function compileOnce(columns: readonly string[], build: (template: Row) => Compilable): Compiled {
  const template = Object.fromEntries(columns.map((c) => [c, `\u0000${c}`]));
  const { sql, parameters } = build(template).compile();
  // Every column must have become one parameter, in order; anything else would bind values to the wrong columns.
  if (parameters.length !== columns.length || parameters.some((p, i) => p !== template[columns[i]!])) {
    throw new Error('audit: a hot-path statement did not compile to one parameter per column');
  }
  return { sql, params: (row) => columns.map((c) => row[c] ?? null) };
}

/**
 * Puts `row` in the chain right after `prev` (sets its chain fields) and returns the link it
 * makes, which becomes the head only if the row is then written.
 */
export type LinkRow = (row: AuditValues, prev: Link) => Link;

/** The audit trail's two hot writes, each a batch in one transaction: all rows are written or none. */
export interface AuditWriter {
  insertIntakes(rows: readonly IntakeValues[]): Promise<void>;
  /**
   * Writes finalised rows in order, each linked just before it is written, and returns the new
   * head. A row is updated only while still in flight (`seq is null`); when there is none (its
   * intake write failed, or it never had one: an auth denial) the whole row is inserted. A row
   * that exists and was already finalised elsewhere is skipped without spending a chain position.
   */
  writeFinals(rows: readonly AuditValues[], head: Link, link: LinkRow): Promise<Link>;
}

const statements = (db: Db) => ({
  insertIntake: compileOnce(INTAKE_COLUMNS, (row) => db.insertInto('audit_events').values(row as IntakeValues)),
  finalise: compileOnce([...FINAL_COLUMNS, 'id'], (row) =>
    db
      .updateTable('audit_events')
      .set(Object.fromEntries(FINAL_COLUMNS.map((c) => [c, row[c]])))
      .where('id', '=', row.id as string)
      .where('seq', 'is', null),
  ),
  insertFinal: compileOnce(ALL_COLUMNS, (row) =>
    db
      .insertInto('audit_events')
      .values(row as AuditValues)
      .onConflict((oc) => oc.column('id').doNothing()),
  ),
});

/** The writer for the store: synchronous statements on a SQLite connection, kysely's async driver on PostgreSQL. */
export function auditWriter(store: Store): AuditWriter {
  const async = kyselyWriter(store.db);
  return store.dialect === 'sqlite' ? sqliteWriter(store.db, store.connection, async) : async;
}

function kyselyWriter(db: Db): AuditWriter {
  const sql = statements(db);
  const run = (executor: Db, statement: Compiled, row: Row) => executor.executeQuery(CompiledQuery.raw(statement.sql, statement.params(row)));
  const changed = (result: QueryResult<unknown>) => Number(result.numAffectedRows ?? 0) > 0;
  const writeFinal = async (executor: Db, row: AuditValues) => changed(await run(executor, sql.finalise, row)) || changed(await run(executor, sql.insertFinal, row));
  // One row is atomic on its own; a batch needs a transaction so a failure leaves nothing half written.
  const atomically = <T>(rows: readonly unknown[], work: (executor: Db) => Promise<T>) => (rows.length === 1 ? work(db) : db.transaction().execute(work));
  return {
    insertIntakes: (rows) =>
      atomically(rows, async (executor) => {
        for (const row of rows) await run(executor, sql.insertIntake, row);
      }),
    writeFinals: (rows, head, link) =>
      atomically(rows, async (executor) => {
        let next = head;
        for (const row of rows) {
          const linked = link(row, next);
          if (await writeFinal(executor, row)) next = linked;
        }
        return next;
      }),
  };
}

/**
 * The same statements, run synchronously on the connection kysely also uses: no driver, mutex or
 * promise per statement, and a batch is one `BEGIN ... COMMIT` with nothing in between. While a
 * transaction of kysely's is open on the connection (a retention prune, say) a statement run
 * directly would join it, so the batch then waits its turn through kysely instead.
 */
function sqliteWriter(db: Db, connection: SQLite.Database, viaKysely: AuditWriter): AuditWriter {
  const sql = statements(db);
  const prepare = (statement: Compiled) => {
    const prepared = connection.prepare(statement.sql);
    return (row: Row) => prepared.run(statement.params(row)).changes > 0;
  };
  const insertIntake = prepare(sql.insertIntake);
  const finalise = prepare(sql.finalise);
  const insertFinal = prepare(sql.insertFinal);
  const writeIntakes = (rows: readonly IntakeValues[]) => {
    for (const row of rows) insertIntake(row);
  };
  const writeFinals = (rows: readonly AuditValues[], head: Link, link: LinkRow) => {
    let next = head;
    for (const row of rows) {
      const linked = link(row, next);
      if (finalise(row) || insertFinal(row)) next = linked;
    }
    return next;
  };
  // One row is atomic on its own; a batch needs a transaction so a failure leaves nothing half written.
  const intakesTogether = connection.transaction(writeIntakes);
  const finalsTogether = connection.transaction(writeFinals);
  return {
    async insertIntakes(rows) {
      if (connection.inTransaction) return viaKysely.insertIntakes(rows);
      if (rows.length === 1) writeIntakes(rows);
      else intakesTogether(rows);
    },
    async writeFinals(rows, head, link) {
      if (connection.inTransaction) return viaKysely.writeFinals(rows, head, link);
      return rows.length === 1 ? writeFinals(rows, head, link) : finalsTogether(rows, head, link);
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
