import { idFromGid, parseGid } from '../shopify/ids.js';
import { rawTopLevelField } from '../shopify/raw-json.js';
import { isComplianceTopic } from '../shopify/webhooks/topics.js';
import type { ResourceChange } from '../store/change.js';
import type { ResourceType } from '../vocabulary.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const time = (...vs: unknown[]): number | undefined => {
  for (const v of vs) {
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (Number.isFinite(t)) return t;
    }
  }
  return undefined;
};

/**
 * Topic family → resource and where its GID lives. A Map, not a plain object: the family comes from
 * a header, and `constructor`, `__proto__` or `toString` must be unknown families, not prototype members.
 */
const FAMILIES: ReadonlyMap<string, { type: ResourceType; gidType: string }> = new Map([
  ['orders', { type: 'order', gidType: 'Order' }],
  ['refunds', { type: 'refund', gidType: 'Refund' }],
  ['returns', { type: 'return', gidType: 'Return' }],
  ['companies', { type: 'company', gidType: 'Company' }],
  ['company_locations', { type: 'company_location', gidType: 'CompanyLocation' }],
  ['company_contacts', { type: 'company_contact', gidType: 'CompanyContact' }],
  ['customers', { type: 'customer', gidType: 'Customer' }],
  ['products', { type: 'product', gidType: 'Product' }],
  ['inventory_items', { type: 'inventory_item', gidType: 'InventoryItem' }],
  ['fulfillments', { type: 'fulfillment', gidType: 'Fulfillment' }],
  ['fulfillment_events', { type: 'fulfillment_event', gidType: 'FulfillmentEvent' }],
]);

/** How far X-Shopify-Triggered-At may be ahead of the receive time (clock skew) and still be taken as sent. */
export const TRIGGERED_AT_MAX_SKEW_MS = 5 * 60_000;

/**
 * X-Shopify-Triggered-At as the connector trusts it (epoch ms), or undefined when absent or unreadable.
 * The header is not covered by the HMAC, so a captured body can be replayed with any time in it; as
 * the version of a change without `updated_at`, a time in 2099 would make every later genuine change
 * of that resource look stale. A time further ahead than the skew is clamped to the receive time
 * rather than refused: the body itself is genuine (it was signed), a refusal would make Shopify retry
 * a real delivery whose only fault is a clock running ahead, and the receive time is what any later
 * delivery is measured against, so a clamped change can never outrank one that arrives after it.
 */
export function trustedTriggeredAt(triggeredAt: string | null, receivedAt: number): number | undefined {
  const t = time(triggeredAt);
  if (t === undefined) return undefined;
  return t > receivedAt + TRIGGERED_AT_MAX_SKEW_MS ? receivedAt : t;
}

/**
 * Pure: what a webhook delivery says changed. Ids come from GIDs (or, for disputes, which have none,
 * from the raw JSON text), never from parsed numbers. `triggeredAt` (X-Shopify-Triggered-At, see
 * `trustedTriggeredAt`) is the version of last resort for payloads without `updated_at`, and
 * `receivedAt` the one after it.
 */
export function normalizeWebhook(
  topic: string,
  raw: string,
  body: unknown,
  triggeredAt: string | null,
  receivedAt: number = Date.now(),
): ResourceChange | undefined {
  // customers/redact and customers/data_request name a customer but change none (route-delivery.ts).
  if (isComplianceTopic(topic)) return undefined;
  const b = obj(body);
  const [family, action = ''] = topic.split('/');
  const deleted = action === 'delete';
  const fallback = trustedTriggeredAt(triggeredAt, receivedAt) ?? receivedAt;
  if (family === 'disputes') {
    const id = rawTopLevelField(raw, 'id');
    return id && /^\d+$/.test(id) ? { resourceType: 'dispute', resourceId: id, version: time(b.updated_at) ?? fallback, deleted } : undefined;
  }
  if (family === 'fulfillment_orders' || family === 'fulfillment_holds') {
    const id = idFromGid(obj(b.fulfillment_order).id, 'FulfillmentOrder');
    return id ? { resourceType: 'fulfillment_order', resourceId: id, version: fallback, deleted: false } : undefined;
  }
  const f = family ? FAMILIES.get(family) : undefined;
  if (!f) return undefined;
  // Deletions carry only the id; companies are GID-only (shopify-api.md §3.6).
  const id = idFromGid(b.admin_graphql_api_id, f.gidType) ?? (deleted ? rawTopLevelField(raw, 'id') : undefined);
  if (!id || !/^\d+$/.test(id)) return undefined;
  const version = time(b.updated_at) ?? time(b.processed_at, b.created_at) ?? fallback;
  return { resourceType: f.type, resourceId: id, version: deleted ? Math.max(version, fallback) : version, deleted };
}

/** The resource a GID names, for sync results (e.g. gid://shopify/Order/1 → order 1). */
export function resourceFromGid(gid: string): { type: ResourceType; id: string } | undefined {
  const p = parseGid(gid);
  if (!p) return undefined;
  const entry = [...FAMILIES.values()].find((f) => f.gidType === p.type);
  if (entry) return { type: entry.type, id: p.id };
  if (p.type === 'ShopifyPaymentsDispute') return { type: 'dispute', id: p.id };
  if (p.type === 'FulfillmentOrder') return { type: 'fulfillment_order', id: p.id };
  return undefined;
}
