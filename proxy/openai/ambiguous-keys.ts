import { ProxyError } from '../errors.ts';

/**
 * Two keys of one JSON object that a lenient parser may take for the same field: they differ only
 * in case, or in Unicode case folding (`messages`, `Messages`, `meſſages` with a long s, a Kelvin
 * sign for `k`). Bulwark reads `messages`; Go's encoding/json (Ollama, LocalAI, many gateways)
 * matches field names case-insensitively with folding and keeps the last key it meets, so a
 * body with both would be judged by one and answered from the other.
 */

/** Keys of plain lower-case ASCII only: folding changes none of them, so none can collide. */
const PLAIN_KEY = /^[\x00-\x40\x5b-\x7f]*$/;

const fold = (key: string) => key.toUpperCase().toLowerCase();

/** Two of `keys` that fold alike, or undefined. */
function foldedPair(keys: readonly string[]): [string, string] | undefined {
  if (keys.every((k) => PLAIN_KEY.test(k))) return undefined;
  const seen = new Map<string, string>();
  for (const key of keys) {
    const folded = fold(key);
    const other = seen.get(folded);
    if (other !== undefined) return [other, key];
    seen.set(folded, key);
  }
  return undefined;
}

/** The first pair of colliding keys found anywhere in `value`, or undefined. */
export function ambiguousKeys(value: unknown): [string, string] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = ambiguousKeys(item);
      if (found) return found;
    }
    return undefined;
  }
  const keys = Object.keys(value);
  const pair = foldedPair(keys);
  if (pair) return pair;
  for (const key of keys) {
    const found = ambiguousKeys((value as Record<string, unknown>)[key]);
    if (found) return found;
  }
  return undefined;
}

/** Refuses JSON with ambiguous keys, naming the two keys (clipped), never a value. */
export function refuseAmbiguousKeys(value: unknown): void {
  const found = ambiguousKeys(value);
  if (!found) return;
  const [first, second] = found.map((k) => `'${k.length > 64 ? `${k.slice(0, 64)}…` : k}'`);
  throw new ProxyError('invalid_request', {
    message: `The JSON has the keys ${first} and ${second} in one object; a server may read them as the same field, so Bulwark does not pass it on.`,
  });
}
