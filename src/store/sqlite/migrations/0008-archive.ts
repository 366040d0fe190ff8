import type { Kysely } from 'kysely';

/**
 * The archive ledger (issue 11, job 7): each archived order's folder and manifest, and each of its
 * artifacts as last filed (node, version, size, SHA-256, the change it came from); and the
 * checkpoints of `backfill` runs, so an interrupted run goes on where it stopped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('archive_orders')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_name', 'text', (c) => c.notNull())
    .addColumn('folder_id', 'integer', (c) => c.notNull())
    .addColumn('in_workspace', 'integer', (c) => c.notNull())
    .addColumn('order_version', 'integer', (c) => c.notNull())
    .addColumn('manifest_node_id', 'integer', (c) => c.notNull())
    .addColumn('manifest_version', 'integer', (c) => c.notNull())
    .addColumn('manifest_size', 'integer', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_orders_pk', ['shop', 'order_id'])
    .execute();
  await db.schema.createIndex('archive_orders_at').on('archive_orders').column('archived_at').execute();
  await db.schema
    .createTable('archive_artifacts')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer')
    .addColumn('archived_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_artifacts_pk', ['shop', 'order_id', 'name'])
    .execute();
  await db.schema
    .createTable('backfill_runs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backfill_runs').execute();
  await db.schema.dropTable('archive_artifacts').execute();
  await db.schema.dropTable('archive_orders').execute();
}
