import type { NewJob } from '../queue/queue.js';
import { idFromGid } from '../shopify/ids.js';
import { ORDER_TOPICS } from '../shopify/webhooks/topics.js';

/** Task names, one per job kind. */
export const TASKS = {
  orderWorkspace: 'order.workspace',
} as const;

export interface OrderWorkspacePayload {
  deliveryId: number;
}

/**
 * Pure: which jobs a delivery starts. Every job of one resource shares a queue name, so work for
 * one order never runs concurrently (DESIGN.md §4 per-resource order); the job key makes a job
 * unique per delivery.
 */
export function jobsForDelivery(input: { topic: string; shop: string; webhookId: string; body: unknown }): { handled: boolean; jobs: (deliveryId: number) => NewJob[] } {
  const body = input.body !== null && typeof input.body === 'object' ? (input.body as Record<string, unknown>) : {};
  if ((ORDER_TOPICS as readonly string[]).includes(input.topic)) {
    const orderId = idFromGid(body.admin_graphql_api_id, 'Order');
    return {
      handled: true,
      jobs: (deliveryId) => [
        {
          task: TASKS.orderWorkspace,
          payload: { deliveryId } satisfies OrderWorkspacePayload,
          jobKey: `${input.shop}:${input.webhookId}:${TASKS.orderWorkspace}`,
          // An order payload without a GID still gets its job, which dead-letters with a clear reason.
          queueName: `${input.shop}:order:${orderId ?? `delivery-${deliveryId}`}`,
        },
      ],
    };
  }
  return { handled: false, jobs: () => [] };
}
