import type { Queue } from '../queue/queue.js';

/**
 * `replay`: dead letters go back to the queue with fresh attempts (after the cause was fixed); a
 * finished job runs again as a copy. Everything the jobs do is idempotent, so a replay writes only
 * what is missing or changed.
 */
export async function replay(queue: Queue, target: { dead: true } | { jobIds: number[] }): Promise<{ requeued: number; copied: number }> {
  if ('dead' in target) return { requeued: await queue.retry(), copied: 0 };
  let requeued = 0;
  let copied = 0;
  const jobs = (await queue.list({ limit: 1_000_000 })).filter((j) => target.jobIds.includes(j.id));
  for (const j of jobs) {
    if (j.status === 'dead') requeued += await queue.retry([j.id]);
    else if (j.status === 'done') {
      await queue.add({ task: j.task, payload: j.payload, jobKey: `${j.jobKey ?? j.id}:replay:${Date.now()}:${j.id}`, ...(j.queueName ? { queueName: j.queueName } : {}) });
      copied++;
    }
  }
  return { requeued, copied };
}
