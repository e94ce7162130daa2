import { setTimeout as sleep } from 'node:timers/promises';
import type { MockBehaviour } from '../proxy/mock-upstream/behaviour.ts';
import { sseCall, type CallResult } from './load.ts';
import { sideLabel, type ProxyProfileName } from './profiles.ts';
import { table, versus, type TargetRow } from './report.ts';
import type { Role, Target } from './runner.ts';
import { chatRequest, prose } from './scenarios.ts';
import { summarise } from './stats.ts';

/**
 * Memory held per open stream: N slow streams held open at once through a proxy, its heap
 * sampled (after a full GC, in the proxy's own process) with none open and while all N are, for
 * the pass-through and the guarded profile. Issue 5 bounds what redaction adds: the guarded
 * proxy's heap per stream less pass-through's for the same streams, against the catalogue's
 * declared max holdback (`max_holdback` of `GET /v1/policy`) as UTF-16 bytes.
 *
 * Bounded means flat as a stream goes on, so the figure is also given per quarter of the
 * stream: the prose reply is several times the max holdback, longer than a header can carry,
 * so it is the default reply of a mock process of its own (MEMORY_MOCK).
 */

/** A proxy side as this part needs it: where to send, and its process's memory. */
export interface MemorySide {
  readonly profile: ProxyProfileName;
  readonly target: Target;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** `max_holdback` of the side's `GET /v1/policy`. */
  maxHoldback(): Promise<number>;
}

const STREAMS = 50;
/**
 * Large chunks, because every delta that arrives while text is held costs a scan of all the held
 * text: with model-sized chunks, 50 streams holding key blocks keep the proxy so busy that it
 * answers few samples.
 */
const CHUNK_CHARS = 512;
const PROSE_CHARS = 40_000;

/** The memory part's own mock upstream: its default reply is the long prose. */
export const MEMORY_MOCK: Partial<MockBehaviour> = { reply: prose(PROSE_CHARS), chunkSize: CHUNK_CHARS };

/** Let every stream get its headers and first chunks before the first sample. */
const FIRST_SAMPLE_MS = 300;
/** Each sample is a full GC in the proxy: sampled more often, it would slow the streams down. */
const SAMPLE_EVERY_MS = 250;
/** Bounds the sampling loop whatever the streams do (they normally end well before). */
const MAX_SAMPLES = 100;
/** Chunk interval of the paced warm-up: enough for one chunk per read, short enough to be quick. */
const WARM_CHUNK_DELAY_MS = 2;
/** Requests that ended torn down (responses closed, audit rows written) before an idle sample. */
const SETTLE_MS = 300;
/** Largest reply a header carries safely: Node refuses requests whose headers pass 16 KB. */
const HEADER_REPLY_CHARS = 9_000;

/**
 * Random-looking armour after a PGP private key header: every character extends the key rule's
 * possible match, so the streaming redactor must hold it all until its declared maximum, then
 * fail closed. Deterministic (xorshift32), so every run streams the same text.
 */
function keyBlock(chars: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n';
  let x = 0x9e3779b9;
  while (text.length < chars) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    text += (text.length + 1) % 65 === 0 ? '\n' : alphabet[(x >>> 0) % alphabet.length];
  }
  return text;
}

interface Reply {
  readonly name: string;
  /** What it is, and what the streaming redactor holds of it. */
  readonly about: string;
  readonly chars: number;
  /** Sent in `x-mock-reply`; undefined: MEMORY_MOCK's default reply. */
  readonly header: string | undefined;
  readonly chunkDelayMs: number;
}

const REPLIES: readonly Reply[] = [
  { name: 'prose', about: 'English prose, of which about a word is held', chars: PROSE_CHARS, header: undefined, chunkDelayMs: 40 },
  {
    name: 'key block',
    about: 'a PGP private key block, held whole up to the max holdback, then cut (fail closed)',
    chars: HEADER_REPLY_CHARS,
    header: keyBlock(HEADER_REPLY_CHARS),
    chunkDelayMs: 150,
  },
];

const chunks = (r: Reply) => Math.ceil(r.chars / CHUNK_CHARS);

interface Held {
  readonly idle: NodeJS.MemoryUsage;
  /** Samples taken while all streams were open, with their time from the start. */
  readonly open: ReadonlyArray<{ readonly ms: number; readonly m: NodeJS.MemoryUsage }>;
  readonly after: NodeJS.MemoryUsage;
  readonly calls: CallResult[];
}

const streamRequest = (text: string | undefined, chunkDelayMs: number) =>
  chatRequest({ stream: true, mock: { ...(text === undefined ? {} : { 'x-mock-reply': encodeURIComponent(text) }), 'x-mock-chunk-delay-ms': String(chunkDelayMs) } });

async function holdStreams(side: MemorySide, reply: Reply): Promise<Held> {
  const { dispatcher, headers } = side.target;
  // The same streams first, unpaced (the chunks arrive in bursts) and then 2 ms apart (one chunk
  // per read, the path the measured streams take): what the proxy builds once and keeps (code the
  // JIT compiles for either path, regex code, caches, a connection to the upstream per concurrent
  // stream) is then in the idle figure, not divided among the measured streams.
  for (const delayMs of [0, WARM_CHUNK_DELAY_MS]) {
    const warm = streamRequest(reply.header, delayMs);
    await Promise.all(Array.from({ length: STREAMS }, () => sseCall(dispatcher, warm, headers)));
  }
  await sleep(SETTLE_MS);
  const idle = await side.memory();
  const request = streamRequest(reply.header, reply.chunkDelayMs);
  let finished = 0;
  const started = performance.now();
  // Starts spread over one chunk interval: streams started together would all have a chunk in
  // flight at some samples and none at others.
  const calls = Array.from({ length: STREAMS }, (_, i) =>
    sleep((i * reply.chunkDelayMs) / STREAMS)
      .then(() => sseCall(dispatcher, request, headers))
      .finally(() => {
        finished += 1;
      }),
  );
  await sleep(reply.chunkDelayMs + FIRST_SAMPLE_MS);
  const open: Array<{ ms: number; m: NodeJS.MemoryUsage }> = [];
  for (let i = 0; i < MAX_SAMPLES && finished === 0; i += 1) {
    const ms = performance.now() - started;
    const m = await side.memory();
    // A stream that ended while the sample was taken makes it a sample of fewer than N.
    if (finished === 0) open.push({ ms, m });
    await sleep(SAMPLE_EVERY_MS);
  }
  const results = await Promise.all(calls);
  await sleep(SETTLE_MS);
  return { idle, open, after: await side.memory(), calls: results };
}

/** The JS heap: what streams' state (held text, parser and redactor state) occupies. */
const perStream = (m: NodeJS.MemoryUsage, idle: NodeJS.MemoryUsage) => (m.heapUsed - idle.heapUsed) / STREAMS;

/**
 * The median per-stream figure of each quarter of the stream's planned duration (the last takes
 * any overrun): code the JIT compiles now and then lands in single samples, and a median lets it
 * pass.
 */
function byQuarter(held: Held, reply: Reply): Array<number | undefined> {
  const duration = chunks(reply) * reply.chunkDelayMs;
  const quarters: number[][] = [[], [], [], []];
  for (const { ms, m } of held.open) quarters[Math.min(3, Math.floor((ms / duration) * 4))]!.push(perStream(m, held.idle));
  return quarters.map((q) => (q.length === 0 ? undefined : summarise(q).p50));
}

const kb = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '-' : `${(bytes / 1024).toFixed(1)} KB`);

export async function memoryPerStream(sides: Record<Role, MemorySide>): Promise<{ text: string; targets: TargetRow[] }> {
  const roles: Role[] = ['baseline', 'subject'];
  const holdback = { baseline: await sides.baseline.maxHoldback(), subject: await sides.subject.maxHoldback() };
  const bound = holdback.subject * 2;
  const rows = [['reply', 'side', 'idle heap', 'per stream: Q1', 'Q2', 'Q3', 'Q4', 'peak', 'RSS', 'after close', 'samples', 'streams ok']];
  const extra: Array<{ reply: string; bytes: number }> = [];
  const failures: string[] = [];
  for (const reply of REPLIES) {
    const peak = {} as Record<Role, number>;
    for (const role of roles) {
      const held = await holdStreams(sides[role], reply);
      const quarters = byQuarter(held, reply);
      // No sample at all (every stream failed at once): NaN, which meets no target.
      peak[role] = held.open.length === 0 ? Number.NaN : Math.max(...quarters.map((q) => q ?? -Infinity));
      const rss = Math.max(0, ...held.open.map(({ m }) => m.rss - held.idle.rss)) / STREAMS;
      const failed = held.calls.find((c) => !c.ok);
      if (failed) failures.push(`${reply.name} through ${sideLabel(sides[role].profile)}: ${failed.error ?? 'unknown error'}`);
      rows.push([
        `${reply.name}, ${reply.chars.toLocaleString('en-US')} chars in ${chunks(reply)} chunks ${reply.chunkDelayMs} ms apart`,
        sideLabel(sides[role].profile),
        `${(held.idle.heapUsed / 1024 / 1024).toFixed(1)} MB`,
        ...quarters.map(kb),
        kb(peak[role]),
        kb(rss),
        `${perStream(held.after, held.idle) >= 0 ? '+' : ''}${kb(perStream(held.after, held.idle))}`,
        String(held.open.length),
        `${held.calls.filter((c) => c.ok).length}/${STREAMS}`,
      ]);
    }
    extra.push({ reply: reply.name, bytes: peak.subject - peak.baseline });
  }
  const subject = sideLabel(sides.subject.profile);
  const baseline = sideLabel(sides.baseline.profile);
  const compares = versus(sides.subject.profile, sides.baseline.profile);
  const text = [
    `[memory] Memory per open stream: ${compares}`,
    `  ${STREAMS} streams held open at once through each proxy (its own mock upstream and proxy processes), ${CHUNK_CHARS}-char chunks.`,
    `  Proxy's JS heap after a full GC, idle and every ${SAMPLE_EVERY_MS} ms while all streams are open; per stream = (sample - idle) / ${STREAMS},`,
    '  median per quarter of the stream (flat from quarter to quarter: bounded) and the highest of those (peak); RSS: highest growth per stream,',
    '  a rough check (the heap grows inside memory already reserved); after close: what stays once the streams are over, per stream.',
    ...REPLIES.map((r) => `  ${r.name}: ${r.about}.`),
    `  Declared max holdback (GET /v1/policy max_holdback): ${baseline} ${holdback.baseline} chars, ${subject} ${holdback.subject.toLocaleString('en-US')} chars = ${kb(bound)} as UTF-16.`,
    ...failures.map((f) => `  WARNING: failed streams (${f}); their samples undercount`),
    table(rows),
    `  ${subject} over ${baseline}, peak per stream: ${extra.map((e) => `${e.reply} ${kb(e.bytes)}`).join(', ')}`,
    '',
  ].join('\n');
  const targets = extra.map((e) => ({
    part: 'memory',
    compares,
    what: `added heap per stream, ${e.reply}`,
    comparison: kb(e.bytes),
    target: { text: `<= max holdback (${kb(bound)})`, met: e.bytes <= bound },
  }));
  return { text, targets };
}
