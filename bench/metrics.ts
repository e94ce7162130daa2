import type { CallResult, LoadResult } from './load.ts';
import { summarise } from './stats.ts';

/** One line of the report: the same figure measured DIRECT and through the PROXY. */
export interface Metric {
  readonly label: string;
  readonly unit: string;
  readonly direct: number;
  readonly proxy: number;
  /** How the proxy compares, e.g. "+0.31 ms (1.9x)" or "84% of direct". */
  readonly comparison: string;
  readonly target?: { readonly text: string; readonly met: boolean };
}

export type MetricsOf = (direct: LoadResult, proxy: LoadResult) => Metric[];

const okCalls = (r: LoadResult) => r.calls.filter((c) => c.ok);

/** p50 and p99 of a per-call time; the target, if any, bounds the proxy's added p50. */
export function latencyMetrics(
  label: string,
  pick: (c: CallResult) => number | undefined,
  maxAddedP50Ms?: number,
): MetricsOf {
  const times = (r: LoadResult) => okCalls(r).flatMap((c) => pick(c) ?? []);
  return (direct, proxy) => {
    const d = summarise(times(direct));
    const p = summarise(times(proxy));
    const added = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(3)} ms (${(b / a).toFixed(2)}x)`;
    return [
      {
        label: `${label} p50`,
        unit: 'ms',
        direct: d.p50,
        proxy: p.p50,
        comparison: added(d.p50, p.p50),
        ...(maxAddedP50Ms === undefined
          ? {}
          : { target: { text: `added p50 < ${maxAddedP50Ms} ms`, met: p.p50 - d.p50 < maxAddedP50Ms } }),
      },
      { label: `${label} p99`, unit: 'ms', direct: d.p99, proxy: p.p99, comparison: added(d.p99, p.p99) },
    ];
  };
}

/** Completed units per second of the measured window; the target, if any, is a minimum share of direct. */
export function rateMetric(label: string, unit: string, count: (c: CallResult) => number, minShare?: number): MetricsOf {
  const rate = (r: LoadResult) => okCalls(r).reduce((n, c) => n + count(c), 0) / (r.elapsedMs / 1000);
  return (direct, proxy) => {
    const d = rate(direct);
    const p = rate(proxy);
    const share = p / d;
    return [
      {
        label,
        unit,
        direct: d,
        proxy: p,
        comparison: `${(share * 100).toFixed(1)}% of direct`,
        ...(minShare === undefined ? {} : { target: { text: `>= ${Math.round(minShare * 100)}% of direct`, met: share >= minShare } }),
      },
    ];
  };
}

export function allOf(...parts: MetricsOf[]): MetricsOf {
  return (direct, proxy) => parts.flatMap((m) => m(direct, proxy));
}
