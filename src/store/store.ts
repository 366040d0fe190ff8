import type { Kysely } from 'kysely';
import type { Database } from './types.js';
import type { NewJob } from '../queue/queue.js';

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
  /** false: topic not handled by any job; stored and counted only. */
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
  jobIds: number[];
}

export interface WorkspaceMapping {
  shop: string;
  boType: string;
  boId: string;
  nodeId: number;
  name: string;
  workspaceType: string;
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
   * Stores a delivery and enqueues its jobs in one transaction. A webhook id seen before stores
   * nothing new (its duplicate counter goes up) and enqueues nothing.
   */
  acceptDelivery(delivery: NewDelivery, jobs: (deliveryId: number) => NewJob[]): Promise<AcceptResult>;
  getDelivery(id: number): Promise<StoredDelivery | undefined>;
  countDeliveries(): Promise<DeliveryCounts>;

  getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined>;
  putWorkspace(mapping: WorkspaceMapping): Promise<void>;
  countWorkspaces(): Promise<Record<string, number>>;
}
