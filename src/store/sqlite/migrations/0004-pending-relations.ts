import type { Kysely } from 'kysely';

/** Relations waiting for their target workspace (e.g. an order that arrived before its company). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_relations')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('from_bo_type', 'text', (c) => c.notNull())
    .addColumn('from_bo_id', 'text', (c) => c.notNull())
    .addColumn('to_bo_type', 'text', (c) => c.notNull())
    .addColumn('to_bo_id', 'text', (c) => c.notNull())
    .addColumn('rel_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_relations_pk', ['shop', 'from_bo_type', 'from_bo_id', 'to_bo_type', 'to_bo_id'])
    .execute();
  await db.schema.createIndex('pending_relations_to').on('pending_relations').columns(['shop', 'to_bo_type', 'to_bo_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pending_relations').execute();
}
