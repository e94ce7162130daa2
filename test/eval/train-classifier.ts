/**
 * Trains the injection classifier (proxy/policy/injection-classifier.ts) and writes its weights
 * to proxy/policy/injection-model.ts.
 *
 *   npm run train:injection              # train on every labelled set, write the model
 *   npm run train:injection -- --loso    # leave one set out: score each blind set with a model
 *                                        # trained without it, next to the rules; writes nothing
 *
 * Attacks are the sets' injection prompts. Everything else is a negative: their benign
 * prompts, secrets, PII and look-alikes, and every paragraph of 40 or more characters in the
 * Markdown files under node_modules (technical prose, which the proxy must let through). The
 * threshold is the score that 0.5 % of the training benign prompts exceed. Deterministic:
 * the same data gives the same model.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../../proxy/policy/detectors.ts';
import { classifierConfirms, FEATURE_BITS, featureVector, scoreOf, type FeatureVector } from '../../proxy/policy/injection-classifier.ts';
import { injectionSignals } from '../../proxy/policy/injection-signals.ts';
import { DEFAULT_RULES_DIR, loadPolicy } from '../../proxy/policy/load-rules.ts';
import { normalise } from '../../proxy/policy/normalise.ts';
import { scanText } from '../../proxy/policy/scan.ts';
import { DATA_DIR, loadDataset } from './dataset.ts';

const MODEL_FILE = 'proxy/policy/injection-model.ts';
const BENIGN_PASS_RATE = 0.005;
const EPOCHS = 12;
const L2 = 1e-6;

type Kind = 'attack' | 'benign' | 'other' | 'prose';
interface Example {
  readonly set: string;
  readonly kind: Kind;
  readonly text: string;
  readonly features: FeatureVector;
}

const { values: args } = parseArgs({ options: { loso: { type: 'boolean', default: false } } });

function example(set: string, kind: Kind, text: string): Example {
  return { set, kind, text, features: featureVector(normalise(text, true).text) };
}

const SETS: [string, string][] = [
  ['main', DATA_DIR],
  ...readdirSync('test/eval/blind')
    .filter((name) => name.startsWith('set-'))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .map((name): [string, string] => [name, `test/eval/blind/${name}/`]),
];

const labelled: Example[] = [];
for (const [set, dir] of SETS) {
  const data = loadDataset(dir);
  for (const r of data.injection) labelled.push(example(set, 'attack', r.text));
  for (const r of data.benign) labelled.push(example(set, 'benign', r.text));
  for (const r of [...data.secrets, ...data.secretLookalikes, ...data.pii, ...data.piiLookalikes]) labelled.push(example(set, 'other', r.text));
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) markdownFiles(path, out);
    else if (stat?.isFile() && name.endsWith('.md')) out.push(path);
  }
  return out;
}
const prose = markdownFiles('node_modules').flatMap((file) =>
  readFileSync(file, 'utf8')
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.length >= 40)
    .map((paragraph) => example('prose', 'prose', paragraph)),
);

interface Trained {
  readonly weights: Int8Array;
  readonly scale: number;
  readonly bias: number;
  readonly threshold: number;
}

/** Class-balanced logistic regression by SGD with a fixed shuffle, then weights quantised to int8. */
function train(examples: readonly Example[]): Trained {
  const w = new Float64Array(1 << FEATURE_BITS);
  let bias = 0;
  const attacks = examples.filter((e) => e.kind === 'attack').length;
  const weightOf = (e: Example) => examples.length / (2 * (e.kind === 'attack' ? attacks : examples.length - attacks));
  const order = examples.map((_, i) => i);
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = 0.5 / (1 + epoch);
    for (const k of order) {
      const e = examples[k]!;
      const { buckets, values } = e.features;
      let z = bias;
      for (let i = 0; i < buckets.length; i += 1) z += w[buckets[i]!]! * values[i]!;
      const gradient = (1 / (1 + Math.exp(-z)) - (e.kind === 'attack' ? 1 : 0)) * weightOf(e);
      for (let i = 0; i < buckets.length; i += 1) w[buckets[i]!] = w[buckets[i]!]! - rate * (gradient * values[i]! + L2 * w[buckets[i]!]!);
      bias -= rate * gradient;
    }
  }
  let largest = 0;
  for (const value of w) largest = Math.max(largest, Math.abs(value));
  const scale = largest / 127 || 1;
  const weights = Int8Array.from(w, (value) => Math.round(value / scale));
  const model = { weights, scale, bias };
  const benign = examples.filter((e) => e.kind === 'benign').map((e) => scoreOf(model, e.features)).sort((a, b) => b - a);
  return { ...model, threshold: benign[Math.floor(benign.length * BENIGN_PASS_RATE)]! };
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

if (args.loso) {
  // Each blind set is scored by the catalogue whose scorer asks a model trained without that set,
  // next to the same catalogue with a scorer that never asks (no passage is confirmed).
  const policy = loadPolicy(DEFAULT_RULES_DIR);
  const blocksWith = (confirms: (view: string, passage: Span) => boolean) => {
    const scorer = injectionSignals(confirms);
    return (text: string) =>
      scanText(text, policy, 'input').some((m) => m.rule.category === 'injection' && m.rule.id !== 'injection.signals') ||
      [...scorer.find(normalise(text, true).text)].length > 0;
  };
  const alone = blocksWith(() => false);
  const trainProse = prose.filter((_, i) => i % 2 === 0);
  const testProse = prose.filter((_, i) => i % 2 === 1);
  console.log('held-out set | rules alone: attacks, benign | rules with the classifier: attacks, benign | classifier alone: attacks, benign, prose');
  for (const [held] of SETS.slice(1)) {
    const model = train([...labelled.filter((e) => e.set !== held), ...trainProse]);
    const withModel = blocksWith(classifierConfirms(model));
    const flags = (e: Example) => scoreOf(model, e.features) > model.threshold;
    const attacks = labelled.filter((e) => e.set === held && e.kind === 'attack');
    const benign = labelled.filter((e) => e.set === held && e.kind === 'benign');
    const rate = (list: Example[], test: (e: Example) => boolean) => percent(list.filter(test).length, list.length);
    console.log(
      `${held.padEnd(12)} | ${rate(attacks, (e) => alone(e.text))}, ${rate(benign, (e) => alone(e.text))} | ` +
        `${rate(attacks, (e) => withModel(e.text))}, ${rate(benign, (e) => withModel(e.text))} | ` +
        `${rate(attacks, flags)}, ${rate(benign, flags)}, ${rate(testProse, flags)}`,
    );
  }
} else {
  const model = train([...labelled, ...prose]);
  writeFileSync(
    MODEL_FILE,
    `// Written by test/eval/train-classifier.ts (npm run train:injection); do not edit.\n` +
      `// ${labelled.filter((e) => e.kind === 'attack').length} attacks, ${labelled.length + prose.length - labelled.filter((e) => e.kind === 'attack').length} negatives (${prose.length} of them Markdown paragraphs from node_modules).\n` +
      `import type { EncodedModel } from './injection-classifier.ts';\n\n` +
      `export const INJECTION_MODEL: EncodedModel = {\n` +
      `  scale: ${model.scale},\n  bias: ${model.bias},\n  threshold: ${model.threshold},\n` +
      `  weights:\n    '${Buffer.from(model.weights.buffer).toString('base64')}',\n};\n`,
  );
  console.log(`wrote ${MODEL_FILE}: threshold ${model.threshold.toFixed(3)}`);
}
