import { parseGid } from '../shopify/ids.js';
import type { SyncOrderNode } from '../shopify/admin/operations/orders.js';

/** Admin GraphQL's display statuses → the REST words webhooks carry (shopify-api.md §2). */
const FULFILLMENT: Record<string, string | null> = {
  UNFULFILLED: null,
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
  IN_PROGRESS: null,
  ON_HOLD: null,
  OPEN: null,
  PENDING_FULFILLMENT: null,
  SCHEDULED: null,
  REQUEST_DECLINED: null,
};

const numericId = (gid: string | undefined): number | string | null => {
  const id = gid ? parseGid(gid)?.id : undefined;
  if (id === undefined) return null;
  // Small ids stay numbers as in REST payloads; ids beyond 2^53 stay strings (never rounded).
  return Number.isSafeInteger(Number(id)) ? Number(id) : id;
};

/**
 * A synced order in the REST shape webhooks deliver (only the fields the jobs read), so an order
 * found by `sync` goes down exactly the path a webhook's order does.
 */
export function restOrderFromGraphql(o: SyncOrderNode): Record<string, unknown> {
  const company = o.purchasingEntity?.__typename === 'PurchasingCompany' ? o.purchasingEntity : undefined;
  const digits = /\d+/.exec(o.name)?.[0];
  return {
    admin_graphql_api_id: o.id,
    name: o.name,
    order_number: digits ? Number(digits) : null,
    email: o.email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt,
    currency: o.currencyCode,
    total_price: o.totalPriceSet.shopMoney.amount,
    current_total_price: o.currentTotalPriceSet.shopMoney.amount,
    financial_status: o.displayFinancialStatus ? o.displayFinancialStatus.toLowerCase() : null,
    fulfillment_status: FULFILLMENT[o.displayFulfillmentStatus] ?? null,
    tags: o.tags.join(', '),
    po_number: o.poNumber,
    company: company ? { id: numericId(company.company.id), location_id: numericId(company.location.id) } : null,
    customer: o.customer
      ? {
          admin_graphql_api_id: o.customer.id,
          first_name: o.customer.firstName,
          last_name: o.customer.lastName,
          email: o.customer.email,
          default_address: o.customer.defaultAddress ? { company: o.customer.defaultAddress.company } : null,
        }
      : null,
    billing_address: o.billingAddress
      ? { company: o.billingAddress.company, first_name: o.billingAddress.firstName, last_name: o.billingAddress.lastName }
      : null,
    shipping_address: o.shippingAddress ? { company: o.shippingAddress.company } : null,
    line_items: o.lineItems.nodes.map((li) => ({
      title: li.title,
      sku: li.sku,
      quantity: li.quantity,
      properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    })),
  };
}
