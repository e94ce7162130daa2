import { jsonCall, sseCall, type BenchRequest, type Call, type LoadPlan } from './load.ts';
import { allOf, latencyMetrics, rateMetric, type MetricsOf } from './metrics.ts';
import type { ProxyProfileName } from './profiles.ts';

/**
 * One measurement: the same request sent DIRECT (to the mock upstream) and through the PROXY,
 * under the same load. To add one (auth cost, scan cost, audit write cost), append to
 * `scenarios` and, if it needs other proxy settings, add a profile in profiles.ts.
 */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Extra context printed under the title. */
  readonly note?: string;
  readonly proxy: ProxyProfileName;
  readonly call: Call;
  readonly request: BenchRequest;
  readonly concurrency: number;
  /** Per side, not counted. */
  readonly warmup: LoadPlan;
  /** Per side, split over the runner's alternating rounds. */
  readonly measure: LoadPlan;
  readonly metrics: MetricsOf;
}

/** The targets for pure pass-through. */
export const TARGET_MAX_ADDED_P50_MS = 0.5;
export const TARGET_MIN_THROUGHPUT_SHARE = 0.8;

/** A few hundred characters: with `x-mock-chunk-size: 4` each stream has ~100 content chunks. */
const STREAM_REPLY = 'The quick brown fox jumps over the lazy dog. '.repeat(9).slice(0, 400);

export function chatRequest(options: { stream?: boolean; mock?: Record<string, string> } = {}): BenchRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {
      'content-type': 'application/json',
      ...options.mock,
    },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Say hello to the benchmark.' },
      ],
      ...(options.stream ? { stream: true } : {}),
    }),
  };
}

const streamHeaders = { 'x-mock-chunk-size': '4', 'x-mock-reply': encodeURIComponent(STREAM_REPLY) };
const THROUGHPUT_WINDOW: LoadPlan = { durationMs: 3_000 };
const THROUGHPUT_WARMUP: LoadPlan = { durationMs: 1_000 };

export const scenarios: readonly Scenario[] = [
  {
    id: 'latency',
    title: '1. Non-streaming chat completion latency, concurrency 1',
    proxy: 'passthrough',
    call: jsonCall,
    request: chatRequest(),
    concurrency: 1,
    warmup: { requests: 300 },
    measure: { requests: 2_000 },
    metrics: latencyMetrics('latency', (c) => c.latencyMs, TARGET_MAX_ADDED_P50_MS),
  },
  {
    id: 'throughput',
    title: '2. Non-streaming throughput, concurrency 50, zero-latency upstream',
    note: 'Measures pure CPU cost: client, proxy and mock share the machine and the mock answers instantly.',
    proxy: 'passthrough',
    call: jsonCall,
    request: chatRequest(),
    concurrency: 50,
    warmup: THROUGHPUT_WARMUP,
    measure: THROUGHPUT_WINDOW,
    metrics: allOf(rateMetric('throughput', 'req/s', () => 1, TARGET_MIN_THROUGHPUT_SHARE), latencyMetrics('latency', (c) => c.latencyMs)),
  },
  {
    id: 'throughput-20ms',
    title: '2b. Non-streaming throughput, concurrency 50, upstream latency 20 ms (x-mock-latency-ms: 20)',
    note: 'Realistic: an upstream that takes time, so the ratio shows what the proxy costs when it is not the only work.',
    proxy: 'passthrough',
    call: jsonCall,
    request: chatRequest({ mock: { 'x-mock-latency-ms': '20' } }),
    concurrency: 50,
    warmup: THROUGHPUT_WARMUP,
    measure: THROUGHPUT_WINDOW,
    metrics: allOf(rateMetric('throughput', 'req/s', () => 1, TARGET_MIN_THROUGHPUT_SHARE), latencyMetrics('latency', (c) => c.latencyMs)),
  },
  {
    id: 'ttft',
    title: '3. Streaming time to first token, concurrency 1',
    note: `Time from sending the request to the first \`data:\` bytes; reply of ${STREAM_REPLY.length} chars in 4-char chunks.`,
    proxy: 'passthrough',
    call: sseCall,
    request: chatRequest({ stream: true, mock: streamHeaders }),
    concurrency: 1,
    warmup: { requests: 200 },
    measure: { requests: 1_000 },
    metrics: allOf(
      latencyMetrics('time to first token', (c) => c.firstEventMs, TARGET_MAX_ADDED_P50_MS),
      latencyMetrics('whole stream', (c) => c.latencyMs),
    ),
  },
  {
    id: 'ttft-paced',
    title: '3b. Streaming time to first token, concurrency 1, upstream paced like a model (2 ms between chunks)',
    note: 'In 3 the mock sends all ~100 events in one burst, so the first write waits for the whole burst to be re-framed; a model sends them one by one.',
    proxy: 'passthrough',
    call: sseCall,
    request: chatRequest({ stream: true, mock: { ...streamHeaders, 'x-mock-reply': encodeURIComponent(STREAM_REPLY.slice(0, 40)), 'x-mock-chunk-delay-ms': '2' } }),
    concurrency: 1,
    warmup: { requests: 30 },
    measure: { requests: 300 },
    metrics: latencyMetrics('time to first token', (c) => c.firstEventMs, TARGET_MAX_ADDED_P50_MS),
  },
  {
    id: 'chunks',
    title: '4. Streaming chunks/s, concurrency 50',
    note: `SSE \`data:\` events received per second; reply of ${STREAM_REPLY.length} chars in 4-char chunks (~100 events per stream).`,
    proxy: 'passthrough',
    call: sseCall,
    request: chatRequest({ stream: true, mock: streamHeaders }),
    concurrency: 50,
    warmup: THROUGHPUT_WARMUP,
    measure: THROUGHPUT_WINDOW,
    metrics: allOf(
      rateMetric('chunks', 'events/s', (c) => c.events ?? 0, TARGET_MIN_THROUGHPUT_SHARE),
      rateMetric('streams', 'streams/s', () => 1),
    ),
  },
];
