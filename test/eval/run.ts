/**
 * Detection evaluation of the rule catalogue against the held-out labelled set in test/eval/data.
 *
 *   npm run eval                        # node --import tsx test/eval/run.ts
 *   node --import tsx test/eval/run.ts --rules path/to/rules --no-lists --limit 20
 *   node --import tsx test/eval/run.ts --data test/eval/blind/   # another labelled set, same files
 *
 * Prints the headline table with targets (PASS/MISS), breakdowns, and the misses and false
 * positives. Exits 0 whatever the figures; exits 1 only when the data set or the catalogue
 * cannot be loaded.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RULES_DIR, loadPolicy } from '../../proxy/policy/load-rules.ts';
import { scanText } from '../../proxy/policy/scan.ts';
import { DATA_DIR, loadDataset, type Dataset } from './dataset.ts';
import { report } from './report.ts';
import { score } from './score.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values: args } = parseArgs({
  options: {
    rules: { type: 'string', default: DEFAULT_RULES_DIR },
    data: { type: 'string', default: DATA_DIR },
    'no-lists': { type: 'boolean', default: false },
    limit: { type: 'string', default: '500' },
  },
});
const rulesDir = args.rules;
const dataDir = `${resolve(args.data)}/`;

let data: Dataset;
try {
  data = loadDataset(dataDir);
} catch (err) {
  fail(`eval: cannot load the data set from ${dataDir}:\n${err instanceof Error ? err.message : String(err)}`);
}

let policy: ReturnType<typeof loadPolicy>;
try {
  policy = loadPolicy(rulesDir);
} catch (err) {
  fail(
    `eval: the rule catalogue in ${rulesDir} failed to load, nothing was measured.\n` +
      `  ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n` +
      `  Fix the rules (or pass --rules <dir>) and run again.`,
  );
}

const byCategory = new Map<string, number>();
for (const rule of policy.rules) {
  if (rule.input === 'off') continue;
  byCategory.set(rule.category, (byCategory.get(rule.category) ?? 0) + 1);
}

const started = performance.now();
const result = score(data, (text) => scanText(text, policy, 'input'));
const elapsed = performance.now() - started;
const texts =
  data.injection.length + data.benign.length + data.secrets.length + data.secretLookalikes.length + data.pii.length + data.piiLookalikes.length;

const cwd = process.cwd();
console.log(
  report(result, {
    lists: !args['no-lists'],
    limit: Math.max(1, Number(args.limit) || 500),
    header: [
      'Bulwark detection eval (held-out set, input direction)',
      `rules: ${relative(cwd, rulesDir) || '.'} - ${policy.rules.length} rules; active on input by category: ${[...byCategory].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
      `data:  ${relative(cwd, dataDir)} - ${texts} texts scanned in ${elapsed.toFixed(0)} ms`,
    ],
  }),
);
