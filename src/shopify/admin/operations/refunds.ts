import type { Operation } from '../client.js';
import type { FullRefund } from './order-full.js';
import { MONEY, REFUND, TRANSACTION } from './order-full.js';
import type { Page, SyncVars } from './resources.js';

export interface SyncRefundOrderNode {
  id: string;
  updatedAt: string;
  refunds: FullRefund[];
}

/**
 * The refunds of orders changed since a cursor (a refund changes its order's updated_at): what
 * `sync` reconciles for job 2 when a refunds/create webhook was lost. Ten orders a page keeps the
 * requested cost near 300 points.
 */
export const SYNC_REFUNDS: Operation<{ orders: Page<SyncRefundOrderNode> }, SyncVars> = {
  name: 'SyncRefunds',
  estimatedCost: 300,
  document: /* GraphQL */ `
    query SyncRefunds($first: Int!, $after: String, $query: String) {
      orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id
          updatedAt
          refunds(first: 10) {
            ...FullRefund
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
    ${MONEY}
    ${TRANSACTION}
    ${REFUND}
  `,
};
