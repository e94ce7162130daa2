import { createHash } from 'node:crypto';
import safeRegex from 'safe-regex2';
import { parse as parseYaml } from 'yaml';
import { ibanDetector, literalsDetector, paymentCardDetector, regexDetector, type Detector, type MatchChecks } from './detectors.ts';
import { INJECTION_SIGNALS_MAX_LENGTH, injectionSignalsDetector } from './injection-signals.ts';
import { buildLiteralAutomaton, type LiteralAutomaton } from './literal-automaton.ts';
import { utf16Units } from './utf16-units.ts';
import { ruleFileSchema, ruleSchema, type Category, type DetectorName, type InputAction, type OutputAction, type RuleSpec } from './rule-schema.ts';

export interface Rule {
  readonly id: string;
  readonly category: Category;
  readonly severity: RuleSpec['severity'];
  readonly description: string;
  readonly input: InputAction;
  readonly output: OutputAction;
  readonly label: string;
  readonly observe: boolean;
  /** Longest text the rule can match; bounds what a streaming redactor holds back. */
  readonly maxLength: number;
  /** Lower-case literals of which every match contains one (the first anchor group). */
  readonly anchors: readonly string[] | undefined;
  /**
   * Every anchor group: every match contains a literal of each group (checked against the
   * pattern at load), so the rule runs only when each group has a literal in the text.
   */
  readonly anchorGroups: readonly (readonly string[])[] | undefined;
  /** `anchorGroups` as group ids in the policy's anchor index; set by `compilePolicy`. */
  readonly anchorGroupIds?: readonly number[] | undefined;
  /** A cheap regex every match contains a match of: where it finds nothing, the rule is not run. */
  readonly prefilter: RegExp | undefined;
  readonly detector: Detector;
  /** Always in force: not subject to observe mode or role overrides. */
  readonly alwaysOn: boolean;
  readonly examples: RuleSpec['examples'] | undefined;
}

export interface Policy {
  readonly rules: readonly Rule[];
  /** SHA-256 (16 hex) over the rule files; every verdict carries it. */
  readonly version: string;
  /** Every anchor of every rule, found in one pass over the text to learn which rules can match. */
  readonly anchorIndex: AnchorIndex;
}

export interface RuleFile {
  readonly name: string;
  readonly text: string;
}

/** A rule file mistake, naming file, rule and field. */
export class RuleError extends Error {
  override name = 'RuleError';
}

/** The built-in detectors; their candidate regex (`detector.pattern`) is what anchors are checked against. */
export const BUILT_IN: Record<DetectorName, { detector: Detector; maxLength: number }> = {
  payment_card: { detector: paymentCardDetector, maxLength: 19 + 18 },
  iban: { detector: ibanDetector, maxLength: 34 + 33 },
  injection_signals: { detector: injectionSignalsDetector, maxLength: INJECTION_SIGNALS_MAX_LENGTH },
};

/** A lookbehind group whose body nests groups one level deep at most (`(?<=\b(?:tel|fax)=)`). */
const LOOKBEHIND = /\(\?<[=!]((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)/g;

/** Quantifiers without an upper bound: such a pattern must declare max_length. */
const UNBOUNDED = /(?<!\\)(?:[+*]|\{\d+,\})/;

/** Refuses a pattern that could backtrack catastrophically. */
function checkBacktracking(source: string, where: string, field: string): void {
  // safe-regex2's parser does not know lookbehind: check the pattern without it (a bounded
  // lookbehind cannot make the engine backtrack catastrophically; its body is checked alone).
  const lookbehinds = [...source.matchAll(LOOKBEHIND)].map((m) => m[1]!);
  if (!safeRegex(source.replace(LOOKBEHIND, ''), { limit: 25 }) || !lookbehinds.every((body) => safeRegex(body, { limit: 25 }))) {
    throw new RuleError(`${where}: ${field} can backtrack catastrophically (nested quantifiers); rewrite it without a quantified group inside a quantified group`);
  }
}

function compileRegExp(source: string, flags: string, where: string, field: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new RuleError(`${where}: ${field} is not a valid regular expression: ${(err as Error).message}`);
  }
}

/**
 * Whether the `i` flag can change what a pattern matches: only through letters (escapes such as
 * `\d`, `\s`, `\b` aside). Without it V8 finds literals much faster (`:` in 0.01 µs/KB, not 0.5).
 */
function caseMatters(source: string): boolean {
  return /\p{L}/u.test(source.replace(/\\(.)/gs, (escape, c: string) => ('dDwWsSbBnrtfv0'.includes(c) ? '' : escape)));
}

/** Refuses anchor groups that some match of the pattern could contain none of. */
function checkAnchors(source: string, groups: readonly (readonly string[])[], where: string): void {
  let tree: PatternNode;
  try {
    tree = parsePattern(source);
  } catch (err) {
    throw new RuleError(`${where}: anchors cannot be checked against this pattern (${(err as Error).message}); leave them out`);
  }
  const memo = new Map();
  for (const group of groups) {
    if (!impliesAnchors(tree, group, memo)) {
      throw new RuleError(`${where}: anchors [${group.map((a) => `'${a}'`).join(', ')}]: the pattern can match text that contains none of them`);
    }
  }
}

function validation(spec: NonNullable<RuleSpec['validate']>, where: string): MatchChecks {
  const reject = spec.reject === undefined ? undefined : compileRegExp(spec.reject, '', where, 'validate.reject');
  if (spec.reject !== undefined) checkBacktracking(spec.reject, where, 'validate.reject');
  return { minEntropy: spec.min_entropy, minDistinct: spec.min_distinct, reject, group: spec.group };
}

function compileRule(spec: RuleSpec, where: string): Rule {
  let detector: Detector;
  let maxLength: number;
  // `anchors: [a, b]` is one group; `anchors: [[a, b], [c, d]]`, several.
  const listed = spec.anchors;
  const anchorGroups = listed && (listed.every((a) => typeof a === 'string') ? [listed] : (listed as string[][])).map((g) => g.map((a) => a.toLowerCase()));
  let source: string;
  if (spec.detector !== undefined) {
    ({ detector, maxLength } = BUILT_IN[spec.detector]);
    source = detector.pattern!.source;
  } else {
    source = spec.pattern!;
    const regex = compileRegExp(source, spec.case_sensitive || !caseMatters(source) ? 'g' : 'gi', where, 'pattern');
    checkBacktracking(source, where, 'pattern');
    if (spec.max_length === undefined && UNBOUNDED.test(source)) {
      throw new RuleError(`${where}: max_length is required for a pattern with unbounded quantifiers (+, *, {n,})`);
    }
    maxLength = spec.max_length ?? source.length * 4;
    detector = regexDetector(regex, spec.validate && validation(spec.validate, where));
  }
  // An anchor group is a promise that every match contains one of its literals: hold the pattern to it.
  if (anchorGroups) checkAnchors(source, anchorGroups, where);
  let prefilter: RegExp | undefined;
  if (spec.prefilter !== undefined) {
    prefilter = compileRegExp(spec.prefilter, spec.case_sensitive || !caseMatters(spec.prefilter) ? '' : 'i', where, 'prefilter');
    checkBacktracking(spec.prefilter, where, 'prefilter');
  }
  return {
    id: spec.id,
    category: spec.category,
    severity: spec.severity,
    description: spec.description,
    input: spec.input,
    output: spec.output,
    label: spec.label,
    observe: spec.observe,
    maxLength: spec.max_length ?? maxLength,
    anchors: anchorGroups?.[0],
    anchorGroups,
    prefilter,
    detector,
    alwaysOn: false,
    examples: spec.examples,
  };
}

function parseFile(file: RuleFile): Rule[] {
  let doc: unknown;
  try {
    doc = parseYaml(file.text);
  } catch (err) {
    throw new RuleError(`${file.name}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const shape = ruleFileSchema.safeParse(doc);
  if (!shape.success) throw new RuleError(`${file.name}: must be a mapping with a non-empty 'rules' list`);
  return shape.data.rules.map((raw, index) => {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RuleError(`${file.name}: rule ${id}: ${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'invalid'}`);
    }
    return compileRule(parsed.data, `${file.name}: rule ${id}`);
  });
}

/**
 * Every rule built by one object literal, in one property order: the scan reads the same
 * fields of every rule on every text, and V8 makes that fast only if all rules share a shape
 * (copies made with spread each got their own).
 */
export function ruleObject(r: Rule): Rule {
  return {
    id: r.id,
    category: r.category,
    severity: r.severity,
    description: r.description,
    input: r.input,
    output: r.output,
    label: r.label,
    observe: r.observe,
    maxLength: r.maxLength,
    anchors: r.anchors,
    anchorGroups: r.anchorGroups,
    anchorGroupIds: r.anchorGroupIds,
    prefilter: r.prefilter,
    detector: r.detector,
    alwaysOn: r.alwaysOn,
    examples: r.examples,
  };
}

/** The always-on rule: the proxy's own secrets never go upstream nor back to a client. */
function ownSecretsRule(secrets: readonly string[]): Rule {
  return {
    id: 'bulwark.own-secrets',
    category: 'secret',
    severity: 'critical',
    description: "The proxy's own upstream API key and JWT secret.",
    input: 'redact',
    output: 'redact',
    label: '[BULWARK-SECRET-REDACTED]',
    observe: false,
    maxLength: Math.max(8, ...secrets.map((s) => s.length)),
    anchors: undefined,
    anchorGroups: undefined,
    prefilter: undefined,
    detector: literalsDetector(secrets),
    alwaysOn: true,
    examples: undefined,
  };
}

/** Compiles rule files into a policy, or throws a RuleError naming what is wrong. Pure. */
export function compilePolicy(files: readonly RuleFile[], ownSecrets: readonly string[] = []): Policy {
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const rules = sorted.flatMap(parseFile);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new RuleError(`rule ${rule.id} is defined twice`);
    seen.add(rule.id);
  }
  const all = ownSecrets.some((s) => s.length >= 8) ? [ownSecretsRule(ownSecrets), ...rules] : rules;
  const hash = createHash('sha256');
  for (const f of sorted) hash.update(f.name).update('\0').update(f.text).update('\0');
  const anchorIndex = buildAnchorIndex(all.flatMap((r) => r.anchorGroups ?? []));
  // One RegExp per distinct prefilter, so that a scan tests each once.
  const prefilters = new Map<string, RegExp>();
  for (const r of all) if (r.prefilter && !prefilters.has(r.prefilter.toString())) prefilters.set(r.prefilter.toString(), r.prefilter);
  const compiled = all.map((rule) =>
    ruleObject({ ...rule, prefilter: rule.prefilter && prefilters.get(rule.prefilter.toString()), anchorGroupIds: rule.anchorGroups?.map((g) => anchorIndex.groupOf(g)!) }),
  );
  return {
    rules: compiled,
    version: hash.digest('hex').slice(0, 16),
    anchorIndex,
  };
}

// ---------------------------------------------------------------------------------------------
// What every match of a pattern contains. A small parser for the JavaScript regex syntax rules
// use (flags g / gi, never u), and two questions on its tree, both about lower-cased text:
// the strings a node can match when there are few (`exactStrings`), and whether every match
// contains one of a list of literals (`impliesAnchors`). Both err on the side of "unknown".

export type PatternNode =
  /** One character of `set` (lower-cased; undefined: too many to list). */
  | { readonly t: 'char'; readonly set: ReadonlySet<string> | undefined }
  | { readonly t: 'seq'; readonly items: readonly PatternNode[] }
  | { readonly t: 'alt'; readonly alts: readonly PatternNode[] }
  | { readonly t: 'rep'; readonly min: number; readonly max: number; readonly item: PatternNode }
  /** Assertions and lookarounds: they consume nothing. */
  | { readonly t: 'empty' }
  /** Back-references: any text, maybe none. */
  | { readonly t: 'unknown' };

/** Character sets larger than this are not listed; string sets larger than this are not formed. */
const MAX_SET = 64;
const MAX_STRINGS = 1024;

const lowerChar = (c: string) => {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
};

function charRange(from: number, to: number): Set<string> | undefined {
  if (to - from >= 4 * MAX_SET) return undefined;
  const set = new Set<string>();
  for (let c = from; c <= to; c += 1) set.add(lowerChar(String.fromCharCode(c)));
  return set.size > MAX_SET ? undefined : set;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

class PatternParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): PatternNode {
    const node = this.alternation();
    if (this.i < this.s.length) throw new Error(`unexpected ${this.s[this.i]} at ${this.i}`);
    return node;
  }

  private alternation(): PatternNode {
    const alts = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i += 1;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(item: PatternNode): PatternNode {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i, this.i + 32));
      if (!m) return item; // a literal brace
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return item;
    this.i += 1;
    if (this.s[this.i] === '?') this.i += 1; // lazy
    return this.quantified({ t: 'rep', min, max, item });
  }

  private atom(): PatternNode {
    const s = this.s;
    const c = s[this.i]!;
    this.i += 1;
    switch (c) {
      case '(': {
        let consumes = true;
        if (s.startsWith('?:', this.i)) this.i += 2;
        else if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i)) [this.i, consumes] = [this.i + 2, false];
        else if (s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) [this.i, consumes] = [this.i + 3, false];
        else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
        const inner = this.alternation();
        if (s[this.i] !== ')') throw new Error(`unclosed group at ${this.i}`);
        this.i += 1;
        return consumes ? inner : { t: 'empty' };
      }
      case '[':
        return this.characterClass();
      case '^':
      case '$':
        return { t: 'empty' };
      case '.':
        return { t: 'char', set: undefined };
      case '\\': {
        const next = s[this.i];
        if (next === 'b' || next === 'B') {
          this.i += 1;
          return { t: 'empty' };
        }
        if (next === 'k' && s[this.i + 1] === '<') {
          this.i = s.indexOf('>', this.i) + 1;
          return { t: 'unknown' };
        }
        if (next !== undefined && next >= '1' && next <= '9') {
          while (/\d/.test(s[this.i] ?? '')) this.i += 1;
          return { t: 'unknown' };
        }
        return { t: 'char', set: this.escape(false) };
      }
      default:
        return { t: 'char', set: new Set([lowerChar(c)]) };
    }
  }

  /** The characters of an escape whose backslash has been read; undefined when there are many. */
  private escape(inClass: boolean): Set<string> | undefined {
    const s = this.s;
    const c = s[this.i]!;
    this.i += 1;
    if (c === 'd') return charRange(48, 57);
    if ('DwWsS'.includes(c)) return undefined;
    if (ESCAPES[c] !== undefined) return new Set([ESCAPES[c]]);
    if (c === 'b' && inClass) return new Set(['\b']);
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(s.slice(this.i, this.i + 2)) : c === 'u' ? /^[0-9a-fA-F]{4}/.exec(s.slice(this.i, this.i + 4)) : null;
    if (hex) {
      this.i += hex[0].length;
      return new Set([lowerChar(String.fromCharCode(parseInt(hex[0], 16)))]);
    }
    if (c === 'c' && /^[a-zA-Z]/.test(s[this.i] ?? '')) {
      this.i += 1;
      return new Set([String.fromCharCode(s.charCodeAt(this.i - 1) % 32)]);
    }
    if (c === 'c') {
      this.i -= 1; // `\c` without a letter is a backslash, then c
      return new Set(['\\']);
    }
    return new Set([lowerChar(c)]);
  }

  private characterClass(): PatternNode {
    const s = this.s;
    const negated = s[this.i] === '^';
    if (negated) this.i += 1;
    let set: Set<string> | undefined = new Set();
    while (this.i < s.length && s[this.i] !== ']') {
      const from = this.classAtom();
      if (s[this.i] === '-' && this.i + 1 < s.length && s[this.i + 1] !== ']') {
        this.i += 1;
        const to = this.classAtom();
        // `[\d-x]` (a class, a dash, x in non-Unicode mode) is left as unknown.
        const range = from.code !== undefined && to.code !== undefined ? charRange(from.code, to.code) : undefined;
        if (!range) set = undefined;
        else if (set) for (const x of range) set.add(x);
        continue;
      }
      if (!from.set) set = undefined;
      else if (set) for (const x of from.set) set.add(x);
    }
    if (s[this.i] !== ']') throw new Error('unclosed character class');
    this.i += 1;
    return { t: 'char', set: negated || (set && set.size > MAX_SET) ? undefined : set };
  }

  /** One class member: its characters, and its code when it is a single character (a range end). */
  private classAtom(): { set: Set<string> | undefined; code: number | undefined } {
    const s = this.s;
    if (s[this.i] === '\\') {
      const start = this.i;
      this.i += 1;
      const set = this.escape(true);
      const raw = s.slice(start, this.i);
      const single = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[^dDwWsSbB0-9cxu]|[0nrtfv])$/.test(raw);
      const code = !single ? undefined : raw.length === 2 ? (ESCAPES[raw[1]!] ?? raw[1]!).charCodeAt(0) : parseInt(raw.slice(2), 16);
      return { set, code };
    }
    this.i += 1;
    return { set: new Set([lowerChar(s[this.i - 1]!)]), code: s.charCodeAt(this.i - 1) };
  }
}

/** The pattern's tree; throws on syntax it does not know. */
export function parsePattern(source: string): PatternNode {
  return new PatternParser(source).parse();
}

type Memo = Map<PatternNode, Set<string> | undefined>;

function cross(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_STRINGS) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** Every (lower-cased) string the node can match; undefined when there are too many or they are unbounded. */
export function exactStrings(node: PatternNode, memo: Memo = new Map()): Set<string> | undefined {
  if (memo.has(node)) return memo.get(node);
  let out: Set<string> | undefined;
  switch (node.t) {
    case 'char':
      out = node.set && new Set(node.set);
      break;
    case 'empty':
      out = new Set(['']);
      break;
    case 'alt':
      out = new Set();
      for (const alt of node.alts) {
        const e = exactStrings(alt, memo);
        if (!e || out.size + e.size > MAX_STRINGS) {
          out = undefined;
          break;
        }
        for (const x of e) out.add(x);
      }
      break;
    case 'seq':
      out = new Set(['']);
      for (const item of node.items) {
        const e = exactStrings(item, memo);
        out = e && cross(out, e);
        if (!out) break;
      }
      break;
    case 'rep': {
      const e = exactStrings(node.item, memo);
      if (!e || node.max > 64) break;
      out = new Set();
      let power: Set<string> | undefined = new Set(['']);
      for (let k = 0; k <= node.max && out; k += 1) {
        if (!power) out = undefined;
        else if (k >= node.min) {
          for (const x of power) out.add(x);
          if (out.size > MAX_STRINGS) out = undefined;
        }
        if (power && k < node.max) power = cross(power, e);
      }
      break;
    }
  }
  memo.set(node, out);
  return out;
}

/** Whether every match of the node contains one of the (lower-case) literals. */
export function impliesAnchors(node: PatternNode, anchors: readonly string[], memo: Memo = new Map()): boolean {
  const covered = (strings: ReadonlySet<string>) => {
    for (const x of strings) if (!anchors.some((a) => x.includes(a))) return false;
    return true;
  };
  const exact = exactStrings(node, memo);
  if (exact) return covered(exact);
  switch (node.t) {
    case 'alt':
      return node.alts.every((alt) => impliesAnchors(alt, anchors, memo));
    case 'rep':
      return node.min >= 1 && impliesAnchors(node.item, anchors, memo);
    case 'seq': {
      const items = node.items;
      if (items.some((item) => impliesAnchors(item, anchors, memo))) return true;
      // An anchor across neighbours (`sk-` over `s`, `k`, `-`): the strings of consecutive items,
      // joined, far enough for an anchor that starts in the first item to end in the window.
      const longest = Math.max(...anchors.map((a) => a.length));
      for (let i = 0; i < items.length; i += 1) {
        let joined: Set<string> | undefined = exactStrings(items[i]!, memo);
        let after = 0;
        for (let j = i + 1; j < items.length && joined && after < longest; j += 1) {
          const e = exactStrings(items[j]!, memo);
          joined = e && cross(joined, e);
          if (joined && covered(joined)) return true;
          if (e) after += Math.min(...[...e].map((x) => x.length));
        }
      }
      return false;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The anchor index: every anchor of every rule, found in one pass over the text by an
// Aho-Corasick automaton (a DFA over character classes), whatever their number and overlaps.

export interface AnchorIndex {
  /** The anchor's id, for `AnchorHits.anchor`. */
  idOf(anchor: string): number | undefined;
  /** The id of a group of anchors the index was built with, for `AnchorHits.group`. */
  groupOf(group: readonly string[]): number | undefined;
  /** Which anchors, and which groups (through one of their anchors), occur in the text, case-insensitively. */
  find(text: string): AnchorHits;
}

export interface AnchorHits {
  /** Whether the anchor with this id occurs. */
  anchor(id: number): boolean;
  /** Whether one of the anchors of the group with this id occurs. */
  group(id: number): boolean;
}

/**
 * Bit sets in plain arrays of 16-bit words: a scan allocates two, and small arrays are much
 * cheaper to allocate than typed arrays past 64 bytes.
 */
class Hits implements AnchorHits {
  readonly anchors: number[];
  readonly groups: number[];
  constructor(anchorCount: number, groupCount: number) {
    this.anchors = new Array<number>((anchorCount >> 4) + 1).fill(0);
    this.groups = new Array<number>((groupCount >> 4) + 1).fill(0);
  }
  anchor(id: number): boolean {
    return id >= 0 && ((this.anchors[id >> 4] ?? 0) & (1 << (id & 15))) !== 0;
  }
  group(id: number): boolean {
    return id >= 0 && ((this.groups[id >> 4] ?? 0) & (1 << (id & 15))) !== 0;
  }
}


/** Records the anchors a state ends, and their groups. */
function markEnds(ids: readonly number[], groupsOf: readonly (readonly number[])[], hits: Hits): void {
  for (const id of ids) {
    if ((hits.anchors[id >> 4]! & (1 << (id & 15))) !== 0) continue;
    hits.anchors[id >> 4]! |= 1 << (id & 15);
    for (const g of groupsOf[id]!) hits.groups[g >> 4]! |= 1 << (g & 15);
  }
}

const groupKey = (group: readonly string[]) => group.map((a) => a.toLowerCase()).join('\0');

/** The index of these groups of anchors (an anchor may be in several groups, a group in several rules). */
export function buildAnchorIndex(groups: readonly (readonly string[])[]): AnchorIndex {
  const groupIds = new Map<string, number>();
  for (const g of groups) if (!groupIds.has(groupKey(g))) groupIds.set(groupKey(g), groupIds.size);
  const list = [...new Set(groups.flat().map((a) => a.toLowerCase()))];
  const ids = new Map(list.map((a, i) => [a, i]));
  // For each anchor, the groups it is in.
  const groupsOf: number[][] = list.map(() => []);
  for (const [key, id] of groupIds) for (const a of new Set(key.split('\0'))) groupsOf[ids.get(a)!]!.push(id);
  const groupOf = (group: readonly string[]) => groupIds.get(groupKey(group));
  if (list.length === 0) return { idOf: () => undefined, groupOf, find: () => new Hits(0, 0) };
  let automaton: LiteralAutomaton;
  try {
    automaton = buildLiteralAutomaton(list);
  } catch (err) {
    throw err instanceof RangeError ? new RuleError('anchors use more than 65,535 distinct characters') : err;
  }
  const { classOf, delta, terminalOffset, terminalEnds } = automaton;
  return {
    idOf: (anchor) => ids.get(anchor.toLowerCase()),
    groupOf,
    find(text) {
      const hits = new Hits(list.length, groupIds.size);
      const seen = new Array<number>((terminalOffset.length >> 4) + 1).fill(0);
      let at = 0;
      const units = utf16Units(text);
      for (let i = 0, n = text.length; i < n; i += 1) {
        at = delta[at + classOf[units[i]!]!]!;
        if (at >= 0) continue;
        const t = -1 - at;
        at = terminalOffset[t]!;
        if ((seen[t >> 4]! & (1 << (t & 15))) !== 0) continue;
        seen[t >> 4]! |= 1 << (t & 15);
        markEnds(terminalEnds[t]!, groupsOf, hits);
      }
      return hits;
    },
  };
}
