import type { TaskHandler } from '../queue/queue.js';
import type { ApplyRuleDeps } from './apply-rule.js';
import { ensureWorkspace } from './ensure-workspace.js';
import { defineTask } from './tasks.js';
import type { ReadOrder } from './timeline.js';

/**
 * `order.ensure` (jobs 2 and 4, and the Flow action): a case or an exception always has its order's
 * workspace. When the order has none yet (it did not meet the order rule's criteria, or its changes
 * came before the connector), the order is read in full and the order rules applied to it ignoring
 * their criteria (jobs/ensure-workspace.ts). Runs on the order workspace's queue, so it never writes
 * beside the order's own jobs.
 */
export function ensureOrderTask(deps: ApplyRuleDeps & { readOrder: ReadOrder }): TaskHandler {
  return defineTask('order.ensure', async ({ shop, orderId, because }, job, { log }) => {
    if (await deps.store.getWorkspace(shop, deps.config.model.order.boType, orderId)) return { outcome: 'exists' };
    return ensureWorkspace(
      deps,
      { shop, resourceType: 'order', resourceId: orderId, workspace: 'order', topic: 'orders/updated', read: deps.readOrder, because, ruleRequired: false },
      job,
      log,
    );
  });
}
