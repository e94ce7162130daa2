/**
 * Text hidden in a prompt by encoding it: base64 and hex runs that decode to readable text, and
 * the whole prompt read through ROT13 when it names ROT13. Attackers encode an instruction so
 * that words a scanner knows never appear ("decode this and do what it says: SWdub3Jl..."); the
 * scanner reads what the model would read once it decodes: the prompt with the run replaced by
 * its text, so the words around it ("answer it in full") still count. Pure.
 */
export interface Payload {
  /** The span of the original text the payload was decoded from. */
  readonly start: number;
  readonly end: number;
  /** The prompt as the model would read it decoded. */
  readonly text: string;
}

/** Long enough to hold an instruction; base64url's `-` and `_` are read as `+` and `/`. */
const BASE64_RUN = /(?<![\w+/=-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\w+/=-])/g;
/** A prompt is read decoded at most this many times: a document full of encoded text costs a bounded number of scans. */
const MAX_PAYLOADS = 8;
/** Hex runs of 16 or more bytes. */
const HEX_RUN = /(?<![\w])(?:[0-9a-fA-F]{2}){16,}(?![\w])/g;
const ROT13_NAMED = /\brot[- ]?13\b/i;
/** Decoded text is read only when it looks like language: no replacement or control characters, and words. */
const NOT_TEXT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function encodedPayloads(text: string): Payload[] {
  const payloads: Payload[] = [];
  const add = (start: number, end: number, decoded: string) => {
    if (payloads.length < MAX_PAYLOADS && !NOT_TEXT.test(decoded) && decoded.includes(' ')) payloads.push({ start, end, text: text.slice(0, start) + decoded + text.slice(end) });
  };
  for (const m of text.matchAll(BASE64_RUN)) {
    add(m.index, m.index + m[0].length, Buffer.from(m[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  }
  for (const m of text.matchAll(HEX_RUN)) add(m.index, m.index + m[0].length, Buffer.from(m[0], 'hex').toString('utf8'));
  if (ROT13_NAMED.test(text)) payloads.push({ start: 0, end: text.length, text: rot13(text) });
  return payloads;
}
