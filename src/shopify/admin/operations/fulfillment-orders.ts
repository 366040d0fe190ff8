import type { Operation } from '../client.js';

/**
 * The order a fulfillment order belongs to: hold webhooks (`fulfillment_orders/placed_on_hold`,
 * `fulfillment_holds/*`) name only the fulfillment order (shopify-api.md §3.8).
 */
export const FULFILLMENT_ORDER_ORDER: Operation<{ fulfillmentOrder: { id: string; order: { id: string; name: string } | null } | null }, { id: string }> = {
  name: 'FulfillmentOrderOrder',
  estimatedCost: 2,
  document: /* GraphQL */ `
    query FulfillmentOrderOrder($id: ID!) {
      fulfillmentOrder(id: $id) {
        id
        order {
          id
          name
        }
      }
    }
  `,
};
