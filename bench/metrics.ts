import type { CallResult, LoadResult } from './load.ts';
import { summarise } from './stats.ts';

/**
 * One line of the report: the same figure measured on a scenario's BASELINE side and on its
 * SUBJECT side. Comparisons and targets are relative to the baseline, whichever side it is; the
 * report names it.
 */
export interface Metric {
  readonly label: string;
  readonly unit: string;
  readonly baseline: number;
  readonly subject: number;
  /** How the subject compares, e.g. "+0.31 ms (1.9x)" or "84.0%" (of the baseline). */
  readonly comparison: string;
  readonly target?: { readonly text: string; readonly met: boolean };
}

export type MetricsOf = (baseline: LoadResult, subject: LoadResult) => Metric[];

const okCalls = (r: LoadResult) => r.calls.filter((c) => c.ok);

/** p50 and p99 of a per-call time; the target, if any, bounds the subject's added p50. */
export function latencyMetrics(
  label: string,
  pick: (c: CallResult) => number | undefined,
  maxAddedP50Ms?: number,
): MetricsOf {
  const times = (r: LoadResult) => okCalls(r).flatMap((c) => pick(c) ?? []);
  return (baseline, subject) => {
    const b = summarise(times(baseline));
    const s = summarise(times(subject));
    const added = (x: number, y: number) => `${y - x >= 0 ? '+' : ''}${(y - x).toFixed(3)} ms (${(y / x).toFixed(2)}x)`;
    return [
      {
        label: `${label} p50`,
        unit: 'ms',
        baseline: b.p50,
        subject: s.p50,
        comparison: added(b.p50, s.p50),
        ...(maxAddedP50Ms === undefined
          ? {}
          : { target: { text: `added p50 < ${maxAddedP50Ms} ms`, met: s.p50 - b.p50 < maxAddedP50Ms } }),
      },
      { label: `${label} p99`, unit: 'ms', baseline: b.p99, subject: s.p99, comparison: added(b.p99, s.p99) },
    ];
  };
}

/** Completed units per second of the measured window; the target, if any, is a minimum share of the baseline's. */
export function rateMetric(label: string, unit: string, count: (c: CallResult) => number, minShare?: number): MetricsOf {
  const rate = (r: LoadResult) => okCalls(r).reduce((n, c) => n + count(c), 0) / (r.elapsedMs / 1000);
  return (baseline, subject) => {
    const b = rate(baseline);
    const s = rate(subject);
    const share = s / b;
    return [
      {
        label,
        unit,
        baseline: b,
        subject: s,
        comparison: `${(share * 100).toFixed(1)}%`,
        ...(minShare === undefined ? {} : { target: { text: `>= ${Math.round(minShare * 100)}%`, met: share >= minShare } }),
      },
    ];
  };
}

export function allOf(...parts: MetricsOf[]): MetricsOf {
  return (baseline, subject) => parts.flatMap((m) => m(baseline, subject));
}
