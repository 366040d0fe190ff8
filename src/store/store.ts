import type { Kysely } from 'kysely';
import type { Database } from './types.js';
import type { NewJob } from '../queue/queue.js';
import type { ResourceChange } from '../sync/normalize.js';

/** A webhook delivery as received, before it is stored. */
export interface NewDelivery {
  webhookId: string;
  shop: string;
  topic: string;
  apiVersion: string;
  eventId: string | null;
  triggeredAt: string | null;
  receivedAt: number;
  body: string;
  /** false: topic names no resource the connector follows; stored and counted only. */
  handled: boolean;
}

export interface StoredDelivery extends Omit<NewDelivery, 'handled'> {
  id: number;
  status: 'queued' | 'ignored';
  duplicates: number;
}

export interface AcceptResult {
  duplicate: boolean;
  deliveryId: number;
  /** The change's event; undefined when the topic names no resource the connector follows. */
  eventId: number | undefined;
  /** false when the same change was already known (e.g. seen by sync first). */
  newEvent: boolean;
  jobIds: number[];
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

/** Builds the jobs for a new event from its id, change and key (pure; see sync/route-delivery.ts). */
export type JobsForEvent = (eventId: number, change: ResourceChange, eventKey: string) => NewJob[];

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
  jobId: number | null;
  rule: string | null;
  action: string;
  target: string;
  nodeId: number | null;
  result: 'ok' | 'error';
  detail: string | null;
  durationMs: number;
}

export interface DeliveryCounts {
  total: number;
  duplicates: number;
  ignored: number;
}

/**
 * The connector's state. One interface, one folder per backend (sqlite/ now, postgres/ with the
 * scale-out issue); `test/store` runs the same suite against each.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** The shared Kysely instance; the queue lives in the same database so that a delivery and its jobs commit together. */
  readonly db: Kysely<Database>;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;

  /**
   * Stores a delivery, its change (event) and the event's jobs in one transaction. A webhook id seen
   * before stores nothing new (its duplicate counter goes up); a change already known (same shop,
   * resource and version) adds no event and no jobs.
   */
  acceptDelivery(delivery: NewDelivery, change: ResourceChange | undefined, jobs: JobsForEvent): Promise<AcceptResult>;
  /** The same for changes found by `sync` (a page at a time): one transaction, nothing twice. */
  acceptSyncChanges(shop: string, topic: string, changes: Array<{ change: ResourceChange; payload: string }>, jobs: JobsForEvent): Promise<Array<{ eventId: number; newEvent: boolean; jobIds: number[] }>>;
  getDelivery(id: number): Promise<StoredDelivery | undefined>;
  getEvent(id: number): Promise<StoredEvent | undefined>;
  countEvents(): Promise<{ total: number; bySource: Record<string, number> }>;

  /** Last version of a resource a task applied (last-writer-wins by updated_at). */
  appliedVersion(shop: string, resourceType: string, resourceId: string, task: string): Promise<number | undefined>;
  recordApplied(shop: string, resourceType: string, resourceId: string, task: string, version: number, eventId: number): Promise<void>;

  /** A relation to make once its target workspace exists. */
  addPendingRelation(r: PendingRelation): Promise<void>;
  pendingRelationsTo(shop: string, toBoType: string, toBoId: string): Promise<PendingRelation[]>;
  removePendingRelation(r: PendingRelation): Promise<void>;

  /** Records one xECM write (audit log). */
  audit(entry: AuditEntry): Promise<void>;
  listAudit(filter?: { eventId?: number; limit?: number }): Promise<Array<AuditEntry & { id: number; at: number }>>;

  getSyncCursor(shop: string, resource: string): Promise<string | undefined>;
  setSyncCursor(shop: string, resource: string, cursor: string): Promise<void>;
  countDeliveries(): Promise<DeliveryCounts>;

  getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined>;
  putWorkspace(mapping: WorkspaceMapping): Promise<void>;
  countWorkspaces(): Promise<Record<string, number>>;
}
