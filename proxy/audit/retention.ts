import type { Database } from '../store/database.ts';
import { checkpointMac, chainWalker, GENESIS, macForChain, type Mac } from './chain.ts';
import { lastCheckpoint } from './store.ts';

export interface PruneResult {
  readonly rows: number;
  readonly chains: number;
  /** Chains not pruned past a broken link: pruning never deletes the evidence of tampering. */
  readonly refused: string[];
}

/** Rows deleted per transaction: a year's backlog is pruned without holding the store for long. */
const BATCH = 5_000;

/**
 * Deletes rows that arrived before `cutoff`, as a prefix of each chain (so a chain stays a
 * chain), and leaves a checkpoint with the hash of the last deleted row: `verify` then starts
 * the chain there. The deleted rows are checked first; a chain is not pruned past a broken link.
 * Idempotent and safe to run from several replicas at once (a second checkpoint at the same
 * position fails its insert and that transaction rolls back).
 */
export async function pruneAudit(db: Database, mac: Mac, cutoff: Date, now = new Date()): Promise<PruneResult> {
  const targets = await db
    .selectFrom('audit_events')
    .select(['chain_id', (eb) => eb.fn.max('seq').as('upto')])
    .where('ts', '<', cutoff.toISOString())
    .where('seq', 'is not', null)
    .groupBy('chain_id')
    .execute();
  let rows = 0;
  const refused: string[] = [];
  for (const { chain_id: chainId, upto } of targets) {
    const pruned = await pruneChain(db, mac, chainId, Number(upto), now);
    rows += pruned.rows;
    if (pruned.refused) refused.push(chainId);
  }
  return { rows, chains: targets.length, refused };
}

async function pruneChain(db: Database, mac: Mac, chainId: string, upto: number, now: Date): Promise<{ rows: number; refused: boolean }> {
  const chainMac = macForChain(chainId, mac);
  let rows = 0;
  for (;;) {
    const start = (await lastCheckpoint(db, chainId)) ?? { seq: 0, hash: GENESIS };
    if (start.seq >= upto) return { rows, refused: false };
    const batch = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_id', '=', chainId)
      .where('seq', '>', start.seq)
      .where('seq', '<=', Math.min(upto, start.seq + BATCH))
      .orderBy('seq')
      .execute();
    // A chain written under another key cannot be checked here; it is pruned on trust.
    const walker = chainMac ? chainWalker(chainMac, chainId, start) : undefined;
    const good = walker ? (walker.feed(batch), batch.slice(0, walker.rows)) : batch;
    const last = good[good.length - 1];
    if (!last) return { rows, refused: walker?.broken !== undefined };
    const lastSeq = Number(last.seq);
    const deleted = await db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('audit_events').where('chain_id', '=', chainId).where('seq', '<=', lastSeq).executeTakeFirst();
      const count = Number(result.numDeletedRows);
      await trx
        .insertInto('audit_checkpoints')
        .values({ chain_id: chainId, seq: lastSeq, hash: String(last.hash), pruned_at: now.toISOString(), rows_pruned: count, mac: checkpointMac(mac, chainId, lastSeq, String(last.hash)) })
        .execute();
      return count;
    });
    rows += deleted;
    if (walker?.broken) return { rows, refused: true };
  }
}
