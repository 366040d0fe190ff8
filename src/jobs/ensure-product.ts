import { IntegrationError } from '../errors.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import type { TaskHandler } from '../queue/queue.js';
import type { Rules } from '../rules/schema.js';
import { runRule } from './apply-rule.js';
import type { ApplyRuleDeps, ReadProduct, RuleOutcome } from './apply-rule.js';
import { defineTask } from './tasks.js';

/** The rules that build product workspaces from product changes (the shipped `product-workspace`, or the merchant's own). */
const productRules = (rules: Rules): string[] =>
  Object.entries(rules).flatMap(([name, r]) => (r.enabled && r.resource === 'product' && r.workspace === 'product' ? [name] : []));

/**
 * `product.ensure`: a product gets its workspace although the product rule's criteria do not hold
 * (the Flow action "Ensure xECM workspace" asks for it). As `order.ensure` does for orders: the
 * product is read in full from the Admin API, stored as a change like any other, and its rules are
 * applied to it with `force`. Idempotent: a product with a workspace is left as it is.
 */
export function ensureProductTask(deps: ApplyRuleDeps & { readProduct: ReadProduct }): TaskHandler {
  return defineTask('product.ensure', async ({ shop, productId, because }, job, { log }) => {
    const boType = deps.config.model.product.boType;
    if (await deps.store.getWorkspace(shop, boType, productId)) return { outcome: 'exists' };
    const full = await deps.readProduct(shop, productId);
    if (!full) throw new IntegrationError('SHOPIFY_NOT_FOUND', `product ${productId} is not in Shopify (${because})`);
    const rules = productRules(deps.config.rules);
    if (rules.length === 0) throw new IntegrationError('RULE_INVALID', `no enabled rule builds product workspaces (${because})`);
    const updated = Date.parse(String(full.payload.updated_at ?? ''));
    const change = { resourceType: 'product' as const, resourceId: productId, version: Number.isFinite(updated) ? updated : Date.now(), deleted: false };
    const [stored] = await deps.store.acceptSyncChanges(shop, 'products/update', [{ change, payload: full.text }], jobsForEvent(shop, deps.config.rules));
    const event = stored ? await deps.store.getEvent(stored.eventId) : undefined;
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `product ${productId}: the change read from Shopify was not stored`);
    const results: RuleOutcome[] = [];
    for (const name of rules) results.push(await runRule(deps, name, event, job, log, { force: because }));
    return { outcome: 'ensured', because, rules: results.map((r) => ({ rule: r.rule, outcome: r.outcome })) };
  });
}
