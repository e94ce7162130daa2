import { jsonCall, sseCall, type BenchRequest, type Call, type LoadPlan } from './load.ts';
import { allOf, latencyMetrics, rateMetric, type MetricsOf } from './metrics.ts';
import type { SideName } from './profiles.ts';

/**
 * One measurement: the same request sent to a BASELINE side and a SUBJECT side under the same
 * load, each side being the mock upstream called directly or a proxy profile (profiles.ts).
 * To add one, append to `scenarios`; if it needs other proxy settings, add a profile.
 */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Extra context printed under the title. */
  readonly note?: string;
  readonly baseline: SideName;
  readonly subject: SideName;
  readonly call: Call;
  readonly request: BenchRequest;
  readonly concurrency: number;
  /** Per side, not counted. */
  readonly warmup: LoadPlan;
  /** Per side, split over the runner's alternating rounds. */
  readonly measure: LoadPlan;
  readonly metrics: MetricsOf;
}

/** Which two sides a group of scenarios compares, and the issue's targets for that comparison. */
interface Comparison {
  readonly baseline: SideName;
  readonly subject: SideName;
  /** Largest added p50 of the time to first token (and, where it has a target, of latency); undefined: no target. */
  readonly maxAddedP50Ms: number | undefined;
  /** Smallest share of the baseline's rates (requests/s, chunks/s); undefined: no target. */
  readonly minShare: number | undefined;
}

/** Issue 2: what the proxy's fixed pipeline, with no rules, adds to a direct call. */
const PASS_THROUGH: Comparison = { baseline: 'direct', subject: 'passthrough', maxAddedP50Ms: 0.5, minShare: 0.8 };
/**
 * The floor, for reading issue 2's figures: what the bare forwarder (node:http + undici, no logic)
 * adds to a direct call on this machine. No target: it is what any Node.js proxy pays for the hop.
 */
const FLOOR: Comparison = { baseline: 'direct', subject: 'bare', maxAddedP50Ms: undefined, minShare: undefined };
/** Issue 5: what the full catalogue (answer redaction above all) adds to pass-through. */
const GUARDED: Comparison = { baseline: 'passthrough', subject: 'guarded', maxAddedP50Ms: 1, minShare: 0.8 };

/** English prose of `chars` characters: what the streaming redactor sees most. */
export function prose(chars: number): string {
  const sentence = 'The quick brown fox jumps over the lazy dog. ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

/** A few hundred characters: with `x-mock-chunk-size: 4` each stream has ~100 content chunks. */
const STREAM_REPLY = prose(400);

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
/**
 * What every server process serves right after it starts, before any scenario measures it. Its
 * JIT settles only after thousands of requests: at concurrency 1 a fresh pass-through proxy's
 * p50 fell from 1.13 ms to about 0.8 ms over its first 7,000, the bare forwarder's from 0.80 to
 * about 0.67 ms over its first 3,000. A scenario's own warm-up (a few hundred calls at
 * concurrency 1) would leave that settling in the measured slices, charged to whichever side
 * was started last; a proxy in service is long past it. Both kinds of call, at concurrency 50.
 */
export const PROCESS_WARMUP: ReadonlyArray<{ readonly call: Call; readonly request: BenchRequest; readonly requests: number }> = [
  { call: jsonCall, request: chatRequest(), requests: 8_000 },
  { call: sseCall, request: chatRequest({ stream: true, mock: streamHeaders }), requests: 2_000 },
];
export const PROCESS_WARMUP_CONCURRENCY = 50;

const THROUGHPUT_WINDOW: LoadPlan = { durationMs: 4_000 };
const THROUGHPUT_WARMUP: LoadPlan = { durationMs: 1_000 };

/** The scenarios both comparisons run; `prefix` keeps their ids apart ('' keeps the issue-2 ids). */
function shared(c: Comparison, prefix: string, latencyTarget: boolean): Record<'latency' | 'ttft' | 'ttftPaced' | 'chunks', Scenario> {
  const sides = { baseline: c.baseline, subject: c.subject };
  return {
    latency: {
      id: `${prefix}latency`,
      title: 'Non-streaming chat completion latency, concurrency 1',
      ...sides,
      call: jsonCall,
      request: chatRequest(),
      concurrency: 1,
      warmup: { requests: 300 },
      measure: { requests: 2_000 },
      metrics: latencyMetrics('latency', (r) => r.latencyMs, latencyTarget ? c.maxAddedP50Ms : undefined),
    },
    ttft: {
      id: `${prefix}ttft`,
      title: 'Streaming time to first token, concurrency 1',
      note: `From sending the request to the first event carrying text; reply of ${STREAM_REPLY.length} chars in 4-char chunks.`,
      ...sides,
      call: sseCall,
      request: chatRequest({ stream: true, mock: streamHeaders }),
      concurrency: 1,
      warmup: { requests: 200 },
      measure: { requests: 1_000 },
      metrics: allOf(
        latencyMetrics('time to first token', (r) => r.firstTokenMs, c.maxAddedP50Ms),
        latencyMetrics('whole stream', (r) => r.latencyMs),
      ),
    },
    ttftPaced: {
      id: `${prefix}ttft-paced`,
      title: 'Streaming time to first token, concurrency 1, upstream paced like a model (2 ms between chunks)',
      note: 'In ttft the mock sends all ~100 events in one burst, so the first write waits for the whole burst to be re-framed; a model sends them one by one.',
      ...sides,
      call: sseCall,
      request: chatRequest({ stream: true, mock: { ...streamHeaders, 'x-mock-reply': encodeURIComponent(STREAM_REPLY.slice(0, 40)), 'x-mock-chunk-delay-ms': '2' } }),
      concurrency: 1,
      warmup: { requests: 30 },
      measure: { requests: 300 },
      metrics: latencyMetrics('time to first token', (r) => r.firstTokenMs, c.maxAddedP50Ms),
    },
    chunks: {
      id: `${prefix}chunks`,
      title: 'Streaming chunks/s, concurrency 50',
      note: `SSE \`data:\` events received per second; reply of ${STREAM_REPLY.length} chars in 4-char chunks (~100 events per stream).`,
      ...sides,
      call: sseCall,
      request: chatRequest({ stream: true, mock: streamHeaders }),
      concurrency: 50,
      warmup: THROUGHPUT_WARMUP,
      measure: THROUGHPUT_WINDOW,
      metrics: allOf(rateMetric('chunks', 'events/s', (r) => r.events ?? 0, c.minShare), rateMetric('streams', 'streams/s', () => 1)),
    },
  };
}

/** Non-streaming throughput at concurrency 50: issue 2 only (issue 5 is about answers streamed through the redactor). */
function throughput(c: Comparison, id: string, upstreamLatencyMs: number): Scenario {
  const latency = upstreamLatencyMs > 0;
  return {
    id,
    title: `Non-streaming throughput, concurrency 50, ${latency ? `upstream latency ${upstreamLatencyMs} ms (x-mock-latency-ms)` : 'zero-latency upstream'}`,
    note: latency
      ? 'Realistic: an upstream that takes time, so the ratio shows what the proxy costs when it is not the only work.'
      : 'Measures pure CPU cost: the mock answers instantly, so the CPU the proxy spends per request sets the pace.',
    baseline: c.baseline,
    subject: c.subject,
    call: jsonCall,
    request: chatRequest(latency ? { mock: { 'x-mock-latency-ms': String(upstreamLatencyMs) } } : {}),
    concurrency: 50,
    warmup: THROUGHPUT_WARMUP,
    measure: THROUGHPUT_WINDOW,
    metrics: allOf(rateMetric('throughput', 'req/s', () => 1, c.minShare), latencyMetrics('latency', (r) => r.latencyMs)),
  };
}

const passThrough = shared(PASS_THROUGH, '', true);
const floor = shared(FLOOR, 'floor-', false);

export const scenarios: readonly Scenario[] = [
  floor.latency,
  throughput(FLOOR, 'floor-throughput', 0),
  throughput(FLOOR, 'floor-throughput-20ms', 20),
  floor.ttft,
  floor.ttftPaced,
  floor.chunks,
  passThrough.latency,
  throughput(PASS_THROUGH, 'throughput', 0),
  throughput(PASS_THROUGH, 'throughput-20ms', 20),
  passThrough.ttft,
  passThrough.ttftPaced,
  passThrough.chunks,
  // Issue 5 sets no target on non-streaming latency: it is shown for the cost of scanning and redacting whole bodies.
  ...Object.values(shared(GUARDED, 'guarded-', false)),
];
