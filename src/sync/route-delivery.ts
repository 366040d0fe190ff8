import type { Rules } from '../rules/schema.js';
import type { NewJob } from '../queue/queue.js';
import type { JobsForEvent } from '../store/store.js';
import type { RuleJobPayload } from '../jobs/apply-rule.js';

/** Task names, one per job kind. */
export const TASKS = {
  rule: 'rule',
  orderCommunications: 'order.communications',
} as const;

/**
 * Pure: which jobs a change starts. Jobs of one resource share a queue name, so work for one order
 * never runs concurrently (DESIGN.md §4); the job key is the change's key, so a change delivered
 * twice runs once.
 */
export function jobsForEvent(shop: string, rules: Rules): JobsForEvent {
  return (eventId, change, key) => {
    const jobs: NewJob[] = [];
    const queueName = `${shop}:${change.resourceType}:${change.resourceId}`;
    if (change.deleted) return jobs;
    for (const [name, rule] of Object.entries(rules)) {
      if (!rule.enabled || rule.resource !== change.resourceType) continue;
      jobs.push({ task: TASKS.rule, payload: { eventId, rule: name } satisfies RuleJobPayload, jobKey: `${key}:rule:${name}`, queueName });
    }
    return jobs;
  };
}
