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

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly direct: LoadResult;
  readonly proxy: LoadResult;
  readonly metrics: Metric[];
}

/**
 * Measuring in alternating halves (direct, proxy, proxy, direct) spreads slow drift — CPU
 * frequency, JIT, GC of the client — over both sides instead of charging it to one.
 */
const ROUND_ORDER: readonly Side[][] = [
  ['direct', 'proxy'],
  ['proxy', 'direct'],
];

export async function runScenario(scenario: Scenario, targets: Record<Side, Target>): Promise<ScenarioResult> {
  const load = (side: Side, plan: LoadPlan) =>
    runLoad(targets[side].dispatcher, scenario.call, scenario.request, targets[side].headers, scenario.concurrency, plan);

  await load('direct', scenario.warmup);
  await load('proxy', scenario.warmup);

  const parts: Record<Side, LoadResult[]> = { direct: [], proxy: [] };
  const part = splitPlan(scenario.measure, ROUND_ORDER.length);
  for (const order of ROUND_ORDER) {
    for (const side of order) parts[side].push(await load(side, part));
  }
  const direct = merge(parts.direct);
  const proxy = merge(parts.proxy);
  return { scenario, direct, proxy, metrics: scenario.metrics(direct, proxy) };
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
