import type { Kysely } from 'kysely';

/**
 * Job 5, product compliance: each product workspace's checklist as last evaluated (what
 * `compliance report` lists), and an end to waiting for a relation's target (`waitDays`: an order's
 * relation to a product that may never have a workspace).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_checklists')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('classes', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_checklists_pk', ['shop', 'product_id'])
    .execute();
  await db.schema.alterTable('pending_relations').addColumn('expires_at', 'integer').execute();
  await db.schema.createIndex('pending_relations_expires').on('pending_relations').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('pending_relations_expires').execute();
  await db.schema.alterTable('pending_relations').dropColumn('expires_at').execute();
  await db.schema.dropTable('product_checklists').execute();
}
