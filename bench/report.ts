import { availableParallelism, cpus } from 'node:os';
import type { LoadPlan, LoadResult } from './load.ts';
import type { Metric } from './metrics.ts';
import type { ScenarioResult, Side } from './runner.ts';

/** Plain-text report on stdout: one table per scenario, then the targets at a glance. */

export function header(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    'Bulwark bench: DIRECT (client -> mock upstream) vs PROXY (client -> Bulwark -> mock upstream)',
    `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs (${model})`,
    'Mock upstream and proxy each run in their own process; the load generator (undici) runs in this one.',
    '',
  ].join('\n');
}

const plan = (p: LoadPlan) => ('requests' in p ? `${p.requests} requests` : `${(p.durationMs / 1000).toFixed(1)} s`);

function count(r: LoadResult): string {
  const failed = r.calls.filter((c) => !c.ok).length;
  return `${r.calls.length - failed} ok${failed ? `, ${failed} FAILED` : ''} in ${(r.elapsedMs / 1000).toFixed(2)} s`;
}

function figure(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  return unit === 'ms' ? `${value.toFixed(3)} ms` : `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

const verdict = (m: Metric) => (m.target ? `${m.target.text}: ${m.target.met ? 'PASS' : 'MISS'}` : '');

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd()).join('\n');
}

/** Processes idle on a side (the proxy during DIRECT) are left out. */
function cpuLine(result: ScenarioResult, side: Side): string {
  const used = result.cpuPerCall[side].filter((p) => p.micros >= 1);
  return `${side} ${used.map((p) => `${p.name} ${Math.round(p.micros)}`).join(', ')}`;
}

export function scenarioSection(result: ScenarioResult): string {
  const { scenario: s, direct, proxy } = result;
  const failures = [...direct.calls, ...proxy.calls].find((c) => !c.ok);
  const rows = [
    ['metric', 'direct', 'proxy', 'proxy vs direct', 'target'],
    ...result.metrics.map((m) => [m.label, figure(m.direct, m.unit), figure(m.proxy, m.unit), m.comparison, verdict(m)]),
  ];
  return [
    s.title,
    ...(s.note ? [`  ${s.note}`] : []),
    `  concurrency ${s.concurrency}; warm-up ${plan(s.warmup)} per side (not counted); measured ${plan(s.measure)} per side in 2 alternating halves`,
    `  direct: ${count(direct)}; proxy: ${count(proxy)}`,
    `  CPU per call (us, user+system): ${cpuLine(result, 'direct')}; ${cpuLine(result, 'proxy')}`,
    ...(failures ? [`  WARNING: failed calls, e.g. ${failures.error ?? 'unknown error'}; figures use successful calls only`] : []),
    table(rows),
    '',
  ].join('\n');
}

export function targetSummary(results: readonly ScenarioResult[]): string {
  const rows = results.flatMap((r) =>
    r.metrics.filter((m) => m.target).map((m) => [r.scenario.title.split(' ')[0]!, m.label, m.comparison, verdict(m)]),
  );
  return [
    'Targets from the issue, for pure pass-through (no rules, no audit): added p50 < 0.5 ms, throughput >= 80% of direct',
    table(rows),
    '',
  ].join('\n');
}
