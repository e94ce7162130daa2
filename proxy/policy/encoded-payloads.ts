/**
 * Text hidden in a prompt by encoding it: base64, hex, `\x`-escaped hex, `\u`-escaped runs, HTML
 * character references and Morse code that decode to readable text, the whole prompt read through
 * ROT13, or backwards, when it says so, and quoted pieces put together when it says to join them
 * (`X = 'Olet nyt', Y = '...'; do X+Y`).
 * Attackers encode an instruction so that words a scanner knows never appear ("decode this and do
 * what it says: SWdub3Jl..."); the scanner reads what the model would read once it decodes: the
 * prompt with the run replaced by its text, so the words around it ("answer it in full") still
 * count; where the prompt says it hid the text (`hidden`), the decoded run counts as disguised too
 * (scan.ts). Pure.
 */
export interface Payload {
  /** The span of the original text the payload was decoded from. */
  readonly start: number;
  readonly end: number;
  /** The prompt as the model would read it decoded. */
  readonly text: string;
  /**
   * The prompt says it hid the text: it names ROT13, or says to read it backwards. Other encodings
   * also carry data (base64 and hex tokens, JSON escapes, a CMS's character references, escaped
   * bytes in code, `a + b` in a formula), so text in them is not hidden for being there.
   */
  readonly hidden: boolean;
}

/** The characters of a base64, base64url or hex run; a run is found by one pass over the text, which costs less than a regex tried at every position. */
const RUN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') RUN_CHAR[c.charCodeAt(0)] = 1;
/** Long enough to hold an instruction; base64url's `-` and `_` are read as `+` and `/`. */
const BASE64 = /^[A-Za-z0-9+/_-]{24,}={0,2}$/;
/** 16 bytes or more. */
const HEX = /^(?:[0-9a-fA-F]{2}){16,}$/;
/** Longer runs (an embedded image, a key file) are data, not a question: not decoded. */
const MAX_RUN = 8192;
/** A prompt is read decoded at most this many times: a document full of encoded text costs a bounded number of scans. */
const MAX_PAYLOADS = 8;
const ROT13_NAMED = /\brot[- ]?13\b/i;
/** "Read this backwards", "à l'envers", "al revés", "rückwärts", "逆から": the prompt is read reversed too (words without spaces around them in the scripts written so). */
const REVERSAL_NAMED =
  /(?<![\p{L}])(?:backwards?|reversed?|in reverse|right[- ]to[- ]left|[àa] l'envers|al rev[ée]s|r[üu]ckw[äa]rts|al contrario|de tr[áa]s para (?:a )?frente|achterstevoren|od ty[łl]u|baklänges|baglæns|baklengs|tersten|pozp[áa]tku|odzadu|visszafel[ée]|takaperin|[îi]nvers|terbalik|ng[ưu][ợo]c l[ạa]i|задом наперёд|задом наперед|в обратном порядке|справа налево|у зворотному порядку|ανάποδα)(?![\p{L}])|倒着|倒過來|倒过来|倒序|逆から|逆さま|逆順|거꾸로|역순으로/iu;
/** A cheap test first: the one above, tried at every position of every prompt, costs about twice as much per KB (5 against 3 µs). */
const MAYBE_REVERSAL = /backward|revers|right.to.left|envers|rev[ée]s|ckw[äa]rts|contrario|frente|achterstevoren|od ty|bakl|bagl|tersten|pozp|odzadu|visszafel|takaperin|nvers|terbalik|ng[ưu][ợo]c|задом|обратном|справа налево|зворотному|ανάποδα|倒|逆|거꾸로|역순/iu;
/** The quoted pieces a split payload is made of, each at most a sentence long. */
const PIECE = /'([^'\n]{1,300})'|"([^"\n]{1,300})"|“([^”\n]{1,300})”|„([^“”\n]{1,300})[“”]|«([^»\n]{1,300})»/g;
/** An order to put pieces together: `X+Y`, "concatenate", "join the parts", in the languages the scorer reads. */
const JOINED =
  /\b[A-Za-z]\w{0,10} ?\+ ?[A-Za-z]\w{0,10}\b|\b(?:concatenat\w*|join (?:them|the (?:parts|pieces|strings))|combine (?:them|the (?:parts|pieces|strings))|put (?:them|the (?:parts|pieces)) together|spoj\w*|birle[sş]tir\w*|zusammenf[üu]g\w*|verbinde die (?:teile|st[üu]cke)|combin[ae] (?:les|las|os|le) (?:parties|partes|parti)|une (?:as|las) partes|unisci|junt[ae] (?:as|las) partes|po[łl][aą]cz\w*|sl[åa] samman|yhdist[äa]|gabungkan)\b/i;
const MAX_PIECES = 20;
/** A quote character with another after it: where pieces can be. */
const QUOTE = /['"“„«][^]*?['"”“»]/;

/** C-style escaped bytes, `\x49\x67...`, 16 or more. */
const ESCAPED_HEX = /(?:\\x[0-9a-fA-F]{2}){16,}/g;
/** JSON- or JavaScript-escaped code units, `\u5ffd\u7565...`, 8 or more: a sentence in a script without spaces. */
const ESCAPED_UNITS = /(?:\\u[0-9a-fA-F]{4}){8,}/g;
/** HTML numeric character references, `&#105;&#103;...` or `&#x69;...`, 8 or more. */
const ENTITY_RUNS = /(?:&#(?:\d{2,7}|[xX][0-9a-fA-F]{2,6});){8,}/g;
/** Morse code: 10 or more letters of dots and dashes, words apart by a slash or more spaces. */
const MORSE_RUNS = /(?:[.-]{1,6}(?: {1,3}| {0,3}\/ {0,3})){9,}[.-]{1,6}/g;
/** Decoded text is read only when it looks like language: no replacement or control characters, and words (or a script written without spaces). */
const NOT_TEXT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const WORDS = /[ \u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u9fff\uac00-\ud7af]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const readsAsText = (decoded: string) => !NOT_TEXT.test(decoded) && !LONE_SURROGATE.test(decoded) && WORDS.test(decoded);

function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** The maximal runs of base64 or hex characters 24 or more long: [start, end) pairs. */
function runs(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const unit = i < text.length ? text.charCodeAt(i) : 32;
    if (unit < 128 && RUN_CHAR[unit] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= 24) found.push([start, i]);
      start = -1;
    }
  }
  return found;
}

/** The escaped-hex runs: [start, end) pairs. */
function escapedRuns(text: string): Array<[number, number]> {
  if (!text.includes('\\x')) return [];
  return [...text.matchAll(ESCAPED_HEX)].map((m) => [m.index, m.index + m[0].length]);
}

const MORSE: Readonly<Record<string, string>> = Object.fromEntries(
  'a.- b-... c-.-. d-.. e. f..-. g--. h.... i.. j.--- k-.- l.-.. m-- n-. o--- p.--. q--.- r.-. s... t- u..- v...- w.-- x-..- y-.-- z--.. 0----- 1.---- 2..--- 3...-- 4....- 5..... 6-.... 7--... 8---.. 9----. ..-.-.- ,--..-- ?..--.. !-.-.--'
    .split(' ')
    .map((entry) => [entry.slice(1), entry[0]!]),
);

/** JSON `\u` escapes, HTML character references and Morse code: each kind's runs in a text, and how one run reads. */
const RUN_ENCODINGS: ReadonlyArray<{ readonly marker: string; readonly runs: RegExp; read(run: string): string }> = [
  { marker: '\\u', runs: ESCAPED_UNITS, read: (run) => run.replace(/\\u([0-9a-fA-F]{4})/g, (_, unit: string) => String.fromCharCode(parseInt(unit, 16))) },
  {
    marker: '&#',
    runs: ENTITY_RUNS,
    read: (run) => run.replace(/&#(?:(\d+)|[xX]([0-9a-fA-F]+));/g, (_, dec: string | undefined, hex: string | undefined) => {
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }),
  },
  {
    marker: '-',
    runs: MORSE_RUNS,
    read: (run) =>
      run
        .trim()
        .split(/ *\/ *| {2,}/)
        .map((word) => word.split(' ').map((letter) => MORSE[letter] ?? '\uFFFD').join(''))
        .join(' '),
  },
];

/**
 * The text with every run of one encoding that reads as language decoded in place, as one
 * payload: JSON escapes every non-ASCII character, so a document can hold many runs, and one payload
 * for each would crowd out the others (a base64 order after eight escaped Chinese fields).
 */
function decodedRuns(text: string, { marker, runs: kind, read: readRun }: (typeof RUN_ENCODINGS)[number]): Payload | undefined {
  if (!text.includes(marker)) return undefined;
  let start = -1;
  let end = -1;
  const decoded = text.replace(kind, (run, at: number) => {
    const read = readRun(run);
    if (!readsAsText(read)) return run;
    if (start < 0) start = at;
    end = at + run.length;
    return read;
  });
  return start < 0 ? undefined : { start, end, text: decoded, hidden: false };
}

function decodeRun(run: string): string | undefined {
  if (run.startsWith('\\x')) return Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('utf8');
  if (HEX.test(run)) return Buffer.from(run, 'hex').toString('utf8');
  if (BASE64.test(run)) return Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return undefined;
}

/** The prompt with its quoted pieces put together in place of the first to the last, when it says to join them. */
function joinedPieces(text: string): Payload | undefined {
  // Most prompts quote nothing: two quote characters are checked before the regexes run.
  if (!QUOTE.test(text) || !JOINED.test(text)) return undefined;
  const pieces = [...text.matchAll(PIECE)].slice(0, MAX_PIECES);
  if (pieces.length < 2) return undefined;
  const start = pieces[0]!.index;
  const last = pieces[pieces.length - 1]!;
  const end = last.index + last[0].length;
  const joined = pieces.map((m) => m.slice(1).find((group) => group !== undefined)!).join('');
  return { start, end, text: text.slice(0, start) + joined + text.slice(end), hidden: false };
}

export function encodedPayloads(text: string): Payload[] {
  const payloads: Payload[] = [];
  for (const encoding of RUN_ENCODINGS) {
    const payload = decodedRuns(text, encoding);
    if (payload !== undefined) payloads.push(payload);
  }
  for (const [start, end] of [...escapedRuns(text), ...runs(text)]) {
    if (payloads.length === MAX_PAYLOADS) break;
    if (end - start > MAX_RUN) continue;
    const decoded = decodeRun(text.slice(start, end));
    if (decoded !== undefined && readsAsText(decoded)) payloads.push({ start, end, text: text.slice(0, start) + decoded + text.slice(end), hidden: false });
  }
  if (ROT13_NAMED.test(text)) payloads.push({ start: 0, end: text.length, text: rot13(text), hidden: true });
  if (MAYBE_REVERSAL.test(text) && REVERSAL_NAMED.test(text)) payloads.push({ start: 0, end: text.length, text: [...text].reverse().join(''), hidden: true });
  const joined = joinedPieces(text);
  if (joined !== undefined) payloads.push(joined);
  return payloads;
}
