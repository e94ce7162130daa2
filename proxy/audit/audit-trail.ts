import type { Store } from '../store/database.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { chainIdOf, createMac, type Mac } from './chain.ts';
import { listAuditEvents, type AuditFilter, type AuditPage } from './query.ts';
import { createRecorder, type AuditRecorder, type FailMode } from './recorder.ts';
import { pruneAudit, type PruneResult } from './retention.ts';
import { anchorHead, auditWriter, chainHead, pendingRows, registerChain, silentChains } from './store.ts';
import { verifyAudit, type VerifyReport } from './verify.ts';

export interface AuditOptions {
  /** This writer's name; its chain is `<instanceId>/<mac algorithm>`. Unique per running process. */
  readonly instanceId: string;
  readonly hmacKey: string | undefined;
  /** 0 keeps rows forever. */
  readonly retentionDays: number;
  readonly failMode: FailMode;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'auditWriteErrors' | 'auditWriteDuration'>;
  readonly now?: () => Date;
}

export interface AuditTrail {
  readonly recorder: AuditRecorder;
  readonly mac: Mac;
  verify(): Promise<VerifyReport>;
  list(filter: AuditFilter): Promise<AuditPage>;
  /** Deletes rows older than the retention period now (the periodic job calls the same). */
  prune(): Promise<PruneResult>;
  /** Finalises, as `incomplete`, rows left in flight by writers silent since `silentForMs`. */
  recover(silentForMs?: number): Promise<number>;
  /** Lets in-flight requests finish (up to `waitMs`), writes everything, records the chain head. */
  close(waitMs?: number): Promise<void>;
}

/** A live writer refreshes its heartbeat (and chain head) this often... */
const HEARTBEAT_MS = 30_000;
/** ...and one silent for this long is gone: its in-flight rows are taken over by a live one. */
const SILENT_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

/**
 * The audit trail of one process: its recorder (hot path), the recovery of rows that a killed
 * process left in flight, and the periodic jobs (heartbeat with chain head, takeover of silent
 * writers' rows, retention). Opened after the store is migrated, before the server listens.
 */
export async function openAuditTrail(store: Store, options: AuditOptions): Promise<AuditTrail> {
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const mac = createMac(options.hmacKey);
  const chainId = chainIdOf(options.instanceId, mac);
  const head = await chainHead(db, chainId);
  await registerChain(db, { chainId, instanceId: options.instanceId, alg: mac.alg }, head, mac, now());
  const recorder = createRecorder({ writer: auditWriter(store), mac, chainId, head, failMode: options.failMode, logger: options.logger, metrics: options.metrics, now });
  const log = options.logger;

  async function adoptChain(id: string): Promise<number> {
    let taken = 0;
    let after: string | undefined;
    for (;;) {
      const page = await pendingRows(db, id, 1_000, after);
      taken += recorder.adopt(page);
      await recorder.flush();
      if (page.length < 1_000) return taken;
      after = page[page.length - 1]!.id;
    }
  }

  async function recover(silentForMs = SILENT_MS): Promise<number> {
    let taken = 0;
    for (const id of await silentChains(db, new Date(now().getTime() - silentForMs), chainId)) taken += await adoptChain(id);
    return taken;
  }

  const prune = async (): Promise<PruneResult> =>
    options.retentionDays > 0 ? pruneAudit(db, mac, new Date(now().getTime() - options.retentionDays * DAY_MS), now()) : { rows: 0, chains: 0, refused: [] };

  // This chain's own in-flight rows are from its previous life (one process per instance id):
  // they are incomplete now. SQLite has a single writer, so every other chain's are too.
  const recovered = (await adoptChain(chainId)) + (await recover(store.dialect === 'sqlite' ? 0 : SILENT_MS));
  if (recovered > 0) log.warn({ chain_id: chainId, rows: recovered }, 'audit: rows left in flight by a stopped process were recorded as incomplete');

  /** The periodic jobs run one at a time, and close() waits for the one running: none outlives the store. */
  let jobs: Promise<unknown> = Promise.resolve();
  const guarded = (what: string, job: () => Promise<unknown>) => () => {
    jobs = jobs.then(job).catch((err: unknown) => log.error({ job: what, err: { message: (err as Error).message } }, 'audit job failed'));
  };
  const heartbeat = guarded('heartbeat', async () => {
    await anchorHead(db, chainId, recorder.head, mac, now());
    await recover();
  });
  const retention = guarded('retention', async () => {
    const result = await prune();
    if (result.rows > 0 || result.refused.length > 0) log.info({ ...result, retention_days: options.retentionDays }, 'audit: retention prune');
    if (result.refused.length > 0) log.error({ chains: result.refused }, 'audit: chains with a broken link were not pruned past it; run npm run audit -- verify');
  });
  const timers = [setInterval(heartbeat, HEARTBEAT_MS)];
  if (options.retentionDays > 0) {
    timers.push(setInterval(retention, PRUNE_EVERY_MS));
    timers.push(setTimeout(retention, 10_000));
  }
  for (const t of timers) t.unref();

  return {
    recorder,
    mac,
    verify: () => verifyAudit(db, mac, now()),
    list: (filter) => listAuditEvents(db, filter),
    prune,
    recover,
    async close(waitMs = 1_000) {
      for (const t of timers) clearTimeout(t);
      await jobs;
      await recorder.drain(waitMs);
      await anchorHead(db, chainId, recorder.head, mac, now()).catch((err: unknown) =>
        log.error({ err: { message: (err as Error).message } }, 'audit: could not record the chain head at close'),
      );
      if (recorder.queued > 0) log.error({ rows: recorder.queued }, 'audit: rows not written at close; their intake rows will be recorded as incomplete');
    },
  };
}
