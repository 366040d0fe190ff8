import type { Operation } from '../client.js';

interface Money {
  shopMoney: { amount: string; currencyCode: string };
}

export interface SyncOrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  currencyCode: string;
  email: string | null;
  poNumber: string | null;
  tags: string[];
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  totalPriceSet: Money;
  currentTotalPriceSet: Money;
  customer: { id: string; firstName: string | null; lastName: string | null; email: string | null; defaultAddress: { company: string | null } | null } | null;
  billingAddress: { company: string | null; firstName: string | null; lastName: string | null } | null;
  shippingAddress: { company: string | null } | null;
  purchasingEntity: { __typename: 'PurchasingCompany'; company: { id: string }; location: { id: string } } | { __typename: 'Customer' } | null;
  lineItems: { nodes: Array<{ title: string; sku: string | null; quantity: number; customAttributes: Array<{ key: string; value: string | null }> }> };
}

export interface SyncOrdersData {
  orders: { nodes: SyncOrderNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export type SyncOrdersVars = { first: number; after?: string | null; query: string | null };

/**
 * Orders updated since a cursor, oldest change first, with what the order jobs read. Kept lean:
 * five line items (enough to see custom line-item properties) keep a page of 40 (~960 points) under
 * the 1,000-point single-query limit.
 */
export const SYNC_ORDERS: Operation<SyncOrdersData, SyncOrdersVars> = {
  name: 'SyncOrders',
  estimatedCost: 962,
  document: /* GraphQL */ `
    query SyncOrders($first: Int!, $after: String, $query: String) {
      orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id
          name
          createdAt
          updatedAt
          cancelledAt
          cancelReason
          currencyCode
          email
          poNumber
          tags
          displayFinancialStatus
          displayFulfillmentStatus
          totalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          currentTotalPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          customer {
            id
            firstName
            lastName
            email
            defaultAddress {
              company
            }
          }
          billingAddress {
            company
            firstName
            lastName
          }
          shippingAddress {
            company
          }
          purchasingEntity {
            __typename
            ... on PurchasingCompany {
              company {
                id
              }
              location {
                id
              }
            }
          }
          lineItems(first: 5) {
            nodes {
              title
              sku
              quantity
              customAttributes {
                key
                value
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
};
