import type { z } from 'zod';
import { settings } from '../config/settings.ts';
import { createLogger } from '../telemetry/logger.ts';
import { createMockUpstream } from './server.ts';

/**
 * The mock upstream as a process of its own (compose's `mock-upstream` service): listens on HOST
 * and PORT (default 8081, beside the proxy's 8080), logs its base URL, closes on SIGTERM.
 * HOST and PORT are checked by the proxy's own schemas, so a mistake reads the same.
 */
function setting<T>(name: 'HOST' | 'PORT', schema: z.ZodType<T>, fallback: string): T {
  const raw = process.env[name] ?? fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  process.stderr.write(`mock-upstream: config error: ${name} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got "${raw}")\n`);
  process.exit(2);
}

const host = setting('HOST', settings.host.schema, '127.0.0.1');
const port = setting('PORT', settings.port.schema, '8081');
const logger = createLogger('info').child({ component: 'mock-upstream' });

const mock = await createMockUpstream({ host, port });
logger.info({ url: mock.baseUrl }, `mock upstream listening on ${mock.baseUrl}`);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'stopping');
  await mock.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
