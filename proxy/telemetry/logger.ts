import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger };

export type LogFormat = 'auto' | 'json' | 'pretty';

/** The mixin's answer for a line it adds nothing to: that line is written as it is, not copied. */
const NOTHING = Object.freeze({});

/**
 * The trace id of the span active where a line is logged, when tracing is on. The OTel pino
 * instrumentation would need a loader hook in ESM; reading the active span does the same. A line
 * that names its trace itself keeps it: the request line does, since it is written when the
 * response closes, outside the request's context.
 */
function traceMixin(line: object): object {
  if ('trace_id' in line) return NOTHING;
  const span = trace.getActiveSpan();
  return span ? { trace_id: span.spanContext().traceId } : NOTHING;
}

/** pino's default merge copies every line into the mixin's object; most lines have nothing to add. */
function mergeTrace(line: object, mixin: object): object {
  return mixin === NOTHING ? line : Object.assign(mixin, line);
}

/**
 * JSON lines on stdout (or `destination`). Nothing that could hold prompt text, completions,
 * tokens or secrets is ever passed to the logger: callers log ids, sizes, statuses and durations only.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bulwark' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceMixin,
      mixinMergeStrategy: mergeTrace,
    },
    destination,
  );
}

/** `auto` is readable lines for a person at a terminal during development, JSON everywhere else. */
export function wantsPrettyLogs(format: LogFormat, stdoutIsTty: boolean, nodeEnv: string | undefined): boolean {
  if (format !== 'auto') return format === 'pretty';
  return stdoutIsTty && nodeEnv !== 'production';
}

/** Where the lines go: undefined for JSON on stdout, else readable lines on stdout. */
export async function logDestination(format: LogFormat): Promise<pino.DestinationStream | undefined> {
  const tty = process.stdout.isTTY === true;
  if (!wantsPrettyLogs(format, tty, process.env.NODE_ENV)) return undefined;
  const pretty = await prettyDestination(tty);
  if (!pretty && format === 'pretty') process.stderr.write('bulwark: LOG_FORMAT=pretty needs the pino-pretty package (a development dependency); logging JSON\n');
  return pretty;
}

/**
 * pino-pretty's stream (to stdout unless told otherwise). pino-pretty is a development
 * dependency: where it is not installed (`npm ci --omit=dev`) this is undefined.
 */
export async function prettyDestination(colorize: boolean, destination?: NodeJS.WritableStream): Promise<pino.DestinationStream | undefined> {
  const loaded = await import('pino-pretty').catch(() => undefined);
  // Synchronous writes: a development aid, and the last lines before process.exit() are not lost.
  return loaded?.default({ colorize, destination, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
}
