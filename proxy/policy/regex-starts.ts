/**
 * What a regular expression's matches can start with, for indexing many small regexes by their
 * first characters. Knows the syntax the catalogue's hand-written cue lists use: literals,
 * escapes, character classes, groups, alternation, quantifiers and zero-width assertions.
 * Case-insensitive: starts are lower case.
 */

type Node =
  | { readonly kind: 'chars'; readonly set: readonly string[] }
  | { readonly kind: 'any' }
  | { readonly kind: 'zero' }
  | { readonly kind: 'alt'; readonly options: readonly Node[][] }
  | { readonly kind: 'repeat'; readonly body: Node[]; readonly min: number; readonly max: number };

/** Escapes that name a character other than themselves. */
const ESCAPED: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/** A class wider than this many characters is treated as "any character". */
const SMALL_CLASS = 8;

function parse(source: string): Node[][] {
  let i = 0;
  const alternation = (): Node[][] => {
    const options = [sequence()];
    while (source[i] === '|') {
      i += 1;
      options.push(sequence());
    }
    return options;
  };
  const sequence = (): Node[] => {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom();
      const q = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(source.slice(i));
      if (!q) {
        items.push(atom);
        continue;
      }
      i += q[0].length;
      const min = q[1] === '*' || q[1] === '?' ? 0 : q[1] === '+' ? 1 : Number(q[2]);
      const max = q[1] === '?' ? 1 : q[1] === '*' || q[1] === '+' ? Infinity : q[3] === undefined ? min : q[4] === '' ? Infinity : Number(q[4]);
      items.push({ kind: 'repeat', body: [atom], min, max });
    }
    return items;
  };
  const parseAtom = (): Node => {
    const c = source[i]!;
    if (c === '(') {
      const head = /^\((\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))![0];
      i += head.length;
      const options = alternation();
      i += 1; // ')'
      return head === '(?=' || head === '(?!' || head === '(?<=' || head === '(?<!' ? { kind: 'zero' } : { kind: 'alt', options };
    }
    if (c === '[') {
      const cls = /^\[((?:[^\]\\]|\\[\s\S])*)\]/.exec(source.slice(i))!;
      i += cls[0].length;
      const body = cls[1]!;
      if (body.startsWith('^') || /\\[wWsSdDxuc]|.-./.test(body)) return { kind: 'any' };
      const set = [...body.replace(/\\(.)/g, (_, ch: string) => ESCAPED[ch] ?? ch)].map((ch) => ch.toLowerCase());
      return set.length > SMALL_CLASS ? { kind: 'any' } : { kind: 'chars', set };
    }
    if (c === '\\') {
      const escape = /^\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|c([A-Za-z])|([\s\S]))/.exec(source.slice(i))!;
      i += escape[0].length;
      const [, hex, unicode, control, next] = escape;
      if (hex ?? unicode) return { kind: 'chars', set: [String.fromCharCode(parseInt((hex ?? unicode)!, 16)).toLowerCase()] };
      if (control) return { kind: 'chars', set: [String.fromCharCode(control.toUpperCase().charCodeAt(0) % 32)] };
      if (next === 'b' || next === 'B') return { kind: 'zero' };
      // Classes, backreferences: any character.
      if (/[wWsSdD1-9]/.test(next!)) return { kind: 'any' };
      const named = ESCAPED[next!];
      return { kind: 'chars', set: [named ?? next!.toLowerCase()] };
    }
    i += 1;
    if (c === '^' || c === '$') return { kind: 'zero' };
    if (c === '.') return { kind: 'any' };
    return { kind: 'chars', set: [c.toLowerCase()] };
  };
  const options = alternation();
  if (i !== source.length) throw new Error(`cannot read /${source}/ past position ${i}`);
  return options;
}

/**
 * The first `k` characters of every match of `seq`, as strings of length `k`, or shorter ones
 * ending in `*` where what follows is not known (a wide class, the end of the pattern).
 */
function prefixes(seq: readonly Node[], k: number): Set<string> {
  if (k === 0) return new Set(['']);
  if (seq.length === 0) return new Set(['*']);
  const [head, ...rest] = seq as [Node, ...Node[]];
  const out = new Set<string>();
  const add = (items: Iterable<string>) => {
    for (const item of items) out.add(item);
  };
  switch (head.kind) {
    case 'zero':
      return prefixes(rest, k);
    case 'any':
      return new Set(['*']);
    case 'chars':
      for (const ch of head.set) for (const p of prefixes(rest, k - 1)) out.add(ch + p);
      return out;
    case 'alt':
      for (const option of head.options) add(prefixes([...option, ...rest], k));
      return out;
    case 'repeat': {
      // Enough rounds of the body to fill k characters (each round reads at least one, or none: then more rounds add nothing).
      if (head.min === 0) add(prefixes(rest, k));
      if (head.max >= 1) add(prefixes([...head.body, ...(head.max >= 2 && k > 1 ? [{ ...head, min: 0, max: Math.min(head.max - 1, k - 1) }] : []), ...rest], k));
      return out;
    }
  }
}

/**
 * The lower-case starts of `source`'s matches: their first `length` characters, or fewer where
 * what follows is not known. Throws when even the first character can be anything: such a regex
 * cannot be indexed by its start.
 */
export function startsOf(source: string, length: number): string[] {
  // A plain literal (the lexicon's thousands of phrases) starts with itself.
  if (!/[\\[\](){}|?*+.^$]/.test(source)) return [source.slice(0, length).toLowerCase()];
  const starts = new Set<string>();
  for (const option of parse(source)) {
    for (const p of prefixes(option, length)) {
      if (p.startsWith('*')) throw new Error(`/${source}/ can start with any character`);
      starts.add(p.replace(/\*$/, ''));
    }
  }
  return [...starts];
}

/** Walks a regex source outside escapes and classes, calling `visit` with each character and the group depth before it. */
function walk(source: string, visit: (c: string, i: number, depth: number) => void): void {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    visit(c, i, depth);
    if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
  }
}

/** `a|b|(c|d)` → `['a', 'b', '(c|d)']`: the alternatives at the top level. */
export function topLevelAlternatives(source: string): string[] {
  const cuts: number[] = [];
  walk(source, (c, i, depth) => {
    if (c === '|' && depth === 0) cuts.push(i);
  });
  return [-1, ...cuts].map((from, n) => source.slice(from + 1, cuts[n] ?? source.length));
}

/** The index just past the group that `source` opens with (`(?:a)b` → 5), or -1 when none closes. */
export function groupEnd(source: string): number {
  let end = -1;
  walk(source, (c, i, depth) => {
    if (c === ')' && depth === 1 && end < 0) end = i + 1;
  });
  return end;
}

/** Whether `source` is one group from its first character to its last: `(?:a|b)`, not `(?:a)(?:b)`. */
export function isOneGroup(source: string): boolean {
  return source.startsWith('(') && groupEnd(source) === source.length;
}
