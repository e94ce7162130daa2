import type { Database } from '../store/database.ts';
import { checkpointMac, chainWalker, GENESIS, macForChain, type Mac } from './chain.ts';
import { lastCheckpoint } from './store.ts';

export interface PruneResult {
  readonly rows: number;
  /** Chains that lost rows. */
  readonly chains: number;
  /** Chains not pruned past a broken link: pruning never deletes the evidence of tampering. */
  readonly refused: string[];
}

/** Rows read and deleted per transaction: a year's backlog never holds the store (or SQLite's thread) for long. */
const BATCH = 5_000;

/**
 * Deletes, from the start of each chain, the rows that arrived before `cutoff`, up to the first
 * one that did not (so a chain stays a chain), and leaves a checkpoint with the hash of the last
 * deleted row: `verify` then starts the chain there. The rows are checked before they go; a chain
 * is not pruned past a broken link. Every read walks the (chain_id, seq) index in bounded
 * batches, never a scan of the table. Safe to run from several replicas at once: a second
 * checkpoint at the same position fails its insert, and that transaction rolls back.
 */
export async function pruneAudit(db: Database, mac: Mac, cutoff: Date, now = new Date(), batch = BATCH): Promise<PruneResult> {
  const chains = new Set((await db.selectFrom('audit_chains').select('chain_id').execute()).map((r) => r.chain_id));
  let rows = 0;
  let pruned = 0;
  const refused: string[] = [];
  for (const chainId of [...chains].sort()) {
    const result = await pruneChain(db, mac, chainId, cutoff.toISOString(), now, batch);
    rows += result.rows;
    if (result.rows > 0) pruned += 1;
    if (result.refused) refused.push(chainId);
  }
  return { rows, chains: pruned, refused };
}

async function pruneChain(db: Database, mac: Mac, chainId: string, cutoff: string, now: Date, size: number): Promise<{ rows: number; refused: boolean }> {
  const chainMac = macForChain(chainId, mac);
  let rows = 0;
  for (;;) {
    const start = (await lastCheckpoint(db, chainId)) ?? { seq: 0, hash: GENESIS };
    const batch = await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).where('seq', '>', start.seq).orderBy('seq').limit(size).execute();
    const young = batch.findIndex((r) => r.ts >= cutoff);
    const old = young === -1 ? batch : batch.slice(0, young);
    // A chain written under another key cannot be checked here; it is pruned on trust.
    const walker = chainMac ? chainWalker(chainMac, chainId, start) : undefined;
    walker?.feed(old);
    const good = walker ? old.slice(0, walker.rows) : old;
    const last = good[good.length - 1];
    if (!last) return { rows, refused: walker?.broken !== undefined };
    const lastSeq = Number(last.seq);
    const hash = String(last.hash);
    rows += await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('audit_events').where('chain_id', '=', chainId).where('seq', '<=', lastSeq).executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      await trx
        .insertInto('audit_checkpoints')
        .values({ chain_id: chainId, seq: lastSeq, hash, pruned_at: now.toISOString(), rows_pruned: count, mac: checkpointMac(mac, chainId, lastSeq, hash) })
        .execute();
      return count;
    });
    if (walker?.broken) return { rows, refused: true };
    if (good.length < size) return { rows, refused: false };
  }
}
