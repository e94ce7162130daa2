import { parseArgs } from 'node:util';
import { createMac } from '../audit/chain.ts';
import { listAuditEvents } from '../audit/query.ts';
import { pruneAudit } from '../audit/retention.ts';
import { verifyAudit, type VerifyReport } from '../audit/verify.ts';
import { loadConfig } from '../config/load-config.ts';
import { runCli } from './run-cli.ts';
import { openStore } from '../store/database.ts';

const USAGE = `usage: npm run audit -- <command>
  verify [--json]     check every hash chain; exit 0 when intact, 1 with the first broken link
  list [--from <time>] [--to <time>] [--principal <p>] [--outcome <o>] [--rule <id>] [--model <m>] [--limit <n>]
                      rows as JSON lines, newest first
  prune               delete rows older than AUDIT_RETENTION_DAYS now, leaving a checkpoint`;

const DAY_MS = 86_400_000;

function printVerify(report: VerifyReport): void {
  for (const c of report.chains) {
    const state = c.broken ? `BROKEN at seq ${c.broken.seq ?? '-'}${c.broken.id ? ` (row ${c.broken.id})` : ''}: ${c.broken.reason}` : 'ok';
    process.stdout.write(`chain ${c.chain_id}: ${c.rows} rows checked after seq ${c.from_seq}, head ${c.head_seq}, ${c.pending} in flight: ${state}\n`);
  }
  const summary = report.ok
    ? `audit trail intact: ${report.chains.length} chain(s), ${report.rows} rows (${report.alg})`
    : `audit trail BROKEN: chain ${report.first_broken?.chain_id} at seq ${report.first_broken?.seq ?? '-'}: ${report.first_broken?.reason}`;
  process.stdout.write(`${summary}\n`);
}

/** `npm run audit`: read and check the audit trail of the store named by DATABASE_URL; it never writes a row. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      principal: { type: 'string' },
      outcome: { type: 'string' },
      rule: { type: 'string' },
      model: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const config = loadConfig();
  const mac = createMac(config.auditHmacKey);
  const store = await openStore(config.databaseUrl);
  try {
    switch (positionals[0]) {
      case 'verify': {
        const report = await verifyAudit(store.db, mac);
        if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else printVerify(report);
        return report.ok ? 0 : 1;
      }
      case 'list': {
        const time = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());
        const limit = Math.min(Number(values.limit ?? 100), 1_000);
        if (!Number.isInteger(limit) || limit < 1) break;
        const page = await listAuditEvents(store.db, {
          from: time(values.from),
          to: time(values.to),
          principal: values.principal,
          outcome: values.outcome,
          rule: values.rule,
          model: values.model,
          limit,
        });
        for (const row of page.data) process.stdout.write(`${JSON.stringify(row)}\n`);
        return 0;
      }
      case 'prune': {
        if (config.auditRetentionDays === 0) {
          process.stderr.write('bulwark audit: AUDIT_RETENTION_DAYS is 0: rows are kept forever, nothing pruned\n');
          return 0;
        }
        const result = await pruneAudit(store.db, mac, new Date(Date.now() - config.auditRetentionDays * DAY_MS));
        process.stdout.write(`pruned ${result.rows} rows older than ${config.auditRetentionDays} days from ${result.chains} chain(s)\n`);
        if (result.refused.length > 0) process.stderr.write(`not pruned past a broken link: ${result.refused.join(', ')} (run verify)\n`);
        return result.refused.length > 0 ? 1 : 0;
      }
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } finally {
    await store.close();
  }
}

runCli('audit', main);
