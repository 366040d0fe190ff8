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

/** `status`: the summary and the privacy requests not carried out in xECM (workspaces kept under retention). */
export interface Status {
  summary: Summary;
  privacyConflicts: Array<PrivacyConflict & { id: number; recordedAt: number }>;
}

export async function collectStatus(deps: { store: Store; queue: JobQueue; config: { model: ModelConfig } }): Promise<Status> {
  return { summary: await collectSummary(deps), privacyConflicts: await deps.store.privacyConflicts() };
}
