import type { Enqueued, FinishedJob, JobId, JobSpec } from '../queue/queue.js';
import type { ResourceChange } from './change.js';

/** A webhook delivery as received, before it is stored. */
export interface NewDelivery {
  webhookId: string;
  shop: string;
  topic: string;
  apiVersion: string;
  eventId: string | null;
  /** X-Shopify-Triggered-At, epoch ms */
  triggeredAt: number | null;
  receivedAt: number;
  body: string;
  /** false: topic names no resource the connector follows; stored and counted only. */
  handled: boolean;
}

export interface AcceptResult {
  duplicate: boolean;
  /** The change's event; undefined when the topic names no resource the connector follows. */
  eventId: number | undefined;
  /** false when the same change was already known (e.g. seen by sync first). */
  newEvent: boolean;
  jobs: Enqueued[];
}

export interface StoredEvent extends ResourceChange {
  id: number;
  shop: string;
  topic: string;
  source: 'webhook' | 'sync';
  deliveryId: number | null;
  payload: string;
  receivedAt: number;
}

/** Builds the jobs for a new event from its id, change and key (pure; see intake/route-delivery.ts). */
export type JobsForEvent = (eventId: number, change: ResourceChange, eventKey: string) => JobSpec[];

export interface WorkspaceMapping {
  shop: string;
  boType: string;
  boId: string;
  nodeId: number;
  name: string;
  workspaceType: string;
}

export interface PendingRelation {
  shop: string;
  from: { boType: string; boId: string };
  to: { boType: string; boId: string };
  relType: 'child' | 'parent';
}

export interface AuditEntry {
  shop: string;
  eventId: number | null;
  jobId: JobId | null;
  rule: string | null;
  action: string;
  target: string;
  nodeId: number | null;
  result: 'ok' | 'error';
  detail: string | null;
  durationMs: number;
}

/** A finished job as the store keeps it. */
export interface JobOutcome {
  jobId: JobId;
  jobKey: string;
  task: string;
  queueName: string;
  payload: unknown;
  /** The result's `outcome` (created, updated, skipped, stale, …), or `done`. */
  outcome: string;
  result: unknown;
  attempt: number;
  finishedAt: number;
}

/** What the connector has done, from its own records (the queue adds what is pending). */
export interface StoreSummary {
  deliveries: { total: number; duplicates: number; ignored: number };
  events: { total: number; bySource: Record<string, number> };
  /** business object type → workspaces known */
  workspaces: Record<string, number>;
  /** outcome → finished jobs */
  outcomes: Record<string, number>;
}

/**
 * The connector's state. One interface, one folder per backend (sqlite/ now, postgres/ with the
 * scale-out issue); `test/store` runs the same suite against each. No caller sees a database handle.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Throws when the database does not answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;

  /**
   * Stores a delivery, its change (event) and the event's jobs in one transaction (the queue's
   * enqueue joins it). A webhook id seen before stores nothing new (its duplicate counter goes up);
   * a change already known (same shop, resource, version and digest) adds no event and no jobs.
   */
  acceptDelivery(delivery: NewDelivery, change: ResourceChange | undefined, jobs: JobsForEvent): Promise<AcceptResult>;
  /** The same for changes found by `sync` (a page at a time): one transaction, nothing twice. */
  acceptSyncChanges(
    shop: string,
    topic: string,
    changes: Array<{ change: ResourceChange; payload: string }>,
    jobs: JobsForEvent,
  ): Promise<Array<{ eventId: number; newEvent: boolean; jobs: Enqueued[] }>>;
  getEvent(id: number): Promise<StoredEvent | undefined>;

  /** Last version of a resource a task applied (last-writer-wins by updated_at). */
  appliedVersion(shop: string, resourceType: string, resourceId: string, task: string): Promise<number | undefined>;
  /** Records a version unless a newer one is recorded. */
  recordApplied(shop: string, resourceType: string, resourceId: string, task: string, version: number, eventId: number): Promise<void>;

  /** A relation to make once its target workspace exists. */
  addPendingRelation(r: PendingRelation): Promise<void>;
  pendingRelationsTo(shop: string, toBoType: string, toBoId: string): Promise<PendingRelation[]>;
  removePendingRelation(r: PendingRelation): Promise<void>;

  /** Records one xECM write (audit log). */
  audit(entry: AuditEntry): Promise<void>;
  listAudit(filter?: { eventId?: number; limit?: number }): Promise<Array<AuditEntry & { id: number; at: number }>>;

  /** epoch ms: the resource's changes at or after it are fetched next time. */
  getSyncCursor(shop: string, resource: string): Promise<number | undefined>;
  setSyncCursor(shop: string, resource: string, cursor: number): Promise<void>;

  getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined>;
  putWorkspace(mapping: WorkspaceMapping): Promise<void>;

  /** Records a finished job's outcome (once per job key; a second report of the same job replaces it). */
  recordOutcome(finished: FinishedJob): Promise<void>;
  /** Finished jobs, oldest first; filter by job id or task. */
  outcomes(filter?: { jobIds?: JobId[]; task?: string; limit?: number }): Promise<JobOutcome[]>;

  summary(): Promise<StoreSummary>;
}
