import { taskJob } from '../jobs/tasks.js';
import type { JobSpec } from '../queue/queue.js';
import type { Rules } from '../rules/schema.js';
import type { JobsForEvent } from '../store/store.js';

/**
 * Pure: which jobs a change starts (one `rule` job per enabled rule that follows its resource). Jobs
 * of one resource share a queue name, so work for one order never runs concurrently (DESIGN.md §4);
 * the job key is the change's key, so a change delivered twice runs once.
 */
export function jobsForEvent(shop: string, rules: Rules): JobsForEvent {
  return (eventId, change, key) => {
    const jobs: JobSpec[] = [];
    if (change.deleted) return jobs;
    const queueName = `${shop}:${change.resourceType}:${change.resourceId}`;
    for (const [name, rule] of Object.entries(rules)) {
      if (!rule.enabled || rule.resource !== change.resourceType) continue;
      jobs.push(taskJob('rule', { eventId, rule: name }, { jobKey: `${key}:rule:${name}`, queueName }));
    }
    return jobs;
  };
}
