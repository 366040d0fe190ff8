import { IntegrationError } from '../errors.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import type { TaskHandler } from '../queue/queue.js';
import type { Rules } from '../rules/schema.js';
import { runRule } from './apply-rule.js';
import type { ApplyRuleDeps, RuleOutcome } from './apply-rule.js';
import { defineTask } from './tasks.js';
import type { ReadOrder } from './timeline.js';

/** The rules that build customer account workspaces from customer changes (the shipped `account-customer`). */
const customerRules = (rules: Rules): string[] =>
  Object.entries(rules).flatMap(([name, r]) => (r.enabled && r.resource === 'customer' && r.workspace === 'account' ? [name] : []));

/**
 * `account.ensure`: a customer gets its customer account workspace although the rule's criteria
 * (a B2B tag) do not hold; the Flow action asks for it. As `order.ensure` and `product.ensure`: the
 * customer is read from the Admin API, stored as a change like any other, and its rules applied with
 * `force`. Idempotent: the workspace is found by its business object before one is made.
 */
export function ensureAccountTask(deps: ApplyRuleDeps & { readCustomer: ReadOrder }): TaskHandler {
  return defineTask('account.ensure', async ({ shop, customerId, because }, job, { log }) => {
    const rules = customerRules(deps.config.rules);
    if (rules.length === 0) throw new IntegrationError('RULE_INVALID', `no enabled rule builds customer account workspaces from customers (${because})`);
    const full = await deps.readCustomer(shop, customerId);
    if (!full) throw new IntegrationError('SHOPIFY_NOT_FOUND', `customer ${customerId} is not in Shopify (${because})`);
    const updated = Date.parse(String(full.payload.updated_at ?? ''));
    const change = { resourceType: 'customer' as const, resourceId: customerId, version: Number.isFinite(updated) ? updated : Date.now(), deleted: false };
    const [stored] = await deps.store.acceptSyncChanges(shop, 'customers/update', [{ change, payload: full.text }], jobsForEvent(shop, deps.config.rules));
    const event = stored ? await deps.store.getEvent(stored.eventId) : undefined;
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `customer ${customerId}: the change read from Shopify was not stored`);
    const results: RuleOutcome[] = [];
    for (const name of rules) results.push(await runRule(deps, name, event, job, log, { force: because }));
    return { outcome: 'ensured', because, rules: results.map((r) => ({ rule: r.rule, outcome: r.outcome })) };
  });
}
