import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { tracesRequested } from '../../../proxy/telemetry/otel-sdk.ts';
import { createTracing, inChildSpan, injectTraceContext, traceIdOf } from '../../../proxy/telemetry/tracing.ts';

const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function inMemory() {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  return { exporter, tracing };
}

describe('traceIdOf', () => {
  it('reads the trace id of a W3C traceparent, and nothing else', () => {
    expect(traceIdOf(CALLER)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf(' 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01 ')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    for (const bad of [undefined, '', 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra']) {
      expect(traceIdOf(bad), String(bad)).toBeNull();
    }
  });
});

describe('request traces', () => {
  it('continue the trace of the caller’s traceparent, as a server span whose parent is the caller’s span', () => {
    const { exporter, tracing } = inMemory();
    const t = tracing.begin('POST /v1/chat/completions', performance.now(), { traceparent: CALLER }, { 'http.route': '/v1/chat/completions' });
    expect(t.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    t.span.end();
    const [span] = exporter.getFinishedSpans();
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span?.attributes['http.route']).toBe('/v1/chat/completions');
  });

  it('start a new trace without a traceparent, or with a broken one', () => {
    const { tracing } = inMemory();
    const a = tracing.begin('GET /v1/models', performance.now(), {}, {});
    const b = tracing.begin('GET /v1/models', performance.now(), { traceparent: '00-zz-01' }, {});
    expect(a.traceId).toMatch(/^[\da-f]{32}$/);
    expect(b.traceId).toMatch(/^[\da-f]{32}$/);
    expect(new Set([a.traceId, b.traceId]).size).toBe(2);
  });

  it('inject the child span’s context upstream, replacing the caller’s traceparent', () => {
    const { tracing } = inMemory();
    const t = tracing.begin('POST /v1/chat/completions', performance.now(), { traceparent: CALLER }, {});
    const call = t.child('POST /chat/completions', { kind: SpanKind.CLIENT });
    const headers: Record<string, string> = { traceparent: CALLER, 'content-type': 'application/json' };
    injectTraceContext(call, headers);
    expect(headers.traceparent).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${call.spanContext().spanId}-01`);
    expect(headers['content-type']).toBe('application/json');
  });

  it('run steps in child spans with attributes from their result, failed spans for thrown errors', () => {
    const { exporter, tracing } = inMemory();
    const t = tracing.begin('POST /v1/chat/completions', performance.now(), {}, {});
    expect(inChildSpan(t, 'step', () => 41 + 1, (n) => ({ answer: n }))).toBe(42);
    expect(() => inChildSpan(t, 'broken', () => { throw new TypeError('no'); }, () => ({}))).toThrow('no');
    const [step, broken] = exporter.getFinishedSpans();
    expect(step?.attributes).toEqual({ answer: 42 });
    expect(step?.parentSpanContext?.spanId).toBe(t.span.spanContext().spanId);
    expect(broken?.status.code).toBe(SpanStatusCode.ERROR);
    expect(broken?.attributes['error.type']).toBe('TypeError');
  });

  it('cost nothing but the call when the request is not traced', () => {
    expect(inChildSpan(undefined, 'step', () => 'ran', () => { throw new Error('never described'); })).toBe('ran');
  });
});

describe('tracesRequested: tracing is off unless OTEL_* names an exporter', () => {
  it.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_TRACES_EXPORTER: '' }, false],
    [{ OTEL_SERVICE_NAME: 'bulwark-eu', OTEL_METRICS_EXPORTER: 'otlp' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
  ])('%o → %s', (env, on) => {
    expect(tracesRequested(env)).toBe(on);
  });
});
