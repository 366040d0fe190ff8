import type { NewJob } from '../queue/queue.js';
import type { JobsForEvent } from '../store/store.js';

/** Task names, one per job kind. */
export const TASKS = {
  orderWorkspace: 'order.workspace',
} as const;

/** Every job of an event gets the event's id; the job loads the change from the store. */
export interface EventJobPayload {
  eventId: number;
}

/**
 * Pure: which jobs a change starts. Jobs of one resource share a queue name, so work for one order
 * never runs concurrently (DESIGN.md §4); the job key is the change's key, so a change delivered
 * twice runs once.
 */
export function jobsForEvent(shop: string): JobsForEvent {
  return (eventId, change, key) => {
    const jobs: NewJob[] = [];
    const queueName = `${shop}:${change.resourceType}:${change.resourceId}`;
    if (change.resourceType === 'order' && !change.deleted) {
      jobs.push({ task: TASKS.orderWorkspace, payload: { eventId } satisfies EventJobPayload, jobKey: `${key}:${TASKS.orderWorkspace}`, queueName });
    }
    return jobs;
  };
}
