import { trace, type TracerProvider } from '@opentelemetry/api';

/**
 * Whether the standard OTEL_* variables ask for traces: OTEL_TRACES_EXPORTER names an exporter
 * (its first entry `none` means none, as the SDK reads it), or, with it unset, an OTLP endpoint
 * is given. Otherwise tracing stays off — no SDK, no spans, only the no-op API — instead of the
 * SDK's own default of exporting to an OTLP collector on localhost that may not be there.
 */
export function tracesRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (exporters.length > 0) return exporters[0] !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

export interface OtelSdk {
  readonly tracerProvider: TracerProvider;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Names the service `bulwark` unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES already do. */
function serviceNameSet(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_SERVICE_NAME?.trim()) || /(^|,)\s*service\.name\s*=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
}

/**
 * Starts @opentelemetry/sdk-node for traces, configured by the OTEL_* variables (exporter,
 * endpoint, headers, sampler, resource attributes, propagators, ...). Loaded only when asked for:
 * with tracing off the SDK is never imported. Metrics stay Prometheus's (METRICS_PORT) and logs
 * pino's, so the SDK's metric and log exporters are left out whatever the environment says.
 */
export async function startOtelSdk(env: NodeJS.ProcessEnv = process.env): Promise<OtelSdk> {
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName: serviceNameSet(env) ? undefined : 'bulwark',
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return { tracerProvider: trace.getTracerProvider(), shutdown: () => sdk.shutdown() };
}
