import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteBudget, LinesOverBudget, LineTooLong, mapJsonLines, type JsonLinesOptions } from '../../../proxy/openai/json-lines.ts';
import { pieces } from '../../helpers/stream-splits.ts';

async function mapped(bytes: Buffer, cuts: readonly number[], options: Partial<JsonLinesOptions> = {}): Promise<{ out: Buffer; lines: string[] }> {
  const lines: string[] = [];
  const transform = mapJsonLines({
    mapLine: (line) => {
      lines.push(line.toString('latin1'));
      return line;
    },
    maxLineBytes: 1 << 20,
    passUnread: () => true,
    ...options,
  });
  const parts: Buffer[] = [];
  for await (const part of transform(pieces(bytes, cuts))) parts.push(part);
  return { out: Buffer.concat(parts), lines };
}

/** What a whole-file reading would hand to `mapLine`: every line beginning with `{`, its line break kept. */
const linesOf = (bytes: Buffer) => bytes.toString('latin1').match(/[^\n]*\n|[^\n]+$/g) ?? [];
const jsonLinesOf = (bytes: Buffer) => linesOf(bytes).filter((l) => l.startsWith('{'));

const cuts = (length: number) => fc.array(fc.integer({ min: 1, max: Math.max(1, length) }), { maxLength: 30 });
/** Bytes with many line breaks and braces, so lines of every kind (empty, JSON, binary) occur. */
const body = fc
  .array(fc.oneof(fc.constant(0x0a), fc.constant(0x7b), fc.constant(0x0d), fc.integer({ min: 0, max: 255 })), { maxLength: 300 })
  .map((b) => Buffer.from(b));

describe('mapJsonLines', () => {
  it('passes any bytes through unchanged however they are split, and hands over exactly the lines that begin with { (every line, with everyLine)', async () => {
    await fc.assert(
      fc.asyncProperty(
        body.chain((bytes) => fc.tuple(fc.constant(bytes), cuts(bytes.length))),
        async ([bytes, at]) => {
          const { out, lines } = await mapped(bytes, at);
          expect(out.equals(bytes)).toBe(true);
          expect(lines).toEqual(jsonLinesOf(bytes));
          const every = await mapped(bytes, at, { everyLine: true });
          expect(every.out.equals(bytes)).toBe(true);
          expect(every.lines).toEqual(linesOf(bytes));
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('puts what mapLine returns in place of the line, wherever the reads were cut', async () => {
    const file = Buffer.from('{"a":1}\r\n\x89PNG{not json}\n\n{"b":2}\n{"c":3}', 'latin1');
    const mapLine = (line: Buffer) => Buffer.from(line.toString('latin1').replace(/\d/, 'X'), 'latin1');
    await fc.assert(
      fc.asyncProperty(cuts(file.length), async (at) => {
        const { out } = await mapped(file, at, { mapLine });
        expect(out.toString('latin1')).toBe('{"a":X}\r\n\x89PNG{not json}\n\n{"b":X}\n{"c":X}');
      }),
    );
  });

  it('past the limit, passes a line unread or ends with LineTooLong, as passUnread says from its head', async () => {
    const long = Buffer.from(`{"custom_id":"r1","pad":"${'x'.repeat(5_000)}"}\n{"b":2}\n`);
    const heads: number[] = [];
    const passed = await mapped(long, [100, 2_000, 4_000], {
      maxLineBytes: 1_000,
      passUnread: (head) => {
        heads.push(head.length);
        return true;
      },
    });
    expect(passed.out.equals(long)).toBe(true);
    expect(passed.lines).toEqual(['{"b":2}\n']);
    expect(heads).toEqual([2_000]);
    await expect(mapped(long, [100, 2_000], { maxLineBytes: 1_000, passUnread: () => false })).rejects.toBeInstanceOf(LineTooLong);
  });

  it('asks about a long line once its first 4 KiB are in, so one that does not matter is never held whole', async () => {
    const plain = Buffer.from(`{"pad":"${'y'.repeat(10_000)}"}\n{"c":3}\n`);
    const heads: number[] = [];
    const { out, lines } = await mapped(plain, [3_000, 6_000], {
      passUnread: (head) => {
        heads.push(head.length);
        return true;
      },
    });
    expect(out.equals(plain)).toBe(true);
    expect(lines).toEqual(['{"c":3}\n']);
    expect(heads).toEqual([4_096]);
  });

  it('shares a memory budget between readers: a line that would go past it ends its stream, and every byte taken is given back', async () => {
    const budget = byteBudget(2_500);
    const line = Buffer.from(`{"custom_id":"a","pad":"${'z'.repeat(1_900)}"}\n`);
    const keep = { budget, maxLineBytes: 1 << 20, passUnread: () => false };
    // Two readers each holding most of a line at once: the second cannot take its share.
    const first = mapJsonLines({ ...keep, mapLine: (l) => l })(pieces(line, [1_500]));
    const second = mapJsonLines({ ...keep, mapLine: (l) => l })(pieces(line, [1_500]));
    const firstRead = first.next();
    await expect(second.next()).rejects.toBeInstanceOf(LinesOverBudget);
    expect((await firstRead).value?.equals(line)).toBe(true);
    expect(budget.used).toBe(0);
    // Whatever way a reader ends, nothing stays taken.
    const cut = mapJsonLines({ ...keep, maxLineBytes: 1_000, mapLine: (l) => l })(pieces(line, [1_200]));
    await expect(cut.next()).rejects.toBeInstanceOf(LineTooLong);
    expect(budget.used).toBe(0);
    const left = mapJsonLines({ ...keep, mapLine: (l) => l })(pieces(Buffer.concat([line, line]), [1_500, 2_500]));
    await left.next();
    await left.return(undefined);
    expect(budget.used).toBe(0);
  });
});
