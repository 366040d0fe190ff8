import { taskJob } from '../jobs/tasks.js';
import type { Rules } from '../rules/schema.js';
import { isComplianceTopic } from '../shopify/webhooks/topics.js';
import type { JobsForDelivery, JobsForEvent } from '../store/store.js';

/**
 * Pure: which jobs a change starts: one `rule.route` job when any enabled rule follows its resource.
 * Jobs of one resource share a queue name, so a resource's changes are taken in order (DESIGN.md §4);
 * the job key is the change's key, so a change delivered twice runs once. The route job then hands
 * the change to the queue of each workspace a rule writes (jobs/route-to-workspace.ts), off the
 * intake path, since finding that workspace means evaluating the rules. One job per change, however
 * many rules follow it, keeps intake to one queue row per delivery.
 */
export function jobsForEvent(shop: string, rules: Rules, archive?: { enabled: boolean }): JobsForEvent {
  return (eventId, change, key) => {
    if (change.deleted) return [];
    // An inventory item's change (HS code, origin) is its product's: read the product again (job 5).
    if (change.resourceType === 'inventory_item') {
      if (!Object.values(rules).some((rule) => rule.enabled && rule.resource === 'product')) return [];
      return [taskJob('product.refresh', { eventId }, { jobKey: `${key}:refresh`, queueName: `${shop}:${change.resourceType}:${change.resourceId}` })];
    }
    // The archive (job 7) follows every order.
    const follows =
      Object.values(rules).some((rule) => rule.enabled && rule.resource === change.resourceType) ||
      (change.resourceType === 'order' && archive?.enabled === true);
    if (!follows) return [];
    return [taskJob('rule.route', { eventId }, { jobKey: `${key}:route`, queueName: `${shop}:${change.resourceType}:${change.resourceId}` })];
  };
}

/**
 * Pure: the job a delivery starts by itself, without a resource change: one `privacy` job for each
 * compliance topic (customers/redact, customers/data_request, shop/redact), whatever the rules follow.
 * It is stored with the delivery in one transaction, so the request survives a crash once answered;
 * the job reads the delivery's body (the job keeps no personal data). One queue per shop keeps a
 * shop's requests in order (a data request before a later redaction).
 */
export function jobsForDelivery(shop: string, topic: string): JobsForDelivery | undefined {
  if (!isComplianceTopic(topic)) return undefined;
  return (deliveryId) => [taskJob('privacy', { deliveryId, topic }, { jobKey: `${shop}:privacy:${deliveryId}`, queueName: `${shop}:privacy` })];
}
