import type { Dispatcher } from 'undici';
import { runLoad, type LoadPlan, type LoadResult } from './load.ts';
import type { Metric } from './metrics.ts';
import type { SideName } from './profiles.ts';
import type { Scenario } from './scenarios.ts';

/** A scenario's two sides: what is compared against, and what is measured against it. */
export type Role = 'baseline' | 'subject';

/** Where one side's requests go, and the headers only that side sends. */
export interface Target {
  readonly side: SideName;
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
  readonly baseline: LoadResult;
  readonly subject: LoadResult;
  readonly metrics: Metric[];
  /** Per side: CPU microseconds per call, by process name. */
  readonly cpuPerCall: Record<Role, Array<{ name: string; micros: number }>>;
}

/**
 * Measuring in alternating slices (baseline, subject, subject, baseline, twice over) spreads slow
 * drift — CPU frequency, JIT, GC of the client, a neighbour on a shared machine — over both sides
 * instead of charging it to one.
 */
export const ROUND_ORDER: readonly Role[][] = [
  ['baseline', 'subject'],
  ['subject', 'baseline'],
  ['baseline', 'subject'],
  ['subject', 'baseline'],
];

export async function runScenario(scenario: Scenario, targets: Record<Role, Target>, meters: readonly CpuMeter[]): Promise<ScenarioResult> {
  const load = (role: Role, plan: LoadPlan) =>
    runLoad(targets[role].dispatcher, scenario.call, scenario.request, targets[role].headers, scenario.concurrency, plan);

  await load('baseline', scenario.warmup);
  await load('subject', scenario.warmup);

  const parts: Record<Role, LoadResult[]> = { baseline: [], subject: [] };
  const cpu: Record<Role, number[]> = { baseline: meters.map(() => 0), subject: meters.map(() => 0) };
  const part = splitPlan(scenario.measure, ROUND_ORDER.length);
  for (const order of ROUND_ORDER) {
    for (const role of order) {
      const before = await Promise.all(meters.map((m) => m.cpuMicros()));
      parts[role].push(await load(role, part));
      const after = await Promise.all(meters.map((m) => m.cpuMicros()));
      after.forEach((t, i) => (cpu[role][i]! += t - before[i]!));
    }
  }
  const baseline = merge(parts.baseline);
  const subject = merge(parts.subject);
  const perCall = (role: Role, calls: number) => meters.map((m, i) => ({ name: m.name, micros: cpu[role][i]! / Math.max(1, calls) }));
  return {
    scenario,
    baseline,
    subject,
    metrics: scenario.metrics(baseline, subject),
    cpuPerCall: { baseline: perCall('baseline', baseline.calls.length), subject: perCall('subject', subject.calls.length) },
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
