import type { Dispatcher } from 'undici';

/** One HTTP request the bench sends, identical on both sides of a comparison. */
export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What one call measured. Times are milliseconds from just before the request was sent. */
export interface CallResult {
  readonly ok: boolean;
  readonly latencyMs: number;
  /**
   * Streaming only: until the first event whose delta carries text. Not the first event: that
   * is the role chunk with empty content, which a proxy can pass on while it still holds text.
   */
  readonly firstTokenMs?: number;
  /** Streaming only: SSE events carrying `data:` (`[DONE]` included). */
  readonly events?: number;
  readonly error?: string;
}

export type Call = (dispatcher: Dispatcher, request: BenchRequest, extraHeaders: Readonly<Record<string, string>>) => Promise<CallResult>;

/** Bounded by a request count or a time window; either way the loop ends by itself. */
export type LoadPlan = { readonly requests: number } | { readonly durationMs: number };

export interface LoadResult {
  readonly calls: CallResult[];
  readonly elapsedMs: number;
}

/** Ceiling for time-window plans, so a surprisingly fast machine cannot grow the sample arrays without bound. */
const MAX_WINDOW_REQUESTS = 500_000;

/** `concurrency` closed loops, each sending its next request as soon as the previous one finished. */
export async function runLoad(
  dispatcher: Dispatcher,
  call: Call,
  request: BenchRequest,
  extraHeaders: Readonly<Record<string, string>>,
  concurrency: number,
  plan: LoadPlan,
): Promise<LoadResult> {
  const calls: CallResult[] = [];
  const started = performance.now();
  const limit = 'requests' in plan ? plan.requests : MAX_WINDOW_REQUESTS;
  const deadline = 'durationMs' in plan ? started + plan.durationMs : Number.POSITIVE_INFINITY;
  let issued = 0;
  const loop = async () => {
    while (issued < limit && performance.now() < deadline) {
      issued += 1;
      calls.push(await call(dispatcher, request, extraHeaders));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { calls, elapsedMs: performance.now() - started };
}

function send(dispatcher: Dispatcher, request: BenchRequest, extraHeaders: Readonly<Record<string, string>>) {
  return dispatcher.request({
    method: request.method,
    path: request.path,
    headers: { ...request.headers, ...extraHeaders },
    body: request.body ?? null,
  });
}

/** A plain request: latency until the whole body has arrived. */
export const jsonCall: Call = async (dispatcher, request, extraHeaders) => {
  const start = performance.now();
  try {
    const res = await send(dispatcher, request, extraHeaders);
    await res.body.text();
    const ok = res.statusCode === 200;
    return { ok, latencyMs: performance.now() - start, ...(ok ? {} : { error: `status ${res.statusCode}` }) };
  } catch (err) {
    return { ok: false, latencyMs: performance.now() - start, error: (err as Error).message };
  }
};

/** A streamed request: time to the first text, events counted, ok only if `[DONE]` came. */
export const sseCall: Call = async (dispatcher, request, extraHeaders) => {
  const start = performance.now();
  try {
    const res = await send(dispatcher, request, extraHeaders);
    const counter = sseCounter();
    let firstTokenMs: number | undefined;
    for await (const chunk of res.body) {
      // latin1: counting framing needs no real decoding and never splits a character.
      counter.feed((chunk as Buffer).toString('latin1'));
      if (firstTokenMs === undefined && counter.sawText()) firstTokenMs = performance.now() - start;
    }
    const ok = res.statusCode === 200 && counter.sawDone();
    return {
      ok,
      latencyMs: performance.now() - start,
      ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
      events: counter.events(),
      ...(ok ? {} : { error: res.statusCode === 200 ? 'stream ended without [DONE]' : `status ${res.statusCode}` }),
    };
  } catch (err) {
    return { ok: false, latencyMs: performance.now() - start, error: (err as Error).message };
  }
};

/**
 * Non-empty `content` in a chunk as JSON.stringify writes it (the mock and Bulwark both do): a
 * string test rather than JSON.parse, so that the client's own CPU stays small next to what it
 * measures.
 */
const TEXT = /"content":"[^"]/;

/** Counts complete SSE events that carry a `data:` line, across arbitrary chunk boundaries. */
export function sseCounter() {
  let pending = '';
  let events = 0;
  let text = false;
  let done = false;
  return {
    feed(chunk: string) {
      pending += chunk;
      let from = 0;
      for (let cut = pending.indexOf('\n\n', from); cut !== -1; cut = pending.indexOf('\n\n', from)) {
        const block = pending.slice(from, cut);
        if (block.startsWith('data:') || block.includes('\ndata:')) events += 1;
        if (!text && TEXT.test(block)) text = true;
        if (block === 'data: [DONE]') done = true;
        from = cut + 2;
      }
      pending = pending.slice(from);
    },
    sawText: () => text,
    sawDone: () => done,
    events: () => events,
  };
}
