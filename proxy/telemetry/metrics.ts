import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { RequestRecord } from '../request-record.ts';

/** LLM calls run for minutes: prom-client's default buckets stop at 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];

/** Routes Bulwark knows by name; any other path is folded to `/v1/<first segment>` to keep labels bounded. */
const NAMED_ROUTES = new Set(['/healthz', '/readyz', '/token', '/v1/chat/completions', '/v1/rbac/roles', '/v1/admin/keys', '/v1/policy', '/v1/policy/reload']);

export function routeLabel(path: string): string {
  if (NAMED_ROUTES.has(path)) return path;
  const segment = /^\/v1\/([a-z_]+)/.exec(path)?.[1];
  return segment ? `/v1/${segment}` : 'other';
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Every metric Bulwark exports, defined here and nowhere else. Labels never carry ids or content. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'bulwark_requests_total',
    help: 'Requests served, by route, method, status, outcome and role.',
    labelNames: ['route', 'method', 'status', 'outcome', 'role'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'bulwark_request_duration_seconds',
    help: 'Time from arrival to the end of the response (streams included), by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'bulwark_auth_failures_total',
    help: 'Requests refused by authentication or authorisation, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  const findings = new Counter({
    name: 'bulwark_policy_findings_total',
    help: 'Policy findings, by rule, category, direction and disposition (block, redact, log, would_block, would_redact).',
    labelNames: ['rule', 'category', 'direction', 'disposition'] as const,
    registers: [registry],
  });
  const ruleReloads = new Counter({
    name: 'bulwark_rule_reloads_total',
    help: 'Rule catalogue reloads, by result (success, failure).',
    labelNames: ['result'] as const,
    registers: [registry],
  });

  // The audit trail's own health: a failed write is traffic that went unaudited (open mode) or was refused (closed).
  const auditWriteErrors = new Counter({
    name: 'bulwark_audit_write_errors_total',
    help: 'Audit writes that failed, by stage (intake: the row at arrival; final: the row at the end; dropped: a final row given up after retries).',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const auditWriteDuration = new Histogram({
    name: 'bulwark_audit_write_seconds',
    help: 'Time of one audit write, by stage (intake: one insert; final: one batch of finalised rows).',
    labelNames: ['stage'] as const,
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });

  return {
    registry,
    ruleReloads,
    auditWriteErrors,
    auditWriteDuration,
    observeRequest(record: RequestRecord, status: number, durationMs: number): void {
      const route = routeLabel(record.route);
      const outcome = record.outcome ?? 'error';
      requests.inc({ route, method: record.method, status: String(status), outcome, role: record.role ?? 'none' });
      requestDuration.observe({ route, outcome }, durationMs / 1000);
      if (record.denial) authFailures.inc({ reason: record.denial });
      for (const f of record.findings) findings.inc({ rule: f.ruleId, category: f.category, direction: f.direction, disposition: f.disposition });
    },
  };
}
