/**
 * JSON Lines read as they pass, byte for byte: a batch's output file can run to hundreds of
 * megabytes, so it is never held whole, and a file that is not JSON Lines at all (an image, a
 * PDF) must come out exactly as it went in. Only lines that begin with `{` are gathered and
 * handed to `mapLine` (every line, with `everyLine`); every other byte is passed on as it arrives.
 */

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
/** How much of a line past the limit `passUnread` sees. */
const HEAD_BYTES = 4_096;

/** The line break a line ends with: `\r\n`, `\n`, or nothing (a last line without one). */
export function lineBreak(line: Uint8Array): '' | '\n' | '\r\n' {
  if (line.at(-1) !== NEWLINE) return '';
  return line.at(-2) === 0x0d ? '\r\n' : '\n';
}

/** A JSON line longer than the limit: `mapLine` could not read it, so it cannot be passed on. */
export class LineTooLong extends Error {
  constructor(readonly limit: number) {
    super(`a JSON line of the answer is longer than ${limit} bytes`);
  }
}

/** The lines being gathered, by every reader at once, would take more memory than they may. */
export class LinesOverBudget extends Error {
  constructor() {
    super('the JSON lines being read at once exceed their memory budget');
  }
}

/** Bytes that the JSON lines being gathered may hold together, shared by every reader that takes from it. */
export interface ByteBudget {
  take(bytes: number): boolean;
  give(bytes: number): void;
}

export function byteBudget(limit: number): ByteBudget & { readonly used: number } {
  let used = 0;
  return {
    get used() {
      return used;
    },
    take(bytes) {
      if (used + bytes > limit) return false;
      used += bytes;
      return true;
    },
    give(bytes) {
      used -= bytes;
    },
  };
}

export interface JsonLinesOptions {
  /** Shared with the other readers: a line that would take more than is left ends the stream with `LinesOverBudget`. */
  budget?: ByteBudget;
  /** Every line goes to `mapLine`, not only those that begin with `{` (a file that must be JSON Lines, read to judge it). */
  everyLine?: boolean;
  /**
   * Maps one whole line that begins with `{`, its line break included (none on a last line
   * without one): the bytes to send instead, or the same buffer to send it as it came.
   */
  mapLine(line: Buffer): Buffer;
  /** Longest line gathered: past it, a line `passUnread` kept ends the stream with `LineTooLong`. */
  maxLineBytes: number;
  /**
   * Asked once about a line still without its end when it passes 4 KiB (or the limit, if lower),
   * with its first 4 KiB: true passes the rest of it on unread (it cannot be what `mapLine` looks
   * for), so a long line that does not matter costs no memory; false keeps gathering it.
   */
  passUnread(head: Buffer): boolean;
}

/**
 * A transform for `stream.pipeline`: the chunks of a body in, the same bytes out but for the
 * JSON lines `mapLine` rewrote. Each chunk yields what it completed, so nothing waits for the end.
 */
export function mapJsonLines({ budget, everyLine = false, mapLine, maxLineBytes, passUnread }: JsonLinesOptions) {
  return async function* jsonLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    /** The JSON line being gathered, in pieces. */
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const release = () => {
      budget?.give(pendingBytes);
      pending = [];
      pendingBytes = 0;
    };
    try {
      /** The rest of the current line passes unread (it does not begin with `{`, or passUnread said so). */
      let unread = false;
      /** passUnread was asked about the line being gathered. */
      let asked = false;
      for await (const chunk of chunks) {
        const out: Buffer[] = [];
        let start = 0;
        while (start < chunk.length) {
          const newline = chunk.indexOf(NEWLINE, start);
          const end = newline === -1 ? chunk.length : newline + 1;
          const piece = chunk.subarray(start, end);
          start = end;
          const lineEnds = newline !== -1;
          if (unread || (pendingBytes === 0 && !everyLine && piece[0] !== OPEN_BRACE)) {
            out.push(piece);
            unread = !lineEnds;
            continue;
          }
          if (budget && !budget.take(piece.length)) throw new LinesOverBudget();
          pending.push(piece);
          pendingBytes += piece.length;
          if (!lineEnds) {
            if (!asked && pendingBytes > Math.min(HEAD_BYTES, maxLineBytes)) {
              asked = true;
              if (passUnread(Buffer.concat(pending, Math.min(pendingBytes, HEAD_BYTES)))) {
                out.push(...pending);
                unread = true;
                release();
                asked = false;
                continue;
              }
            }
            if (pendingBytes > maxLineBytes) throw new LineTooLong(maxLineBytes);
            continue;
          }
          out.push(mapLine(Buffer.concat(pending, pendingBytes)));
          release();
          asked = false;
        }
        if (out.length > 0) yield out.length === 1 ? out[0]! : Buffer.concat(out);
      }
      if (pendingBytes > 0) {
        const last = mapLine(Buffer.concat(pending, pendingBytes));
        release();
        yield last;
      }
    } finally {
      release();
    }
  };
}
