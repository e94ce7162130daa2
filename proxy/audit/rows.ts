import { randomUUID } from 'node:crypto';
import type { Finding } from '../policy/verdict.ts';
import type { RequestRecord } from '../request-record.ts';
import type { AuditEventTable } from '../store/schema.ts';
import { intakeMac, type Mac } from './chain.ts';

/**
 * RequestRecord → audit row values, as pure functions. Only what the record holds as metadata
 * is copied — ids, sizes, counts, statuses, rule ids — never a text of the request or the answer.
 */

/** Every column, as written (numbers where pg would read back strings: the hash treats both alike). */
export type AuditValues = { [K in keyof AuditEventTable]: K extends 'seq' | 'request_bytes' | 'response_bytes' | 'input_tokens' | 'output_tokens' | 'duration_ms' | 'first_byte_ms' ? number | null : AuditEventTable[K] };

export type IntakeValues = Pick<AuditValues, 'id' | 'chain_id' | 'intake_mac' | 'ts' | 'request_id' | 'trace_id' | 'method' | 'route' | 'principal' | 'role' | 'key_id' | 'client_ip' | 'stream' | 'outcome'>;

/**
 * A UUIDv7: the arrival time in milliseconds (48 bits, hex) then random bits. Ids sort by time,
 * so the primary key serves time ranges and newest-first pages, and the table needs no time
 * index (one B-tree fewer to update on every write). The random part is a v4 UUID's.
 */
export function timeOrderedId(ms: number): string {
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${randomUUID().slice(15)}`;
}

/** The smallest id of a given millisecond: `id >= idFloor(t)` means arrived at `t` or later. */
export function idFloor(ms: number): string {
  const t = Math.max(0, Math.min(ms, 0xffffffffffff)).toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-0000-0000-000000000000`;
}

/** Client-controlled names (path, model) are clipped so a row stays small whatever is sent. */
const MAX_NAME = 256;
const clip = (s: string | null | undefined) => (s === undefined || s === null ? null : s.length > MAX_NAME ? s.slice(0, MAX_NAME) : s);

/** `{"input":{"rule.id":count},"output":{...}}` as JSON text, or null without findings. */
export function ruleCounts(findings: readonly Finding[]): string | null {
  if (findings.length === 0) return null;
  const counts: Partial<Record<Finding['direction'], Record<string, number>>> = {};
  for (const f of findings) {
    const byRule = (counts[f.direction] ??= {});
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  return JSON.stringify(counts);
}

/** The row written when the request arrives (after authentication, when there is one). */
export function intakeValues(record: RequestRecord, traceId: string | null, chainId: string, mac: Mac): IntakeValues {
  const row: IntakeValues = {
    id: timeOrderedId(record.receivedAt),
    chain_id: chainId,
    intake_mac: '',
    ts: new Date(record.receivedAt).toISOString(),
    request_id: record.requestId,
    trace_id: traceId,
    method: record.method,
    route: clip(record.route) ?? '',
    principal: clip(record.principal),
    role: record.role ?? null,
    key_id: record.keyId ?? null,
    client_ip: record.clientIp ?? null,
    stream: null,
    outcome: 'pending',
  };
  row.intake_mac = intakeMac(mac, row);
  return row;
}

const ms = (v: number | undefined) => (v === undefined ? null : Math.round(v));

/** A final row before it is linked: `seq`, `prev_hash` and `hash` are null until the recorder chains it. */
type Unchained = AuditValues;

/**
 * The whole row but its chain fields. Spelt out field by field on purpose: spreading the intake
 * object and adding the rest cost V8 about 20 µs per call here (the object fell into dictionary
 * mode), a fifth of the hot path's budget.
 */
function unchained(i: IntakeValues, fin: Omit<Unchained, keyof IntakeValues | 'stream' | 'outcome' | 'seq' | 'prev_hash' | 'hash'>, stream: number | null, outcome: string): Unchained {
  return {
    id: i.id,
    chain_id: i.chain_id,
    intake_mac: i.intake_mac,
    ts: i.ts,
    request_id: i.request_id,
    trace_id: i.trace_id,
    method: i.method,
    route: i.route,
    principal: i.principal,
    role: i.role,
    key_id: i.key_id,
    client_ip: i.client_ip,
    stream,
    outcome,
    finished_at: fin.finished_at,
    model: fin.model,
    status: fin.status,
    upstream_status: fin.upstream_status,
    denial: fin.denial,
    rules: fin.rules,
    policy_version: fin.policy_version,
    request_bytes: fin.request_bytes,
    response_bytes: fin.response_bytes,
    input_tokens: fin.input_tokens,
    output_tokens: fin.output_tokens,
    duration_ms: fin.duration_ms,
    first_byte_ms: fin.first_byte_ms,
    seq: null,
    prev_hash: null,
    hash: null,
  };
}

/** Everything known once the response is over, on top of the intake fields; the chain fields come later. */
export function finalValues(intake: IntakeValues, record: RequestRecord, status: number, durationMs: number, finishedAt: Date): Unchained {
  const fin = {
    finished_at: finishedAt.toISOString(),
    model: clip(record.model),
    status,
    upstream_status: record.upstreamStatus ?? null,
    denial: record.denial ?? null,
    rules: ruleCounts(record.findings),
    policy_version: record.policyVersion ?? null,
    request_bytes: record.requestBytes ?? null,
    response_bytes: record.responseBytes ?? null,
    input_tokens: record.usage?.input ?? null,
    output_tokens: record.usage?.output ?? null,
    duration_ms: ms(durationMs),
    first_byte_ms: ms(record.firstByteMs),
  };
  return unchained(intake, fin, record.stream ? 1 : 0, record.outcome ?? 'error');
}

/** A row left in flight by a process that is gone: finalised as `incomplete` with what its intake said. */
export function incompleteValues(pending: IntakeValues, finishedAt: Date): Unchained {
  const fin = {
    finished_at: finishedAt.toISOString(),
    model: null,
    status: null,
    upstream_status: null,
    denial: null,
    rules: null,
    policy_version: null,
    request_bytes: null,
    response_bytes: null,
    input_tokens: null,
    output_tokens: null,
    duration_ms: null,
    first_byte_ms: null,
  };
  return unchained(pending, fin, pending.stream, 'incomplete');
}
