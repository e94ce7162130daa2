import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { migrations } from '../../migrations/index.ts';
import type { Tables } from './schema.ts';

export type Database = Kysely<Tables>;

/**
 * An open store. A SQLite store also hands out its connection: better-sqlite3 is synchronous, so
 * the audit hot path runs its statements on it directly instead of through kysely's async driver.
 */
export type Store = { readonly db: Database; close(): Promise<void> } & (
  | { readonly dialect: 'postgres' }
  | { readonly dialect: 'sqlite'; readonly connection: SQLite.Database }
);

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** Opens the store named by DATABASE_URL (a SQLite path, `:memory:`, or `postgres://...`) and migrates it. */
export async function openStore(url: string): Promise<Store> {
  const store = isPostgres(url) ? openPostgres(url) : openSqlite(url);
  await migrateToLatest(store.db);
  return store;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', connection: sqlite, close: () => db.destroy() };
}

/**
 * kysely prepares a statement for every query, which costs more than the insert itself on the
 * audit hot path. better-sqlite3 statements are reusable (and SQLite re-prepares them itself
 * after a schema change), so they are kept by SQL text. Safe because nothing here iterates a
 * statement lazily: every use runs to completion before the next begins.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new LRUCache<string, SQLite.Statement>({ max: 256 });
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string): Store {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Tables>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${(error as Error).message}`);
  }
}
