import type { TaskHandler } from '../queue/queue.js';
import type { ApplyRuleDeps } from './apply-rule.js';
import { ensureWorkspace } from './ensure-workspace.js';
import { defineTask } from './tasks.js';
import type { ReadOrder } from './timeline.js';

/**
 * `account.ensure` (the Flow action "Ensure xECM workspace"): a customer gets its customer account
 * workspace although the rule's criteria (a B2B tag) do not hold: read from the Admin API, the
 * customer rules applied with `force` (jobs/ensure-workspace.ts).
 */
export function ensureAccountTask(deps: ApplyRuleDeps & { readCustomer: ReadOrder }): TaskHandler {
  return defineTask('account.ensure', async ({ shop, customerId, because }, job, { log }) =>
    ensureWorkspace(
      deps,
      {
        shop,
        resourceType: 'customer',
        resourceId: customerId,
        workspace: 'account',
        topic: 'customers/update',
        read: deps.readCustomer,
        because,
        ruleRequired: true,
      },
      job,
      log,
    ),
  );
}
