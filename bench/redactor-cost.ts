import { fileURLToPath } from 'node:url';
import { loadPolicy } from '../proxy/policy/load-rules.ts';
import { createStreamRedactor, prepareStreamRedactor, redactWhole } from '../proxy/policy/stream-redactor.ts';
import { answerPolicyFor } from '../proxy/policy/verdict.ts';

/**
 * Cost of the streaming redactor per push with the shipped catalogue, as an enforce-mode request
 * without role overrides sees it (and with own secrets, as the proxy has), on the deltas an
 * upstream sends: prose in 4-character, 1-character and word deltas, code, prose with secrets
 * and emails, CJK. Each run streams a ~16 KB text through a fresh redactor (and flushes it);
 * the figure is the fastest of several batches once warm (the least disturbed by other processes
 * on a shared machine; the scan-cost table's median moves more there). Every run's output is checked against
 * the whole-text redaction, so a fast wrong redactor shows as an error, not a good number.
 *
 * `node --import tsx bench/redactor-cost.ts`, or `… --profile` for a longer run to sample with
 * `--cpu-prof`.
 */
const CATALOGUE_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
const OWN_SECRETS = ['sk-upstream-bench-0123456789abcdef', 'bench-jwt-secret-ABCDEFGHIJKLMNOP'];

const PROSE = 'The quick brown fox jumps over the lazy dog. ';
const CODE =
  '{"user_id": 4821, "display_name": "config_v2", "items": [{"sku": "AB-1029", "qty": 3, "price": 12.5}], "flags": {"is_active": true}}\n' +
  'const total_price = items.reduce((sum, item_2) => sum + item_2.price * item_2.qty, 0); // v1.2.3 see RFC_7231\n';
/** Pretty-printed, deeply nested JSON: whitespace runs longer than the short context. */
const NESTED = JSON.stringify({ config: { services: { api: { routes: { users: { handlers: { list: { limit: 50, cursor: 'next_page_token', fields: ['id', 'name'] } } } } } } } }, null, 4) + '\n';
const SECRETS =
  'Sure, here is the config. Contact jane.doe@example.com or ops-team@corp.example.org for access. ' +
  'The key is sk-proj-Ab3dE5gH7jK9mN1pQ3rS5tU7vW9xY1zA2bC4 and the AWS id AKIA2ZE63D6UBT5RPMW3; ' +
  'the token ghp_1234567890abcdefghijABCDEFGHIJ123456 was rotated. Call +44 20 7946 0958 if it fails. ' +
  PROSE.repeat(4);
/** A PEM private key announced by a keyword: held whole until its end, the keyword's attempt with it. */
function privateKeyAnswer(): string {
  let seed = 7;
  const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const line = () => {
    let out = '';
    for (let i = 0; i < 64; i += 1) out += base64[((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 7) % 64];
    return out;
  };
  return `Here is the key:\n-----BEGIN RSA PRIVATE KEY-----\n${Array.from({ length: 25 }, line).join('\n')}\n-----END RSA PRIVATE KEY-----\nKeep it safe.\n`;
}
const CJK = '我们审查了季度数据，并同意将投票推迟到下周。与此同时，工程团队将准备一份关于迁移的简短报告，包括成本。\n';

const VOCABULARY = (
  'the of and to in is you that it he was for on are as with his they I at be this have from or one had by word but not what all ' +
  'were we when your can said there use an each which she do how their if will up other about out many then them these so some ' +
  'her would make like him into time has look two more write go see number no way could people my than first water been call ' +
  'who its now find long down day did get come made may part however therefore because although usually instead simply ' +
  'function return value server request response config database query error install package version release build node ' +
  'python java API key token secret password user admin file path directory module import export class method string array ' +
  'object null true false async await promise callback event stream buffer cache memory thread process kernel network socket ' +
  'port host address client proxy header body JSON YAML HTTP HTTPS URL endpoint deploy Docker container cluster section table ' +
  'figure step example note warning email account login session cookie browser Chrome Firefox Windows Linux macOS Ubuntu'
).split(' ');
const AFTER_WORD = [' ', ' ', ' ', ' ', ' ', ' ', ' ', ', ', '. ', '.\n\n', ': ', '; ', ' (', ') '];
const EXTRAS = ['`user_id`', '`config.yaml`', '`npm install`', '3', '42', '2024', '1.5', 'v2.1', '10%', '**Note:**', '- ', '1. ', '"quoted"', 'e.g.', 'i.e.'];

/** A varied answer, as a model writes one: seeded draws of common and technical words, punctuation, numbers, inline code. */
export function variedAnswer(bytes: number): string {
  let seed = 42;
  const draw = <T>(list: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return list[seed % list.length]!;
  };
  let out = '';
  while (out.length < bytes) out += (draw([0, 0, 0, 0, 0, 0, 0, 1]) ? draw(EXTRAS) : draw(VOCABULARY)) + draw(AFTER_WORD);
  return out.slice(0, bytes);
}

const SIZE = 16 * 1024;
const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const chunks = (text: string, n: number) => text.match(new RegExp(`[\\s\\S]{1,${n}}`, 'g'))!;
/** Words with their following spaces, as a tokenizer's deltas often look. */
const words = (text: string) => text.match(/\S+\s*|\s+/g)!;

const INPUTS: Array<{ name: string; deltas: string[] }> = [
  { name: 'prose, 4-char deltas', deltas: chunks(repeat(PROSE), 4) },
  { name: 'prose, 1-char deltas', deltas: chunks(repeat(PROSE), 1) },
  { name: 'prose, word deltas', deltas: words(repeat(PROSE)) },
  { name: 'varied answer, 4-char deltas', deltas: chunks(variedAnswer(SIZE), 4) },
  { name: 'code / JSON, 4-char deltas', deltas: chunks(repeat(CODE), 4) },
  { name: 'nested JSON, 4-char deltas', deltas: chunks(repeat(NESTED), 4) },
  { name: 'secrets + emails, 4-char deltas', deltas: chunks(repeat(SECRETS), 4) },
  { name: 'private key after "key:", 4-char', deltas: chunks(privateKeyAnswer(), 4) },
  { name: 'CJK, 2-char deltas', deltas: chunks(repeat(CJK), 2) },
];

const BATCHES = 21;

export function redactorCosts(rounds = 1): string {
  const policy = answerPolicyFor(loadPolicy(CATALOGUE_DIR, OWN_SECRETS), { mode: 'enforce', overrides: [] }).redacting;
  prepareStreamRedactor(policy);
  let out = `\nStreaming redaction with the shipped catalogue (${policy.rules.filter((r) => r.output === 'redact').length} output-redact rules), per push and per KB\n`;
  out += `  ${'input'.padEnd(34)}${'pushes'.padStart(8)}${'µs/push'.padStart(10)}${'µs/KB'.padStart(10)}\n`;
  for (const input of INPUTS) {
    const whole = input.deltas.join('');
    const reference = redactWhole(whole, policy);
    const runs = Math.max(1, Math.round((rounds * 8_000) / input.deltas.length));
    const batches: number[] = [];
    for (let b = 0; b <= BATCHES; b += 1) {
      let streamed = '';
      const t = performance.now();
      for (let i = 0; i < runs; i += 1) {
        const r = createStreamRedactor(policy);
        let text = '';
        for (const d of input.deltas) text += r.push(d);
        streamed = text + r.flush();
      }
      const elapsed = performance.now() - t;
      if (streamed !== reference) throw new Error(`${input.name}: the streamed redaction differs from the whole-text one`);
      // The first batch warms up (V8 compiles the loops and regexes it reaches).
      if (b > 0) batches.push(elapsed);
    }
    const ms = Math.min(...batches);
    const perPush = (ms * 1000) / runs / input.deltas.length;
    const perKb = (ms * 1000) / runs / (whole.length / 1024);
    out += `  ${input.name.padEnd(34)}${String(input.deltas.length).padStart(8)}${perPush.toFixed(2).padStart(10)}${perKb.toFixed(1).padStart(10)}\n`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(redactorCosts(process.argv.includes('--profile') ? 10 : 1));
}
