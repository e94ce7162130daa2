import type { Dispatcher } from 'undici';
import { runLoad, type LoadPlan, type LoadResult } from './load.ts';
import type { Metric } from './metrics.ts';
import type { Scenario } from './scenarios.ts';

export type Side = 'direct' | 'proxy';

/** Where one side's requests go, and the headers only that side sends. */
export interface Target {
  readonly side: Side;
  readonly dispatcher: Dispatcher;
  readonly headers: Readonly<Record<string, string>>;
}

/** A process whose CPU time is read before and after each measured part. */
export interface CpuMeter {
  readonly name: string;
  cpuMicros(): Promise<number>;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly direct: LoadResult;
  readonly proxy: LoadResult;
  readonly metrics: Metric[];
  /** Per side: CPU microseconds per call, by process name. */
  readonly cpuPerCall: Record<Side, Array<{ name: string; micros: number }>>;
}

/**
 * Measuring in alternating halves (direct, proxy, proxy, direct) spreads slow drift — CPU
 * frequency, JIT, GC of the client — over both sides instead of charging it to one.
 */
const ROUND_ORDER: readonly Side[][] = [
  ['direct', 'proxy'],
  ['proxy', 'direct'],
];

export async function runScenario(scenario: Scenario, targets: Record<Side, Target>, meters: readonly CpuMeter[]): Promise<ScenarioResult> {
  const load = (side: Side, plan: LoadPlan) =>
    runLoad(targets[side].dispatcher, scenario.call, scenario.request, targets[side].headers, scenario.concurrency, plan);

  await load('direct', scenario.warmup);
  await load('proxy', scenario.warmup);

  const parts: Record<Side, LoadResult[]> = { direct: [], proxy: [] };
  const cpu: Record<Side, number[]> = { direct: meters.map(() => 0), proxy: meters.map(() => 0) };
  const part = splitPlan(scenario.measure, ROUND_ORDER.length);
  for (const order of ROUND_ORDER) {
    for (const side of order) {
      const before = await Promise.all(meters.map((m) => m.cpuMicros()));
      parts[side].push(await load(side, part));
      const after = await Promise.all(meters.map((m) => m.cpuMicros()));
      after.forEach((t, i) => (cpu[side][i]! += t - before[i]!));
    }
  }
  const direct = merge(parts.direct);
  const proxy = merge(parts.proxy);
  const perCall = (side: Side, calls: number) => meters.map((m, i) => ({ name: m.name, micros: cpu[side][i]! / Math.max(1, calls) }));
  return {
    scenario,
    direct,
    proxy,
    metrics: scenario.metrics(direct, proxy),
    cpuPerCall: { direct: perCall('direct', direct.calls.length), proxy: perCall('proxy', proxy.calls.length) },
  };
}

function splitPlan(plan: LoadPlan, n: number): LoadPlan {
  return 'requests' in plan ? { requests: Math.ceil(plan.requests / n) } : { durationMs: plan.durationMs / n };
}

function merge(results: readonly LoadResult[]): LoadResult {
  return {
    calls: results.flatMap((r) => r.calls),
    elapsedMs: results.reduce((t, r) => t + r.elapsedMs, 0),
  };
}
