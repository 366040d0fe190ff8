import type { JobQueue } from '../queue/queue.js';
import type { PrivacyConflict, Store } from '../store/store.js';
import type { ModelConfig } from '../config/schema.js';
import { WORKSPACE_KINDS } from '../vocabulary.js';
import type { WorkspaceKind } from '../vocabulary.js';

export interface Summary {
  deliveries: number;
  duplicates: number;
  ignoredTopics: number;
  workspaces: Record<WorkspaceKind, number>;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  deadLetters: number;
  pending: number;
  archived: number;
}

/** What the connector has done so far: the store's records plus what the queue still holds. */
export async function collectSummary(deps: { store: Store; queue: JobQueue; config: { model: ModelConfig } }): Promise<Summary> {
  const s = await deps.store.summary();
  const q = await deps.queue.counts();
  const workspaces = Object.fromEntries(WORKSPACE_KINDS.map((k) => [k, s.workspaces[deps.config.model[k].boType] ?? 0])) as Record<WorkspaceKind, number>;
  return {
    deliveries: s.deliveries.total + s.deliveries.duplicates,
    duplicates: s.deliveries.duplicates,
    ignoredTopics: s.deliveries.ignored,
    workspaces,
    created: s.outcomes.created ?? 0,
    updated: s.outcomes.updated ?? 0,
    skipped: s.outcomes.skipped ?? 0,
    failed: q.dead,
    deadLetters: q.dead,
    pending: q.queued + q.running,
    archived: 0,
  };
}

/** How many dead letters `status` lists (the oldest first); the total is always given. */
export const STATUS_DEAD_LETTERS = 50;

/** The queue's depth by state and its lag. */
export interface QueueStatus {
  queued: number;
  running: number;
  dead: number;
  /** Seconds since the oldest due job became due (0 when none waits). */
  lagSeconds: number;
  /** When the oldest due job became due (ISO), or null. */
  oldestDueAt: string | null;
  /** The soonest run time of a queued job (ISO; may lie ahead: a retry's backoff), or null. */
  nextRunAt: string | null;
}

/** A dead letter as an operator acts on it; its payload stays out (it can carry a comment's text). */
export interface DeadLetterStatus {
  id: string;
  task: string;
  queue: string;
  attempts: number;
  /** `CODE: message` of the last failure. */
  reason: string;
  /** ISO */
  failedAt: string;
}

/** Where `sync` stands for one shop: each resource's cursor and when a sync last moved it. */
export interface ShopSyncStatus {
  shop: string;
  /** The latest run over its resources (ISO), or null: never synced. */
  lastRunAt: string | null;
  resources: Array<{ resource: string; cursor: string; ranAt: string }>;
}

/** Content Server as `status` found it: a timed, authenticated round trip with a short timeout. */
export type XecmStatus =
  | { configured: false }
  | {
      configured: true;
      /** The base URL (without credentials or query). */
      url: string;
      /** GET /api/v1/ping answered. */
      reachable: boolean;
      /** Signed in, and the ticket accepted by GET /api/v1/auth. */
      authenticated: boolean;
      /** The authenticated GET's round trip (ms); the ping's when the sign-in failed; null when unreachable. */
      latencyMs: number | null;
      /** `CODE: message` of what failed, or null. */
      error: string | null;
    };

/**
 * `status`: the summary; the queue by state with its lag; the dead letters with their reasons; the
 * last sync per shop; Content Server's reachability and latency; and the privacy requests not
 * carried out in xECM (workspaces kept under retention).
 */
export interface Status {
  summary: Summary;
  queue: QueueStatus;
  deadLetters: { total: number; shown: DeadLetterStatus[] };
  sync: ShopSyncStatus[];
  xecm: XecmStatus;
  privacyConflicts: Array<PrivacyConflict & { id: number; recordedAt: number }>;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** Through the Store and JobQueue interfaces only (both backends); `probeXecm` reports Content Server (it never throws). */
export async function collectStatus(deps: {
  store: Store;
  queue: JobQueue;
  config: { model: ModelConfig; shops: ReadonlyArray<{ domain: string }> };
  probeXecm?: () => Promise<XecmStatus>;
  now?: number;
}): Promise<Status> {
  const [summary, counts, dead, cursors, privacyConflicts, xecm] = await Promise.all([
    collectSummary(deps),
    deps.queue.counts(),
    deps.queue.deadLetters({ limit: STATUS_DEAD_LETTERS }),
    deps.store.syncCursors(),
    deps.store.privacyConflicts(),
    deps.probeXecm ? deps.probeXecm() : Promise.resolve<XecmStatus>({ configured: false }),
  ]);
  const now = deps.now ?? Date.now();
  const queue: QueueStatus = {
    queued: counts.queued,
    running: counts.running,
    dead: counts.dead,
    lagSeconds: counts.oldestDueAt === undefined ? 0 : Math.max(0, Math.round((now - counts.oldestDueAt) / 1000)),
    oldestDueAt: iso(counts.oldestDueAt),
    nextRunAt: iso(counts.nextRunAt),
  };
  const shops = [...new Set([...deps.config.shops.map((s) => s.domain), ...cursors.map((c) => c.shop)])];
  const sync = shops.map((shop): ShopSyncStatus => {
    const mine = cursors.filter((c) => c.shop === shop);
    const last = mine.reduce<number | undefined>((m, c) => (m === undefined || c.updatedAt > m ? c.updatedAt : m), undefined);
    return {
      shop,
      lastRunAt: iso(last),
      resources: mine.map((c) => ({ resource: c.resource, cursor: new Date(c.cursor).toISOString(), ranAt: new Date(c.updatedAt).toISOString() })),
    };
  });
  return {
    summary,
    queue,
    deadLetters: {
      // The count and the list are two reads: a letter may come or go between them.
      total: Math.max(counts.dead, dead.length),
      shown: dead.map((d) => ({
        id: d.id,
        task: d.task,
        queue: d.queueName,
        attempts: d.attempts,
        reason: d.reason,
        failedAt: new Date(d.failedAt).toISOString(),
      })),
    },
    sync,
    xecm,
    privacyConflicts,
  };
}
