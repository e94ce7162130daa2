import { ProxyError } from '../errors.ts';
import type { RequestRecord } from '../request-record.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { Metrics } from '../telemetry/metrics.ts';
import { macForChain, rowHash, intakeMac, type Link, type Mac } from './chain.ts';
import { finalValues, incompleteValues, intakeValues, type AuditValues, type IntakeValues } from './rows.ts';
import type { AuditWriter, LinkRow } from './store.ts';

export type FailMode = 'closed' | 'open';

interface Entry {
  readonly traceId: string | null;
  intake?: IntakeValues;
  /** The intake insert, so the final write never overtakes it (a client can leave before it lands). */
  admitted?: Promise<unknown>;
  /** The intake write is over (either way): the final row may be queued at once. */
  settled?: boolean;
}

export interface AuditRecorder {
  readonly chainId: string;
  /** The last link written to the store. */
  readonly head: Link;
  /** Final rows waiting to be written. */
  readonly queued: number;
  /** First thing on arrival: takes the request in (nothing is written yet). */
  begin(record: RequestRecord, traceId: string | null): void;
  /**
   * The intake row, written before the route runs, so a request that never finishes (process
   * killed) still leaves a row. Throws `audit_unavailable` in closed mode when the store refuses it.
   */
  admit(record: RequestRecord): Promise<void>;
  /** When the response is really over. Never throws: the row is queued and chained in this order. */
  finish(record: RequestRecord, status: number, durationMs: number): void;
  /** Finalises rows left in flight by a process that is gone, as `incomplete`; returns how many were taken. */
  adopt(rows: readonly IntakeValues[]): number;
  /** Writes what is queued; false when the store refused it (it stays queued and is retried). */
  flush(): Promise<boolean>;
  /** Waits (up to `waitMs`) for requests still in flight to finish, then writes everything queued. */
  drain(waitMs: number): Promise<void>;
}

export interface RecorderOptions {
  readonly writer: AuditWriter;
  readonly mac: Mac;
  readonly chainId: string;
  readonly head: Link;
  readonly failMode: FailMode;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'auditWriteErrors' | 'auditWriteDuration'>;
  readonly now?: () => Date;
}

/** Rows per transaction: amortises commits under load, bounds how long one flush holds the store. */
const MAX_BATCH = 500;
/** Final rows kept while the store is down; past it the oldest are given up (their intake rows stay, recovered as incomplete). */
const MAX_QUEUE = 10_000;
const RETRY_MS = 1_000;
const WARN_EVERY_MS = 10_000;

/**
 * The audit trail's hot path. Intake: one awaited insert per request, committed with the other
 * intakes of its event-loop turn. Finalisation: queued and
 * written by one flusher, in order, so the chain is extended one row at a time in finalisation
 * order and a chain position is only spent once its row is committed (a failed batch is retried
 * from the same head, leaving no gap that `verify` would call tampering).
 */
export function createRecorder(options: RecorderOptions): AuditRecorder {
  const { writer, mac, chainId, failMode, logger, metrics } = options;
  const now = options.now ?? (() => new Date());
  const entries = new WeakMap<RequestRecord, Entry>();
  const queue: AuditValues[] = [];
  let head = options.head;
  let inFlight = 0;
  let flushing: Promise<boolean> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let scheduled = false;
  /** Rows at the head of the queue that the running flush is writing: never dropped from under it. */
  let writing = 0;
  let lastWarn = 0;

  const warn = (stage: string, err: unknown) => {
    const t = Date.now();
    if (t - lastWarn < WARN_EVERY_MS) return;
    lastWarn = t;
    logger.error({ stage, chain_id: chainId, queued: queue.length, err: { message: (err as Error).message } }, 'audit store write failed');
  };

  const enqueue = (values: AuditValues) => {
    queue.push(values);
    if (queue.length > MAX_QUEUE) {
      queue.splice(writing, 1);
      metrics?.auditWriteErrors.inc({ stage: 'dropped' });
    }
    if (flushing || retry || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  /**
   * Intake rows of the requests that arrived in one turn of the event loop, written in one
   * transaction when the turn is over (`setImmediate` runs right after the I/O callbacks that
   * admitted them, so a lone request waits for nothing). One commit per turn instead of one per
   * request: on a SQLite file each commit is a WAL write. A batch the store refuses is written
   * again row by row, so one bad row fails only its own request.
   */
  const intakes: Array<{ row: IntakeValues; done: (err?: unknown) => void }> = [];
  let intakesScheduled = false;
  const insertIntake = (row: IntakeValues): Promise<void> =>
    new Promise((resolve, reject) => {
      intakes.push({ row, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (intakesScheduled) return;
      intakesScheduled = true;
      setImmediate(() => void writeIntakes());
    });

  async function writeIntakes(): Promise<void> {
    intakesScheduled = false;
    const batch = intakes.splice(0, intakes.length);
    const refused = (err: unknown) => err ?? new Error('audit intake failed');
    try {
      await writer.insertIntakes(batch.map((item) => item.row));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.done(refused(err));
      // At once, not one after another: a store that is slow to fail must not make the last wait N times.
      await Promise.all(batch.map((item) => writer.insertIntakes([item.row]).then(() => item.done(), (e: unknown) => item.done(refused(e)))));
      return;
    }
    for (const item of batch) item.done();
  }

  /** Linked in place (no spread: see rows.ts); a batch that fails is linked again on retry. */
  const link: LinkRow = (row, prev) => {
    row.chain_id = chainId;
    row.seq = prev.seq + 1;
    row.prev_hash = prev.hash;
    row.hash = rowHash(mac, row);
    return { seq: row.seq, hash: row.hash };
  };

  async function flushLoop(): Promise<boolean> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      const started = performance.now();
      writing = batch.length;
      try {
        head = await writer.writeFinals(batch, head, link);
      } catch (err) {
        writing = 0;
        metrics?.auditWriteErrors.inc({ stage: 'final' }, batch.length);
        warn('final', err);
        retry ??= setTimeout(() => {
          retry = undefined;
          void flush();
        }, RETRY_MS).unref();
        return false;
      }
      queue.splice(0, batch.length);
      writing = 0;
      metrics?.auditWriteDuration.observe({ stage: 'final' }, (performance.now() - started) / 1000);
    }
    return true;
  }

  function flush(): Promise<boolean> {
    flushing ??= flushLoop().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  return {
    chainId,
    get head() {
      return head;
    },
    get queued() {
      return queue.length;
    },
    begin(record, traceId) {
      entries.set(record, { traceId });
      inFlight += 1;
    },
    async admit(record) {
      const entry = entries.get(record);
      if (!entry || entry.admitted) return;
      entry.intake = intakeValues(record, entry.traceId, chainId, mac);
      const started = performance.now();
      entry.admitted = insertIntake(entry.intake);
      try {
        await entry.admitted;
        entry.settled = true;
        metrics?.auditWriteDuration.observe({ stage: 'intake' }, (performance.now() - started) / 1000);
      } catch (err) {
        entry.settled = true;
        metrics?.auditWriteErrors.inc({ stage: 'intake' });
        warn('intake', err);
        if (failMode !== 'closed') return;
        record.outcome = 'error';
        throw new ProxyError('audit_unavailable', { cause: err });
      }
    },
    finish(record, status, durationMs) {
      const entry = entries.get(record);
      if (!entry) return;
      entries.delete(record);
      inFlight -= 1;
      const intake = entry.intake ?? intakeValues(record, entry.traceId, chainId, mac);
      const values = finalValues(intake, record, status, durationMs, now());
      if (entry.admitted && !entry.settled) entry.admitted.then(() => enqueue(values), () => enqueue(values));
      else enqueue(values);
    },
    adopt(rows) {
      let taken = 0;
      for (const row of rows) {
        // A pending row whose intake MAC fails was not written by Bulwark: it must not be laundered into a chain.
        const check = macForChain(row.chain_id, mac);
        if (check && row.intake_mac !== intakeMac(check, row)) {
          logger.error({ id: row.id, chain_id: row.chain_id }, 'audit: an in-flight row does not match its intake MAC; left as it is for verify to report');
          continue;
        }
        enqueue(incompleteValues(row, now()));
        taken += 1;
      }
      return taken;
    },
    flush,
    async drain(waitMs) {
      const until = Date.now() + waitMs;
      while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      // Two tries: one failed flush may be a passing hiccup; past that the rows stay pending and are recovered later.
      if (await flush()) return;
      await new Promise((r) => setTimeout(r, 100));
      await flush();
    },
  };
}
