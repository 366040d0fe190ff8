import type { ColumnType, Generated } from 'kysely';

/**
 * Row shapes of the store's tables, one set for both backends (kysely-store.ts). Every time is epoch
 * milliseconds in a 64-bit integer column (SQLite `integer`, PostgreSQL `bigint`, read back as a JS
 * number); a JSON column is read as its text (PostgreSQL's `jsonb` too: postgres/postgres-store.ts);
 * a 0/1 flag is an integer (`smallint` on PostgreSQL). SQLite's embedded queue keeps its `jobs` table
 * in the same file (created by sqlite/migrations/; its row type is the queue's own,
 * queue/sqlite/sqlite-queue.ts); on PostgreSQL the queue is graphile-worker, in its own schema.
 */
export interface DeliveriesTable {
  id: Generated<number>;
  webhook_id: string;
  shop: string;
  topic: string;
  api_version: string;
  event_id: string | null;
  /** X-Shopify-Triggered-At, epoch ms */
  triggered_at: number | null;
  /** epoch ms */
  received_at: number;
  /** The exact bytes Shopify signed, as UTF-8 text. */
  body: string;
  /** queued: work enqueued; ignored: topic not handled (counted, kept for audit). */
  status: 'queued' | 'ignored';
  /** Further deliveries with the same webhook id (Shopify retries / duplicates). */
  duplicates: ColumnType<number, number | undefined, number>;
  /** epoch ms when the body was redacted (a privacy request); null: as received. */
  redacted_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface WorkspacesTable {
  shop: string;
  bo_type: string;
  bo_id: string;
  node_id: number;
  name: string;
  workspace_type: string;
  created_at: number;
  updated_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  /** shop:resource_type:resource_id:version — one row per change, whichever way it arrived */
  event_key: string;
  shop: string;
  resource_type: string;
  resource_id: string;
  /** epoch ms of the resource's updated_at (or the best timestamp available) */
  version: number;
  deleted: number;
  topic: string;
  source: 'webhook' | 'sync';
  delivery_id: number | null;
  /** REST-shaped JSON of the resource */
  payload: string;
  received_at: number;
  /** epoch ms when the payload was redacted (a privacy request); null: as received. */
  redacted_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ResourceVersionsTable {
  shop: string;
  resource_type: string;
  resource_id: string;
  /** The task that applied it (each job keeps its own last-writer-wins record). */
  task: string;
  version: number;
  event_id: number;
  applied_at: number;
}

export interface SyncCursorsTable {
  shop: string;
  resource: string;
  /** epoch ms: everything updated at or after it is fetched next time */
  cursor: number;
  updated_at: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  shop: string;
  event_id: number | null;
  /** The queue's id of the job that wrote it (text: engines differ). */
  job_id: string | null;
  rule: string | null;
  /** create-workspace | update-attributes | create-folder | upload-document | add-version | relate */
  action: string;
  /** e.g. shopify_order/5931282661421 or shopify_order/5931282661421/Archive/#1187 snapshot.json */
  target: string;
  node_id: number | null;
  result: 'ok' | 'error';
  detail: string | null;
  duration_ms: number;
}

export interface PendingRelationsTable {
  shop: string;
  from_bo_type: string;
  from_bo_id: string;
  to_bo_type: string;
  to_bo_id: string;
  rel_type: string;
  created_at: number;
  /** epoch ms after which the relation no longer waits (`waitDays`); null: until made (migration 0009). */
  expires_at: number | null;
}

/** What each finished job produced (queue engines delete or archive finished jobs). */
export interface JobOutcomesTable {
  id: Generated<number>;
  job_id: string;
  job_key: string;
  task: string;
  queue_name: string;
  payload: string;
  /** The result's `outcome` (created, updated, skipped, …) or `done`. */
  outcome: string;
  result: string;
  attempt: number;
  finished_at: number;
}

/** An erasure request the connector could not carry out in xECM (retention, legal hold). */
export interface PrivacyConflictsTable {
  id: Generated<number>;
  shop: string;
  customer_id: string;
  bo_type: string;
  bo_id: string;
  node_id: number | null;
  reason: string;
  recorded_at: number;
}

/** Which changes a case or exception workspace is folded from (rules/timeline.ts). */
export interface TimelineTable {
  shop: string;
  bo_type: string;
  bo_id: string;
  event_id: number;
}

/** Each dispute's latest status (last writer wins by version): which order's records it holds. */
export interface DisputesTable {
  shop: string;
  dispute_id: string;
  order_id: string;
  status: string;
  open: number;
  version: number;
}

/** An archived order (job 7): where its artifacts are and its manifest as last filed. */
export interface ArchiveOrdersTable {
  shop: string;
  order_id: string;
  order_name: string;
  folder_id: number;
  in_workspace: number;
  /** The archived order's updated_at (epoch ms). */
  order_version: number;
  manifest_node_id: number;
  manifest_version: number;
  manifest_size: number;
  manifest_sha256: string;
  /** epoch ms the manifest last changed */
  archived_at: number;
}

/** One artifact of an archived order, as its manifest lists it. */
export interface ArchiveArtifactsTable {
  shop: string;
  order_id: string;
  name: string;
  node_id: number;
  version: number;
  size: number;
  sha256: string;
  event_id: number | null;
  archived_at: number;
}

/** A `backfill` run's checkpoint (its state is the run's own JSON). */
export interface BackfillRunsTable {
  key: string;
  shop: string;
  state: string;
  done: number;
  started_at: number;
  updated_at: number;
}

/** Each product workspace's checklist as last evaluated (job 5; migration 0009). */
export interface ProductChecklistsTable {
  shop: string;
  product_id: string;
  node_id: number;
  title: string;
  /** JSON: string[] */
  classes: string;
  /** JSON: ChecklistEntry[] */
  items: string;
  complete: number;
  checked_at: number;
}

/** Job 6: each indexed resource's label and version (migration 0010). */
export interface LookupResourcesTable {
  shop: string;
  resource_type: string;
  resource_id: string;
  version: number;
  title: string;
  updated_at: number;
}

/** Job 6: the normalized terms a resource is found by (migration 0010). */
export interface LookupTermsTable {
  shop: string;
  term: string;
  resource_type: string;
  resource_id: string;
}

/** Job 6: the resources one belongs to (an order's company, a case's order; migration 0010). */
export interface LookupLinksTable {
  shop: string;
  resource_type: string;
  resource_id: string;
  to_type: string;
  to_id: string;
}

export interface Database {
  lookup_resources: LookupResourcesTable;
  lookup_terms: LookupTermsTable;
  lookup_links: LookupLinksTable;
  product_checklists: ProductChecklistsTable;
  archive_orders: ArchiveOrdersTable;
  archive_artifacts: ArchiveArtifactsTable;
  backfill_runs: BackfillRunsTable;
  timeline: TimelineTable;
  disputes: DisputesTable;
  privacy_conflicts: PrivacyConflictsTable;
  job_outcomes: JobOutcomesTable;
  audit: AuditTable;
  pending_relations: PendingRelationsTable;
  deliveries: DeliveriesTable;
  workspaces: WorkspacesTable;
  events: EventsTable;
  resource_versions: ResourceVersionsTable;
  sync_cursors: SyncCursorsTable;
}
