import { ConfigError, loadConfig, type Config } from './config/load-config.ts';
import { startBulwark } from './server.ts';
import { createLogger, logDestination } from './telemetry/logger.ts';
import { startOtelSdk, tracesRequested } from './telemetry/otel-sdk.ts';

/**
 * Entry point: validate config (exit 2 with one line on a mistake), start tracing when OTEL_*
 * asks for it, start, drain on SIGTERM (which also writes the last audit rows and spans).
 */
function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`bulwark: config error: ${err.message}\n`);
    process.exit(2);
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel, await logDestination(config.logFormat));
const otel = tracesRequested(process.env) ? await startOtelSdk() : undefined;

const bulwark = await startBulwark(config, logger, { tracerProvider: otel?.tracerProvider }).catch((err: NodeJS.ErrnoException) => {
  process.stderr.write(`bulwark: cannot start: ${err.code === 'EADDRINUSE' ? `${config.host}:${config.port} is already in use` : err.message}\n`);
  process.exit(1);
});

if (bulwark.mock) {
  logger.warn(
    { upstream: bulwark.upstream.baseUrl },
    'MOCK UPSTREAM: no UPSTREAM_API_KEY or UPSTREAM_BASE_URL is set, so answers come from the built-in mock. Set UPSTREAM_API_KEY to reach OpenAI.',
  );
}
logger.info(
  { url: bulwark.url, upstream: bulwark.mock ? 'mock' : bulwark.upstream.baseUrl, tracing: otel !== undefined, audit_chain: bulwark.audit.recorder.chainId, audit_head: bulwark.audit.recorder.head.seq },
  `Bulwark listening on ${bulwark.url}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, grace_ms: config.shutdownGraceMs }, 'draining in-flight requests');
  await bulwark.close();
  await otel?.shutdown();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGHUP', () => bulwark.guard.store.reload());
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
