import type { Policy, Rule } from './compile-rules.ts';
import type { Span } from './detectors.ts';
import { normalise, originalSpan, originalStart, type NormalisedText } from './normalise.ts';
import { redactSpans, scanText } from './scan.ts';

/**
 * Streaming redaction of one text field (one choice's content, one tool call's arguments), fed
 * delta by delta. The contract is chunking invariance: whatever the split, the concatenated
 * output equals `redactWhole(text)`. What is held back is what proving that needs, no more.
 *
 * - From each output-redact rule's regex we derive a "live prefix" regex `P$`: it matches the
 *   strings an attempt of the rule can read (consume, or look ahead at) without failing, up to
 *   the end of the known text. `\btk-\w{16}` is live on `t`, `tk`, `tk-ab`; not on `the`, nor
 *   on `tk-ab ` (decided: no match). An attempt that is not live is decided: more text cannot
 *   change it. Text is held from the earliest attempt still live at the end; the rest is emitted
 *   with the matches the rules' own detectors find in it replaced by their labels.
 * - A cut is only made where no attempt that began before it is live at it, so no match, nor a
 *   regex match a detector trimmed or rejected (which still moves its scan on), straddles a cut,
 *   and every later scan starts as the whole text's scan does.
 * - Plain prose streams through: a delta in which no character (as folded) can begin an attempt
 *   is returned at once, without normalising anything.
 * - Most rules need no regex run at all: a "shadow" automaton (one lazily built DFA for all rules,
 *   over a wider language than each rule's) is run over the buffer first, and only rules it finds
 *   possibly live at a point, or possibly matching, run their live-prefix regex or detector.
 * - The view must be final too: the normaliser joins letter chains (`a b c`, `a.b.c`) looking a
 *   few characters ahead, so a tail that could still join or unjoin is held (`unstableFrom`);
 *   a trailing high surrogate waits for its pair.
 * - Rules see emitted text before the buffer (context) for lookbehinds, `\b` and the normaliser:
 *   a short window first, the longest read of any rule when an attempt might start in it and
 *   run into the buffer.
 *
 * The hold never exceeds the longest read of any rule (its bounded pattern, or `max_length` for
 * an unbounded one, plus lookaheads) except through characters the view drops (invisible ones,
 * whitespace runs); past `HOLD_SLACK` more it fails closed: the held text becomes the pending
 * rule's label and what could continue that match is dropped.
 */

/** Told of each redaction as it is decided: the rule, and where the match lies in the field's text. */
export type RedactionListener = (rule: Rule, start: number, end: number) => void;

/** Redacts one text field of a streamed answer, fed delta by delta. */
export interface StreamRedactor {
  /** Takes the next upstream delta; returns the text that can be emitted now (possibly ''). */
  push(delta: string): string;
  /**
   * Takes the next delta without deciding what of the held text can go: returns it at once when
   * nothing is held and no rule can start in it (plain prose), else keeps it for `settle`. For
   * deltas that arrive together (one upstream read): deferring all but the last decision costs
   * one decision instead of one per delta, and the output is the same as pushing each one.
   */
  defer(delta: string): string;
  /** Decides what of the held text can be emitted now: `push` is `defer` then `settle`. */
  settle(): string;
  /** End of the field (finish_reason, [DONE], upstream end or error): returns the held-back tail, redacted. */
  flush(): string;
  /** UTF-16 code units currently held back. */
  readonly held: number;
}

/** The non-streaming reference: every output-'redact' match replaced by its rule's label. */
export function redactWhole(text: string, policy: Policy): string {
  const spans = scanText(text, policy, 'output')
    .filter((m) => m.rule.output === 'redact')
    .map((m) => ({ start: m.start, end: m.end, label: m.rule.label }));
  return redactSpans(text, spans);
}

// ---------------------------------------------------------------------------------------------
// Pattern analysis: a small parser for the JavaScript regex syntax rules use (no `u` flag).

type Node =
  | { readonly kind: 'char'; readonly src: string }
  | { readonly kind: 'assert'; readonly src: string }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly kind: 'look'; readonly behind: boolean; readonly src: string; readonly node: Node };

/** A construct the analysis does not model (backreferences, quantified assertions, ...). */
class Opaque extends Error {}

const QUANTIFIER = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/;
const GROUP_HEAD = /^\((\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/;
const CLASS = /^\[(?:[^\]\\]|\\[\s\S])*\]/;
const ESCAPE = /^\\(?:[bB]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[A-Za-z]|0(?![0-9])|[^1-9kcxu0])/;

function parse(source: string): Node {
  let i = 0;
  const alternation = (): Node => {
    const options = [sequence()];
    while (source[i] === '|') {
      i += 1;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(term());
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  };
  const term = (): Node => {
    const node = atom();
    const q = QUANTIFIER.exec(source.slice(i));
    if (!q) return node;
    if (node.kind === 'assert' || node.kind === 'look') throw new Opaque();
    i += q[0].length;
    if (q[1] !== undefined) return { kind: 'repeat', node, min: q[1] === '+' ? 1 : 0, max: q[1] === '?' ? 1 : Infinity };
    const min = Number(q[2]);
    return { kind: 'repeat', node, min, max: q[3] === undefined ? min : q[4] === '' ? Infinity : Number(q[4]) };
  };
  const atom = (): Node => {
    const rest = source.slice(i);
    const c = rest[0]!;
    if (c === '(') {
      const head = GROUP_HEAD.exec(rest)!;
      i += head[0].length;
      const node = alternation();
      if (source[i] !== ')') throw new Opaque();
      i += 1;
      const h = head[1];
      if (h === '?=' || h === '?!' || h === '?<=' || h === '?<!') return { kind: 'look', behind: h.startsWith('?<'), src: `(${h}${serialise(node)})`, node };
      return node; // capturing or not, the same characters are read
    }
    const m = c === '[' ? CLASS.exec(rest) : c === '\\' ? ESCAPE.exec(rest) : /^[\s\S]/.exec(rest);
    if (!m || '*+?)|'.includes(c)) throw new Opaque();
    i += m[0].length;
    if (m[0] === '^' || m[0] === '$' || m[0] === '\\b' || m[0] === '\\B') return { kind: 'assert', src: m[0] };
    return { kind: 'char', src: '{}]'.includes(m[0]) ? `\\${m[0]}` : m[0] };
  };
  const node = alternation();
  if (i !== source.length) throw new Opaque();
  return node;
}

const count = (min: number, max: number) => (max === Infinity ? (min === 0 ? '*' : `{${min},}`) : min === max ? `{${min}}` : `{${min},${max}}`);

function serialise(n: Node): string {
  switch (n.kind) {
    case 'char':
    case 'assert':
    case 'look':
      return n.src;
    case 'seq':
      return n.items.map(serialise).join('');
    case 'alt':
      return `(?:${n.options.map(serialise).join('|')})`;
    case 'repeat':
      return `(?:${serialise(n.node)})${count(n.min, n.max)}`;
  }
}

/**
 * The live-prefix language of `n` followed by the continuation `k`: every string an attempt can
 * read through `n` (and on into `k`) without failing, where reading stops at the end of the
 * known text. Always accepts '' (nothing read yet). Supersets are safe (they only hold more).
 * Lookbehinds read the past only, so they are evaluated; a lookahead is either read to its end
 * (evaluated) or cut by the end of the text (its body's own live prefix).
 */
function live(n: Node, k: string): string {
  switch (n.kind) {
    case 'char':
    case 'assert':
      return `(?:${n.src}${k})?`;
    case 'look':
      return n.behind ? `(?:${n.src}${k})?` : `(?:${live(n.node, '')}|${n.src}${k})`;
    case 'seq':
      return n.items.reduceRight((next, item) => live(item, next), k);
    case 'alt': {
      const partial = n.options.map((o) => live(o, ''));
      return k === '' ? `(?:${partial.join('|')})` : `(?:${partial.join('|')}|${serialise(n)}${k})`;
    }
    case 'repeat': {
      if (n.max === 0) return k === '' ? '' : k;
      const body = n.node.kind === 'char' ? n.node.src : `(?:${serialise(n.node)})`;
      // One character class: the copies read are exactly a run of it, no need for a partial copy.
      const stop = n.node.kind === 'char' ? `${body}${count(0, n.max)}` : `${body}${count(0, n.max - 1)}${live(n.node, '')}`;
      return k === '' ? stop : `(?:${stop}|${body}${count(n.min, n.max)}${k})`;
    }
  }
}

/** Longest text `n` consumes. */
function span(n: Node): number {
  switch (n.kind) {
    case 'char':
      return 1;
    case 'assert':
    case 'look':
      return 0;
    case 'seq':
      return n.items.reduce((sum, item) => sum + span(item), 0);
    case 'alt':
      return Math.max(...n.options.map(span));
    case 'repeat': {
      const one = span(n.node);
      return one === 0 || n.max === 0 ? 0 : n.max * one;
    }
  }
}

/** Furthest character an attempt through `n` reads, counted from where `n` starts. */
function reach(n: Node): number {
  switch (n.kind) {
    case 'char':
      return 1;
    case 'assert':
      return n.src === '^' ? 0 : 1;
    case 'look':
      return n.behind ? 0 : reach(n.node);
    case 'seq': {
      let at = 0;
      let far = 0;
      for (const item of n.items) {
        far = Math.max(far, at + reach(item));
        at += span(item);
      }
      return far;
    }
    case 'alt':
      return Math.max(...n.options.map(reach));
    case 'repeat': {
      if (n.max === 0) return 0;
      const one = span(n.node);
      return one === 0 ? reach(n.node) : (n.max - 1) * one + reach(n.node);
    }
  }
}

/** Furthest a lookahead reads from where it stands. */
function ahead(n: Node): number {
  if (n.kind === 'look') return n.behind ? 0 : reach(n.node);
  if (n.kind === 'seq') return Math.max(0, ...n.items.map(ahead));
  if (n.kind === 'alt') return Math.max(0, ...n.options.map(ahead));
  return n.kind === 'repeat' ? ahead(n.node) : 0;
}

/** Characters read before the attempt's start (lookbehinds, `\b`, `^` in multiline mode). */
function behind(n: Node): number {
  switch (n.kind) {
    case 'char':
      return 0;
    case 'assert':
      return n.src === '$' ? 0 : 1;
    case 'look':
      return n.behind ? span(n.node) + behind(n.node) : behind(n.node);
    case 'seq':
      return Math.max(0, ...n.items.map(behind));
    case 'alt':
      return Math.max(0, ...n.options.map(behind));
    case 'repeat':
      return behind(n.node);
  }
}

/** Character sources a match can consume (`ahead`: or a lookahead read). */
function consumed(n: Node, out: string[], ahead = false): string[] {
  if (n.kind === 'char') out.push(n.src);
  else if (n.kind === 'seq') n.items.forEach((item) => consumed(item, out, ahead));
  else if (n.kind === 'alt') n.options.forEach((o) => consumed(o, out, ahead));
  else if (n.kind === 'repeat') consumed(n.node, out, ahead);
  else if (n.kind === 'look' && ahead && !n.behind) consumed(n.node, out, ahead);
  return out;
}

/** Whether every attempt passes a `\b` before consuming anything ('b'), consumes first ('c'), or neither yet ('z'). */
function guard(n: Node): 'b' | 'c' | 'z' {
  switch (n.kind) {
    case 'char':
      return 'c';
    case 'assert':
      return n.src === '\\b' ? 'b' : 'z';
    case 'look':
      return 'z';
    case 'seq':
      for (const item of n.items) {
        const g = guard(item);
        if (g !== 'z') return g;
      }
      return 'z';
    case 'alt': {
      const gs = n.options.map(guard);
      return gs.includes('c') ? 'c' : gs.every((g) => g === 'b') ? 'b' : 'z';
    }
    case 'repeat': {
      const g = guard(n.node);
      return n.min === 0 && g === 'b' ? 'z' : g;
    }
  }
}

/** Characters an attempt can read first. Returns whether `n` can be passed without reading. */
function first(n: Node, out: string[]): boolean {
  switch (n.kind) {
    case 'char':
      out.push(n.src);
      return false;
    case 'assert':
      return true;
    case 'look':
      if (!n.behind) first(n.node, out);
      return true;
    case 'seq':
      return n.items.every((item) => first(item, out));
    case 'alt':
      return n.options.map((o) => first(o, out)).some(Boolean);
    case 'repeat':
      return first(n.node, out) || n.min === 0;
  }
}

/** What the streaming redactor knows about one output-redact rule. */
interface RuleModel {
  readonly rule: Rule;
  /** `(?:P)$`, global: from where an attempt is still live at the end of the known view. Undefined: opaque detector. */
  readonly live: RegExp | undefined;
  /** Furthest character an attempt reads from its start; bounds the hold. */
  readonly reach: number;
  /** Characters an attempt reads before its start. */
  readonly behind: number;
  /** Can a match consume this UTF-16 code unit? (Non-consumable units bound every match.) */
  readonly consumes: (unit: string) => boolean;
  /** Can an attempt read this code unit first? */
  readonly starts: (unit: string) => boolean;
  /** Can an attempt read this code unit at all (consume it, or read it in a lookahead)? */
  readonly reads: (unit: string) => boolean;
  /** Every attempt starts at a word boundary (`\b` before anything is consumed). */
  readonly atWordStart: boolean;
  /** The parsed pattern and its flags (without `g`). Undefined: opaque detector. */
  readonly tree: { readonly root: Node; readonly flags: string } | undefined;
}

/** Caches a predicate over single code units. */
function cached(test: (unit: string) => boolean): (unit: string) => boolean {
  const ascii = new Int8Array(128);
  const other = new Map<string, boolean>();
  return (unit) => {
    const code = unit.charCodeAt(0);
    if (code < 128) {
      if (ascii[code] === 0) ascii[code] = test(unit) ? 1 : -1;
      return ascii[code] === 1;
    }
    let known = other.get(unit);
    if (known === undefined) other.set(unit, (known = test(unit)));
    return known;
  };
}

/** Whether a code unit matches one of a set of regex character sources. */
function unitTest(sources: readonly string[], flags: string): (unit: string) => boolean {
  if (sources.length === 0) return () => false;
  const re = new RegExp(`^(?:${sources.join('|')})$`, flags);
  return cached((unit) => re.test(unit));
}

const OPAQUE_MARGIN = 8;

function modelRule(rule: Rule): RuleModel {
  const pattern = rule.detector.pattern;
  try {
    if (!pattern || /[uvy]/.test(pattern.flags)) throw new Opaque();
    const flags = pattern.flags.replace('g', '');
    const root = parse(pattern.source);
    const back = behind(root);
    if (!Number.isFinite(back)) throw new Opaque();
    const far = reach(root);
    const firsts: string[] = [];
    first(root, firsts);
    return {
      rule,
      live: new RegExp(`(?:${live(root, '')})$`, `${flags}g`),
      // An unbounded pattern is bounded by the rule's declared max_length (plus what lookaheads read).
      reach: Number.isFinite(far) ? far : rule.maxLength + (Number.isFinite(ahead(root)) ? ahead(root) : rule.maxLength),
      behind: back,
      consumes: unitTest(consumed(root, []), flags),
      starts: unitTest(firsts, flags),
      reads: unitTest(consumed(root, [], true), flags),
      atWordStart: guard(root) === 'b',
      tree: { root, flags },
    };
  } catch {
    // Unknown pattern: hold the rule's max_length, everything may start or continue a match.
    const all = () => true;
    return { rule, live: undefined, reach: rule.maxLength + OPAQUE_MARGIN, behind: OPAQUE_MARGIN, consumes: all, starts: all, reads: all, atWordStart: false, tree: undefined };
  }
}

// ---------------------------------------------------------------------------------------------
// The shadow automaton: which rules need their live-prefix regex or their detector at all.

/** Positions of a Glushkov automaton being built: what a fragment of a pattern reads first and last. */
interface Fragment {
  readonly first: readonly number[];
  readonly last: readonly number[];
  readonly nullable: boolean;
}

const NOTHING: Fragment = { first: [], last: [], nullable: true };
const optional = (f: Fragment): Fragment => ({ first: f.first, last: f.last, nullable: true });

/** Counted repeats of up to this many copies are kept exact; longer ones widen to `{min(n, this),}`. */
const EXACT_COPIES = 4;
/** States kept before the lazily built table starts again: varied prose and code settle below it (~3K after 260 KB). */
const MAX_STATES = 4096;
/** The transition table holds state numbers in 16 bits: past this many, one run goes on in `TOP`. */
const STATE_LIMIT = 0xfffe;
/** State numbers: no position (nothing live), and every rule live and matching (the limit's fallback). */
const EMPTY = 0;
const TOP = 1;

interface ShadowState {
  /** Sorted automaton positions. */
  readonly positions: Int32Array;
  /** Rules with a position here, and the opaque rules: those that may be live. */
  readonly live: Int32Array;
  /** Rules a match of which may end here. */
  readonly ends: Int32Array;
}

/**
 * One automaton for all of a policy's rules, over a wider language than each rule's: assertions
 * and lookbehinds always pass, a lookahead's body may be read or skipped (`(?=B)` as `B?`), and
 * a long counted repeat may repeat any number of times from a few on. Every string a rule's
 * live-prefix regex accepts, and every match of its pattern, is read by a path of the rule's
 * part of it. Run over the buffer with an attempt of every rule begun at each position (rules
 * that begin at a word start, at word starts only), a rule with no position left at some point is
 * not live there, and a rule whose match end was never reached has no match in the buffer: neither
 * needs its regex. Prose keeps almost nothing live, so most pushes run no regex at all.
 * Determinised as it runs: a text visits few distinct states, each built once.
 */
class Shadow {
  private readonly ruleOf: Int32Array;
  private readonly sourceOf: Int32Array;
  /** The positions that may follow position p: `follows[followFrom[p], followFrom[p + 1])`. */
  private readonly followFrom: Int32Array;
  private readonly follows: Int32Array;
  private readonly ends: Uint8Array;
  /** First positions of rules that may begin anywhere, and of rules that begin at a word start. */
  private readonly firstAny: Int32Array;
  private readonly firstWord: Int32Array;
  /** One test per distinct character source (with its rule's flags). */
  private readonly testers: readonly RegExp[];
  /** Rules the automaton does not model: always live, always run. */
  private readonly opaque: Int32Array;
  private readonly everyRule: Int32Array;
  /** Character classes: code units that every source treats alike share one. */
  private readonly asciiClass = new Int32Array(128).fill(-1);
  private readonly otherClass = new Map<number, number>();
  private readonly classIds = new Map<string, number>();
  private readonly members: Uint8Array[] = [];
  private states: ShadowState[] = [];
  /**
   * Transitions: state `s` goes to `table[s * stride + class * 3 + attempts begun] - 1` (see
   * `walk`); 0 until met. Sized for the classes and states met so far.
   */
  private table = new Uint16Array(0);
  private stride = 3 * 32;
  private stateIds = new Map<string, number>();
  private readonly mark: Uint8Array;
  /** The state after each view character of the last run, from its start. */
  private stateAt = new Int32Array(64);
  private from = 0;
  private to = 0;
  /** Per rule, the run (`generation`) in which a match end was last reached; opaque rules: every run. */
  private readonly ended: Int32Array;
  private generation = 0;
  /** Whether the last run may have a match of some rule. */
  anyEnded = false;

  constructor(rules: readonly RuleModel[]) {
    const ruleOf: number[] = [];
    const sourceOf: number[] = [];
    const follow: number[][] = [];
    const sources = new Map<string, number>();
    const testers: RegExp[] = [];
    const ends: number[] = [];
    const firstAny: number[] = [];
    const firstWord: number[] = [];
    const opaque: number[] = [];
    rules.forEach((m, r) => {
      if (!m.tree) {
        opaque.push(r);
        return;
      }
      const { root, flags } = m.tree;
      const position = (src: string): number => {
        const key = `${flags}/${src}`;
        let id = sources.get(key);
        if (id === undefined) {
          sources.set(key, (id = testers.length));
          testers.push(new RegExp(`^(?:${src})$`, flags));
        }
        ruleOf.push(r);
        sourceOf.push(id);
        follow.push([]);
        return ruleOf.length - 1;
      };
      const then = (a: Fragment, b: Fragment): Fragment => {
        for (const l of a.last) follow[l]!.push(...b.first);
        return { first: a.nullable ? a.first.concat(b.first) : a.first, last: b.nullable ? a.last.concat(b.last) : b.last, nullable: a.nullable && b.nullable };
      };
      const fragment = (n: Node): Fragment => {
        switch (n.kind) {
          case 'char': {
            const p = position(n.src);
            return { first: [p], last: [p], nullable: false };
          }
          case 'assert':
            return NOTHING;
          case 'look':
            return n.behind ? NOTHING : optional(fragment(n.node));
          case 'seq':
            return n.items.reduce((acc: Fragment, item) => then(acc, fragment(item)), NOTHING);
          case 'alt': {
            const options = n.options.map(fragment);
            return { first: options.flatMap((o) => o.first), last: options.flatMap((o) => o.last), nullable: options.some((o) => o.nullable) };
          }
          case 'repeat': {
            const exact = n.max <= EXACT_COPIES;
            let out = NOTHING;
            for (let c = 0; c < (exact ? n.min : Math.min(n.min, EXACT_COPIES)); c += 1) out = then(out, fragment(n.node));
            if (exact) {
              for (let c = n.min; c < n.max; c += 1) out = then(out, optional(fragment(n.node)));
              return out;
            }
            const loop = fragment(n.node);
            for (const l of loop.last) follow[l]!.push(...loop.first);
            return then(out, optional(loop));
          }
        }
      };
      const whole = fragment(root);
      ends.push(...whole.last);
      (m.atWordStart ? firstWord : firstAny).push(...whole.first);
    });
    this.ruleOf = new Int32Array(ruleOf);
    this.sourceOf = new Int32Array(sourceOf);
    this.followFrom = new Int32Array(follow.length + 1);
    follow.forEach((f, p) => (this.followFrom[p + 1] = this.followFrom[p]! + f.length));
    // Duplicates are harmless (a step marks what it has taken).
    this.follows = new Int32Array(this.followFrom[follow.length]!);
    follow.forEach((f, p) => this.follows.set(f, this.followFrom[p]));
    this.ends = new Uint8Array(ruleOf.length);
    for (const p of ends) this.ends[p] = 1;
    this.firstAny = new Int32Array(firstAny);
    this.firstWord = new Int32Array(firstWord);
    this.testers = testers;
    this.opaque = new Int32Array(opaque);
    this.mark = new Uint8Array(ruleOf.length);
    this.ended = new Int32Array(rules.length);
    this.everyRule = Int32Array.from(rules.keys());
    this.reset();
  }

  private reset(): void {
    this.states = [];
    this.stateIds = new Map();
    this.table = new Uint16Array(64 * this.stride);
    this.stateOf([]);
    this.states.push({ positions: new Int32Array(0), live: this.everyRule, ends: this.everyRule });
  }

  /**
   * Runs over `v[from, to)`, attempts begun at each position (none before `from`: by the cut
   * invariant none is live there), recording the state after each character and the rules
   * whose match end was reached.
   */
  run(v: string, from: number, to: number): void {
    if (this.states.length > MAX_STATES) this.reset();
    if (this.stateAt.length <= to - from) this.stateAt = new Int32Array(2 * (to - from + 1));
    this.from = from;
    this.to = to;
    this.generation += 1;
    this.anyEnded = this.opaque.length > 0;
    for (const r of this.opaque) this.ended[r] = this.generation;
    this.walk(v, to, true);
  }

  /** Rules that may have an attempt live at view index `q` (from the last run's start to its end). */
  liveAt(q: number): Int32Array {
    return this.states[this.stateAt[q - this.from]!]!.live;
  }

  /** Rules that may have an attempt live at the last run's end that began before view index `before`. */
  liveBefore(v: string, before: number): Int32Array {
    return this.states[this.walk(v, before, false)]!.live;
  }

  /** The last run's walk, attempts begun before `before` only; returns the final state. */
  private walk(v: string, before: number, record: boolean): number {
    const states = this.states;
    const stateAt = this.stateAt;
    const from = this.from;
    let s = EMPTY;
    if (record) stateAt[0] = EMPTY;
    let wordBefore = isWord(v.charCodeAt(from - 1));
    for (let q = from; q < this.to; q += 1) {
      const code = v.charCodeAt(q);
      const word = isWord(code);
      const cls = code < 128 && this.asciiClass[code]! >= 0 ? this.asciiClass[code]! : this.classOf(code);
      // Attempts begun here: 0 none, 1 of rules that may begin anywhere, 2 of all rules (a word start).
      const key = 3 * cls + (q >= before ? 0 : word === wordBefore ? 1 : 2);
      wordBefore = word;
      const t = this.table[s * this.stride + key]!;
      s = t > 0 ? t - 1 : this.step(s, key);
      if (!record) continue;
      stateAt[q - from + 1] = s;
      const ends = states[s]!.ends;
      for (let k = 0; k < ends.length; k += 1) {
        this.ended[ends[k]!] = this.generation;
        this.anyEnded = true;
      }
    }
    return s;
  }

  /** Whether rule `r` may have a match in the last run's text. */
  mayMatch(r: number): boolean {
    return this.ended[r] === this.generation;
  }

  private classOf(code: number): number {
    let id = code < 128 ? -1 : (this.otherClass.get(code) ?? -1);
    if (id >= 0) return id;
    const unit = String.fromCharCode(code);
    const member = Uint8Array.from(this.testers, (t) => (t.test(unit) ? 1 : 0));
    const key = member.join('');
    id = this.classIds.get(key) ?? -1;
    if (id < 0) {
      this.classIds.set(key, (id = this.members.length));
      this.members.push(member);
      if (3 * this.members.length > this.stride) this.resize(3 * (this.members.length + 16));
    }
    if (code < 128) this.asciiClass[code] = id;
    else this.otherClass.set(code, id);
    return id;
  }

  private step(s: number, key: number): number {
    if (s === TOP) return TOP;
    const member = this.members[Math.floor(key / 3)]!;
    const mark = this.mark;
    const next: number[] = [];
    const take = (candidates: Int32Array, from = 0, to = candidates.length) => {
      for (let k = from; k < to; k += 1) {
        const f = candidates[k]!;
        if (mark[f] === 0 && member[this.sourceOf[f]!] === 1) {
          mark[f] = 1;
          next.push(f);
        }
      }
    };
    const positions = this.states[s]!.positions;
    for (const p of positions) take(this.follows, this.followFrom[p], this.followFrom[p + 1]);
    if (key % 3 > 0) take(this.firstAny);
    if (key % 3 > 1) take(this.firstWord);
    for (const f of next) mark[f] = 0;
    const t = this.stateOf(next.sort((a, b) => a - b));
    this.table[s * this.stride + key] = t + 1;
    return t;
  }

  /** Makes room for twice the states met so far, `stride` entries each. */
  private resize(stride: number): void {
    const table = new Uint16Array(2 * this.states.length * stride);
    for (let s = 0; s < this.states.length; s += 1) table.set(this.table.subarray(s * this.stride, (s + 1) * this.stride), s * stride);
    this.table = table;
    this.stride = stride;
  }

  private stateOf(positions: readonly number[]): number {
    const key = positions.join(',');
    let id = this.stateIds.get(key);
    if (id === undefined && this.states.length >= STATE_LIMIT) return TOP;
    if (id === undefined) {
      const rules = (test: (p: number) => boolean) => [...new Set(positions.filter(test).map((p) => this.ruleOf[p]!))];
      const live = Int32Array.from([...rules(() => true), ...this.opaque]).sort();
      this.stateIds.set(key, (id = this.states.length));
      this.states.push({ positions: Int32Array.from(positions), live, ends: Int32Array.from(rules((p) => this.ends[p] === 1)) });
      if (this.table.length < this.states.length * this.stride) this.resize(this.stride);
    }
    return id;
  }
}

interface Model {
  readonly rules: readonly RuleModel[];
  /** Emitted text kept as context, at most. */
  readonly context: number;
  /** Context tried first; enough for lookbehinds and the normaliser. */
  readonly shortContext: number;
  /** Largest hold allowed before failing closed. */
  readonly cap: number;
  /** Can some rule's attempt read this code unit (of the view) first? */
  readonly starts: (unit: string) => boolean;
  /** Most characters any rule reads before an attempt's start. */
  readonly behind: number;
  /** Which rules can be live or match where (`decide` is synchronous, so one per policy is enough). */
  readonly shadow: Shadow;
}

/** Characters at the start of a cut-off window whose view may differ from the whole text's. */
const NORMALISER_REACH = 8;
/** Above the longest read of any rule: letter chains, a surrogate, collapsed whitespace. */
const HOLD_SLACK = 64;
/** Emitted context kept beyond what decisions need, so it is copied once per this many characters. */
const TAIL_SLACK = 1024;
/**
 * The normaliser joins letter chains (`a b c`, `a.b.c`) only when a cheap pre-test finds one
 * somewhere in the text, so the view of `(a b c)` depends on text arbitrarily far away, which a
 * window cannot see. A window that may hold a chain carries this text, which passes both
 * pre-tests, so chains are always joined (as in any text with a three-letter chain between
 * spaces somewhere). See the report: the engine should make these pre-tests local.
 */
const GATES = '\n# # #\na.a.a\n';
/** Could an ASCII text hold a letter chain? (Any other text is assumed to.) */
const ASCII_CHAIN = /(?:^|[^A-Za-z0-9])[A-Za-z0-9][ ._-][A-Za-z0-9][ ._-][A-Za-z0-9](?![A-Za-z0-9])/;
const NON_ASCII = /[^\x00-\x7F]/;
/** An ASCII tail that ends a possible chain: two single letters, or one and a separator. */
const ASCII_CHAIN_TAIL = /(?<![A-Za-z0-9])[A-Za-z0-9](?:[ ._-][A-Za-z0-9])*[ ._-]$|(?<![A-Za-z0-9])[A-Za-z0-9](?:[ ._-][A-Za-z0-9])+$/;

const models = new WeakMap<Policy, Model>();

function modelOf(policy: Policy): Model {
  let model = models.get(policy);
  if (!model) {
    const rules = policy.rules.filter((r) => r.output === 'redact').map(modelRule);
    const shortContext = Math.max(0, ...rules.map((r) => r.behind)) + NORMALISER_REACH + 16;
    model = {
      rules,
      shortContext,
      // Enough that no attempt from a cut window's first characters can read as far as the buffer.
      context: Math.max(shortContext, ...rules.map((r) => r.behind + r.reach + NORMALISER_REACH + 16)),
      cap: Math.max(0, ...rules.map((r) => Math.max(r.reach, r.rule.maxLength))) + HOLD_SLACK,
      starts: cached((unit) => rules.some((r) => r.starts(unit))),
      behind: Math.max(0, ...rules.map((r) => r.behind)),
      shadow: new Shadow(rules),
    };
    models.set(policy, model);
  }
  return model;
}

// ---------------------------------------------------------------------------------------------
// The view of the text, and where it is final.

const folds = new Map<string, string>();

/** What one code point becomes in the view (before whitespace collapse and letter joining). */
function foldOf(char: string): string {
  if (char.charCodeAt(0) < 0x80) return char;
  let out = folds.get(char);
  if (out === undefined) {
    out = normalise(char).text; // one code point: no whitespace run nor letter chain to squeeze
    if (folds.size < 4096) folds.set(char, out);
  }
  return out;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const ALNUM = /[\p{L}\p{N}]/u;
const SEPARATOR = /^[\s._-]$/;

/**
 * Where the view of `text[from, to)` stops being final. The normaliser joins chains of single
 * letters separated by one space, dot, dash or underscore (`a b c`, `a.b.c`), deciding from the
 * letters around; a chain at the end can still join, grow, or lose its last letter to a word, so
 * its separators from the second-to-last two on are held. A trailing high surrogate waits too.
 * `ascii`: the text is known to be ASCII.
 */
function unstableFrom(text: string, from: number, to: number, ascii: boolean): number {
  let end = to;
  if (end > from && isHigh(text.charCodeAt(end - 1))) end -= 1;
  // Most tails are plain ASCII with no single letter at the end: settled at once.
  const tail = text.slice(Math.max(0, end - 12), end);
  if ((ascii || !NON_ASCII.test(tail)) && !ASCII_CHAIN_TAIL.test(tail)) return end;
  // The last few units right to left, skipping what folds to nothing: A a lone letter or digit,
  // S a separator, W a word (more than one letter), P anything else.
  const units: Array<{ cls: 'A' | 'S' | 'W' | 'P'; at: number }> = [];
  for (let i = end; i > 0 && units.length < 10; ) {
    let at = i - 1;
    if (at > 0 && isHigh(text.charCodeAt(at - 1)) && !isHigh(text.charCodeAt(at))) at -= 1;
    const folded = foldOf(text.slice(at, i));
    i = at;
    if (folded === '') continue;
    const cls = SEPARATOR.test(folded) ? 'S' : !ALNUM.test(folded) ? 'P' : folded.length === 1 ? 'A' : 'W';
    units.push({ cls, at });
  }
  let j = units[0]?.cls === 'S' ? 1 : 0;
  const letters: number[] = [];
  const seps: number[] = []; // seps[0] is the one nearest the end
  while (units[j]?.cls === 'A' && units[j + 1]?.cls !== 'A' && units[j + 1]?.cls !== 'W') {
    letters.push(units[j]!.at);
    if (units[j + 1]?.cls !== 'S' || units[j + 2]?.cls !== 'A') break;
    seps.push(units[j + 1]!.at);
    j += 2;
  }
  const k = letters.length;
  // Two or three letters: any separator may still change; four or more: the last two only.
  const unstable = k === 0 ? end : k === 1 ? (units[0]?.cls === 'S' ? units[0].at : end) : seps[Math.min(k - 2, 1)]!;
  return Math.max(from, Math.min(unstable, end));
}

/** The original index where view character `i` starts (`length`: past the end). */
function origin(view: NormalisedText, i: number, length: number): number {
  if (i >= view.text.length) return length;
  return originalStart(view, i);
}

/** The first view index whose original start is at or after `o`. */
function viewIndexAt(view: NormalisedText, o: number): number {
  if (!view.map) return Math.min(o, view.text.length);
  let lo = 0;
  let hi = view.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (originalStart(view, mid) >= o) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The leftmost position in [from, to) from which an attempt of `m` is still live at `to` (has
 * read everything before `to` without failing), or `to`. `seen` is the view from `cut` to `to`,
 * as a detector run on `v.slice(cut)` sees it (lookbehinds find nothing before `cut`).
 */
function liveAt(m: RuleModel, seen: string, cut: number, from: number): number {
  const to = cut + seen.length;
  let at = Math.max(from, to - m.reach);
  // An attempt live at `to` has read every character from its start on: it began after the last
  // one the rule cannot read (so the regex need not try every start in a long buffer).
  let after = to;
  while (after > at && m.reads(seen[after - 1 - cut]!)) after -= 1;
  if (after === to) return to;
  at = after;
  if (!m.live) return at;
  m.live.lastIndex = at - cut;
  const hit = m.live.exec(seen);
  return hit ? hit.index + cut : to;
}

/** `\w` without the `u` flag: what `\b` looks at. */
function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

interface RedactedSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly rule: Rule;
}

interface Decision {
  /** Buffer characters that can be emitted. */
  readonly cut: number;
  /** Decided matches inside them, in buffer coordinates. */
  readonly spans: readonly RedactedSpan[];
  /** The window's context was too short to prove the decision. */
  readonly needMore: boolean;
  /** The rule holding the earliest candidate. */
  readonly holder: RuleModel | undefined;
}

/**
 * Decides how much of `buffer` can be emitted after `context` (emitted text; `truncated` when
 * the text began before it). `final`: the text ends with the buffer.
 */
function decide(model: Model, context: string, truncated: boolean, buffer: string, final: boolean): Decision {
  // Gates go after the known text while streaming, before it at the end (the end is real then).
  const body = context + buffer;
  const ascii = !NON_ASCII.test(body);
  const gates = !ascii || ASCII_CHAIN.test(body) ? GATES : '';
  const left = final ? gates : '';
  const text = left + body + (final ? '' : gates);
  const start = left.length + context.length;
  const end = start + buffer.length;
  const view = normalise(text);
  const v = view.text;
  // A cut-off window's first characters may fold differently from the whole text's.
  const reliable = viewIndexAt(view, left.length + (truncated ? NORMALISER_REACH : 0));
  // Where the text starts in the view: a rule's scan never reaches into the gates put before it,
  // whose last character a lookbehind (`(?<=\s)`) or `^` would otherwise take for the text's own.
  const first = viewIndexAt(view, left.length);
  const rv = viewIndexAt(view, start);
  const stableEnd = final ? end : unstableFrom(text, start, end, ascii);
  const known = viewIndexAt(view, stableEnd);
  let needMore = truncated && rv - model.behind < reliable;
  // Attempts begin in the buffer only (by the invariant below, none from the context is live at
  // it), at characters they can read first: the shadow automaton tells which rules can still be
  // live where, and which can have a match; only those run their regexes.
  const rules = model.rules;
  const shadow = model.shadow;
  shadow.run(v, rv, known);

  // Hold from the earliest attempt still live at the end of the stable view.
  let hold = known;
  let holder: RuleModel | undefined;
  let cut = end;
  if (!final) {
    const live = shadow.liveAt(known);
    const seen = live.length > 0 ? v.slice(0, known) : '';
    // Once some attempt holds from `hold`, only rules with an attempt from before it matter
    // (none when it is the buffer's start).
    let older: Int32Array | undefined;
    for (let k = 0; k < live.length && hold > rv; k += 1) {
      if (hold < known && !(older ??= shadow.liveBefore(v, hold)).includes(live[k]!)) continue;
      const m = rules[live[k]!]!;
      const at = liveAt(m, seen, 0, rv);
      if (at < hold) {
        [hold, holder] = [at, m];
        older = undefined;
      }
    }
    cut = Math.min(origin(view, hold, text.length), stableEnd);
    // The invariant that makes a cut safe: no attempt that began before it is live at it. Then
    // no match (nor a regex match a detector rejected or trimmed, which still moves its scan on)
    // straddles the cut, and scans of the text after it start as the whole text's scan does.
    for (;;) {
      if (cut > start && isHigh(text.charCodeAt(cut - 1))) cut -= 1;
      const at = viewIndexAt(view, cut);
      const live = shadow.liveAt(at);
      const seen = live.length > 0 ? v.slice(0, at) : '';
      let back = at;
      for (let k = 0; k < live.length; k += 1) back = Math.min(back, liveAt(rules[live[k]!]!, seen, 0, rv));
      if (back >= at) break;
      cut = origin(view, back, text.length);
    }
  }

  // The matches in the released text, found by the rules' own detectors.
  const released = viewIndexAt(view, cut);
  const spans: RedactedSpan[] = [];
  let lowerTail: string | undefined;
  for (let i = 0; released > rv && shadow.anyEnded && i < rules.length; i += 1) {
    const m = rules[i]!;
    if (!shadow.mayMatch(i)) continue;
    if (m.rule.anchors) {
      // Every match of an anchored rule contains an anchor: none after the context, no match to find.
      lowerTail ??= v.slice(rv).toLowerCase();
      if (!m.rule.anchors.some((a) => lowerTail!.includes(a))) continue;
    }
    // Scan from just before the buffer, for lookbehinds. By the invariant no attempt from the
    // context is live at the buffer; one whose lookbehind is cut off by the slice could be, and
    // so could one in the cut-off start of a window (where the view may differ): then scan the
    // whole window, or get more context.
    let from = Math.max(first, rv - m.behind);
    if (from > first && liveAt(m, v.slice(from, rv), from, from) < rv) from = first;
    if (from === first && truncated && liveAt(m, v.slice(first, rv), first, first) < rv) needMore = true;
    for (const s of m.rule.detector.find(from === 0 ? v : v.slice(from)) as Iterable<Span>) {
      const vs = s.start + from;
      if (vs < rv || vs >= released) continue;
      const [os, oe] = originalSpan(view, vs, s.end + from);
      spans.push({ start: os, end: oe, label: m.rule.label, rule: m.rule });
    }
  }
  // With an opaque detector a match could still straddle the cut: emit up to it only.
  for (let moved = true; moved; ) {
    moved = false;
    for (const s of spans) {
      if (s.start < cut && s.end > cut) {
        cut = s.start;
        moved = true;
      }
    }
  }
  return {
    cut: cut - start,
    spans: spans.length === 0 ? spans : spans.filter((s) => s.end <= cut).map((s) => ({ ...s, start: s.start - start, end: s.end - start })),
    needMore,
    holder,
  };
}

// ---------------------------------------------------------------------------------------------

/** Whether a delta has a character (as folded) from which some rule's attempt could start. */
function triggers(model: Model, delta: string): boolean {
  if (isHigh(delta.charCodeAt(delta.length - 1))) return true;
  for (let i = 0; i < delta.length; i += 1) {
    const code = delta.charCodeAt(i);
    if (code < 0x80) {
      // Tabs and line breaks read as spaces once whitespace is collapsed.
      if (model.starts(delta[i]!) || ((code === 9 || code === 10 || code === 13) && model.starts(' '))) return true;
      continue;
    }
    const char = String.fromCodePoint(delta.codePointAt(i)!);
    i += char.length - 1;
    for (const unit of foldOf(char)) if (model.starts(unit)) return true;
  }
  return false;
}

/** The last `n` code units of `s`, without a lone low surrogate at the start. */
function trimStart(s: string, n: number): string {
  let from = s.length - n;
  if (isHigh(s.charCodeAt(from - 1))) from -= 1;
  return s.slice(from);
}

/**
 * The most characters a stream redactor of this policy holds back before it fails closed: the
 * longest any redacting rule reads (its bounded pattern, which may be longer than its declared
 * `max_length`, or its `max_length`), plus `HOLD_SLACK`. A stream also keeps about as much again
 * of emitted text as context for the rules, so what one text field holds is at most about twice this.
 */
export function maxHoldback(policy: Policy): number {
  return modelOf(policy).cap;
}

/**
 * Analyses a policy's rules for streaming (once per policy, cached; ~5 ms for the shipped
 * catalogue). Optional: call it when a policy is loaded so the first stream does not pay it.
 */
export function prepareStreamRedactor(policy: Policy): void {
  modelOf(policy);
}

export function createStreamRedactor(policy: Policy, onRedact?: RedactionListener): StreamRedactor {
  const model = modelOf(policy);
  let buffer = '';
  /** Original characters released so far: where the buffer starts in the field's text. */
  let released = 0;
  /**
   * Emitted original text just before the buffer: its last `model.context` characters at least.
   * Trimmed once it is `TAIL_SLACK` longer, so a push costs a concatenation, not a copy; the
   * trimmed slice keeps its parent alive until the next trim copies it out, so what is kept stays
   * within about `model.context + 2 * TAIL_SLACK` characters.
   */
  let context = '';
  /** Whether `context` starts after the beginning of the text. */
  let truncated = false;
  /** After failing closed: drop what could still continue the pending match. */
  let suppress: { m: RuleModel; budget: number } | undefined;

  /** The last `model.shortContext` characters of `context`, kept apart so a push need not flatten it. */
  let recent = '';

  const remember = (emitted: string) => {
    if (emitted === '') return;
    recent += emitted;
    if (recent.length > model.shortContext) recent = trimStart(recent, model.shortContext);
    context += emitted;
    if (context.length > model.context + TAIL_SLACK) {
      context = trimStart(context, model.context);
      truncated = true;
    }
  };

  const release = (final: boolean): string => {
    let d = decide(model, recent, truncated || context.length > recent.length, buffer, final);
    // Too little context to prove the decision (a whitespace run folded it away, say): twice as
    // much each time, up to all that is kept, so indented text does not pay for all of it.
    for (let n = 2 * recent.length; d.needMore && n < 2 * context.length; n *= 2) {
      const wider = n < context.length ? trimStart(context, n) : context;
      d = decide(model, wider, truncated || wider.length < context.length, buffer, final);
    }
    const emitted = buffer.slice(0, d.cut);
    let out = redactSpans(emitted, d.spans);
    for (const span of d.spans) onRedact?.(span.rule, released + span.start, released + span.end);
    remember(emitted);
    released += d.cut;
    buffer = buffer.slice(d.cut);
    if (!final && buffer.length > model.cap) {
      // Only padding the view ignores (invisible characters, whitespace runs) gets a candidate
      // this long: fail closed rather than hold without bound.
      const m = d.holder ?? model.rules[0]!;
      out += m.rule.label;
      onRedact?.(m.rule, released, released + buffer.length);
      remember(buffer);
      released += buffer.length;
      buffer = '';
      suppress = { m, budget: m.reach };
    }
    return out;
  };

  /** Drops the start of `delta` that could still continue a match cut off by failing closed. */
  const suppressed = (delta: string): string => {
    let i = 0;
    while (suppress && i < delta.length) {
      const char = String.fromCodePoint(delta.codePointAt(i)!);
      const folded = foldOf(char);
      if (suppress.budget <= 0 || ![...folded].every((u) => suppress!.m.consumes(u))) {
        suppress = undefined;
        break;
      }
      if (folded !== '') suppress.budget -= 1;
      i += char.length;
    }
    remember(delta.slice(0, i));
    released += i;
    return delta.slice(i);
  };

  const defer = (delta: string): string => {
    if (suppress) delta = suppressed(delta);
    if (delta === '') return '';
    if (buffer === '' && !triggers(model, delta)) {
      remember(delta);
      released += delta.length;
      return delta;
    }
    buffer += delta;
    return '';
  };
  const settle = () => (buffer === '' ? '' : release(false));

  return {
    push: (delta) => defer(delta) + settle(),
    defer,
    settle,
    flush() {
      const out = buffer === '' ? '' : release(true);
      buffer = '';
      released = 0;
      context = '';
      recent = '';
      truncated = false;
      suppress = undefined;
      return out;
    },
    get held() {
      return buffer.length;
    },
  };
}
