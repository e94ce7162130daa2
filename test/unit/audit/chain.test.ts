import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, chainWalker, checkpointMac, createMac, GENESIS, headMac, macForChain, rowHash } from '../../../proxy/audit/chain.ts';

const plain = createMac(undefined);
const keyed = createMac('a-key-of-at-least-thirty-two-bytes-long!');

type Row = Record<string, unknown>;

/** A chain of `n` well-formed rows, as the recorder writes them. */
function chain(n: number, mac = plain, chainId = 'host/sha256'): Row[] {
  const rows: Row[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq += 1) {
    const row: Row = { id: `id-${seq}`, chain_id: chainId, seq, prev_hash: prev, intake_mac: 'm', ts: new Date(seq * 1000).toISOString(), outcome: 'allowed', status: 200, request_bytes: seq * 10, principal: `p${seq}`, stream: seq % 2 };
    row.hash = rowHash(mac, row);
    prev = row.hash as string;
    rows.push(row);
  }
  return rows;
}

const walk = (rows: Row[], mac = plain) => {
  const w = chainWalker(mac, 'host/sha256', { seq: 0, hash: GENESIS });
  w.feed(rows);
  w.end();
  return w;
};

describe('hash chain', () => {
  it('hashes a row the same whether its numbers come back as numbers (SQLite) or strings (pg BIGINT)', () => {
    const [row] = chain(1);
    const fromPg = { ...row, seq: '1', request_bytes: '10' };
    expect(rowHash(plain, fromPg)).toBe(row!.hash);
    expect(rowHash(plain, { ...row, principal: null })).not.toBe(rowHash(plain, { ...row, principal: 'null' }));
  });

  it('writes the hashed text exactly as JSON.stringify would, whatever the values (format v1 must not drift)', () => {
    const value = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', 'a') }), fc.integer(), fc.double());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), value), (row) => {
        const fields = ['a', 'b', 'c', 'd'];
        expect(canonical('tag', row, fields)).toBe(`tag\n${JSON.stringify(fields.map((f) => (row[f] === null || row[f] === undefined ? null : String(row[f]))))}`);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is keyed: HMAC differs from plain SHA-256 and from another key, and the algorithm names the key without revealing it', () => {
    const [row] = chain(1);
    const other = createMac('another-key-of-at-least-thirty-two-bytes');
    expect(new Set([rowHash(plain, row!), rowHash(keyed, row!), rowHash(other, row!)]).size).toBe(3);
    expect(plain.alg).toBe('sha256');
    expect(keyed.alg).toMatch(/^hmac-sha256-[0-9a-f]{8}$/);
    expect(keyed.alg).not.toBe(other.alg);
    expect(keyed.alg).not.toContain('thirty');
    expect(macForChain(`x/${keyed.alg}`, keyed)).toBe(keyed);
    expect(macForChain('x/sha256', keyed)?.alg).toBe('sha256');
    expect(macForChain(`x/${other.alg}`, keyed)).toBeUndefined();
    expect(headMac(keyed, 'c', 1, 'h')).not.toBe(checkpointMac(keyed, 'c', 1, 'h'));
  });

  it('walks an intact chain to its head', () => {
    const w = walk(chain(5));
    expect([w.rows, w.head.seq, w.broken]).toEqual([5, 5, undefined]);
  });

  it('reports an edit, a deletion, an insertion, a reordering and a duplicate at the first broken link', () => {
    const rows = chain(6);
    expect(walk(rows.map((r) => (r.seq === 3 ? { ...r, status: 500 } : r))).broken).toMatchObject({ seq: 3, reason: expect.stringContaining('edited') });
    expect(walk(rows.filter((r) => r.seq !== 3)).broken).toMatchObject({ seq: 4, reason: 'rows 3..3 are missing (deleted)' });
    const renumbered = rows.filter((r) => r.seq !== 3).map((r) => ((r.seq as number) > 3 ? { ...r, seq: (r.seq as number) - 1 } : r));
    expect(walk(renumbered).broken).toMatchObject({ seq: 3, reason: expect.stringContaining('inserted or deleted') });
    expect(walk([rows[0]!, rows[1]!, rows[1]!]).broken).toMatchObject({ seq: 2, reason: expect.stringContaining('twice') });
  });

  it('catches any single change to any field of any row (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.constantFrom('id', 'seq', 'prev_hash', 'ts', 'outcome', 'status', 'request_bytes', 'principal', 'stream', 'hash'), fc.string({ minLength: 1, maxLength: 8 }), (n, pick, field, value) => {
        const rows = chain(n);
        const at = pick % n;
        const original = rows[at]![field];
        fc.pre(String(original) !== value);
        rows[at] = { ...rows[at], [field]: value };
        const broken = walk(rows).broken;
        expect(broken).toBeDefined();
        // Reported at the changed row itself, or at the next one (whose link no longer fits).
        expect([rows[at]!.id, rows[at + 1]?.id].map(String)).toContain(broken!.id);
      }),
    );
  });

  it('checks the recorded head: a cut tail, a replaced head row, an altered head record', () => {
    const rows = chain(5);
    const anchor = (seq: number, hash: string, mac = plain) => ({ head_seq: seq, head_hash: hash, head_mac: headMac(mac, 'host/sha256', seq, hash) });
    const walkTo = (feed: Row[], a: ReturnType<typeof anchor>) => {
      const w = chainWalker(plain, 'host/sha256', { seq: 0, hash: GENESIS }, a);
      w.feed(feed);
      w.end();
      return w.broken;
    };
    expect(walkTo(rows, anchor(4, rows[3]!.hash as string))).toBeUndefined();
    expect(walkTo(rows.slice(0, 3), anchor(5, rows[4]!.hash as string))).toMatchObject({ seq: 4, reason: 'rows 4..5 at the end of the chain are missing (deleted)' });
    expect(walkTo(rows, anchor(5, 'f'.repeat(64)))).toMatchObject({ seq: 5, reason: expect.stringContaining('replaced') });
    expect(walkTo(rows, { ...anchor(5, rows[4]!.hash as string), head_seq: 3 })).toMatchObject({ reason: 'the recorded chain head was altered' });
  });

  it('resumes from a checkpoint after the rows before it were pruned', () => {
    const rows = chain(6);
    const w = chainWalker(plain, 'host/sha256', { seq: 3, hash: rows[2]!.hash as string });
    expect(w.feed(rows.slice(3))).toBe(true);
    expect(w.rows).toBe(3);
    const wrong = chainWalker(plain, 'host/sha256', { seq: 3, hash: rows[1]!.hash as string });
    expect(wrong.feed(rows.slice(3))).toBe(false);
  });
});
