import type { ColumnType, Generated } from 'kysely';

/** Row shapes of the connector's own tables (the same on every backend). */
export interface DeliveriesTable {
  id: Generated<number>;
  webhook_id: string;
  shop: string;
  topic: string;
  api_version: string;
  event_id: string | null;
  triggered_at: string | null;
  /** epoch ms */
  received_at: number;
  /** The exact bytes Shopify signed, as UTF-8 text. */
  body: string;
  /** queued: work enqueued; ignored: topic not handled (counted, kept for audit). */
  status: 'queued' | 'ignored';
  /** Further deliveries with the same webhook id (Shopify retries / duplicates). */
  duplicates: ColumnType<number, number | undefined, number>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: Generated<number>;
  task: string;
  /** Jobs with the same queue name never run at the same time (one resource, one at a time). */
  queue_name: string | null;
  /** Dedupe key: adding a job with a key that exists does nothing. */
  job_key: string | null;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  /** epoch ms */
  run_at: number;
  locked_at: number | null;
  locked_by: string | null;
  last_error: string | null;
  /** JSON the handler returned (outcome), for summaries and the panel. */
  result: string | null;
  created_at: number;
  updated_at: number;
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
  /** ISO timestamp: everything updated at or after it is fetched next time */
  cursor: string;
  updated_at: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  shop: string;
  event_id: number | null;
  job_id: number | null;
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
}

export interface Database {
  audit: AuditTable;
  pending_relations: PendingRelationsTable;
  deliveries: DeliveriesTable;
  jobs: JobsTable;
  workspaces: WorkspacesTable;
  events: EventsTable;
  resource_versions: ResourceVersionsTable;
  sync_cursors: SyncCursorsTable;
}
