import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { JobSpec, TaskHandler } from '../queue/queue.js';
import { targetOf } from '../rules/plan.js';
import type { WorkspaceRef } from '../rules/plan.js';
import { orderIdOf } from '../rules/timeline.js';
import { eventKey } from '../store/change.js';
import type { Store } from '../store/store.js';
import { parsePayload } from './payload.js';
import { defineTask, taskJob } from './tasks.js';

/**
 * The queue of one target workspace: shop, kind, business object. Every job that writes a workspace
 * runs on its queue, so two jobs never write one workspace at once (a company, its locations,
 * contacts and B2B customers all write one account workspace; DESIGN.md §4).
 */
export const workspaceQueue = (shop: string, ws: Pick<WorkspaceRef, 'kind' | 'boId'>): string => `${shop}:ws:${ws.kind}:${ws.boId}`;

/**
 * The `rule.route` task, on the resource's queue: finds which workspace the rule writes for this
 * change (its business object id, a rule expression) and hands the change to that workspace's
 * queue as a `rule` job. Changes of one resource stay in order (both queues are first in, first
 * out); changes of different resources that write one workspace never run at once.
 */
export function routeToWorkspaceTask(deps: {
  config: Readonly<Config>;
  store: Store;
  enqueue: (jobs: JobSpec[]) => Promise<unknown>;
  /** The order of a fulfillment order (hold webhooks name no order), from the Admin API; undefined without a token. */
  orderOfFulfillmentOrder?: ((shop: string, fulfillmentOrderId: string) => Promise<string | undefined>) | undefined;
}): TaskHandler {
  return defineTask('rule.route', async ({ eventId, rule: ruleName }, job) => {
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `event ${eventId} is not in the store`);
    const rule = deps.config.rules[ruleName];
    if (!rule) throw new IntegrationError('PAYLOAD_INVALID', `rule "${ruleName}" is no longer configured`);
    let target: WorkspaceRef | undefined;
    const payload = parsePayload(event.payload);
    // Timeline rules (cases, exceptions) name their workspace by the change's order: `$orderId`.
    let orderId = rule.timeline ? orderIdOf(event.resourceType, payload) : undefined;
    if (rule.timeline && orderId === undefined && event.resourceType === 'fulfillment_order' && deps.orderOfFulfillmentOrder)
      orderId = await deps.orderOfFulfillmentOrder(event.shop, event.resourceId);
    try {
      target = await targetOf(ruleName, rule, payload, { shop: event.shop, model: deps.config.model, bindings: { orderId } });
    } catch (err) {
      if (err instanceof IntegrationError) throw err;
      // JSONata raises plain objects with a message, not Error instances.
      const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
      throw new IntegrationError('RULE_INVALID', `rule "${ruleName}": boId: ${message}`, { cause: err });
    }
    // A payload that names no workspace is planned (and skipped) on the resource's own queue.
    const queueName = target ? workspaceQueue(event.shop, target) : job.queueName;
    await deps.enqueue([
      taskJob(
        'rule',
        { eventId, rule: ruleName, ...(rule.timeline && target ? { boId: target.boId } : {}) },
        { jobKey: `${eventKey(event.shop, event, event.payload)}:rule:${ruleName}:apply`, queueName },
      ),
    ]);
    return { outcome: 'routed', rule: ruleName, queue: queueName };
  });
}
