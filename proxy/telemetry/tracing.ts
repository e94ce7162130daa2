import type { IncomingHttpHeaders } from 'node:http';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanOptions,
  type TracerProvider,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ERROR_TYPE } from './attributes.ts';

/**
 * `traceparent` and `tracestate` as W3C Trace Context defines them: read from callers, written
 * upstream. Used directly rather than through the global propagator, so the contract holds
 * whatever OTEL_PROPAGATORS says and in tests that register nothing globally.
 */
const w3c = new W3CTraceContextPropagator();

/** One request's place in a trace, while tracing is on: its server span and how to add children. */
export interface RequestTrace {
  /** 32 hex digits: the caller's trace when its `traceparent` named one, else a new trace. */
  readonly traceId: string;
  readonly span: Span;
  /** The server span's context: parent of every child span, active while the handlers run. */
  readonly context: Context;
  /** Starts a child span of the server span. */
  child(name: string, options?: SpanOptions): Span;
}

export interface Tracing {
  /** Starts a request's server span, continuing the trace of the caller's `traceparent` when there is one. */
  begin(name: string, startTime: number, headers: IncomingHttpHeaders, attributes: Attributes): RequestTrace;
}

export function createTracing(provider: TracerProvider): Tracing {
  const tracer = provider.getTracer('bulwark');
  return {
    begin(name, startTime, headers, attributes) {
      const parent = w3c.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
      const span = tracer.startSpan(name, { kind: SpanKind.SERVER, startTime, attributes }, parent);
      const context = trace.setSpan(parent, span);
      return { traceId: span.spanContext().traceId, span, context, child: (childName, options) => tracer.startSpan(childName, options, context) };
    },
  };
}

/** Writes `span`'s context as `traceparent` (and `tracestate`) into outgoing headers, replacing the caller's. */
export function injectTraceContext(span: Span, headers: Record<string, string> | IncomingHttpHeaders): void {
  w3c.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
}

/** Marks a span failed with a short, content-free error type (an error code, a status). */
export function failSpan(span: Span, errorType: string): void {
  span.setAttribute(ERROR_TYPE, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * Runs `fn` in a child span of the request when it is traced, with attributes read from its
 * result; when it is not, just runs `fn`.
 */
export function inChildSpan<T>(requestTrace: RequestTrace | undefined, name: string, fn: () => T, describe: (result: T) => Attributes): T {
  if (!requestTrace) return fn();
  const span = requestTrace.child(name);
  try {
    const result = fn();
    span.setAttributes(describe(result));
    return result;
  } catch (err) {
    failSpan(span, (err as Error).name);
    throw err;
  } finally {
    span.end();
  }
}

/** The trace id of a W3C `traceparent` (32 hex), or null when absent, malformed or all zeros. */
export function traceIdOf(traceparent: string | undefined): string | null {
  if (traceparent === undefined) return null;
  const id = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent.trim().toLowerCase())?.[1];
  return id === undefined || /^0+$/.test(id) ? null : id;
}
