import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The store's tables on PostgreSQL: the schema SQLite reaches with its migrations 0001–0010
 * (sqlite/migrations/), in one step, without SQLite's queue table (graphile-worker keeps its jobs in
 * its own schema). Later changes follow as 0002-…, beside their SQLite counterpart.
 *
 * Types: every time (epoch ms) and every id is `bigint`, generated ids are identity columns; a 0/1
 * flag stays `smallint` (the shared store code writes and compares 0 and 1). The connector's own
 * JSON (job outcomes, checklists, backfill state) is `jsonb`. A delivery's body and an event's payload
 * stay `text`: they are the exact bytes Shopify signed, and jsonb would reorder keys and drop
 * whitespace, while a JSON type would have node-postgres parse 18-digit ids into doubles.
 * Text that is compared, ordered or paged by (keys, terms, titles) is `collate "C"`: code-point order,
 * as SQLite's, whatever collation the database was created with; a term prefix is a range of it.
 * The indexes and unique constraints are SQLite's: they carry the dedupe (a webhook id, an event key,
 * a job key, one privacy conflict per workspace).
 */
const T = 'text collate "C" not null';
const T_NULL = 'text collate "C"';
const ID = 'bigint generated always as identity primary key';

const DDL = [
  `create table deliveries (
    id ${ID},
    webhook_id ${T} unique,
    shop ${T},
    topic ${T},
    api_version ${T},
    event_id ${T_NULL},
    triggered_at bigint,
    received_at bigint not null,
    body text not null,
    status ${T},
    duplicates integer not null default 0,
    redacted_at bigint
  )`,
  'create index deliveries_shop_topic on deliveries (shop, topic)',
  'create index deliveries_received on deliveries (received_at)',

  `create table workspaces (
    shop ${T},
    bo_type ${T},
    bo_id ${T},
    node_id bigint not null,
    name ${T},
    workspace_type ${T},
    created_at bigint not null,
    updated_at bigint not null,
    constraint workspaces_pk primary key (shop, bo_type, bo_id)
  )`,

  `create table events (
    id ${ID},
    event_key ${T} unique,
    shop ${T},
    resource_type ${T},
    resource_id ${T},
    version bigint not null,
    deleted smallint not null default 0,
    topic ${T},
    source ${T},
    delivery_id bigint,
    payload text not null,
    received_at bigint not null,
    redacted_at bigint
  )`,
  'create index events_resource on events (shop, resource_type, resource_id, version)',
  'create index events_received on events (received_at)',
  'create index events_delivery on events (delivery_id)',

  `create table resource_versions (
    shop ${T},
    resource_type ${T},
    resource_id ${T},
    task ${T},
    version bigint not null,
    event_id bigint not null,
    applied_at bigint not null,
    constraint resource_versions_pk primary key (shop, resource_type, resource_id, task)
  )`,

  `create table sync_cursors (
    shop ${T},
    resource ${T},
    cursor bigint not null,
    updated_at bigint not null,
    constraint sync_cursors_pk primary key (shop, resource)
  )`,

  `create table audit (
    id ${ID},
    at bigint not null,
    shop ${T},
    event_id bigint,
    job_id ${T_NULL},
    rule ${T_NULL},
    action ${T},
    target ${T},
    node_id bigint,
    result ${T},
    detail text,
    duration_ms bigint not null
  )`,
  'create index audit_event on audit (event_id)',

  `create table pending_relations (
    shop ${T},
    from_bo_type ${T},
    from_bo_id ${T},
    to_bo_type ${T},
    to_bo_id ${T},
    rel_type ${T},
    created_at bigint not null,
    expires_at bigint,
    constraint pending_relations_pk primary key (shop, from_bo_type, from_bo_id, to_bo_type, to_bo_id)
  )`,
  'create index pending_relations_to on pending_relations (shop, to_bo_type, to_bo_id)',
  'create index pending_relations_expires on pending_relations (expires_at)',

  `create table job_outcomes (
    id ${ID},
    job_id ${T},
    job_key ${T} unique,
    task ${T},
    queue_name ${T},
    payload jsonb not null,
    outcome ${T},
    result jsonb not null,
    attempt integer not null,
    finished_at bigint not null
  )`,
  'create index job_outcomes_task on job_outcomes (task, outcome)',
  'create index job_outcomes_job on job_outcomes (job_id)',
  'create index job_outcomes_finished on job_outcomes (finished_at)',

  `create table privacy_conflicts (
    id ${ID},
    shop ${T},
    customer_id ${T},
    bo_type ${T},
    bo_id ${T},
    node_id bigint,
    reason text not null,
    recorded_at bigint not null,
    constraint privacy_conflicts_one unique (shop, customer_id, bo_type, bo_id)
  )`,

  `create table timeline (
    shop ${T},
    bo_type ${T},
    bo_id ${T},
    event_id bigint not null,
    constraint timeline_pk primary key (shop, bo_type, bo_id, event_id)
  )`,
  'create index timeline_event on timeline (event_id)',

  `create table disputes (
    shop ${T},
    dispute_id ${T},
    order_id ${T},
    status ${T},
    open smallint not null,
    version bigint not null,
    constraint disputes_pk primary key (shop, dispute_id)
  )`,
  'create index disputes_order on disputes (shop, order_id)',

  `create table archive_orders (
    shop ${T},
    order_id ${T},
    order_name ${T},
    folder_id bigint not null,
    in_workspace smallint not null,
    order_version bigint not null,
    manifest_node_id bigint not null,
    manifest_version integer not null,
    manifest_size bigint not null,
    manifest_sha256 ${T},
    archived_at bigint not null,
    constraint archive_orders_pk primary key (shop, order_id)
  )`,
  'create index archive_orders_at on archive_orders (archived_at)',

  `create table archive_artifacts (
    shop ${T},
    order_id ${T},
    name ${T},
    node_id bigint not null,
    version integer not null,
    size bigint not null,
    sha256 ${T},
    event_id bigint,
    archived_at bigint not null,
    constraint archive_artifacts_pk primary key (shop, order_id, name)
  )`,

  `create table backfill_runs (
    key ${T} primary key,
    shop ${T},
    state jsonb not null,
    done smallint not null,
    started_at bigint not null,
    updated_at bigint not null
  )`,

  `create table product_checklists (
    shop ${T},
    product_id ${T},
    node_id bigint not null,
    title ${T},
    classes jsonb not null,
    items jsonb not null,
    complete smallint not null,
    checked_at bigint not null,
    constraint product_checklists_pk primary key (shop, product_id)
  )`,

  `create table lookup_resources (
    shop ${T},
    resource_type ${T},
    resource_id ${T},
    version bigint not null,
    title ${T},
    updated_at bigint not null,
    constraint lookup_resources_pk primary key (shop, resource_type, resource_id)
  )`,
  `create table lookup_terms (
    shop ${T},
    term ${T},
    resource_type ${T},
    resource_id ${T},
    constraint lookup_terms_pk primary key (shop, term, resource_type, resource_id)
  )`,
  'create index lookup_terms_term on lookup_terms (term)',
  'create index lookup_terms_resource on lookup_terms (shop, resource_type, resource_id)',
  `create table lookup_links (
    shop ${T},
    resource_type ${T},
    resource_id ${T},
    to_type ${T},
    to_id ${T},
    constraint lookup_links_pk primary key (shop, resource_type, resource_id, to_type, to_id)
  )`,
  'create index lookup_links_to on lookup_links (shop, to_type, to_id, resource_type, resource_id)',
];

const TABLES = [
  'lookup_links',
  'lookup_terms',
  'lookup_resources',
  'product_checklists',
  'backfill_runs',
  'archive_artifacts',
  'archive_orders',
  'disputes',
  'timeline',
  'privacy_conflicts',
  'job_outcomes',
  'pending_relations',
  'audit',
  'sync_cursors',
  'resource_versions',
  'events',
  'workspaces',
  'deliveries',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of DDL) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
