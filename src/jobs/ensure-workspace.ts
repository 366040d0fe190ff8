import { IntegrationError } from '../errors.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import type { Logger } from '../log.js';
import type { Job } from '../queue/queue.js';
import type { Rules } from '../rules/schema.js';
import type { ResourceType, WorkspaceKind } from '../vocabulary.js';
import { runRule } from './apply-rule.js';
import type { ApplyRuleDeps, RuleOutcome } from './apply-rule.js';
import type { ReadOrder } from './timeline.js';

/** The enabled rules that build `workspace` workspaces from changes of `resource`. */
export const rulesBuilding = (rules: Rules, resource: ResourceType, workspace: WorkspaceKind): string[] =>
  Object.entries(rules).flatMap(([name, r]) => (r.enabled && r.resource === resource && r.workspace === workspace ? [name] : []));

/**
 * A resource gets its workspace although its rule's criteria do not hold (`order.ensure`: a case or
 * exception needs its order's; `product.ensure` and `account.ensure`: the Flow action asks): the
 * resource is read from the Admin API, stored as a change like any other (so every rule that follows
 * it sees it too), and the rules that build the workspace are applied to it with `force`. The rules
 * find the workspace by its business object before they make one, so asking twice makes one.
 */
export async function ensureWorkspace(
  deps: ApplyRuleDeps,
  o: {
    shop: string;
    resourceType: ResourceType;
    resourceId: string;
    workspace: WorkspaceKind;
    /** The topic the read is stored under (as sync stores it). */
    topic: string;
    read: ReadOrder;
    because: string;
    /** Without a rule to apply, fail (the Flow action asked for this very workspace) rather than only store the read. */
    ruleRequired: boolean;
  },
  job: Pick<Job, 'id'>,
  log: Logger,
): Promise<{ outcome: 'ensured'; because: string; rules: Array<{ rule: string; outcome: string }> }> {
  const rules = rulesBuilding(deps.config.rules, o.resourceType, o.workspace);
  if (rules.length === 0)
    throw new IntegrationError('RULE_INVALID', `no enabled rule builds ${o.workspace} workspaces from ${o.resourceType} changes (${o.because})`);
  const full = await o.read(o.shop, o.resourceId);
  if (!full) throw new IntegrationError('SHOPIFY_NOT_FOUND', `${o.resourceType} ${o.resourceId} is not in Shopify (${o.because})`);
  const updated = Date.parse(String(full.payload.updated_at ?? ''));
  const change = { resourceType: o.resourceType, resourceId: o.resourceId, version: Number.isFinite(updated) ? updated : Date.now(), deleted: false };
  const [stored] = await deps.store.acceptSyncChanges(
    o.shop,
    o.topic,
    [{ change, payload: full.text }],
    jobsForEvent(o.shop, deps.config.rules, deps.config.archive),
  );
  const event = stored ? await deps.store.getEvent(stored.eventId) : undefined;
  if (!event) throw new IntegrationError('PAYLOAD_INVALID', `${o.resourceType} ${o.resourceId}: the change read from Shopify was not stored`);
  const results: RuleOutcome[] = [];
  for (const name of rules) results.push(await runRule(deps, name, event, job, log, { force: o.because }));
  return { outcome: 'ensured', because: o.because, rules: results.map((r) => ({ rule: r.rule, outcome: r.outcome })) };
}
