/** A reused buffer: reading UTF-16 units from one is several times faster than `charCodeAt`. */
let scratch = Buffer.alloc(0);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let lastText: string | undefined;
let lastUnits: Uint16Array = new Uint16Array(0);

/**
 * The text's UTF-16 units, for scans that read every character. Read-only, and valid until the
 * next call with another text: the scans that use it run one after another, never interleaved.
 */
export function utf16Units(text: string): Uint16Array {
  // The rule scan's anchor pass and the injection scorer read the same view one after the other.
  if (text === lastText) return lastUnits;
  lastText = text;
  lastUnits = unitsOf(text);
  return lastUnits;
}

function unitsOf(text: string): Uint16Array {
  if (!LITTLE_ENDIAN) return Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  // Texts over 512 K characters get a buffer of their own, so that one large text does not pin its size.
  const buffer = text.length <= 512 * 1024 ? (scratch.length >= text.length * 2 ? scratch : (scratch = Buffer.alloc(Math.max(text.length * 2, 64 * 1024)))) : Buffer.alloc(text.length * 2);
  buffer.write(text, 0, 'utf16le');
  return new Uint16Array(buffer.buffer, buffer.byteOffset, text.length);
}

/** The string of these UTF-16 units (the inverse of `utf16Units`). */
export function stringOf(units: Uint16Array): string {
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}
