import { cpus } from 'node:os';
import type { LoadPlan, LoadResult } from './load.ts';
import type { Metric } from './metrics.ts';
import { sideLabel, type SideName } from './profiles.ts';
import { ROUND_ORDER, type Role, type ScenarioResult } from './runner.ts';

/** Plain-text report on stdout: one table per part, then the targets at a glance. */

export function header(placement: string): string {
  // All the machine's CPUs: availableParallelism() would count only the ones this (pinned) process may use.
  const all = cpus();
  const model = all[0]?.model.trim() ?? 'unknown CPU';
  return [
    'Bulwark bench: each comparison measures a SUBJECT side against a BASELINE side under the same load.',
    '  direct:       client -> mock upstream',
    '  bare:         client -> node:http + undici forwarder with no logic -> mock upstream (the floor of any Node.js proxy)',
    '  pass-through: client -> Bulwark with no rules -> mock upstream (issue 2: pass-through vs direct)',
    '  guarded:      client -> Bulwark with the default catalogue -> mock upstream (issue 5: guarded vs pass-through)',
    `node ${process.version}, ${process.platform}/${process.arch}, ${all.length} CPUs (${model})`,
    'Mock upstream and each proxy run in their own process; the load generator (undici) runs in this one.',
    placement,
    '',
  ].join('\n');
}

/** "guarded vs pass-through": how every comparison and target of a part is read. */
export const versus = (subject: SideName, baseline: SideName) => `${sideLabel(subject)} vs ${sideLabel(baseline)}`;

/** One line of the summary: a figure with a target, from a scenario or another part. */
export interface TargetRow {
  readonly part: string;
  readonly compares: string;
  readonly what: string;
  readonly comparison: string;
  /** Undefined: a reference figure (the floor), shown without a target. */
  readonly target: { readonly text: string; readonly met: boolean } | undefined;
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

export const verdict = (target: TargetRow['target']) => (target ? `${target.text}: ${target.met ? 'PASS' : 'MISS'}` : '');

export function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd()).join('\n');
}

/** Processes idle on a side (a proxy while the other side runs) are left out. */
function cpuLine(result: ScenarioResult, role: Role): string {
  const used = result.cpuPerCall[role].filter((p) => p.micros >= 1);
  return `${sideLabel(result.scenario[role])}: ${used.map((p) => `${p.name} ${Math.round(p.micros)}`).join(', ')}`;
}

export function scenarioSection(result: ScenarioResult): string {
  const { scenario: s, baseline, subject } = result;
  const failures = [...baseline.calls, ...subject.calls].find((c) => !c.ok);
  const rows = [
    ['metric', sideLabel(s.baseline), sideLabel(s.subject), versus(s.subject, s.baseline), 'target'],
    ...result.metrics.map((m: Metric) => [m.label, figure(m.baseline, m.unit), figure(m.subject, m.unit), m.comparison, verdict(m.target)]),
  ];
  return [
    `[${s.id}] ${s.title}: ${versus(s.subject, s.baseline)}`,
    ...(s.note ? [`  ${s.note}`] : []),
    `  concurrency ${s.concurrency}; warm-up ${plan(s.warmup)} per side (not counted); measured ${plan(s.measure)} per side in ${ROUND_ORDER.length} alternating slices`,
    `  ${sideLabel(s.baseline)}: ${count(baseline)}; ${sideLabel(s.subject)}: ${count(subject)}`,
    `  CPU per call (us, user+system): ${cpuLine(result, 'baseline')}; ${cpuLine(result, 'subject')}`,
    ...(failures ? [`  WARNING: failed calls, e.g. ${failures.error ?? 'unknown error'}; figures use successful calls only`] : []),
    table(rows),
    '',
  ].join('\n');
}

export function scenarioTargets(result: ScenarioResult): TargetRow[] {
  const { scenario: s } = result;
  const row = (m: Metric): TargetRow => ({ part: s.id, compares: versus(s.subject, s.baseline), what: m.label, comparison: m.comparison, target: m.target });
  const targeted = result.metrics.filter((m) => m.target);
  // A scenario with no target (the floor) is summed up by its headline figure.
  return targeted.length > 0 ? targeted.map(row) : result.metrics.slice(0, 1).map(row);
}

export function targetSummary(rows: readonly TargetRow[]): string {
  if (rows.length === 0) return '';
  return [
    'Targets at a glance (floor: bare forwarder vs direct, no target; issue 2: pass-through vs direct; issue 5: guarded vs pass-through)',
    table([['part', 'compares', 'metric', 'measured', 'target'], ...rows.map((r) => [r.part, r.compares, r.what, r.comparison, verdict(r.target)])]),
    '',
  ].join('\n');
}
