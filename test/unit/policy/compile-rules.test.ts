import { describe, expect, it } from 'vitest';
import { BUILT_IN, buildAnchorIndex, compilePolicy, impliesAnchors, parsePattern, RuleError, type Policy } from '../../../proxy/policy/compile-rules.ts';
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

  it('puts the always-on own-secrets rule first', () => {
    const p = compilePolicy([{ name: 'custom.yaml', text: rule({ output: 'redact', max_length: '40' }) }], ['sk-upstream-0123456789']);
    expect(p.rules[0]!.id).toBe('bulwark.own-secrets');
    expect(scanText('x sk-upstream-0123456789 y', p, 'output').map((m) => m.rule.id)).toEqual(['bulwark.own-secrets']);
  });

  /** The policy's one rule with its detector replaced by one that counts its runs. */
  function counting(p: Policy): { policy: Policy; runs: () => number } {
    let runs = 0;
    const rule = p.rules[0]!;
    const detector = { find: (view: string) => (runs++, rule.detector.find(view)) };
    return { policy: { ...p, rules: [{ ...rule, detector }] }, runs: () => runs };
  }

  it('runs an anchored rule only where one of its anchors occurs, in any case', () => {
    const { policy: p, runs } = counting(compilePolicy([{ name: 'custom.yaml', text: rule({ pattern: String.raw`'\b(?:thing|widget)s?\b'`, max_length: '7', anchors: "['thing', 'widget']" }) }]));
    expect(scanText('nothing to see', p, 'input')).toHaveLength(0);
    expect(scanText('a gadget here', p, 'input')).toHaveLength(0);
    expect(runs()).toBe(1); // 'nothing' contains 'thing': the rule ran, and found no word
    expect(scanText('a WIDGET here', p, 'input')).toHaveLength(1);
    expect(runs()).toBe(2);
  });

  it('runs a rule with anchor groups only where every group has one of its anchors', () => {
    const { policy: p, runs } = counting(
      compilePolicy([{ name: 'custom.yaml', text: rule({ pattern: String.raw`'\b(?:ignore|forget) (?:the|all) (?:rules|instructions)\b'`, max_length: '30', anchors: "[['ignore', 'forget'], ['rules', 'instructions']]" }) }]),
    );
    expect(p.rules[0]!.anchors).toEqual(['ignore', 'forget']);
    expect(scanText('ignore the noise', p, 'input')).toHaveLength(0);
    expect(scanText('the house rules', p, 'input')).toHaveLength(0);
    expect(runs()).toBe(0);
    expect(scanText('Forget all instructions', p, 'input')).toHaveLength(1);
    expect(runs()).toBe(1);
  });

  it('refuses anchors that some match of the pattern does not contain', () => {
    expect(errorOf(rule({ anchors: "['zzz']" }))).toMatch(/^custom\.yaml: rule custom\.thing: anchors \['zzz'\]: the pattern can match text that contains none of them/);
    expect(errorOf(rule({ pattern: String.raw`'\b(?:sk|pk)-[a-z]{4}\b'`, max_length: '9', anchors: "['sk-']" }))).toMatch(/anchors \['sk-'\]/);
    // A built-in detector's anchors are checked against the pattern it finds its candidates with.
    expect(errorOf(rule({ pattern: '', detector: 'iban', max_length: '', anchors: "['de']" }))).toMatch(/anchors \['de'\]: the pattern can match/);
    expect(() => compilePolicy([{ name: 'custom.yaml', text: rule({ pattern: '', detector: 'iban', max_length: '', anchors: "['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']" }) }])).not.toThrow();
    // The same anchors, sound: every match contains one.
    expect(() => compilePolicy([{ name: 'custom.yaml', text: rule({ pattern: String.raw`'\b(?:sk|pk)-[a-z]{4}\b'`, max_length: '9', anchors: "['sk-', 'pk-']" }) }])).not.toThrow();
  });

  it('turns down a value its validate.reject finds anything in, and refuses a reject that is invalid or can stall', () => {
    const keys = rule({ pattern: String.raw`'\bk-([A-Z0-9]{12})\b'`, max_length: '14', case_sensitive: 'true', validate: "{ group: 1, reject: 'EXAMPLE' }", examples: "{ match: ['k-Q3EGRT7LUN2X'], no_match: ['k-ABCDEEXAMPLE'] }" });
    const p = compilePolicy([{ name: 'custom.yaml', text: keys }]);
    expect(scanText('k-Q3EGRT7LUN2X and k-12345EXAMPLE', p, 'input').map((m) => m.start)).toEqual([0]);
    expect(errorOf(rule({ validate: "{ reject: '(unclosed' }" }))).toMatch(/rule custom\.thing: validate\.reject is not a valid regular expression/);
    expect(errorOf(rule({ validate: "{ reject: '(a+)+b' }" }))).toMatch(/rule custom\.thing: validate\.reject can backtrack catastrophically/);
  });

  it('runs a rule with a prefilter only where the prefilter finds something', () => {
    const { policy: p, runs } = counting(
      compilePolicy([{ name: 'custom.yaml', text: rule({ pattern: String.raw`'\b\d\d\d-\d\d\d\d\b'`, max_length: '8', prefilter: String.raw`'\d\d\d-'` }) }]),
    );
    expect(p.rules[0]!.prefilter?.source).toBe(String.raw`\d\d\d-`);
    expect(scanText('call 12-34 or 5.55', p, 'input')).toHaveLength(0);
    expect(runs()).toBe(0);
    expect(scanText('call 555-0132', p, 'input')).toHaveLength(1);
    expect(runs()).toBe(1);
    expect(errorOf(rule({ prefilter: "'(unclosed'" }))).toMatch(/rule custom\.thing: prefilter is not a valid regular expression/);
    expect(errorOf(rule({ prefilter: "'(a+)+b'" }))).toMatch(/rule custom\.thing: prefilter can backtrack catastrophically/);
  });
});

describe('impliesAnchors (does every match contain one of these literals?)', () => {
  it.each([
    [String.raw`\bsk-[A-Za-z0-9]{20}`, ['sk-'], true],
    [String.raw`\bgh[pousr]_[A-Za-z0-9]{36}`, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], true],
    [String.raw`\bgh[pousr]_[A-Za-z0-9]{36}`, ['ghp_', 'gho_'], false],
    [String.raw`\bign[o0]re (?:all )?previous`, ['ignore'], false],
    [String.raw`\bign[o0]re (?:all )?previous`, ['ignore', 'ign0re'], true],
    [String.raw`\bign[o0]re (?:all )?previous`, ['previous'], true],
    [String.raw`\b(?:ignore|forget)(?: all|) the (?:rules|instructions)`, ['all the', 'e the', 't the'], true],
    [String.raw`\b(?:ignore|forget)(?: all|) the (?:rules|instructions)`, ['all the', 'e the'], false],
    [String.raw`(?:\baws|secret[_ ]?access)[a-z]{0,5}=`, ['aws', 'secret_access', 'secret access', 'secretaccess'], true],
    [String.raw`(?:\baws|secret[_ ]?access)[a-z]{0,5}=`, ['aws', 'secret_access'], false],
    [String.raw`AKIA[A-Z0-9]{16}`, ['akia'], true], // lower-cased, whatever the pattern's case
    [String.raw`x(?=abc)\w+`, ['abc'], false], // a lookahead is not part of the match
    [String.raw`(?<=abc)x`, ['abc'], false],
    [String.raw`(a)\1b`, ['ab'], false], // a back-reference could be anything
    [String.raw`(?:ab)+c`, ['ab'], true],
    [String.raw`(?:ab)*c`, ['ab'], false],
    [String.raw`[^a]bc`, ['bc'], true],
    [String.raw`pass(?:word)?`, ['password'], false],
  ])('%s with %j: %s', (source, anchors, expected) => {
    expect(impliesAnchors(parsePattern(source), anchors)).toBe(expected);
  });
});

describe('built-in detectors', () => {
  it('declare the pattern they find candidates with, which their anchors are checked against', () => {
    for (const [name, { detector }] of Object.entries(BUILT_IN)) {
      expect(detector.pattern, name).toBeInstanceOf(RegExp);
    }
  });
});

describe('the anchor index', () => {
  it('finds every anchor that occurs, including anchors inside or overlapping others, case-insensitively', () => {
    const anchors = ['sk-', 'sk-ant-', 'pass', 'password', 'word', 'ass', '://', 'ignore', 'é'];
    const index = buildAnchorIndex([anchors]);
    const present = (text: string) => anchors.filter((a) => index.find(text).anchor(index.idOf(a)!));
    expect(present('x SK-ANT-123 y')).toEqual(['sk-', 'sk-ant-']);
    expect(present('the Password is')).toEqual(['pass', 'password', 'word', 'ass']);
    expect(present('https://x IGNORED')).toEqual(['://', 'ignore']);
    expect(present('café CAFÉ')).toEqual(['é']);
    expect(present('nothing here')).toEqual([]);
    expect(buildAnchorIndex([]).find('anything').anchor(0)).toBe(false);
  });

  it('reports a group as present when one of its anchors occurs', () => {
    const verbs = ['ignore', 'forget'];
    const nouns = ['rules', 'instructions'];
    const index = buildAnchorIndex([verbs, nouns, ['forget', 'rules']]);
    const groups = (text: string) => [verbs, nouns, ['forget', 'rules']].map((g) => Number(index.find(text).group(index.groupOf(g)!)));
    expect(groups('Forget it')).toEqual([1, 0, 1]);
    expect(groups('the rules of ignorance')).toEqual([0, 1, 1]);
    expect(groups('ignore the instructions')).toEqual([1, 1, 0]);
    expect(index.groupOf(['Ignore', 'FORGET'])).toBe(index.groupOf(verbs));
    expect(index.groupOf(['other'])).toBeUndefined();
  });
});
