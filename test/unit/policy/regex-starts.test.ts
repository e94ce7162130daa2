import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOneGroup, startsOf, topLevelAlternatives } from '../../../proxy/policy/regex-starts.ts';

/**
 * The start index of the injection scorer runs a cue only where the text spells one of its
 * starts: a start set that missed a way a regex can begin would hide its matches. Checked
 * against the regex engine itself on random regexes and texts.
 */
const atom: fc.Arbitrary<string> = fc.letrec<{ atom: string; seq: string; alt: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'c', 'A', ' ', '-', '[ab]', '[c-]', '\\b', '\\.', "'", '\\x62', '\\u0063', '\\n', '[\\n-]'),
    tie('alt').map((a) => `(?:${a})`),
    tie('alt').map((a) => `(?=${a})`),
  ),
  // Any quantifier on a character, only `?` on a group: nested quantifiers would send the engine itself into exponential backtracking.
  seq: fc
    .array(fc.tuple(tie('atom'), fc.constantFrom('', '', '?', '{0,2}', '+', '*', '{2}', '??')), { minLength: 1, maxLength: 4 })
    .map((terms) => terms.map(([a, q]) => (a.startsWith('(?=') || a === '\\b' ? a : a.startsWith('(') ? a + (q === '?' ? q : '') : a + q)).join('')),
  alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((options) => options.join('|')),
})).alt;

describe('startsOf', () => {
  it('names a start for every match the regex engine finds, at every position', () => {
    fc.assert(
      fc.property(atom, fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', ' ', '-', '.', "'", '\n'), maxLength: 24 }), fc.integer({ min: 1, max: 5 }), (source, text, length) => {
        let starts: string[];
        try {
          starts = startsOf(source, length);
        } catch {
          return; // a regex that can start with anything (or match nothing first) is refused, not indexed
        }
        const regex = new RegExp(source, 'iy');
        for (let i = 0; i < text.length; i += 1) {
          regex.lastIndex = i;
          const m = regex.exec(text);
          if (m === null || m[0].length === 0) continue;
          const here = text.slice(i).toLowerCase();
          expect(starts.some((s) => here.startsWith(s)), `/${source}/ at ${i} of ${JSON.stringify(text)}: ${JSON.stringify(starts)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a regex that can start with any character', () => {
    expect(() => startsOf('\\w+ing', 3)).toThrow(/any character/);
    expect(() => startsOf('a?', 2)).toThrow();
    expect(startsOf('(?:ignor|disregard)\\w*', 5).sort()).toEqual(['disre', 'ignor']);
    expect(startsOf('you(?: a|\')re now', 5).sort()).toEqual(['you a', "you'r"]);
    // Escapes are the characters they name.
    expect(startsOf('\\nsystem', 3)).toEqual(['\nsy']);
    expect(startsOf('\\x3csystem>', 3)).toEqual(['<sy']);
    expect(startsOf('\\u00absys', 2)).toEqual(['\u00abs']);
    expect(startsOf('[\\n\\t]a', 2).sort()).toEqual(['\ta', '\na']);
  });
});

describe('regex source splitting', () => {
  it('splits at top-level bars only, and tells a single group from a sequence of groups', () => {
    expect(topLevelAlternatives('a|b(?:c|d)|[|]|e\\|f')).toEqual(['a', 'b(?:c|d)', '[|]', 'e\\|f']);
    expect(topLevelAlternatives('abc')).toEqual(['abc']);
    expect(isOneGroup('(?:a|b)')).toBe(true);
    expect(isOneGroup('(?:a)(?:b)')).toBe(false);
    expect(isOneGroup('(?:a[)]b)')).toBe(true);
  });
});
