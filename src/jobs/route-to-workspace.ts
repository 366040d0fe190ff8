import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { JobSpec, TaskHandler } from '../queue/queue.js';
import { archiveApplies, BACKFILL_TOPIC } from '../rules/archive.js';
import { lookupEntry } from '../rules/lookup-terms.js';
import { targetOf } from '../rules/plan.js';
import type { WorkspaceRef } from '../rules/plan.js';
import { orderIdOf } from '../rules/timeline.js';
import { eventKey } from '../store/change.js';
import type { Store } from '../store/store.js';
import { parsePayload } from './payload.js';
import { defineTask, taskJob, workspaceQueue } from './tasks.js';

export { workspaceQueue } from './tasks.js';

/**
 * The `rule.route` task, on the resource's queue: for each rule that follows the change's resource,
 * finds which workspace it writes (its business object id, a rule expression) and hands the change
 * to that workspace's queue as a `rule` job. Changes of one resource stay in order (both queues are
 * first in, first out); changes of different resources that write one workspace never run at once.
 * It also keeps the resource's entry in the lookup index (job 6).
 */
export function routeToWorkspaceTask(deps: {
  config: Readonly<Config>;
  store: Store;
  enqueue: (jobs: JobSpec[]) => Promise<unknown>;
  /** The order of a fulfillment order (hold webhooks name no order), from the Admin API; undefined without a token. */
  orderOfFulfillmentOrder?: ((shop: string, fulfillmentOrderId: string) => Promise<string | undefined>) | undefined;
}): TaskHandler {
  return defineTask('rule.route', async ({ eventId, rule: only }, job) => {
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `event ${eventId} is not in the store`);
    if (only !== undefined && !deps.config.rules[only]) throw new IntegrationError('PAYLOAD_INVALID', `rule "${only}" is no longer configured`);
    const rules = Object.entries(deps.config.rules).filter(([name, rule]) =>
      only === undefined ? rule.enabled && rule.resource === event.resourceType : name === only,
    );
    const payload = parsePayload(event.payload);
    const key = eventKey(event.shop, event, event.payload);
    // Job 6: the lookup index follows every change of an indexed resource (a later one indexed wins).
    const entry = event.deleted ? undefined : lookupEntry(event.resourceType, event.resourceId, payload);
    if (entry)
      await deps.store.indexForLookup({ shop: event.shop, resourceType: event.resourceType, resourceId: event.resourceId, version: event.version, ...entry });
    // Timeline rules (cases, exceptions) name their workspace by the change's order: `$orderId`.
    let orderId: string | undefined;
    if (rules.some(([, r]) => r.timeline)) {
      orderId = orderIdOf(event.resourceType, payload);
      if (orderId === undefined && event.resourceType === 'fulfillment_order' && deps.orderOfFulfillmentOrder)
        orderId = await deps.orderOfFulfillmentOrder(event.shop, event.resourceId);
    }
    const jobs: JobSpec[] = [];
    const routes: Array<{ rule: string; queue: string }> = [];
    for (const [ruleName, rule] of rules) {
      let target: WorkspaceRef | undefined;
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
      jobs.push(
        taskJob(
          'rule',
          { eventId, rule: ruleName, ...(rule.timeline && target ? { boId: target.boId } : {}) },
          { jobKey: `${key}:rule:${ruleName}:apply`, queueName },
        ),
      );
      routes.push({ rule: ruleName, queue: queueName });
    }
    // The archive (job 7) follows every order, whether or not it has a workspace: on the order
    // workspace's queue, so it never writes while the order's workspace job does.
    // (A backfilled order's archive job comes with it, carrying the comments its bulk query read.)
    if (
      only === undefined &&
      event.resourceType === 'order' &&
      event.topic !== BACKFILL_TOPIC &&
      !event.deleted &&
      (await archiveApplies(deps.config.archive, payload, event.shop))
    ) {
      const queueName = workspaceQueue(event.shop, { kind: 'order', boId: event.resourceId });
      jobs.push(taskJob('order.archive', { eventId }, { jobKey: `${key}:archive`, queueName }));
      routes.push({ rule: 'archive', queue: queueName });
    }
    if (jobs.length > 0) await deps.enqueue(jobs);
    return { outcome: 'routed', routes };
  });
}
