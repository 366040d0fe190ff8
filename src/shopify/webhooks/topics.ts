/**
 * The topics the seven jobs follow (shopify-api.md §2), in slash form as in X-Shopify-Topic.
 * `webhooks register` subscribes every one; intake normalises each into a resource change.
 * Compliance topics (customers/redact, customers/data_request, shop/redact) are app-level only and
 * are configured in the app's settings, not registered here.
 */
export const FOLLOWED_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'orders/delete',
  'refunds/create',
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/cancel',
  'returns/close',
  'returns/reopen',
  'returns/process',
  'disputes/create',
  'disputes/update',
  'fulfillment_orders/placed_on_hold',
  'fulfillment_orders/hold_released',
  'fulfillment_orders/cancelled',
  'fulfillment_holds/added',
  'fulfillment_holds/released',
  'fulfillment_events/create',
  'fulfillments/create',
  'fulfillments/update',
  'companies/create',
  'companies/update',
  'companies/delete',
  'company_locations/create',
  'company_locations/update',
  'company_locations/delete',
  'company_contacts/create',
  'company_contacts/update',
  'company_contacts/delete',
  'customers/create',
  'customers/update',
  'customers/delete',
  'products/create',
  'products/update',
  'products/delete',
  // Customs data (HS code, country of origin) changed on the inventory item alone (job 5; read_inventory).
  'inventory_items/update',
] as const;
export type FollowedTopic = (typeof FOLLOWED_TOPICS)[number];

/**
 * The mandatory compliance (privacy) topics (shopify-api.md §1.7): app-level subscriptions, signed
 * like every webhook. No rule follows them; intake hands each to a `privacy` job.
 */
export const COMPLIANCE_TOPICS = ['customers/redact', 'customers/data_request', 'shop/redact'] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];

export const isComplianceTopic = (topic: string): topic is ComplianceTopic => (COMPLIANCE_TOPICS as readonly string[]).includes(topic);

/** `orders/create` → `ORDERS_CREATE` (the GraphQL WebhookSubscriptionTopic enum). */
export function topicEnum(topic: string): string {
  return topic.replace(/[/.]/g, '_').toUpperCase();
}
