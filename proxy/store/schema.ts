import type { ColumnType } from 'kysely';

/**
 * The tables, as both dialects store them: times are ISO-8601 text and flags are nullable
 * timestamps, because better-sqlite3 rejects Dates and booleans and pg returns bigints as text.
 */
export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  /** SHA-256 of the whole token, hex. The token itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}


/** A BIGINT column: pg returns it as a string, better-sqlite3 as a number. Read it with `Number()`. */
type BigIntColumn<Null = never> = ColumnType<number | string | Null, number | Null | undefined, number | Null>;

/**
 * One request. Written twice: at intake (ids, route, principal, `outcome = 'pending'`) and when
 * the response is over (everything else, and its place in the chain). Never prompt or
 * completion text: sizes, counts, rule ids and hashes only.
 */
export interface AuditEventTable {
  /** A UUIDv7 of the arrival time: ids sort by time. */
  id: string;
  /** `<instance id>/<mac algorithm>`: one hash chain per writing process and key. */
  chain_id: string;
  /** Position in the chain, from 1; null while the request is in flight. */
  seq: BigIntColumn<null>;
  prev_hash: string | null;
  hash: string | null;
  /** MAC of the intake fields, so a forged in-flight row is refused by recovery and verify. */
  intake_mac: string;
  /** Arrival time, ISO-8601. */
  ts: string;
  finished_at: string | null;
  request_id: string;
  trace_id: string | null;
  method: string;
  route: string;
  principal: string | null;
  role: string | null;
  key_id: string | null;
  client_ip: string | null;
  model: string | null;
  /** 1 for a streamed answer, 0 if not; null until the body is read (so, in a row left incomplete). */
  stream: number | null;
  /** `pending` until finalised; then the request's outcome. */
  outcome: string;
  status: number | null;
  upstream_status: number | null;
  denial: string | null;
  /** JSON text: rule id → count, per direction (`{"input":{"secret.openai-api-key":2}}`). */
  rules: string | null;
  policy_version: string | null;
  request_bytes: BigIntColumn<null>;
  response_bytes: BigIntColumn<null>;
  input_tokens: BigIntColumn<null>;
  output_tokens: BigIntColumn<null>;
  duration_ms: BigIntColumn<null>;
  first_byte_ms: BigIntColumn<null>;
}

/** One writer's chain: liveness (heartbeat) and the last head it anchored (tail deletions show). */
export interface AuditChainTable {
  chain_id: string;
  instance_id: string;
  alg: string;
  started_at: string;
  heartbeat_at: string;
  head_seq: BigIntColumn;
  head_hash: string;
  head_mac: string;
}

/** Left by a retention prune: the chain resumes after `seq`, whose hash was `hash`. */
export interface AuditCheckpointTable {
  chain_id: string;
  seq: BigIntColumn;
  hash: string;
  pruned_at: string;
  rows_pruned: BigIntColumn;
  mac: string;
}

export interface Tables {
  api_keys: ApiKeyTable;
  audit_events: AuditEventTable;
  audit_chains: AuditChainTable;
  audit_checkpoints: AuditCheckpointTable;
}
