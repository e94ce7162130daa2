import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
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

/** The model label of a request without one (passthrough routes, refused requests). */
export const NO_MODEL = 'none';
/** The model label of every model outside the allow-list. */
export const OTHER_MODEL = 'other';

/**
 * Model names are the caller's to choose: labelled as they are, each new one would be a new
 * series. Only the configured names (exact, no globs: a glob would let callers mint names again)
 * keep theirs; every other model is `other`.
 */
export function modelLabeller(models: readonly string[]): (model: string | undefined) => string {
  const known = new Set(models);
  return (model) => (model === undefined ? NO_MODEL : known.has(model) ? model : OTHER_MODEL);
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Every metric Bulwark exports, defined here and nowhere else. Labels never carry ids or content. */
export function createMetrics({ models }: { models: readonly string[] }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const modelLabel = modelLabeller(models);

  const requests = new Counter({
    name: 'bulwark_requests_total',
    help: 'Requests served, by route, method, status, outcome, role and model (models outside METRICS_MODELS are "other").',
    labelNames: ['route', 'method', 'status', 'outcome', 'role', 'model'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'bulwark_request_duration_seconds',
    help: 'Time from arrival to the end of the response (streams included), by route and outcome.',
    labelNames: ['route', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'bulwark_upstream_duration_seconds',
    help: "Time from calling the upstream to its response headers, by route and model (routes whose bodies Bulwark reads).",
    labelNames: ['route', 'model'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const timeToFirstToken = new Histogram({
    name: 'bulwark_time_to_first_token_seconds',
    help: 'Streams only: time from arrival to the first event of the answer, by route and model.',
    labelNames: ['route', 'model'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'bulwark_tokens_total',
    help: 'Tokens the upstream reported using, by model and type (input, output).',
    labelNames: ['model', 'type'] as const,
    registers: [registry],
  });
  const activeStreams = new Gauge({
    name: 'bulwark_active_streams',
    help: 'Streamed answers in flight: from their response headers to their end, whatever ended them.',
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
  const redactions = new Counter({
    name: 'bulwark_redactions_total',
    help: 'Matches replaced by their label, by rule and direction (input: before forwarding; output: in the answer).',
    labelNames: ['rule', 'direction'] as const,
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
    activeStreams,
    /** Everything one finished request adds, read from its record. */
    observeRequest(record: RequestRecord, status: number, durationMs: number): void {
      const route = routeLabel(record.route);
      const outcome = record.outcome ?? 'error';
      const model = modelLabel(record.model);
      requests.inc({ route, method: record.method, status: String(status), outcome, role: record.role ?? 'none', model });
      requestDuration.observe({ route, outcome }, durationMs / 1000);
      if (record.upstreamMs !== undefined) upstreamDuration.observe({ route, model }, record.upstreamMs / 1000);
      if (record.stream && record.firstByteMs !== undefined) timeToFirstToken.observe({ route, model }, record.firstByteMs / 1000);
      if (record.usage) {
        tokens.inc({ model, type: 'input' }, record.usage.input);
        tokens.inc({ model, type: 'output' }, record.usage.output);
      }
      if (record.denial) authFailures.inc({ reason: record.denial });
      for (const f of record.findings) {
        findings.inc({ rule: f.ruleId, category: f.category, direction: f.direction, disposition: f.disposition });
        if (f.disposition === 'redact') redactions.inc({ rule: f.ruleId, direction: f.direction });
      }
    },
  };
}
