import type { Enqueued, FinishedJob, JobId, JobSpec } from '../queue/queue.js';
import type { ResourceChange } from './change.js';
import type { ResourceType } from '../vocabulary.js';

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
  /** The stored delivery's id (for a duplicate: the delivery first stored under its webhook id). */
  deliveryId: number;
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
  /**
   * X-Shopify-Triggered-At of the delivery that brought it (epoch ms, finer than `updated_at`'s
   * seconds); set by `timeline` and `latestEvent`, null for changes found by sync.
   */
  triggeredAt?: number | null;
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
  /** epoch ms after which it no longer waits (a relation with `waitDays`); absent: it waits until made. */
  expiresAt?: number;
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
  /** Orders in the archive ledger. */
  archived: number;
  /** outcome → finished jobs */
  outcomes: Record<string, number>;
}

/** Where `sync` stands for one shop's resource. */
export interface SyncCursor {
  shop: string;
  resource: string;
  /** epoch ms: the resource's changes at or after it are fetched next time. */
  cursor: number;
  /** epoch ms: when a sync last moved it (the end of that run's read of the resource). */
  updatedAt: number;
}

/** A delivery as stored. */
export interface StoredDelivery {
  id: number;
  webhookId: string;
  shop: string;
  topic: string;
  receivedAt: number;
  /** The body as received, or `{"redacted":true}` once a privacy request redacted it. */
  body: string;
  /** epoch ms of the redaction; null: as received. */
  redactedAt: number | null;
}

/** Builds the jobs for a delivery that starts work without a resource change (the privacy topics). */
export type JobsForDelivery = (deliveryId: number) => JobSpec[];

/** The customer a privacy request names (customers/redact, customers/data_request). */
export interface CustomerRef {
  customerId: string;
  email: string | null;
  /** The orders the request lists (`orders_to_redact`, `orders_requested`). */
  orderIds: string[];
}

/** An erasure the connector did not carry out in xECM: the workspace is kept (retention, legal hold). */
export interface PrivacyConflict {
  shop: string;
  customerId: string;
  boType: string;
  boId: string;
  nodeId: number | null;
  reason: string;
}

/** What the store holds on one customer (customers/data_request). */
export interface CustomerExport {
  shop: string;
  customerId: string;
  deliveries: Array<{ id: number; topic: string; receivedAt: number; body: unknown }>;
  events: Array<{ id: number; topic: string; resourceType: string; resourceId: string; receivedAt: number; payload: unknown }>;
  workspaces: WorkspaceMapping[];
  audit: Array<AuditEntry & { id: number; at: number }>;
  outcomes: JobOutcome[];
}

/** What `purge` removed. */
export interface PurgeResult {
  deliveries: number;
  events: number;
  outcomes: number;
}

/** A dispute's latest known status (jobs/dispute-hold.ts holds the order's records while any is open). */
export interface DisputeState {
  shop: string;
  disputeId: string;
  orderId: string;
  status: string;
  open: boolean;
  /** Shopify's time of the status (epoch ms); an older one never replaces a newer. */
  version: number;
}

/** One required document of a product's checklist as last evaluated (rules/checklist.ts ChecklistItem). */
export interface ChecklistEntry {
  name: string;
  classes: string[];
  status: 'present' | 'missing' | 'expired';
  documents: Array<{ id: number; name: string; validUntil: string | null }>;
  expiredOn?: string;
}

/** A product workspace's checklist as last evaluated (job 5): what `compliance report` lists. */
export interface ProductChecklist {
  shop: string;
  productId: string;
  /** The product workspace's node. */
  nodeId: number;
  title: string;
  classes: string[];
  items: ChecklistEntry[];
  /** Nothing missing, nothing expired. */
  complete: boolean;
  /** epoch ms */
  checkedAt: number;
}

/** One archived artifact of an order (job 7), as the manifest lists it. */
export interface ArchivedArtifact {
  name: string;
  nodeId: number;
  version: number;
  size: number;
  sha256: string;
  /** The change it was rendered from (null: not from a stored change). */
  eventId: number | null;
  /** epoch ms this version was filed */
  archivedAt: number;
}

/** An archived order in the local ledger: its folder, its manifest as filed, its artifacts. */
export interface ArchivedOrder {
  shop: string;
  orderId: string;
  orderName: string;
  /** The folder holding the artifacts and the manifest. */
  folderId: number;
  /** The folder is the order workspace's Archive folder (not the dated archive tree). */
  inWorkspace: boolean;
  /** The archived order's updated_at (epoch ms): an older change never re-archives. */
  orderVersion: number;
  manifest: { nodeId: number; version: number; size: number; sha256: string };
  artifacts: ArchivedArtifact[];
  /** epoch ms the manifest last changed */
  archivedAt: number;
}

/** A `backfill` run's checkpoint: the run's own state, kept as JSON. */
export interface BackfillRun {
  key: string;
  shop: string;
  state: unknown;
  done: boolean;
  startedAt: number;
  updatedAt: number;
}

/**
 * The connector's state. One interface, one implementation on Kysely (kysely-store.ts) with a folder
 * per backend for what differs (sqlite/, postgres/: opening, dialect, migrations); `test/store` runs
 * the same suite against each. No caller sees a database handle.
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
   * `deliveryJobs` (a handled delivery without a change: the privacy topics) enqueues the delivery's
   * own jobs in the same transaction.
   */
  acceptDelivery(delivery: NewDelivery, change: ResourceChange | undefined, jobs: JobsForEvent, deliveryJobs?: JobsForDelivery): Promise<AcceptResult>;
  /** The same for changes found by `sync` (a page at a time): one transaction, nothing twice. */
  acceptSyncChanges(
    shop: string,
    topic: string,
    changes: Array<{ change: ResourceChange; payload: string }>,
    jobs: JobsForEvent,
  ): Promise<Array<{ eventId: number; newEvent: boolean; jobs: Enqueued[] }>>;
  getEvent(id: number): Promise<StoredEvent | undefined>;
  getDelivery(id: number): Promise<StoredDelivery | undefined>;
  /** The newest stored change of a resource (by version), deletions aside. */
  latestEvent(shop: string, resourceType: ResourceType, resourceId: string): Promise<StoredEvent | undefined>;

  /** Adds a change to a workspace's timeline (a case or exception is folded from its timeline); once. */
  addToTimeline(shop: string, workspace: { boType: string; boId: string }, eventId: number): Promise<void>;
  /** The changes of a workspace's timeline, by version. */
  timeline(shop: string, boType: string, boId: string): Promise<StoredEvent[]>;
  /** Records a dispute's status unless a newer one is recorded. */
  recordDispute(d: DisputeState): Promise<void>;
  /** The disputes known for an order. */
  disputesOf(shop: string, orderId: string): Promise<DisputeState[]>;

  /** The archive ledger (job 7): an order as last archived. */
  archivedOrder(shop: string, orderId: string): Promise<ArchivedOrder | undefined>;
  /**
   * Records an order's archive (its manifest and every artifact, replacing what was recorded), and
   * the audit entries of the writes that made it, in one transaction.
   */
  recordArchive(a: ArchivedOrder, audit?: AuditEntry[]): Promise<void>;
  /**
   * Archived orders in (shop, order id) order, a page at a time: those of `shop`, `orderId`, or whose
   * manifest changed at or after `since` (epoch ms); `after` is the last of the previous page.
   */
  archivedOrders(filter: {
    shop?: string;
    orderId?: string;
    since?: number;
    after?: { shop: string; orderId: string };
    limit: number;
  }): Promise<ArchivedOrder[]>;
  /** A backfill run's checkpoint. */
  backfillRun(key: string): Promise<BackfillRun | undefined>;
  saveBackfillRun(run: BackfillRun): Promise<void>;

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
  /** Every sync cursor (per shop and resource) with when it was last moved (`status`), by shop and resource. */
  syncCursors(filter?: { shop?: string }): Promise<SyncCursor[]>;

  getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined>;
  putWorkspace(mapping: WorkspaceMapping): Promise<void>;

  /** Records a finished job's outcome (once per job key; a second report of the same job replaces it). */
  recordOutcome(finished: FinishedJob): Promise<void>;
  /** Finished jobs, oldest first; filter by job id or task. */
  outcomes(filter?: { jobIds?: JobId[]; task?: string; limit?: number }): Promise<JobOutcome[]>;

  summary(): Promise<StoreSummary>;

  /**
   * customers/redact: in one transaction, the deliveries and events about the customer (their email,
   * their id, the listed orders) keep their rows with the body replaced and `redactedAt` set; the
   * customer's emails, names, phones and address lines are scrubbed from audit details and targets,
   * workspace names and job outcomes. Returns the rows changed. Running it again changes nothing.
   */
  redactCustomer(shop: string, customer: CustomerRef, now?: number): Promise<{ rows: number }>;
  /** customers/data_request: what the store holds on the customer (found as `redactCustomer` finds it). */
  exportCustomer(shop: string, customer: CustomerRef): Promise<CustomerExport>;
  /** shop/redact: deletes every row of the shop, and its jobs that are not running. Returns the rows deleted. */
  redactShop(shop: string): Promise<{ rows: number }>;
  /** Records that an erasure was not carried out in xECM (once per shop, customer and workspace). */
  recordPrivacyConflict(conflict: PrivacyConflict, now?: number): Promise<void>;
  privacyConflicts(filter?: { shop?: string }): Promise<Array<PrivacyConflict & { id: number; recordedAt: number }>>;
  /**
   * Removes what is finished and older than `olderThan` (epoch ms): job outcomes by finish time;
   * events by receive time unless a job the queue still holds (queued, running or dead) reads them
   * or they belong to a workspace's timeline (a case's history);
   * deliveries by receive time unless an event kept or such a job refers to them.
   */
  purge(olderThan: number): Promise<PurgeResult>;

  // ---- Job 5, product compliance (migration 0009) ----------------------------------------------

  /** Records a product's checklist as last evaluated, replacing the one before. */
  putChecklist(c: ProductChecklist): Promise<void>;
  /** The checklists recorded (every product workspace checked so far), by shop and product id. */
  checklists(filter?: { shop?: string; productId?: string }): Promise<ProductChecklist[]>;
  /** The workspaces recorded for one business object type (e.g. every product workspace, to re-check), by shop and id. */
  workspacesOfType(boType: string, filter?: { shop?: string }): Promise<WorkspaceMapping[]>;
  /**
   * Ends the wait of the relations with an expiry (`waitDays`) towards a business object whose rule
   * decided it gets no workspace (a product that is not regulated); relations without one keep
   * waiting. Returns how many ended.
   */
  dropWaitingRelationsTo(shop: string, toBoType: string, toBoId: string): Promise<number>;
  /** Removes the pending relations whose wait ended before `now` (epoch ms). Returns how many. */
  dropExpiredRelations(now: number): Promise<number>;

  // ---- Job 6, agent lookup (migration 0010) ----------------------------------------------------

  /**
   * Indexes a resource for lookup: its label, terms and links replace those indexed before, unless
   * a later version of it is indexed already (then nothing changes and the answer is false).
   */
  indexForLookup(entry: LookupIndexEntry, now?: number): Promise<boolean>;
  /**
   * The resources a normalized term finds: equal to it, or (`prefix`) starting with it; within one
   * shop or every shop; at most `limit`, orders first, then by label.
   */
  findForLookup(query: { term: string; prefix: boolean; shop?: string; limit: number }): Promise<LookupResource[]>;
  /** The workspaces most recently made or changed (newest first): the panel's home. */
  recentWorkspaces(limit: number, filter?: { shop?: string }): Promise<WorkspaceMapping[]>;
  /** The latest deliveries (newest first): what the panel's operations view lists. */
  recentDeliveries(limit: number): Promise<Array<{ id: number; shop: string; topic: string; receivedAt: number }>>;
  /** One indexed resource. */
  lookupResource(shop: string, resourceType: string, resourceId: string): Promise<LookupResource | undefined>;
  /** The resources one links to (`from`: an order's company), or that link to it (`to`: an order's cases). */
  lookupLinks(shop: string, resourceType: string, resourceId: string, direction: 'from' | 'to'): Promise<LookupResource[]>;
}

/** A resource in the lookup index (job 6). */
export interface LookupResource {
  shop: string;
  resourceType: string;
  resourceId: string;
  /** The change's version (epoch ms of `updated_at`) it was indexed at. */
  version: number;
  title: string;
}

export interface LookupIndexEntry extends LookupResource {
  terms: string[];
  links: Array<{ resourceType: string; resourceId: string }>;
}
