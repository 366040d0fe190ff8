import type { Operation } from '../client.js';

export interface OrderCommentNode {
  __typename: string;
  id: string;
  createdAt: string;
  message: string;
  author?: { name: string };
}

/** An order's staff timeline comments (Order.events, the CommentEvent kind). */
export const ORDER_COMMENTS: Operation<
  { order: { id: string; name: string; events: { nodes: OrderCommentNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null },
  { id: string; first: number; after?: string | null }
> = {
  name: 'OrderComments',
  estimatedCost: 60,
  document: /* GraphQL */ `
    query OrderComments($id: ID!, $first: Int!, $after: String) {
      order(id: $id) {
        id
        name
        events(first: $first, after: $after, sortKey: CREATED_AT) {
          nodes {
            __typename
            id
            createdAt
            message
            ... on CommentEvent {
              author {
                name
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
};
