import { createHmac, hash } from 'node:crypto';
import type { AuditEventTable } from '../store/schema.ts';

/**
 * The hash chain, as pure functions. Each finalised row carries `hash = MAC(prev_hash, fields)`,
 * where `prev_hash` is the hash of the row before it in the same chain. Editing a row breaks its
 * own hash; deleting or inserting one breaks the `prev_hash` (or the `seq`) of the next.
 * The MAC is HMAC-SHA256 under AUDIT_HMAC_KEY when one is set — then only the server can
 * re-forge a chain — and plain SHA-256 otherwise, which catches edits made without the code.
 */

export const GENESIS = '0'.repeat(64);

export interface Mac {
  readonly alg: string;
  digest(text: string): string;
}

export function createMac(key: string | undefined): Mac {
  // The one-shot hash: a third of the cost of a Hash object per row.
  if (key === undefined) return { alg: 'sha256', digest: (text) => hash('sha256', text, 'hex') };
  // The algorithm name carries a short key id, never the key: a chain is bound to the key it was written with.
  const keyId = createHmac('sha256', key).update('bulwark-audit-key-id').digest('hex').slice(0, 8);
  return { alg: `hmac-sha256-${keyId}`, digest: (text) => createHmac('sha256', key).update(text).digest('hex') };
}

/** One chain per writing process and key: rotating the key starts a new chain instead of breaking one. */
export const chainIdOf = (instanceId: string, mac: Mac) => `${instanceId}/${mac.alg}`;

const PLAIN = createMac(undefined);

/** The MAC a chain was written with, when this process can check it (its own key, or none); else undefined. */
export function macForChain(chainId: string, mac: Mac): Mac | undefined {
  if (chainId.endsWith(`/${mac.alg}`)) return mac;
  return chainId.endsWith(`/${PLAIN.alg}`) ? PLAIN : undefined;
}

/** The covered fields, in their hashing order: every column but `hash`. Changing this list is a format change. */
const CHAINED = [
  'id', 'chain_id', 'seq', 'prev_hash', 'intake_mac', 'ts', 'finished_at', 'request_id', 'trace_id', 'method', 'route',
  'principal', 'role', 'key_id', 'client_ip', 'model', 'stream', 'outcome', 'status', 'upstream_status', 'denial', 'rules',
  'policy_version', 'request_bytes', 'response_bytes', 'input_tokens', 'output_tokens', 'duration_ms', 'first_byte_ms',
] as const satisfies ReadonlyArray<Exclude<keyof AuditEventTable, 'hash'>>;

/** Fields known at intake and never changed after: a pending row must keep them as written. */
const INTAKE = ['id', 'ts', 'request_id', 'trace_id', 'method', 'route', 'principal', 'role', 'key_id', 'client_ip'] as const;

type Values = Readonly<Record<string, unknown>>;

/** What JSON.stringify escapes in a string (lone surrogates included): a string without any is only quoted. */
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * `tag`, a newline, then the fields' values as a JSON array of strings (null stays null), exactly
 * as `JSON.stringify(values.map(String))` writes it. Numbers and numeric strings hash alike, so a
 * row hashes the same from SQLite and from pg. Built by hand: the mapped array and the generic
 * serialiser cost two rows' hashes about 2 µs per request.
 */
export function canonical(tag: string, row: Values, fields: readonly string[]): string {
  let out = `${tag}\n[`;
  for (let i = 0; i < fields.length; i += 1) {
    const value = row[fields[i]!];
    if (i > 0) out += ',';
    if (value === null || value === undefined) {
      out += 'null';
      continue;
    }
    const text = String(value);
    out += ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
  }
  return `${out}]`;
}

export const rowHash = (mac: Mac, row: Values) => mac.digest(canonical('bulwark-audit-row-v1', row, CHAINED));
export const intakeMac = (mac: Mac, row: Values) => mac.digest(canonical('bulwark-audit-intake-v1', row, INTAKE));
export const headMac = (mac: Mac, chainId: string, seq: number, hash: string) => mac.digest(`bulwark-audit-head-v1\n${chainId}\n${seq}\n${hash}`);
export const checkpointMac = (mac: Mac, chainId: string, seq: number, hash: string) =>
  mac.digest(`bulwark-audit-checkpoint-v1\n${chainId}\n${seq}\n${hash}`);

export interface Link {
  readonly seq: number;
  readonly hash: string;
}

export interface BrokenLink {
  readonly chain_id: string;
  readonly seq: number | null;
  readonly id: string | null;
  readonly reason: string;
}

export interface Anchor {
  readonly head_seq: number | string;
  readonly head_hash: string;
  readonly head_mac: string;
}

/**
 * Walks one chain in `seq` order from `start` (genesis, or the last retention checkpoint), fed in
 * batches. Stops at the first broken link: every later row would fail too and say nothing new.
 * `anchor` is the last head the writer recorded: the chain must reach it with the same hash,
 * which is how a deleted tail shows.
 */
export function chainWalker(mac: Mac, chainId: string, start: Link, anchor?: Anchor) {
  let head = start;
  let rows = 0;
  let broken: BrokenLink | undefined;
  const brk = (row: Values | null, seq: number | null, reason: string) => {
    broken = { chain_id: chainId, seq, id: row ? String(row.id) : null, reason };
  };
  const anchorSeq = anchor ? Number(anchor.head_seq) : 0;
  if (anchor && anchor.head_mac !== headMac(mac, chainId, anchorSeq, anchor.head_hash)) brk(null, anchorSeq, 'the recorded chain head was altered');
  return {
    get head() {
      return head;
    },
    get rows() {
      return rows;
    },
    get broken() {
      return broken;
    },
    /** Feeds the next rows; false once the chain is broken. */
    feed(batch: readonly Values[]): boolean {
      for (const row of batch) {
        if (broken) return false;
        const seq = Number(row.seq);
        if (seq !== head.seq + 1) {
          brk(row, seq, seq > head.seq + 1 ? `rows ${head.seq + 1}..${seq - 1} are missing (deleted)` : `seq ${seq} appears twice or out of order`);
        } else if (row.prev_hash !== head.hash) {
          brk(row, seq, 'prev_hash does not match the hash of the row before it (a row was inserted or deleted here)');
        } else if (row.hash !== rowHash(mac, row)) {
          brk(row, seq, 'the row does not match its hash (it was edited)');
        } else if (seq === anchorSeq && row.hash !== anchor?.head_hash) {
          brk(row, seq, 'the row differs from the chain head recorded by its writer (it was replaced)');
        } else {
          head = { seq, hash: String(row.hash) };
          rows += 1;
        }
      }
      return broken === undefined;
    },
    /** After the last row: a chain shorter than its recorded head lost its tail. */
    end(): boolean {
      if (!broken && anchorSeq > head.seq) brk(null, head.seq + 1, `rows ${head.seq + 1}..${anchorSeq} at the end of the chain are missing (deleted)`);
      return broken === undefined;
    },
  };
}

export type ChainWalker = ReturnType<typeof chainWalker>;
