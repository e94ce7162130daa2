import type { Database } from '../store/database.ts';
import { checkpointMac, GENESIS, chainWalker, intakeMac, macForChain, type BrokenLink, type Mac } from './chain.ts';
import { lastCheckpoint, pendingRows } from './store.ts';

export interface ChainReport {
  readonly chain_id: string;
  /** False when the chain was written under another AUDIT_HMAC_KEY: it cannot be checked here. */
  readonly verifiable: boolean;
  readonly ok: boolean;
  /** Rows checked (after the retention checkpoint, when there is one). */
  readonly rows: number;
  /** The chain starts after this position: 0, or the last retention checkpoint. */
  readonly from_seq: number;
  readonly head_seq: number;
  /** Rows still in flight (not chained yet). */
  readonly pending: number;
  readonly broken: BrokenLink | null;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly alg: string;
  readonly checked_at: string;
  readonly rows: number;
  readonly chains: ChainReport[];
  /** The first broken link found, chains taken in id order. */
  readonly first_broken: BrokenLink | null;
}

const PAGE = 1_000;

/**
 * Walks every chain from its genesis (or its last retention checkpoint) to its head and reports
 * the first broken link of each: a row edited, deleted or inserted, a tail cut off, a checkpoint
 * or head record altered, or an in-flight row that Bulwark did not write.
 */
export async function verifyAudit(db: Database, mac: Mac, now = new Date()): Promise<VerifyReport> {
  const ids = new Set<string>();
  for (const r of await db.selectFrom('audit_events').select('chain_id').distinct().execute()) ids.add(r.chain_id);
  for (const r of await db.selectFrom('audit_chains').select('chain_id').execute()) ids.add(r.chain_id);
  for (const r of await db.selectFrom('audit_checkpoints').select('chain_id').distinct().execute()) ids.add(r.chain_id);

  const chains: ChainReport[] = [];
  for (const chainId of [...ids].sort()) chains.push(await verifyChain(db, chainId, macForChain(chainId, mac)));
  const firstBroken = chains.find((c) => c.broken)?.broken ?? null;
  return {
    ok: chains.every((c) => c.ok),
    alg: mac.alg,
    checked_at: now.toISOString(),
    rows: chains.reduce((n, c) => n + c.rows, 0),
    chains,
    first_broken: firstBroken,
  };
}

async function verifyChain(db: Database, chainId: string, mac: Mac | undefined): Promise<ChainReport> {
  const checkpoint = await lastCheckpoint(db, chainId);
  const anchor = await db.selectFrom('audit_chains').select(['head_seq', 'head_hash', 'head_mac']).where('chain_id', '=', chainId).executeTakeFirst();
  const start = checkpoint ?? { seq: 0, hash: GENESIS };
  const base = { chain_id: chainId, from_seq: start.seq };
  if (!mac) {
    const broken = { chain_id: chainId, seq: null, id: null, reason: 'written under another AUDIT_HMAC_KEY: it cannot be verified with this one' };
    return { ...base, verifiable: false, ok: false, rows: 0, head_seq: start.seq, pending: 0, broken };
  }
  const walker = chainWalker(mac, chainId, start, anchor);
  if (checkpoint && checkpoint.mac !== checkpointMac(mac, chainId, checkpoint.seq, checkpoint.hash)) {
    const broken = { chain_id: chainId, seq: checkpoint.seq, id: null, reason: 'the retention checkpoint was altered' };
    return { ...base, verifiable: true, ok: false, rows: 0, head_seq: start.seq, pending: 0, broken };
  }
  let after = start.seq;
  for (;;) {
    const page = await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    if (!walker.feed(page) || page.length < PAGE) break;
    after = Number(page[page.length - 1]!.seq);
  }
  walker.end();
  const { pending, forged } = await checkPending(db, chainId, mac);
  const broken = walker.broken ?? forged ?? null;
  return { ...base, verifiable: true, ok: broken === null, rows: walker.rows, head_seq: walker.head.seq, pending, broken };
}

/** In-flight rows must carry the intake MAC of their first write; one that does not was put there by hand. */
async function checkPending(db: Database, chainId: string, mac: Mac): Promise<{ pending: number; forged: BrokenLink | undefined }> {
  let pending = 0;
  let forged: BrokenLink | undefined;
  let after: string | undefined;
  for (;;) {
    const page = await pendingRows(db, chainId, PAGE, after);
    pending += page.length;
    const bad = forged ? undefined : page.find((r) => r.intake_mac !== intakeMac(mac, r));
    if (bad) forged = { chain_id: chainId, seq: null, id: bad.id, reason: 'an in-flight row does not match its intake MAC (it was inserted or edited)' };
    if (page.length < PAGE) return { pending, forged };
    after = page[page.length - 1]!.id;
  }
}
