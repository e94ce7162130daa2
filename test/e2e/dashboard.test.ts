/**
 * The Grafana dashboard against the proxy it shows: every metric its PromQL reads is one a running
 * Bulwark exports, and every metric of the telemetry contract has a panel. prom-client prints a
 * metric's `# TYPE` line before its first observation, so a fresh proxy lists them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, loadDashboard, metricNames } from '../helpers/dashboard.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

/** The metrics the dashboard is for (issue 7's contract with proxy/telemetry/metrics.ts). */
const CONTRACT = [
  'bulwark_requests_total',
  'bulwark_request_duration_seconds',
  'bulwark_upstream_duration_seconds',
  'bulwark_time_to_first_token_seconds',
  'bulwark_policy_findings_total',
  'bulwark_redactions_total',
  'bulwark_auth_failures_total',
  'bulwark_tokens_total',
  'bulwark_audit_write_errors_total',
  'bulwark_audit_write_seconds',
  'bulwark_rule_reloads_total',
  'bulwark_active_streams',
];

const HISTOGRAM_SERIES = /^(.+)_(bucket|sum|count)$/;

const dashboard = loadDashboard();
const queries = dashboardQueries(dashboard);
const namesRead = [...new Set(queries.flatMap((q) => metricNames(q.expr)))].sort();

/** `# TYPE <name> <type>` lines of an exposition. */
function metricTypes(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** A name as the dashboard writes it, resolved to the metric that exports it (a histogram's `_bucket` to the histogram). */
function exportedAs(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = HISTOGRAM_SERIES.exec(name)?.[1];
  return base !== undefined && ['histogram', 'summary'].includes(types.get(base) ?? '') ? base : undefined;
}

describe('metricNames', () => {
  it('finds the selected metrics and skips functions, keywords, labels, strings, ranges and variables', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, stage) (rate(a_seconds_bucket{route!~"/x|rate(b)", le!="1e3"}[$__rate_interval]))) ' +
          '/ on (job) group_left (instance) sum without (x) (b_total offset 5m) and bool c_gauge > 1e3 unless $model',
      ),
    ).toEqual(['a_seconds_bucket', 'b_total', 'c_gauge']);
  });
});

describe('the Grafana dashboard', () => {
  let stack: Stack;
  let types: Map<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    const res = await fetch(stack.bulwark.metricsUrl);
    expect(res.status).toBe(200);
    types = metricTypes(await res.text());
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('reads only metrics a running proxy exports', () => {
    expect(namesRead.length).toBeGreaterThan(0);
    const missing = namesRead.filter((name) => exportedAs(name, types) === undefined);
    expect(missing, `read by the dashboard, not exported by the proxy: ${missing.join(', ')}`).toEqual([]);
  });

  it('has a panel for every metric of the contract, and the proxy exports each of them', () => {
    const shown = new Set(namesRead.map((n) => HISTOGRAM_SERIES.exec(n)?.[1] ?? n));
    expect(CONTRACT.filter((name) => !shown.has(name)), 'contract metrics with no panel').toEqual([]);
    expect(CONTRACT.filter((name) => !types.has(name)), 'contract metrics the proxy does not export').toEqual([]);
  });

  it('histograms are read through their buckets, never as plain series', () => {
    const misread = namesRead.filter((name) => types.get(name) === 'histogram');
    expect(misread).toEqual([]);
  });
});

describe('the dashboard layout', () => {
  it('gives every panel a unique id, a place in the 24-column grid that no other panel covers, and queries', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Map<string, string>();
    for (const p of dashboard.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24, `${p.title} fits the grid`).toBe(true);
      for (let row = y; row < y + h; row++) {
        for (let col = x; col < x + w; col++) {
          const cell = `${row}:${col}`;
          expect(taken.get(cell), `${p.title} overlaps`).toBeUndefined();
          taken.set(cell, p.title);
        }
      }
      if (p.type !== 'row') expect(p.targets?.length ?? 0, `${p.title} has queries`).toBeGreaterThan(0);
    }
  });
});
