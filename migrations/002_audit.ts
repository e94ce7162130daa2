import type { Kysely } from 'kysely';

/**
 * The audit trail. One DDL for both dialects: times are ISO text, flags are 0/1 integers (null:
 * not known yet), JSON is text. `seq`, `prev_hash` and `hash` stay null while the request is in flight: a row joins
 * its chain when it is finalised, in finalisation order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    // A UUIDv7: it begins with the arrival time, so the key orders rows by time and no time index is needed.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint')
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .addColumn('intake_mac', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('trace_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('principal', 'text')
    .addColumn('role', 'text')
    .addColumn('key_id', 'text')
    .addColumn('client_ip', 'text')
    .addColumn('model', 'text')
    .addColumn('stream', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('upstream_status', 'integer')
    .addColumn('denial', 'text')
    .addColumn('rules', 'text')
    .addColumn('policy_version', 'text')
    .addColumn('request_bytes', 'bigint')
    .addColumn('response_bytes', 'bigint')
    .addColumn('input_tokens', 'bigint')
    .addColumn('output_tokens', 'bigint')
    .addColumn('duration_ms', 'bigint')
    .addColumn('first_byte_ms', 'bigint')
    .execute();
  // Unique per chain; both dialects allow many NULLs, so in-flight rows do not collide.
  await db.schema.createIndex('audit_events_chain_seq').on('audit_events').columns(['chain_id', 'seq']).unique().execute();

  await db.schema
    .createTable('audit_chains')
    .addColumn('chain_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('head_seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('head_mac', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('pruned_at', 'text', (c) => c.notNull())
    .addColumn('rows_pruned', 'bigint', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['chain_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_chains').execute();
  await db.schema.dropTable('audit_events').execute();
}
