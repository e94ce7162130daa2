import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout. Nothing that could hold prompt text, completions, tokens or secrets is
 * ever passed to the logger: callers log ids, sizes, statuses and durations only.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bulwark' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
