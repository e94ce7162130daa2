import { PassThrough, Readable, Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { relaySse, serialiseEvent, type SseEvent, type StreamHooks } from '../../../proxy/openai/sse-relay.ts';
import { pieces } from '../../helpers/stream-splits.ts';

const encoder = new TextEncoder();

/** Runs the relay from `source` into a pipe and returns everything the client would have read. */
function relayed(source: AsyncIterable<Uint8Array>, hooks: StreamHooks = {}, abort: () => void = () => {}): Promise<string> {
  const sink = new PassThrough();
  relaySse(Readable.from(source), sink, hooks, abort);
  return text(sink);
}

const upstreamText =
  'data: {"choices":[{"delta":{"content":"héllo 🙂"}}]}\n\n' +
  ': keep-alive\n\n' +
  'event: response.output_text.delta\ndata: {"delta":"x"}\n\n' +
  'data: line one\ndata: line two\n\n' +
  'data: [DONE]\n\n';

describe('relaySse', () => {
  it('re-emits the same events however the upstream bytes are split, multi-byte characters included', async () => {
    const bytes = encoder.encode(upstreamText);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), async (cuts) => {
        const out = await relayed(pieces(bytes, cuts));
        expect(out).toBe(upstreamText);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    { reads: [60], writes: [5, 55] },
    { reads: [1, 59], writes: [1, 4, 55] },
    { reads: [2, 2, 56], writes: [2, 2, 1, 55] },
  ])('writes the first five events of a stream at once, through the cork of a Node response, then a read at a time ($reads)', async ({ reads, writes: expected }) => {
    const events = Array.from({ length: 60 }, (_, i) => `data: ${i}\n\n`);
    const chunks = reads.map((n, i) => encoder.encode(events.slice(reads.slice(0, i).reduce((a, b) => a + b, 0)).slice(0, n).join('')));
    const writes: number[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (chunk.length > 0) writes.push(chunk.toString().split('\n\n').filter(Boolean).length);
        done();
      },
    });
    // As Node's HTTP response does: a write corks the socket until the next tick.
    const write = sink.write.bind(sink);
    sink.write = ((chunk: string) => {
      if (!sink.writableCorked) {
        sink.cork();
        process.nextTick(() => sink.uncork());
      }
      return write(chunk);
    }) as typeof sink.write;
    const closed = new Promise((resolve) => sink.on('finish', resolve));
    const deliveredWhenMapped: number[] = [];
    const map = (batch: readonly SseEvent[]) => {
      deliveredWhenMapped.push(writes.length);
      return batch;
    };
    relaySse(Readable.from(chunks), sink, { map }, () => {});
    await closed;
    expect(writes).toEqual(expected);
    // The early writes had reached the sink before the rest of the stream was worked on.
    expect(deliveredWhenMapped.at(-1)).toBe(expected.length - 1);
  });

  it('reads CRLF line endings, and drops an event cut off before its blank line, as the SSE spec says', async () => {
    const out = await relayed(pieces(encoder.encode('data: a\r\n\r\ndata: {"cut'), []));
    expect(out).toBe('data: a\n\n');
  });

  it('lets hooks map events and append at the end', async () => {
    const hooks: StreamHooks = {
      map: (events) => events.map((e) => ({ data: e.data.toUpperCase() })),
      end: (how) => [{ data: `end:${how}` }],
    };
    const out = await relayed(pieces(encoder.encode('data: a\n\ndata: b\n\n'), [3]), hooks);
    expect(out).toBe('data: A\n\ndata: B\n\ndata: end:completed\n\n');
  });

  it('ends with an error event and aborts the upstream when the upstream fails', async () => {
    const abort = vi.fn();
    const settle = vi.fn();
    const out = await relayed(pieces(encoder.encode('data: a\n\n'), [], new Error('socket hang up')), { settle }, abort);
    const events = out.split('\n\n').filter(Boolean);
    expect(events[0]).toBe('data: a');
    expect(JSON.parse(events[1]!.slice(6)).error.code).toBe('upstream_stream_failed');
    expect(abort).toHaveBeenCalledOnce();
    expect(settle).toHaveBeenCalledWith('upstream_error');
  });

  it('aborts the upstream and settles once when the client leaves', async () => {
    const abort = vi.fn();
    const settle = vi.fn();
    const source = new PassThrough();
    let received = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        received += String(chunk);
        done();
        // The client goes away after its first event.
        sink.destroy();
      },
    });
    relaySse(source, sink, { settle }, abort);
    source.write('data: 1\n\n');
    await new Promise((resolve) => sink.once('close', resolve));
    source.write('data: 2\n\n');
    expect(received).toBe('data: 1\n\n');
    expect(abort).toHaveBeenCalledOnce();
    expect(settle).toHaveBeenCalledTimes(1);
    expect(settle).toHaveBeenCalledWith('client_aborted');
    expect(source.destroyed).toBe(true);
  });

  it('pauses the upstream while the client cannot take more, and resumes on drain', async () => {
    const source = new PassThrough();
    const sink = new PassThrough({ highWaterMark: 16 });
    relaySse(source, sink, {}, () => {});
    source.write(`data: ${'x'.repeat(64)}\n\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.isPaused()).toBe(true);
    sink.resume();
    await new Promise((resolve) => sink.once('drain', resolve));
    expect(source.isPaused()).toBe(false);
    source.end();
  });

  it('serialises ids, names and multi-line data', () => {
    expect(serialiseEvent({ event: 'x', id: '7', data: 'a\nb' })).toBe('event: x\nid: 7\ndata: a\ndata: b\n\n');
  });
});
