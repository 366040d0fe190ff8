import type { Kysely } from 'kysely';

/**
 * Timelines and disputes (issue 10): which changes each case or exception workspace is folded from,
 * and each dispute's last known status (which order's records it holds).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('timeline')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('bo_type', 'text', (c) => c.notNull())
    .addColumn('bo_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('timeline_pk', ['shop', 'bo_type', 'bo_id', 'event_id'])
    .execute();
  await db.schema.createIndex('timeline_event').on('timeline').column('event_id').execute();
  await db.schema
    .createTable('disputes')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('dispute_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('disputes_pk', ['shop', 'dispute_id'])
    .execute();
  await db.schema.createIndex('disputes_order').on('disputes').columns(['shop', 'order_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('disputes').execute();
  await db.schema.dropTable('timeline').execute();
}
