import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, prettyDestination, wantsPrettyLogs } from '../../../proxy/telemetry/logger.ts';

/** A sink that keeps what the logger wrote, as text. */
function sink(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('trace ids in log lines', () => {
  // What the OTel SDK registers in main.ts: the active span follows the async flow.
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });
  const tracer = new BasicTracerProvider().getTracer('test');

  it('carry the active span’s trace id, across awaits, and none outside a span', async () => {
    const out = sink();
    const logger = createLogger('info', out.stream);
    const span = tracer.startSpan('request');
    await context.with(trace.setSpan(context.active(), span), async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info({ step: 'inside' }, 'line');
    });
    logger.info({ step: 'outside' }, 'line');
    const [inside, outside] = lines(out.text());
    expect(inside).toMatchObject({ step: 'inside', trace_id: span.spanContext().traceId });
    expect(outside?.step).toBe('outside');
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('let a line name its own trace, as the request line does', () => {
    const out = sink();
    const logger = createLogger('info', out.stream);
    const span = tracer.startSpan('another request');
    context.with(trace.setSpan(context.active(), span), () => logger.info({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, 'request'));
    expect(lines(out.text())[0]?.trace_id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('honour the level', () => {
    const out = sink();
    const logger = createLogger('warn', out.stream);
    logger.info('dropped');
    logger.warn('kept');
    expect(lines(out.text()).map((l) => [l.level, l.msg])).toEqual([['warn', 'kept']]);
  });
});

describe('log format', () => {
  it.each([
    ['json', true, undefined, false],
    ['pretty', false, 'production', true],
    ['auto', true, undefined, true],
    ['auto', true, 'development', true],
    ['auto', true, 'production', false],
    ['auto', false, undefined, false],
  ] as const)('%s with a TTY %s and NODE_ENV %s: pretty %s', (format, tty, nodeEnv, pretty) => {
    expect(wantsPrettyLogs(format, tty, nodeEnv)).toBe(pretty);
  });

  it('pretty lines are readable text, not JSON, with the fields kept', async () => {
    const out = sink();
    const pretty = await prettyDestination(false, out.stream);
    expect(pretty).toBeDefined();
    createLogger('info', pretty).info({ request_id: 'r-1', status: 200 }, 'request');
    await new Promise((r) => setImmediate(r));
    expect(out.text()).toMatch(/INFO.*request/);
    expect(out.text()).toContain('request_id: "r-1"');
    expect(() => JSON.parse(out.text())).toThrow();
  });
});
