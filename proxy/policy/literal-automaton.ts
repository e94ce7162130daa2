/**
 * An Aho–Corasick automaton over literals, compiled to one table lookup per UTF-16 unit and
 * matching case-insensitively. The rule scanner uses it to learn which anchors occur in a text;
 * the injection scorer, to learn where its cues can start. Each keeps its own scan loop, so the
 * loop stays a few instructions per character.
 */
export interface LiteralAutomaton {
  /** The class of each UTF-16 unit (a character and its upper case share one); 0: in no literal. */
  readonly classOf: Uint16Array;
  /**
   * `delta[offset + classOf[unit]]`: the next state's offset (state × classes), or, for a state
   * that ends literals, -(1 + its terminal number). Start at offset 0.
   */
  readonly delta: Int32Array;
  /** A terminal's own offset, to go on from after it. */
  readonly terminalOffset: readonly number[];
  /** The literal ids (positions in the list given) a terminal ends: its own and, through failure links, shorter ones. */
  readonly terminalEnds: readonly (readonly number[])[];
}

/** By UTF-16 unit: its lower case where that is one unit, else itself. Made once: each automaton reads it. */
let lower: Uint16Array | undefined;
function lowerUnits(): Uint16Array {
  if (lower === undefined) {
    lower = new Uint16Array(0x10000);
    for (let code = 0; code < 0x10000; code += 1) {
      const folded = String.fromCharCode(code).toLowerCase();
      lower[code] = folded.length === 1 ? folded.charCodeAt(0) : code;
    }
  }
  return lower;
}

/** Throws a RangeError past 65,535 distinct characters (the table's classes are 16-bit). */
export function buildLiteralAutomaton(literals: readonly string[]): LiteralAutomaton {
  const classOf = new Uint16Array(0x10000);
  let classes = 1;
  const classFor = new Map<string, number>();
  // By UTF-16 unit, as the scan reads the text.
  const unitsOf = (a: string) => a.split('');
  for (const a of literals) {
    for (const c of unitsOf(a)) {
      if (classFor.has(c)) continue;
      if (classes === 0x10000) throw new RangeError('literals use more than 65,535 distinct characters');
      classFor.set(c, classes);
      classOf[c.charCodeAt(0)] = classes;
      classes += 1;
    }
  }
  const nonAscii = [...classFor.keys()].some((c) => c.charCodeAt(0) >= 0x80);
  const lower = lowerUnits();
  for (let code = 0; code < (nonAscii ? 0x10000 : 0x80); code += 1) {
    const k = classOf[lower[code]!]!;
    if (k !== 0) classOf[code] = k;
  }
  // The trie, then the failure links breadth first; the DFA follows them ahead of time.
  const next: Array<Map<number, number>> = [new Map()];
  const ends: number[][] = [[]];
  literals.forEach((literal, id) => {
    let state = 0;
    for (const c of unitsOf(literal)) {
      const k = classFor.get(c)!;
      let to = next[state]!.get(k);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        ends.push([]);
        next[state]!.set(k, to);
      }
      state = to;
    }
    ends[state]!.push(id);
  });
  // The DFA: for each state and class, the next state (`goto`).
  const states = next.length;
  const fail = new Int32Array(states);
  const goto = new Int32Array(states * classes);
  const queue: number[] = [];
  for (let k = 0; k < classes; k += 1) {
    const to = next[0]!.get(k) ?? 0;
    goto[k] = to;
    if (to !== 0) queue.push(to);
  }
  for (let q = 0; q < queue.length; q += 1) {
    const state = queue[q]!;
    ends[state]!.push(...ends[fail[state]!]!);
    for (let k = 0; k < classes; k += 1) {
      const to = next[state]!.get(k);
      if (to === undefined) goto[state * classes + k] = goto[fail[state]! * classes + k]!;
      else {
        fail[to] = goto[fail[state]! * classes + k]!;
        goto[state * classes + k] = to;
        queue.push(to);
      }
    }
  }
  const terminalOf = new Int32Array(states).fill(-1);
  const terminalOffset: number[] = [];
  const terminalEnds: number[][] = [];
  for (let state = 0; state < states; state += 1) {
    if (ends[state]!.length === 0) continue;
    terminalOf[state] = terminalOffset.length;
    terminalOffset.push(state * classes);
    terminalEnds.push(ends[state]!);
  }
  const delta = goto.map((to) => (terminalOf[to]! >= 0 ? -1 - terminalOf[to]! : to * classes));
  return { classOf, delta, terminalOffset, terminalEnds };
}
