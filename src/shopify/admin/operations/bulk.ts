import type { Operation } from '../client.js';
import { ORDER_FULL } from './order-full.js';

/** Starts a bulk query (https://shopify.dev/docs/api/usage/bulk-operations/queries). */
export const BULK_RUN: Operation<
  {
    bulkOperationRunQuery: {
      bulkOperation: { id: string; status: string } | null;
      userErrors: Array<{ field: string[] | null; message: string; code: string | null }>;
    };
  },
  { query: string }
> = {
  name: 'BulkRun',
  estimatedCost: 10,
  document: /* GraphQL */ `
    mutation BulkRun($query: String!) {
      bulkOperationRunQuery(query: $query) {
        bulkOperation {
          id
          status
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
};

export interface BulkOperationNode {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

/** A bulk operation's state, by id (polled until it is COMPLETED). */
export const BULK_STATUS: Operation<{ node: BulkOperationNode | null }, { id: string }> = {
  name: 'BulkStatus',
  estimatedCost: 1,
  document: /* GraphQL */ `
    query BulkStatus($id: ID!) {
      node(id: $id) {
        ... on BulkOperation {
          id
          status
          errorCode
          objectCount
          rootObjectCount
          fileSize
          url
          partialDataUrl
        }
      }
    }
  `,
};

/** Rewrites ORDER_FULL's text, checking that each piece it rewrites is there. */
function rewrite(text: string, edits: Array<[RegExp, string]>): string {
  let out = text;
  for (const [from, to] of edits) {
    if (!from.test(out)) throw new Error(`BULK_ARCHIVE_ORDERS: ORDER_FULL no longer has ${String(from)}`);
    out = out.replace(from, to);
  }
  return out;
}

/**
 * The orders of a time range in full, as a bulk query: ORDER_FULL's selection for every order, so an
 * order's documents render the same from either, within the bulk limits (five connections, two
 * levels): the line items, shipping lines and discount applications whole, the timeline comments
 * (`events`), and refunds and payment terms without their nested connections. An order with refunds
 * is read in full by the archive job itself; payment terms come without their schedule. `QUERY` is replaced by the search.
 */
export const BULK_ARCHIVE_ORDERS_TEMPLATE = rewrite(ORDER_FULL.document, [
  [/query OrderFull\(\$id: ID!\) \{\s*order\(id: \$id\) \{/, 'query BulkArchiveOrders {\n  orders(query: "QUERY", sortKey: CREATED_AT) {\n edges {\n node {'],
  [/paymentSchedules\(first: 1\) \{\s*nodes \{\s*issuedAt\s*dueAt\s*\}\s*\}/, ''],
  [/discountApplications\(first: 10\) \{\s*nodes \{/, 'discountApplications {\n nodes {'],
  [
    /lineItems\(first: \d+\) \{\s*nodes \{\s*\.\.\.FullLineItem\s*\}\s*pageInfo \{\s*hasNextPage\s*endCursor\s*\}\s*\}/,
    'lineItems {\n nodes {\n __typename\n ...FullLineItem\n }\n }',
  ],
  [/shippingLines\(first: 5\) \{\s*nodes \{/, 'shippingLines {\n nodes {\n __typename'],
  [
    /refunds\(first: 10\) \{\s*\.\.\.FullRefund\s*\}/,
    'refunds(first: 10) {\n id\n createdAt\n processedAt\n note\n totalRefundedSet {\n ...FullMoney\n }\n }\n events(sortKey: CREATED_AT) {\n nodes {\n __typename\n id\n createdAt\n message\n ... on CommentEvent {\n author {\n name\n }\n }\n }\n }',
  ],
  [/\$\{?REFUND\}?|fragment FullRefund on Refund \{[\s\S]*?\n {2}\}\n/, ''],
  [/\}\s*\}\s*(fragment FullMoney)/, '}\n }\n }\n }\n $1'],
]);

/** The bulk query for orders created in [from, to] (ISO times). */
export function bulkArchiveOrdersQuery(from: string, to: string): string {
  return BULK_ARCHIVE_ORDERS_TEMPLATE.replace('"QUERY"', JSON.stringify(`created_at:>='${from}' created_at:<='${to}'`));
}

/** For the schema check of every document the connector sends. */
export const BULK_ARCHIVE_ORDERS: Pick<Operation<unknown>, 'name' | 'document'> = {
  name: 'BulkArchiveOrders',
  document: bulkArchiveOrdersQuery('2026-01-01T00:00:00Z', '2026-12-31T23:59:59Z'),
};
