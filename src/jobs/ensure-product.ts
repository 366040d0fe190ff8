import type { TaskHandler } from '../queue/queue.js';
import type { ApplyRuleDeps, ReadProduct } from './apply-rule.js';
import { ensureWorkspace } from './ensure-workspace.js';
import { defineTask } from './tasks.js';

/**
 * `product.ensure` (the Flow action "Ensure xECM workspace"): a product gets its workspace although
 * the product rule's criteria do not hold: read in full, its rules applied with `force`
 * (jobs/ensure-workspace.ts). A product with a workspace is left as it is.
 */
export function ensureProductTask(deps: ApplyRuleDeps & { readProduct: ReadProduct }): TaskHandler {
  return defineTask('product.ensure', async ({ shop, productId, because }, job, { log }) => {
    if (await deps.store.getWorkspace(shop, deps.config.model.product.boType, productId)) return { outcome: 'exists' };
    return ensureWorkspace(
      deps,
      {
        shop,
        resourceType: 'product',
        resourceId: productId,
        workspace: 'product',
        topic: 'products/update',
        read: deps.readProduct,
        because,
        ruleRequired: true,
      },
      job,
      log,
    );
  });
}
