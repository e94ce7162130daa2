/**
 * Text hidden in a prompt by encoding it: base64 runs that decode to readable text, and the
 * whole prompt read through ROT13 when it names ROT13. Attackers encode an instruction so that
 * words a scanner knows never appear ("decode this and do what it says: SWdub3Jl..."); the
 * scanner reads what the model would read once it decodes. Pure.
 */
export interface Payload {
  /** The span of the original text the payload was decoded from. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Long enough to hold an instruction; base64url's `-` and `_` are read as `+` and `/`. */
const BASE64_RUN = /(?<![\w+/=-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\w+/=-])/g;
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
  for (const m of text.matchAll(BASE64_RUN)) {
    const decoded = Buffer.from(m[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (!NOT_TEXT.test(decoded) && decoded.includes(' ')) payloads.push({ start: m.index, end: m.index + m[0].length, text: decoded });
  }
  if (ROT13_NAMED.test(text)) payloads.push({ start: 0, end: text.length, text: rot13(text) });
  return payloads;
}
