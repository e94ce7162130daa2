import { createHash } from 'node:crypto';

/**
 * Deterministic random stream built on SHA-256 (node:crypto) so that `generate.ts` rewrites the
 * same data files every time. The values are random-looking but fake: no real credential or
 * person is behind any of them.
 */
export class Rng {
  private counter = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly seed: string) {}

  private byte(): number {
    if (this.offset >= this.buffer.length) {
      this.buffer = createHash('sha256').update(`${this.seed}:${this.counter++}`).digest();
      this.offset = 0;
    }
    return this.buffer[this.offset++]!;
  }

  /** Uniform integer in [0, max). */
  int(max: number): number {
    if (max <= 0 || max > 2 ** 32) throw new RangeError(`bad max ${max}`);
    const limit = Math.floor(2 ** 32 / max) * max;
    for (;;) {
      const v = ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
      if (v < limit) return v % max;
    }
  }

  /** Uniform integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from empty list');
    return items[this.int(items.length)]!;
  }

  string(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.byte();
    return b;
  }
}

export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const ALNUM = UPPER + LOWER + DIGITS;
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';

/** Luhn check digit for a digit string (the payload without its check digit). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(digits: string): boolean {
  return digits.length > 1 && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** ISO 13616 mod-97 of an IBAN (any spacing); 1 means valid. */
export function ibanMod97(iban: string): number {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

/** Check digits for `country` + `bban`. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rem = ibanMod97(`${country}00${bban}`);
  return String(98 - rem).padStart(2, '0');
}

export function groupsOf(s: string, n: number, sep = ' '): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += n) parts.push(s.slice(i, i + n));
  return parts.join(sep);
}
