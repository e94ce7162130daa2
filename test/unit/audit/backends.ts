import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../../proxy/store/database.ts';

/** The real PostgreSQL of CI (trust auth). Override with AUDIT_TEST_PG_URL. */
export const PG_URL = process.env.AUDIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; every call gets its own file or empty tables. */
  open(): Promise<Store>;
  /** Another connection to the database of the last `open()`, as a second replica would have. */
  another(): Promise<Store>;
  /** Removes every file and schema handed out. */
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-audit-store-'));
  let n = 0;
  return {
    name: 'sqlite',
    open: () => openStore(join(dir, `audit-${(n += 1)}.db`)),
    another: () => openStore(join(dir, `audit-${n}.db`)),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One database per run on the shared server, named for the run, so parallel runs never meet
 * (a schema per run is not enough: kysely's migrator looks for its own tables in every schema
 * of the database). Each store handed out starts from empty tables. An unreachable server fails
 * the suite loudly: it is never skipped, because CI has it and a skip would hide a broken dialect.
 */
export function postgresBackend(): Backend {
  const database = `bulwark_audit_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = new URL(PG_URL);
  const url = Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();
  let created = false;
  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
    } catch (err) {
      throw new Error(`PostgreSQL at ${PG_URL} is unreachable (${(err as Error).message}); the audit store suite runs against it and is never skipped`);
    }
    try {
      return await f(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async open() {
      if (!created) {
        await admin((c) => c.query(`create database "${database}"`));
        created = true;
      }
      const store = await openStore(url);
      for (const table of ['audit_events', 'audit_chains', 'audit_checkpoints'] as const) await store.db.deleteFrom(table).execute();
      return store;
    },
    another: () => openStore(url),
    async cleanup() {
      if (!created) return;
      // Closed pools may still be saying goodbye; FORCE would kill them mid-way (an unhandled
      // 'terminating connection' error in the test run). Wait for them, force only as a last resort.
      await admin(async (c) => {
        for (let i = 0; i < 50; i += 1) {
          const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
          if ((rows[0] as { n: number }).n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`drop database if exists "${database}" with (force)`);
      });
    },
  };
}
