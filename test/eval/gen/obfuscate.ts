import type { Rng } from './rng.ts';

/** Evasion transforms as seen in real prompt-injection attempts. All deterministic given the Rng. */

const CYRILLIC: Record<string, string> = {
  a: '\u0430', c: '\u0441', e: '\u0435', i: '\u0456', j: '\u0458', o: '\u043E', p: '\u0440', s: '\u0455', x: '\u0445', y: '\u0443',
  A: '\u0410', B: '\u0412', C: '\u0421', E: '\u0415', H: '\u041D', I: '\u0406', K: '\u041A', M: '\u041C', O: '\u041E', P: '\u0420',
  S: '\u0405', T: '\u0422', X: '\u0425', Y: '\u0423',
};

const GREEK: Record<string, string> = {
  o: '\u03BF', a: '\u03B1', i: '\u03B9', v: '\u03BD', u: '\u03C5', k: '\u03BA', p: '\u03C1',
  A: '\u0391', B: '\u0392', E: '\u0395', H: '\u0397', I: '\u0399', K: '\u039A', M: '\u039C', N: '\u039D', O: '\u039F', P: '\u03A1',
  T: '\u03A4', X: '\u03A7', Y: '\u03A5', Z: '\u0396',
};

function swapLetters(text: string, map: Record<string, string>, rng: Rng, p: number): string {
  let out = '';
  for (const ch of text) out += map[ch] !== undefined && rng.chance(p) ? map[ch] : ch;
  return out;
}

export const homoglyphCyrillic = (text: string, rng: Rng, p = 0.6): string => swapLetters(text, CYRILLIC, rng, p);
export const homoglyphGreek = (text: string, rng: Rng, p = 0.6): string => swapLetters(text, GREEK, rng, p);

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

/** Inserts one or two zero-width characters inside most words of three letters or more. */
export function zeroWidth(text: string, rng: Rng): string {
  return text.replace(/\p{L}{3,}/gu, (word) => {
    if (!rng.chance(0.8)) return word;
    const chars = [...word];
    const cuts = new Set([rng.range(1, chars.length - 1), rng.range(1, chars.length - 1)]);
    return chars.map((c, i) => (cuts.has(i) ? rng.pick(ZERO_WIDTH) + c : c)).join('');
  });
}

/** Zero-width character between every letter of the text. */
export function zeroWidthDense(text: string, zw = '\u200B'): string {
  return text.replace(/\p{L}{2,}/gu, (word) => [...word].join(zw));
}

/** ASCII to full-width forms (U+FF01..U+FF5E); spaces become ideographic spaces when `ideographicSpace`. */
export function fullWidth(text: string, ideographicSpace = false): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x21 && code <= 0x7e) out += String.fromCodePoint(code + 0xfee0);
    else if (ch === ' ' && ideographicSpace) out += '\u3000';
    else out += ch;
  }
  return out;
}

/** "ignore all" -> "i g n o r e   a l l" (or with another separator). */
export function letterSpace(text: string, sep = ' ', wordSep = '   '): string {
  return text
    .split(/\s+/)
    .map((w) => [...w].join(sep))
    .join(wordSep);
}

const SPACERS = ['  ', '   ', '\t', '\n', ' \n', '\n\n', '\u00A0', '\u2003', ' \t '];

/** Replaces single spaces by runs of spaces, tabs, line breaks and Unicode spaces. */
export function messyWhitespace(text: string, rng: Rng): string {
  return text.replace(/ /g, () => rng.pick(SPACERS));
}

export function alternatingCase(text: string): string {
  let i = 0;
  let out = '';
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) out += i++ % 2 === 0 ? ch.toLowerCase() : ch.toUpperCase();
    else out += ch;
  }
  return out;
}

export function randomCase(text: string, rng: Rng): string {
  let out = '';
  for (const ch of text) out += rng.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase();
  return out;
}

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

export function leetspeak(text: string, letters = 'aeio'): string {
  let out = '';
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += letters.includes(low) && LEET[low] ? LEET[low] : ch;
  }
  return out;
}
