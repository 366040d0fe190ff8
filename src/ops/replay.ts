import type { JobId, JobQueue } from '../queue/queue.js';
import type { Store } from '../store/store.js';

/**
 * `replay`: dead letters go back to the queue with fresh attempts (after the cause was fixed); a
 * finished job (its outcome is in the store) runs again as a copy. Everything the jobs do is
 * idempotent, so a replay writes only what is missing or changed.
 */
export async function replay(
  deps: { store: Store; queue: JobQueue },
  target: { dead: true } | { jobIds: JobId[] },
  now = Date.now(),
): Promise<{ requeued: number; copied: number; unknown: JobId[] }> {
  if ('dead' in target) return { requeued: await deps.queue.retry(), copied: 0, unknown: [] };
  const dead = new Set((await deps.queue.deadLetters({ limit: 1_000_000 })).map((d) => d.id));
  const requeued = await deps.queue.retry(target.jobIds.filter((id) => dead.has(id)));
  const finished = await deps.store.outcomes({ jobIds: target.jobIds.filter((id) => !dead.has(id)) });
  await deps.queue.enqueue(finished.map((o) => ({ task: o.task, payload: o.payload, jobKey: `${o.jobKey}:replay:${now}:${o.jobId}`, queueName: o.queueName })));
  const known = new Set([...dead, ...finished.map((o) => o.jobId)]);
  return { requeued, copied: finished.length, unknown: target.jobIds.filter((id) => !known.has(id)) };
}
