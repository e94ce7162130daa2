import { parseArgs } from 'node:util';
import { createApiKeyStore } from '../auth/api-keys.ts';
import { compileRoles } from '../auth/roles.ts';
import { loadConfig } from '../config/load-config.ts';
import { runCli } from './run-cli.ts';
import { openStore } from '../store/database.ts';

const USAGE = `usage: npm run keys -- <command>
  create --role <role> --name <name> [--expires-days <n>]   prints the new key once
  list                                                      id, name, role, dates (never the key)
  revoke <id>`;

/** `npm run keys`: API key administration against the store named by DATABASE_URL. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' } },
  });
  const [command, id] = positionals;
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  const keys = createApiKeyStore(store.db);
  try {
    switch (command) {
      case 'create': {
        const roles = compileRoles(config.roles);
        if (!values.role || !roles.has(values.role) || !values.name) {
          process.stderr.write(`bulwark keys: create needs --name and --role (one of ${[...roles.keys()].join(', ')})\n`);
          return 2;
        }
        const days = values['expires-days'] ? Number(values['expires-days']) : undefined;
        if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
          process.stderr.write('bulwark keys: --expires-days must be a positive whole number\n');
          return 2;
        }
        const { key, info } = await keys.create({
          name: values.name,
          role: values.role,
          ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000) } : {}),
        });
        process.stdout.write(`${key}\n`);
        process.stderr.write(`created key ${info.id} (${info.name}, role ${info.role}${info.expires_at ? `, expires ${info.expires_at}` : ''}); it is shown only this once\n`);
        return 0;
      }
      case 'list':
        for (const k of await keys.list()) {
          const state = k.revoked_at ? 'revoked' : k.expires_at && Date.parse(k.expires_at) <= Date.now() ? 'expired' : 'active';
          process.stdout.write(`${k.id}\t${k.name}\t${k.role}\t${state}\tcreated ${k.created_at}\tlast used ${k.last_used_at ?? 'never'}\n`);
        }
        return 0;
      case 'revoke':
        if (!id) break;
        if (!(await keys.revoke(id))) {
          process.stderr.write(`bulwark keys: no key with id ${id}\n`);
          return 1;
        }
        process.stdout.write(`revoked ${id}\n`);
        return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } finally {
    await store.close();
  }
}

runCli('keys', main);
