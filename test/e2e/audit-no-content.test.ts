import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../proxy/policy/load-rules.ts';
import { scanText } from '../../proxy/policy/scan.ts';
import { eventually, startStack, type Stack } from '../helpers/stack.ts';

/**
 * No content at rest: every `match` example of every secret and PII rule of the catalogue goes
 * through the proxy as a prompt and comes back as the answer (the mock echoes it), streamed and
 * not. Then neither the example nor the value the rule matched in it may appear in the SQLite
 * file (and its WAL), in any log line (at trace level) or in the /metrics text. The catalogue is
 * read at test time, so rules added later are covered too.
 */
const dir = mkdtempSync(join(tmpdir(), 'bulwark-no-content-'));
const dbFile = join(dir, 'bulwark.db');
const policy = loadPolicy();
const cases = policy.rules
  .filter((r) => r.category === 'secret' || r.category === 'pii')
  .flatMap((rule) => (rule.examples?.match ?? []).map((text) => ({ rule, text })));

/** What must never be stored: each example whole, and each value a rule matched in it. */
const needles = [
  ...new Set(cases.flatMap(({ text }) => [text, ...scanText(text, policy, 'input').map((m) => text.slice(m.start, m.end))])),
];

let stack: Stack;
const requestIds = new Map<string, string>();
beforeAll(async () => {
  stack = await startStack({ env: { DATABASE_URL: dbFile, LOG_LEVEL: 'trace' } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function send(text: string, i: number): Promise<void> {
  const res = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-reply': encodeURIComponent(text), ...stack.auth('agent') },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: i % 2 === 1, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: text }] }),
  });
  await res.text();
  requestIds.set(res.headers.get('x-bulwark-request-id')!, text);
}

/** Where a needle was found, if anywhere: raw bytes, and JSON-escaped for the log lines. */
function findings(haystacks: Record<string, Buffer | string>): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    const forms = [needle, JSON.stringify(needle).slice(1, -1)];
    for (const [where, hay] of Object.entries(haystacks)) {
      if (forms.some((f) => hay.indexOf(f) !== -1)) found.push(`${where}: ${needle.slice(0, 40)}`);
    }
  }
  return found;
}

describe('no prompt, completion or matched value at rest', () => {
  it('covers every secret and PII example of the catalogue', () => {
    expect(cases.length).toBeGreaterThan(50);
    expect(needles.length).toBeGreaterThan(cases.length);
  });

  it('leaves none in the database file, its WAL, the logs or /metrics', { timeout: 60_000 }, async () => {
    const queue = cases.map((c, i) => () => send(c.text, i));
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
    await eventually(() => stack.bulwark.audit.recorder.queued === 0, 10_000);
    await stack.bulwark.audit.recorder.flush();

    // The rows are there, and say which rules fired: counted, never quoted.
    const rows = (await stack.bulwark.store.db.selectFrom('audit_events').select(['request_id', 'rules', 'outcome']).execute()).filter((r) => requestIds.has(r.request_id));
    expect(rows).toHaveLength(cases.length);
    for (const { request_id, rules } of rows) {
      const rule = cases.find((c) => c.text === requestIds.get(request_id))!.rule;
      expect(rules, rule.id).toContain(`"${rule.id}":`);
    }

    const metrics = await (await fetch(stack.bulwark.metricsUrl)).text();
    const wal = `${dbFile}-wal`;
    const whileOpen = {
      database: readFileSync(dbFile),
      wal: existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0),
      metrics,
    };
    await stack.close();
    const logs = stack.logs.map((l) => JSON.stringify(l)).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const found = findings({ ...whileOpen, logs, 'database after close': readFileSync(dbFile) });
    expect(found).toEqual([]);
  });
});
