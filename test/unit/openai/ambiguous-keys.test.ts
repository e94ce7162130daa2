import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ambiguousKeys } from '../../../proxy/openai/ambiguous-keys.ts';

describe('ambiguousKeys', () => {
  it('finds keys that differ only in case or Unicode case folding, at any depth', () => {
    expect(ambiguousKeys({ messages: [], Messages: [] })).toEqual(['messages', 'Messages']);
    expect(ambiguousKeys({ model: 'm', messages: [{ role: 'user', content: 'a', CONTENT: 'b' }] })).toEqual(['content', 'CONTENT']);
    expect(ambiguousKeys({ input: [{ a: { me\u017f\u017fages: 1, messages: 2 } }] })).toEqual(['me\u017f\u017fages', 'messages']);
    expect(ambiguousKeys({ \u212Aey: 1, key: 2 })).toEqual(['\u212Aey', 'key']);
  });

  it('finds none in bodies whose keys are distinct however they are folded', () => {
    expect(ambiguousKeys({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], metadata: { Team: 'A', team_id: 'b' } })).toBeUndefined();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // JSON.parse keeps one value per exact key; only a folding collision may remain.
        const keys: string[] = [];
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) return v.forEach(walk);
          if (typeof v !== 'object' || v === null) return;
          const own = Object.keys(v);
          if (new Set(own.map((k) => k.toUpperCase().toLowerCase())).size !== own.length) keys.push(...own);
          Object.values(v).forEach(walk);
        };
        walk(value);
        expect(ambiguousKeys(value) === undefined).toBe(keys.length === 0);
      }),
      { numRuns: 2_000 },
    );
  });
});
