import { describe, expect, it } from 'vitest';
import { compilePolicy, RuleError } from '../../../proxy/policy/compile-rules.ts';
import { scanText } from '../../../proxy/policy/scan.ts';

const rule = (fields: Record<string, string>) =>
  `rules:\n  - ${Object.entries({
    id: 'custom.thing',
    category: 'custom',
    description: 'x',
    severity: 'low',
    pattern: "'\\bthing\\b'",
    max_length: '5',
    input: 'block',
    output: "'off'",
    label: "'[THING]'",
    examples: "{ match: ['thing'], no_match: ['things'] }",
    ...fields,
  })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n    ')}\n`;

function errorOf(text: string): string {
  try {
    compilePolicy([{ name: 'custom.yaml', text }]);
  } catch (err) {
    expect(err).toBeInstanceOf(RuleError);
    return (err as Error).message;
  }
  throw new Error('expected a RuleError');
}

describe('compilePolicy', () => {
  it('compiles a valid rule and versions the catalogue by content', () => {
    const a = compilePolicy([{ name: 'custom.yaml', text: rule({}) }]);
    const b = compilePolicy([{ name: 'custom.yaml', text: rule({ severity: 'high' }) }]);
    expect(a.rules.map((r) => r.id)).toEqual(['custom.thing']);
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b.version).not.toBe(a.version);
    expect(scanText('a thing here', a, 'input')).toHaveLength(1);
  });

  it.each([
    [{ input: 'explode' }, /^custom\.yaml: rule custom\.thing: input: Invalid option/],
    [{ label: "'REDACTED'" }, /^custom\.yaml: rule custom\.thing: label: must look like \[SOMETHING-REDACTED\]/],
    [{ id: 'Thing' }, /^custom\.yaml: rule Thing: id: must look like category\.name/],
    [{ pattern: "'(unclosed'" }, /^custom\.yaml: rule custom\.thing: pattern is not a valid regular expression/],
    [{ pattern: "'^(a+)+$'" }, /^custom\.yaml: rule custom\.thing: pattern can backtrack catastrophically/],
    [{ pattern: "'(\\\\w{1,9}){1,9}x'" }, /pattern can backtrack catastrophically/],
    [{ pattern: "'\\bthing\\w+'", max_length: '' }, /max_length is required for a pattern with unbounded quantifiers/],
    [{ pattern: '', detector: 'iban', extra: 'x' }, /rule custom\.thing: rule: Unrecognized key: "extra"/],
    [{ examples: '{ match: [] , no_match: [x] }' }, /examples\.match: Too small/],
  ])('refuses %o naming file, rule and field', (fields, message) => {
    expect(errorOf(rule(fields))).toMatch(message);
  });

  it('refuses a rule with both or neither of pattern and detector, and duplicate ids', () => {
    expect(errorOf(rule({ detector: 'iban' }))).toMatch(/needs exactly one of pattern or detector/);
    expect(errorOf(rule({ pattern: '' }))).toMatch(/needs exactly one of pattern or detector/);
    expect(() => compilePolicy([{ name: 'a.yaml', text: rule({}) }, { name: 'b.yaml', text: rule({}) }])).toThrow(/custom\.thing is defined twice/);
  });

  it('refuses files that are not YAML or have no rules', () => {
    expect(errorOf('rules: [\n')).toMatch(/^custom\.yaml: not valid YAML/);
    expect(errorOf('rules: []\n')).toMatch(/^custom\.yaml: must be a mapping with a non-empty 'rules' list/);
  });

  it('puts the always-on own-secrets rule first and reports the largest output holdback', () => {
    const p = compilePolicy([{ name: 'custom.yaml', text: rule({ output: 'redact', max_length: '40' }) }], ['sk-upstream-0123456789']);
    expect(p.rules[0]!.id).toBe('bulwark.own-secrets');
    expect(p.maxHoldback).toBe(40);
    expect(scanText('x sk-upstream-0123456789 y', p, 'output').map((m) => m.rule.id)).toEqual(['bulwark.own-secrets']);
  });

  it('skips rules whose anchors are absent', () => {
    const p = compilePolicy([{ name: 'custom.yaml', text: rule({ anchors: "['zzz']" }) }]);
    expect(scanText('a thing here', p, 'input')).toHaveLength(0);
    expect(scanText('a thing here zzz', p, 'input')).toHaveLength(1);
  });
});
