import { sql, type Selectable } from 'kysely';
import type { Database } from '../store/database.ts';
import type { AuditEventTable } from '../store/schema.ts';
import { idFloor } from './rows.ts';

export interface AuditFilter {
  /** Arrival time bounds, ISO-8601: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly principal?: string;
  readonly outcome?: string;
  /** An exact rule id that fired in either direction. */
  readonly rule?: string;
  readonly model?: string;
  readonly limit: number;
  /** From the previous page's `next_cursor`. */
  readonly cursor?: string;
}

export interface AuditPage {
  readonly object: 'list';
  readonly data: AuditEventView[];
  readonly has_more: boolean;
  readonly next_cursor: string | null;
}

export type AuditEventView = ReturnType<typeof view>;

/** The cursor is opaque to callers: the id of the last row served (ids are time-ordered). */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(cursor: string): string | undefined {
  const id = Buffer.from(cursor, 'base64url').toString('latin1');
  return UUID.test(id) ? id : undefined;
}

/** LIKE treats `_` and `%` as wildcards, and rule ids contain `_`: escape them (with `!`, the same in both dialects). */
const likeLiteral = (s: string) => s.replace(/[!%_]/g, (ch) => `!${ch}`);

/** Newest first, filtered, one page. Callers validate the filter (the route does). */
export async function listAuditEvents(db: Database, filter: AuditFilter): Promise<AuditPage> {
  let query = db.selectFrom('audit_events').selectAll();
  // Time bounds on the primary key: its ids begin with the arrival time (see rows.ts).
  if (filter.from) query = query.where('id', '>=', idFloor(Date.parse(filter.from)));
  if (filter.to) query = query.where('id', '<', idFloor(Date.parse(filter.to)));
  if (filter.principal) query = query.where('principal', '=', filter.principal);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.model) query = query.where('model', '=', filter.model);
  // Rule ids are keys of the JSON text: `"<id>":` matches one exactly, in either direction.
  if (filter.rule) query = query.where(sql<boolean>`rules like ${`%"${likeLiteral(filter.rule)}":%`} escape '!'`);
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  if (after) query = query.where('id', '<', after);
  const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const hasMore = rows.length > filter.limit;
  return { object: 'list', data: page.map(view), has_more: hasMore, next_cursor: hasMore && last ? encodeCursor(last.id) : null };
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** A row as the API shows it: numbers as numbers, the flag as a boolean, the rule counts as JSON. */
function view(r: Selectable<AuditEventTable>) {
  return {
    id: r.id,
    timestamp: r.ts,
    finished_at: r.finished_at,
    request_id: r.request_id,
    trace_id: r.trace_id,
    principal: r.principal,
    role: r.role,
    key_id: r.key_id,
    client_ip: r.client_ip,
    method: r.method,
    route: r.route,
    model: r.model,
    stream: r.stream === null ? null : r.stream === 1,
    outcome: r.outcome,
    status: r.status,
    upstream_status: r.upstream_status,
    denial: r.denial,
    rules: r.rules === null ? null : (JSON.parse(r.rules) as Record<string, Record<string, number>>),
    policy_version: r.policy_version,
    request_bytes: num(r.request_bytes),
    response_bytes: num(r.response_bytes),
    usage: r.input_tokens === null && r.output_tokens === null ? null : { input_tokens: num(r.input_tokens), output_tokens: num(r.output_tokens) },
    latency_ms: num(r.duration_ms),
    first_byte_ms: num(r.first_byte_ms),
    chain: { id: r.chain_id, seq: num(r.seq), hash: r.hash },
  };
}
