import { loadConfig } from '../proxy/config/load-config.ts';
import { startBulwark } from '../proxy/server.ts';
import { createLogger } from '../proxy/telemetry/logger.ts';
import { serveUntilStopped } from './child-ipc.ts';

/**
 * Child process: Bulwark started through the same code as `npm start`, configured only by the
 * JSON environment in argv[2] (not the caller's shell, so runs are reproducible).
 */
const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const config = loadConfig(env);
const bulwark = await startBulwark(config, createLogger(config.logLevel));
serveUntilStopped(bulwark.url, () => bulwark.close(0));
