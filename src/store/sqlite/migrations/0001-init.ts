import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('webhook_id', 'text', (c) => c.notNull().unique())
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('triggered_at', 'text')
    .addColumn('received_at', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('deliveries_shop_topic').on('deliveries').columns(['shop', 'topic']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('queue_name', 'text')
    .addColumn('job_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'integer', (c) => c.notNull())
    .addColumn('locked_at', 'integer')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_runnable').on('jobs').columns(['status', 'run_at', 'id']).execute();
  await db.schema.createIndex('jobs_queue_running').on('jobs').columns(['queue_name', 'status']).execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('bo_type', 'text', (c) => c.notNull())
    .addColumn('bo_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('workspace_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspaces_pk', ['shop', 'bo_type', 'bo_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('workspaces').execute();
  await db.schema.dropTable('jobs').execute();
  await db.schema.dropTable('deliveries').execute();
}
