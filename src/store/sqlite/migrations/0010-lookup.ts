import type { Kysely } from 'kysely';

/**
 * Job 6, agent lookup: the index the `rule.route` job keeps of every indexed resource (orders,
 * cases, companies, customers, products): its label and version, the terms it is found by, and the
 * resources it belongs to (an order's company and products, a case's order).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lookup_resources')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('lookup_resources_pk', ['shop', 'resource_type', 'resource_id'])
    .execute();
  await db.schema
    .createTable('lookup_terms')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lookup_terms_pk', ['shop', 'term', 'resource_type', 'resource_id'])
    .execute();
  await db.schema.createIndex('lookup_terms_term').on('lookup_terms').column('term').execute();
  await db.schema.createIndex('lookup_terms_resource').on('lookup_terms').columns(['shop', 'resource_type', 'resource_id']).execute();
  await db.schema
    .createTable('lookup_links')
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('to_type', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lookup_links_pk', ['shop', 'resource_type', 'resource_id', 'to_type', 'to_id'])
    .execute();
  // Covering (the linking resource's key too): without it SQLite's planner prefers the primary key's
  // covering scan of the whole shop to this index's 14 rows, even with statistics.
  await db.schema.createIndex('lookup_links_to').on('lookup_links').columns(['shop', 'to_type', 'to_id', 'resource_type', 'resource_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('lookup_links').execute();
  await db.schema.dropTable('lookup_terms').execute();
  await db.schema.dropTable('lookup_resources').execute();
}
