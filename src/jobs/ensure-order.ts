import type { Rules } from '../rules/schema.js';
import { IntegrationError } from '../errors.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import type { TaskHandler } from '../queue/queue.js';
import { runRule } from './apply-rule.js';
import type { ApplyRuleDeps, RuleOutcome } from './apply-rule.js';
import { defineTask } from './tasks.js';
import type { ReadOrder } from './timeline.js';

/** The rules that build order workspaces from order changes (the shipped `order-workspace`, or the merchant's own). */
const orderRules = (rules: Rules): string[] =>
  Object.entries(rules).flatMap(([name, r]) => (r.enabled && r.resource === 'order' && r.workspace === 'order' ? [name] : []));

/**
 * `order.ensure` (jobs 2 and 4): a case or an exception always has its order's workspace. When the
 * order has none yet (it did not meet the order rule's criteria, or its changes came before the
 * connector), the order is read in full from the Admin API, stored as a change like any other (so
 * the order's rules see it too), and the order rule is applied to it ignoring its criteria. Runs on
 * the order workspace's queue, so it never writes beside the order's own jobs.
 */
export function ensureOrderTask(deps: ApplyRuleDeps & { readOrder: ReadOrder }): TaskHandler {
  return defineTask('order.ensure', async ({ shop, orderId, because }, job, { log }) => {
    const boType = deps.config.model.order.boType;
    if (await deps.store.getWorkspace(shop, boType, orderId)) return { outcome: 'exists' };
    const full = await deps.readOrder(shop, orderId);
    if (!full) throw new IntegrationError('SHOPIFY_NOT_FOUND', `order ${orderId} is not in Shopify (${because})`);
    const updated = Date.parse(String(full.payload.updated_at ?? ''));
    const change = { resourceType: 'order' as const, resourceId: orderId, version: Number.isFinite(updated) ? updated : Date.now(), deleted: false };
    const [stored] = await deps.store.acceptSyncChanges(
      shop,
      'orders/updated',
      [{ change, payload: full.text }],
      jobsForEvent(shop, deps.config.rules, deps.config.archive),
    );
    const event = stored ? await deps.store.getEvent(stored.eventId) : undefined;
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `order ${orderId}: the change read from Shopify was not stored`);
    const results: RuleOutcome[] = [];
    for (const name of orderRules(deps.config.rules)) results.push(await runRule(deps, name, event, job, log, { force: because }));
    return { outcome: 'ensured', because, rules: results.map((r) => ({ rule: r.rule, outcome: r.outcome })) };
  });
}
