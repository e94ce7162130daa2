import { createHash } from 'node:crypto';
import safeRegex from 'safe-regex2';
import { parse as parseYaml } from 'yaml';
import { ibanDetector, literalsDetector, paymentCardDetector, regexDetector, type Detector } from './detectors.ts';
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
  /** Lower-case literals of which one must be present for the rule to run. */
  readonly anchors: readonly string[] | undefined;
  readonly detector: Detector;
  /** Always in force: not subject to observe mode or role overrides. */
  readonly alwaysOn: boolean;
  readonly examples: RuleSpec['examples'] | undefined;
}

export interface Policy {
  readonly rules: readonly Rule[];
  /** SHA-256 (16 hex) over the rule files; every verdict carries it. */
  readonly version: string;
  /** The largest `maxLength` of any rule with an output action. */
  readonly maxHoldback: number;
  /** One regex over every anchor of every rule, to learn in one pass which rules can match. */
  readonly anchorPattern: RegExp | undefined;
  /** For each anchor, itself and every other anchor it contains. */
  readonly anchorsWithin: ReadonlyMap<string, readonly string[]>;
}

export interface RuleFile {
  readonly name: string;
  readonly text: string;
}

/** A rule file mistake, naming file, rule and field. */
export class RuleError extends Error {
  override name = 'RuleError';
}

const BUILT_IN: Record<DetectorName, { detector: Detector; maxLength: number }> = {
  payment_card: { detector: paymentCardDetector, maxLength: 19 + 18 },
  iban: { detector: ibanDetector, maxLength: 34 + 33 },
};

/** A lookbehind group whose body has no nested groups. */
const LOOKBEHIND = /\(\?<[=!]((?:[^()\\]|\\.)*)\)/g;

/** Quantifiers without an upper bound: such a pattern must declare max_length. */
const UNBOUNDED = /(?<!\\)(?:[+*]|\{\d+,\})/;

function compileRule(spec: RuleSpec, where: string): Rule {
  let detector: Detector;
  let maxLength: number;
  if (spec.detector !== undefined) {
    ({ detector, maxLength } = BUILT_IN[spec.detector]);
  } else {
    const source = spec.pattern!;
    let regex: RegExp;
    try {
      regex = new RegExp(source, spec.case_sensitive ? 'g' : 'gi');
    } catch (err) {
      throw new RuleError(`${where}: pattern is not a valid regular expression: ${(err as Error).message}`);
    }
    // safe-regex2's parser does not know lookbehind: check the pattern without it (a bounded
    // lookbehind cannot make the engine backtrack catastrophically; its body is checked alone).
    const lookbehinds = [...source.matchAll(LOOKBEHIND)].map((m) => m[1]!);
    if (!safeRegex(source.replace(LOOKBEHIND, ''), { limit: 25 }) || !lookbehinds.every((body) => safeRegex(body, { limit: 25 }))) {
      throw new RuleError(`${where}: pattern can backtrack catastrophically (nested quantifiers); rewrite it without a quantified group inside a quantified group`);
    }
    if (spec.max_length === undefined && UNBOUNDED.test(source)) {
      throw new RuleError(`${where}: max_length is required for a pattern with unbounded quantifiers (+, *, {n,})`);
    }
    maxLength = spec.max_length ?? source.length * 4;
    detector = regexDetector(regex, spec.validate && { minEntropy: spec.validate.min_entropy, minDistinct: spec.validate.min_distinct, group: spec.validate.group });
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
    anchors: spec.anchors?.map((a) => a.toLowerCase()),
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
    detector: literalsDetector(secrets),
    alwaysOn: true,
    examples: undefined,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  const anchors = [...new Set(all.flatMap((r) => r.anchors ?? []))].sort((a, b) => b.length - a.length);
  return {
    rules: all,
    version: hash.digest('hex').slice(0, 16),
    maxHoldback: Math.max(0, ...all.filter((r) => r.output !== 'off').map((r) => r.maxLength)),
    anchorPattern: anchors.length > 0 ? new RegExp(anchors.map(escapeRegExp).join('|'), 'gi') : undefined,
    anchorsWithin: new Map(anchors.map((a) => [a, anchors.filter((b) => a.includes(b))])),
  };
}
