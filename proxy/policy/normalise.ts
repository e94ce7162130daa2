import type { Span } from './detectors.ts';

/**
 * The view rules match: compatibility forms folded (NFKD: full-width, ligatures, mathematical
 * letters), diacritics dropped, invisible characters (zero-width, bidi controls, soft hyphen,
 * variation selectors, the Arabic tatweel that stretches a word) removed, tag characters read as
 * the ASCII they encode, common Cyrillic and Greek look-alikes folded to ASCII, whitespace runs
 * collapsed to one space, and letter-spaced words (`i g n o r e  a l l`, `i.g.n.o.r.e`, `d-e-v`)
 * joined.
 * Case is left alone: rules are case-insensitive unless they say otherwise.
 *
 * Every character of the view knows the span of the original it came from, so a match in the
 * view redacts exactly the right original characters. The map is kept as runs, not per
 * character, so plain text costs almost nothing.
 */
export interface NormalisedText {
  readonly text: string;
  /** View → original; undefined when the view is the original. */
  readonly map: SpanMap | undefined;
}

/**
 * Runs of the view, each mapped onto a span of the source: `oneToOne` runs map character k to
 * source character `sourceStart + k`; other runs (a folded character, a ligature) map every view
 * character to the whole source span.
 */
interface SpanMap {
  readonly viewStart: number[];
  readonly sourceStart: number[];
  readonly sourceEnd: number[];
  readonly oneToOne: boolean[];
  /** Set when this map goes onto another view rather than the original. */
  readonly inner: SpanMap | undefined;
  /** The length of the view this map is of. */
  readonly viewLength: number;
}

/** The last position of ascending `starts` whose value is at most `index` (0 when none is). */
function lastAtOrBefore(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const locate = (map: SpanMap, index: number) => lastAtOrBefore(map.viewStart, index);

/** Where the original of view character `index` starts. */
function startOf(map: SpanMap, index: number): number {
  const r = locate(map, index);
  const start = map.oneToOne[r] ? map.sourceStart[r]! + index - map.viewStart[r]! : map.sourceStart[r]!;
  return map.inner ? startOf(map.inner, start) : start;
}

/** Where the original of view character `index` ends. */
function endOf(map: SpanMap, index: number): number {
  const r = locate(map, index);
  const end = map.oneToOne[r] ? map.sourceStart[r]! + index - map.viewStart[r]! + 1 : map.sourceEnd[r]!;
  return map.inner ? endOf(map.inner, end - 1) : end;
}

/** Maps a view span [start, end) back onto the original text. */
export function originalSpan(n: NormalisedText, start: number, end: number): [number, number] {
  if (!n.map || end <= start) return [start, end];
  return [startOf(n.map, start), endOf(n.map, end - 1)];
}

/** Where the original of view character `index` starts (the start of its `originalSpan`, without making the pair). */
export function originalStart(n: NormalisedText, index: number): number {
  return n.map ? startOf(n.map, index) : index;
}

/** The view index of original character `index`: where the view run it folds into starts. */
export function viewIndex(n: NormalisedText, index: number): number {
  return n.map ? viewOf(n.map, index) : index;
}

function viewOf(map: SpanMap, index: number): number {
  const at = map.inner ? viewOf(map.inner, index) : index;
  if (map.sourceStart.length === 0) return 0;
  // The last run that starts at or before `at`; a dropped character (an invisible one) reads where the next run starts.
  const lo = lastAtOrBefore(map.sourceStart, at);
  if (at < map.sourceStart[lo]!) return map.viewStart[lo]!;
  if (at >= map.sourceEnd[lo]!) return lo + 1 < map.viewStart.length ? map.viewStart[lo + 1]! : map.viewLength;
  return map.oneToOne[lo] ? map.viewStart[lo]! + at - map.sourceStart[lo]! : map.viewStart[lo]!;
}

const INVISIBLE = /^(?:[\u00AD\u034F\u061C\u0640\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDC00-\uDDEF])$/;
/**
 * Unicode tag characters U+E0020..U+E007E: invisible on screen, but they spell ASCII to a model
 * (U+E0041 reads as `A`), which hides instructions in plain sight ("ASCII smuggling"). A prompt's
 * view (`prompt`) reads a run of at least TAG_RUN of them as the text it encodes; a shorter run
 * is dropped like any invisible character, so one or two of them cannot split a key into two
 * harmless halves. An answer's view drops them all: a streamed answer is redacted as it comes,
 * and what a model writes in tags is not instructions to it.
 */
const TAG_FIRST = 0xe0020;
const TAG_LAST = 0xe007e;
const TAG_RUN = 4;
const isTag = (code: number | undefined) => code !== undefined && code >= TAG_FIRST && code <= TAG_LAST;
/**
 * The marks that accents and "Zalgo" text are made of, stripped so `é` reads `e`. Marks of other
 * scripts stay: the kana voicing marks (が is か plus one) and Indic vowel signs are letters' parts.
 */
const COMBINING_MARK = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
const SPACE = /^\s$/u;

const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', α: 'a', ν: 'v', ι: 'i', κ: 'k', ρ: 'p', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
  // Typographic apostrophes, so "don’t" and "d’ora" read like "don't" and "d'ora"
  '\u2019': "'", '\u2018': "'", '\u02BC': "'",
  // Latin look-alikes NFKD leaves alone
  ı: 'i', ȷ: 'j', ł: 'l', ø: 'o', Ø: 'O', đ: 'd', ħ: 'h', ŧ: 't', ƅ: 'b',
};

/** Folds repeat (a French text has few distinct accented letters): remember them, within bounds. */
const folds = new Map<string, string>();
const MAX_REMEMBERED_FOLDS = 4096;

function fold(char: string): string {
  let out = folds.get(char);
  if (out === undefined) {
    out = foldUncached(char);
    if (folds.size < MAX_REMEMBERED_FOLDS) folds.set(char, out);
  }
  return out;
}

function foldUncached(char: string): string {
  if (INVISIBLE.test(char)) return '';
  if (SPACE.test(char)) return ' ';
  const direct = CONFUSABLES[char];
  if (direct !== undefined) return direct;
  const code = char.charCodeAt(0);
  // Cyrillic and Greek letters keep their accents (й is not и); their Latin look-alikes fold above.
  if (isCyrillicOrGreek(code)) return char;
  let out = '';
  for (const c of char.normalize('NFKD').replace(COMBINING_MARK, '')) out += CONFUSABLES[c] ?? c;
  // Recomposed: Hangul syllables and voiced kana decompose into parts that are no longer marks.
  return out.normalize('NFC');
}

const isCyrillicOrGreek = (code: number) => code >= 0x0370 && code <= 0x052f;
const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isWordUnit = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x052f);

/**
 * Whether the Cyrillic or Greek look-alike at `at` is a letter of a word written in its own
 * script: its word holds a letter of that script with no Latin look-alike ("предыдущие" has д), or
 * it is all look-alikes and a word next to it is Russian or Greek ("с этого"). In a word mixed with
 * Latin ("іgnоrе"), or of look-alikes among Latin words, it is a disguise and reads as Latin.
 * Words are read WORD_REACH units at most each way, and one answer serves a whole word, so a
 * megabyte "word" of look-alikes costs a few units per letter.
 */
function inNativeWord(text: string, at: number): boolean {
  if (text === lastWord.text && at >= lastWord.start && at < lastWord.end) return lastWord.native;
  const [start, end] = wordAround(text, at);
  const own = scriptOf(text, start, end);
  let native = own === 'native';
  if (own === 'lookalike') {
    // A preposition ("с", "о") or a short word ("сор"): the words on either side tell.
    let left = start - 1;
    while (left >= 0 && left > start - 4 && !isWordUnit(text.charCodeAt(left))) left -= 1;
    let right = end;
    while (right < text.length && right < end + 3 && !isWordUnit(text.charCodeAt(right))) right += 1;
    native =
      (left >= 0 && isWordUnit(text.charCodeAt(left)) && scriptOf(text, ...wordAround(text, left)) === 'native') ||
      (right < text.length && isWordUnit(text.charCodeAt(right)) && scriptOf(text, ...wordAround(text, right)) === 'native');
  }
  lastWord = { text, start, end, native, disguise: null };
  return native;
}

const WORD_REACH = 32;
/** The word `inNativeWord` last read, and the look-alike table it is disguised with once `disguiseOf` asks (null: not yet). */
let lastWord: { text: string; start: number; end: number; native: boolean; disguise: Uint16Array | undefined | null } = { text: '', start: 0, end: 0, native: false, disguise: null };

function wordAround(text: string, at: number): [number, number] {
  let start = at;
  while (start > 0 && start > at - WORD_REACH && isWordUnit(text.charCodeAt(start - 1))) start -= 1;
  let end = at + 1;
  while (end < text.length && end < at + WORD_REACH && isWordUnit(text.charCodeAt(end))) end += 1;
  return [start, end];
}

/** Latin letters that pass for Cyrillic or Greek ones, by code: a disguised Russian or Greek word mixes them in ("тeпep", "πρoηγoύμεvες"). */
const lookalikeTable = (pairs: Record<string, string>) => {
  const table = new Uint16Array(0x80);
  for (const [latin, native] of Object.entries(pairs)) table[latin.charCodeAt(0)] = native.charCodeAt(0);
  return table;
};
const CYRILLIC_FOR_LATIN = lookalikeTable({ a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', i: 'і', k: 'к', A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У', I: 'І' });
const GREEK_FOR_LATIN = lookalikeTable({ a: 'α', o: 'ο', v: 'ν', i: 'ι', k: 'κ', t: 'τ', p: 'ρ', y: 'γ', u: 'υ', x: 'χ', A: 'Α', B: 'Β', E: 'Ε', Z: 'Ζ', H: 'Η', I: 'Ι', K: 'Κ', M: 'Μ', N: 'Ν', O: 'Ο', P: 'Ρ', T: 'Τ', Y: 'Υ', X: 'Χ' });
const CYRILLIC = /[\u0400-\u04FF]/;
const GREEK = /[\u0370-\u03FF]/;
/** A text in which a Latin letter may stand for a Cyrillic or Greek one. */
const MIXABLE = /[\u0370-\u04FF]/;

/** Two Latin capitals against a lower-case Cyrillic or Greek letter: a compound name ("СвободенAI"), not a disguise. */
const COMPOUND = /[A-Z]{2}[\u0430-\u045F\u03AC-\u03CE]|[\u0430-\u045F\u03AC-\u03CE][A-Z]{2}/;

/** The Cyrillic or Greek letter a Latin look-alike at `at` stands for in a word of that script, or 0. */
function nativeFor(text: string, at: number, code: number): number {
  if (CYRILLIC_FOR_LATIN[code] === 0 && GREEK_FOR_LATIN[code] === 0) return 0;
  const table = disguiseOf(text, at);
  return table === undefined ? 0 : table[code]!;
}

/**
 * The table a word around `at` is disguised with: a Cyrillic or Greek word, not a compound name, all
 * of whose Latin letters have a look-alike in its script ("тeпep", "πρoηγoύμεvες"). A Latin word with
 * one foreign letter added ("Ignoreλ", "Ignoreж") keeps its letters: "g" passes for no Greek letter.
 */
function disguiseOf(text: string, at: number): Uint16Array | undefined {
  if (!inNativeWord(text, at)) return undefined;
  if (lastWord.disguise === null) {
    const word = text.slice(lastWord.start, lastWord.end);
    const table = COMPOUND.test(word) ? undefined : CYRILLIC.test(word) ? CYRILLIC_FOR_LATIN : GREEK.test(word) ? GREEK_FOR_LATIN : undefined;
    lastWord.disguise = table !== undefined && everyLatinHasLookalike(word, table) ? table : undefined;
  }
  return lastWord.disguise;
}

function everyLatinHasLookalike(word: string, table: Uint16Array): boolean {
  for (let k = 0; k < word.length; k += 1) {
    const c = word.charCodeAt(k);
    if (isAsciiLetter(c) && table[c] === 0) return false;
  }
  return true;
}

/** The ASCII run [from, to) of a text with Cyrillic or Greek in it, its look-alikes in such words read in their script. */
function readInNativeWords(text: string, from: number, to: number): string {
  let run = '';
  for (let k = from; k < to; k += 1) {
    const c = text.charCodeAt(k);
    run += String.fromCharCode(nativeFor(text, k, c) || c);
  }
  return run;
}

/** Per unit of U+0370..U+052F: 1 when it has a Latin look-alike. */
const LOOKALIKE = new Uint8Array(0x052f - 0x0370 + 1).map((_, i) => (CONFUSABLES[String.fromCharCode(0x0370 + i)] === undefined ? 0 : 1));

/** A word holds a Cyrillic or Greek letter with no Latin look-alike, a Latin letter, or only look-alikes. */
function scriptOf(text: string, start: number, end: number): 'native' | 'latin' | 'lookalike' {
  let latin = false;
  for (let k = start; k < end; k += 1) {
    const code = text.charCodeAt(k);
    if (!isCyrillicOrGreek(code)) latin = true;
    else if (LOOKALIKE[code - 0x0370] === 0) return 'native';
  }
  return latin ? 'latin' : 'lookalike';
}

/** Invisible characters inside a word of Latin, Greek or Cyrillic letters ("ig\u200Bnore"); not the soft hyphen, which text copied from the web carries. */
const INVISIBLE_IN_WORD = /(?<=[A-Za-z\u00C0-\u024F\u0370-\u052F])[\u200B-\u200D\u2060\uFEFF]+(?=[A-Za-z\u00C0-\u024F\u0370-\u052F])/g;
const MAY_BE_DISGUISED = /[\u0370-\u052F\u200B-\u200D\u2060\uFEFF]/;
/** A Latin letter right next to a Greek or Cyrillic one: without one, no word mixes them (Russian prose is read no further). */
const SCRIPTS_TOUCH = /[A-Za-z][\u0370-\u052F]|[\u0370-\u052F][A-Za-z]/;
/** A disguise is two words of mixed look-alikes or three hidden breaks: one may be a slip of the keyboard. */
const DISGUISED_WORDS = 2;
const HIDDEN_BREAKS = 3;

/**
 * Where a prompt disguises words from whoever reads its view: words that mix letters of two
 * scripts passing for each other ("іgnоrе" with Cyrillic і and о; "тeпep" with Latin e and p),
 * and invisible characters inside words ("ig\u200Bnore"). The view reads through both, so a
 * detector is told where they were. Spans of `original`, in order; none below the thresholds.
 * Linear: a word's script is read once (`inNativeWord` keeps it).
 */
export function disguisedWords(original: string): Span[] {
  if (!MAY_BE_DISGUISED.test(original)) return [];
  const mixed: Span[] = [];
  if (SCRIPTS_TOUCH.test(original)) {
    for (let i = 0; i < original.length; i += 1) {
      const c = original.charCodeAt(i);
      const disguised = c < 0x80 ? nativeFor(original, i, c) !== 0 : isCyrillicOrGreek(c) && LOOKALIKE[c - 0x0370] === 1 && inMixedWord(original, i);
      if (!disguised) continue;
      const [start, end] = wordAround(original, i);
      if (mixed[mixed.length - 1]?.start !== start && foreignLetters(original, start, end) >= 2) mixed.push({ start, end });
      i = end - 1;
    }
  }
  // Not a break before a capital in a camel-cased name ("Very\u200BLong\u200BClass"): pages put those there to let a line wrap.
  const breaks = [...original.matchAll(INVISIBLE_IN_WORD)]
    .filter((m) => !(/[a-z]/.test(original[m.index - 1]!) && /[A-Z]/.test(original[m.index + m[0].length]!)))
    .map((m): Span => ({ start: m.index, end: m.index + m[0].length }));
  const found = [...(mixed.length >= DISGUISED_WORDS ? mixed : []), ...(breaks.length >= HIDDEN_BREAKS ? breaks : [])];
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The letters of a mixed word that are not its own script's: the Cyrillic or Greek ones in a Latin word, the Latin ones in a Cyrillic
 * or Greek word. A disguise swaps several ("іgnоrе"); one is a symbol ("Kα radiation", "νmax", "ρair") or a slip of the keyboard ("прoверь").
 */
function foreignLetters(text: string, start: number, end: number): number {
  let latin = 0;
  let other = 0;
  for (let k = start; k < end; k += 1) {
    const c = text.charCodeAt(k);
    if (isAsciiLetter(c)) latin += 1;
    else if (isCyrillicOrGreek(c)) other += 1;
  }
  return Math.min(latin, other);
}

/** A Cyrillic or Greek look-alike at `at` read as Latin, in a word that also has Latin letters: "іgnоrе", not "Москва" nor a name like "СвободенAI". */
function inMixedWord(text: string, at: number): boolean {
  if (inNativeWord(text, at)) return false;
  // The word `inNativeWord` has just read.
  const word = text.slice(lastWord.start, lastWord.end);
  return /[A-Za-z]/.test(word) && !COMPOUND.test(word);
}

class MapBuilder {
  readonly viewStart: number[] = [];
  readonly sourceStart: number[] = [];
  readonly sourceEnd: number[] = [];
  readonly oneToOne: boolean[] = [];
  private view = 0;

  /** `viewLength` view characters from source [start, end). */
  add(viewLength: number, start: number, end: number): void {
    if (viewLength === 0) return;
    const oneToOne = viewLength === end - start;
    const last = this.viewStart.length - 1;
    // Extend the previous one-to-one run when this one continues it.
    if (oneToOne && last >= 0 && this.oneToOne[last] && this.sourceEnd[last] === start) this.sourceEnd[last] = end;
    else {
      this.viewStart.push(this.view);
      this.sourceStart.push(start);
      this.sourceEnd.push(end);
      this.oneToOne.push(oneToOne);
    }
    this.view += viewLength;
  }

  build(inner?: SpanMap): SpanMap {
    return { viewStart: this.viewStart, sourceStart: this.sourceStart, sourceEnd: this.sourceEnd, oneToOne: this.oneToOne, inner, viewLength: this.view };
  }
}

/** Printable ASCII and plain whitespace: nothing to fold. */
const NEEDS_FOLDING = /[^\x20-\x7E\t\n\r]/;
/** Three or more single letters separated by single spaces; in a text spaced so, two Hangul or Han syllables too (`이 전  지 시 를`: their words are short). */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}] ){2,}[\p{L}\p{N}](?![\p{L}\p{N}])|(?<![\p{L}\p{N}])[\p{sc=Hangul}\p{sc=Han}] [\p{sc=Hangul}\p{sc=Han}](?![\p{L}\p{N}])/gu;
/**
 * Three or more letters joined by one repeated dot, dash or underscore (`i.g.n.o.r.e`), across the
 * words of a phrase spaced so (`i.g.n.o.r.a. .l.e. .r.e.g.o.l.e`, `h-u-n-s-a-d-u- -f-y-r-r-i`); digits stay apart (versions, dates).
 */
const DOTTED_LETTERS = /(?<![\p{L}\p{N}])\p{L}([.\-_])(?:(?:\p{L}| )\1){1,400}\p{L}(?![\p{L}\p{N}])/gu;
/** Cheap tests before the Unicode ones: three one-character words in a row, or three dotted letters. */
const MAYBE_SPACED = /(?:^|\s)\S \S \S(?:\s|$)/;
const MAYBE_DOTTED = /(?:^|[^a-z0-9])[a-z]([.\-_])[a-z]\1[a-z]|[^\x00-\x7f]([.\-_])[^\x00-\x7f]\2[^\x00-\x7f]/i;
const EXTRA_SPACE = /\s{2,}|[\t\n\r]/;
/** What squeezing drops: whitespace at the start, and all but the first character of a whitespace run. */
const WHITESPACE_RUN = /^[\t\n\r ]+|[\t\n\r ]{2,}/g;

/** Tabs and line breaks as spaces, one for one (replaceAll of a single character is several times faster than a class). */
function asSpaces(text: string): string {
  let out = text.includes('\n') ? text.replaceAll('\n', ' ') : text;
  if (out.includes('\t')) out = out.replaceAll('\t', ' ');
  if (out.includes('\r')) out = out.replaceAll('\r', ' ');
  return out;
}

/**
 * The view rules read. `prompt`: the text is a prompt, read whole: tag-character runs are read as
 * the ASCII they spell, and a Cyrillic or Greek look-alike stays itself in a word of its own script
 * (`inNativeWord`). An answer's view folds one code point at a time, whatever surrounds it, which
 * is what lets a stream be redacted piece by piece.
 */
export function normalise(original: string, prompt = false): NormalisedText {
  const folded = NEEDS_FOLDING.test(original) ? foldAll(original, prompt) : { text: original, map: undefined };
  const spaced = MAYBE_SPACED.test(folded.text);
  const dotted = MAYBE_DOTTED.test(folded.text);
  return spaced || dotted || EXTRA_SPACE.test(folded.text) ? squeeze(folded, spaced, dotted) : folded;
}

/**
 * Per UTF-16 unit: 0 not yet known, -1 folds to other than one character (or is a surrogate),
 * else 1 + the code of the one character it folds to.
 */
const SIMPLE_FOLDS = new Int32Array(0x10000);

function simpleFold(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return -1;
  const out = fold(String.fromCharCode(code));
  return out.length === 1 ? out.charCodeAt(0) + 1 : -1;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let scratch = Buffer.alloc(0);

/**
 * The common case, every character folding to exactly one character (accents, look-alikes,
 * full-width letters, unusual spaces): the view has the original's indices, so it needs no map.
 * Undefined otherwise (invisible characters, ligatures, characters outside the BMP). Works on
 * the UTF-16 units in a buffer, which is several times faster than charCodeAt.
 */
function foldOneToOne(original: string, prompt: boolean): string | undefined {
  if (!LITTLE_ENDIAN) return undefined;
  // A reused buffer for texts up to 1 MB (a larger one gets its own, so as not to pin its size).
  const bytes = original.length > 512 * 1024 ? Buffer.alloc(original.length * 2) : scratch.length >= original.length * 2 ? scratch : (scratch = Buffer.alloc(Math.max(original.length * 2, 64 * 1024)));
  bytes.write(original, 0, 'utf16le');
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset, original.length);
  const mixable = prompt && MIXABLE.test(original);
  for (let i = 0; i < units.length; i += 1) {
    const c = units[i]!;
    if (c < 0x80) {
      if (mixable) units[i] = nativeFor(original, i, c) || c;
      continue;
    }
    if (prompt && keepsOwnScript(original, i, c)) continue;
    let f = SIMPLE_FOLDS[c]!;
    if (f === 0) f = SIMPLE_FOLDS[c] = simpleFold(c);
    if (f < 0) return undefined;
    units[i] = f - 1;
  }
  return bytes.toString('utf16le', 0, original.length * 2);
}

function foldAll(original: string, prompt: boolean): NormalisedText {
  const oneToOne = foldOneToOne(original, prompt);
  if (oneToOne !== undefined) return { text: oneToOne, map: undefined };
  const b = new MapBuilder();
  const parts: string[] = [];
  const mixable = prompt && MIXABLE.test(original);
  let i = 0;
  while (i < original.length) {
    // ASCII runs go through as they are, but for look-alikes in a Cyrillic or Greek word.
    let j = i;
    while (j < original.length && original.charCodeAt(j) < 0x80) j += 1;
    if (j > i) {
      parts.push(mixable ? readInNativeWords(original, i, j) : original.slice(i, j));
      b.add(j - i, i, j);
      i = j;
      continue;
    }
    const code = original.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    const piece = prompt ? promptFold(original, i, code, char) : fold(char);
    parts.push(piece);
    b.add(piece.length, i, i + char.length);
    i += char.length;
  }
  return { text: parts.join(''), map: b.build() };
}

/** What the code point at `at` becomes in a prompt's view: tag runs read as ASCII, letters of a Russian or Greek word kept. */
function promptFold(original: string, at: number, code: number, char: string): string {
  if (isTag(code) && inTagRun(original, at)) return String.fromCharCode(code - 0xe0000);
  return keepsOwnScript(original, at, code) ? char : fold(char);
}

/** Whether the Cyrillic or Greek letter `code` at `at` stays itself rather than folding to its Latin look-alike. */
const keepsOwnScript = (text: string, at: number, code: number) => isCyrillicOrGreek(code) && inNativeWord(text, at);

/** Whether the tag character at `at` is one of a run of at least TAG_RUN (each is two UTF-16 units). */
function inTagRun(text: string, at: number): boolean {
  let start = at;
  while (isTag(text.codePointAt(start - 2))) start -= 2;
  let end = at + 2;
  while (isTag(text.codePointAt(end))) end += 2;
  return (end - start) / 2 >= TAG_RUN;
}

/** The first match of a global regex in `text`; `regex.exec(text)` then gives the next ones. */
function first(regex: RegExp, text: string): RegExpExecArray | null {
  regex.lastIndex = 0;
  return regex.exec(text);
}

/** Collapses whitespace runs to one space and joins letter-spaced words; maps onto the folded view. */
function squeeze(folded: NormalisedText, spaced: boolean, dotted: boolean): NormalisedText {
  const source = folded.text;
  // The source ranges [start, end) that are dropped, found by the regex engine rather than char
  // by char (`exec` on the shared regexes: `matchAll` would copy each one on every call).
  const cuts: Array<[number, number]> = [];
  for (let m = first(WHITESPACE_RUN, source); m !== null; m = WHITESPACE_RUN.exec(source)) cuts.push([m.index === 0 ? 0 : m.index + 1, m.index + m[0].length]);
  const runs = cuts.length;
  // Letter-spaced runs: drop the single spaces (or the repeated dot or dash) inside them (a double
  // space still separates words). By character, not every other unit: a letter outside the BMP is two.
  for (const chain of [spaced ? SPACED_LETTERS : undefined, dotted ? DOTTED_LETTERS : undefined]) {
    for (let m = chain && first(chain, source); m; m = chain!.exec(source)) {
      const separator = m[1] ?? ' ';
      for (let k = m.index + 1; k < m.index + m[0].length; k += 1) if (source[k] === separator) cuts.push([k, k + 1]);
    }
  }
  // Nothing dropped: tabs and line breaks become spaces, one for one, and the map stays the folded one.
  if (cuts.length === 0) return { text: asSpaces(source), map: folded.map };
  if (cuts.length > runs) cuts.sort((a, b) => a[0] - b[0]);
  const b = new MapBuilder();
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of cuts) {
    if (start > at) {
      parts.push(source.slice(at, start));
      b.add(start - at, at, start);
    }
    at = Math.max(at, end);
  }
  if (at < source.length) {
    parts.push(source.slice(at));
    b.add(source.length - at, at, source.length);
  }
  return { text: asSpaces(parts.join('')), map: b.build(folded.map) };
}
