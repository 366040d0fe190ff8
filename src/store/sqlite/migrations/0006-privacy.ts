import type { Kysely } from 'kysely';

/**
 * Privacy (issue 9): conflicts between an erasure request and what xECM keeps under retention, and
 * a redaction marker on deliveries and events, and the indexes `purge` uses to find finished records by age.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_conflicts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('bo_type', 'text', (c) => c.notNull())
    .addColumn('bo_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('privacy_conflicts_one', ['shop', 'customer_id', 'bo_type', 'bo_id'])
    .execute();
  // A redacted delivery or event keeps its row (ids, times) with the body replaced; this marks when.
  await db.schema.alterTable('deliveries').addColumn('redacted_at', 'integer').execute();
  await db.schema.alterTable('events').addColumn('redacted_at', 'integer').execute();
  await db.schema.createIndex('deliveries_received').on('deliveries').column('received_at').execute();
  await db.schema.createIndex('events_received').on('events').column('received_at').execute();
  await db.schema.createIndex('events_delivery').on('events').column('delivery_id').execute();
  await db.schema.createIndex('job_outcomes_finished').on('job_outcomes').column('finished_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('job_outcomes_finished').execute();
  await db.schema.dropIndex('events_delivery').execute();
  await db.schema.dropIndex('events_received').execute();
  await db.schema.dropIndex('deliveries_received').execute();
  await db.schema.alterTable('events').dropColumn('redacted_at').execute();
  await db.schema.alterTable('deliveries').dropColumn('redacted_at').execute();
  await db.schema.dropTable('privacy_conflicts').execute();
}
