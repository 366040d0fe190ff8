import type { Kysely } from 'kysely';

/** Normalised resource changes (from webhooks and sync), last-applied versions, sync cursors. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_resource').on('events').columns(['shop', 'resource_type', 'resource_id', 'version']).execute();

  await db.schema
    .createTable('resource_versions')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('applied_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_versions_pk', ['shop', 'resource_type', 'resource_id', 'task'])
    .execute();

  await db.schema
    .createTable('sync_cursors')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['shop', 'resource'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_cursors').execute();
  await db.schema.dropTable('resource_versions').execute();
  await db.schema.dropTable('events').execute();
}
