import type { Operation } from '../client.js';

export interface WebhookSubscriptionNode {
  id: string;
  topic: string;
  uri: string;
  format: string;
  apiVersion: { handle: string };
}

export const LIST_WEBHOOKS: Operation<
  { webhookSubscriptions: { nodes: WebhookSubscriptionNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null }
> = {
  name: 'ListWebhookSubscriptions',
  estimatedCost: 102,
  document: /* GraphQL */ `
    query ListWebhookSubscriptions($first: Int!, $after: String) {
      webhookSubscriptions(first: $first, after: $after) {
        nodes {
          id
          topic
          uri
          format
          apiVersion {
            handle
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

export const CREATE_WEBHOOK: Operation<
  {
    webhookSubscriptionCreate: {
      webhookSubscription: { id: string; topic: string; uri: string } | null;
      userErrors: Array<{ field: string[] | null; message: string }>;
    };
  },
  { topic: string; uri: string }
> = {
  name: 'CreateWebhookSubscription',
  estimatedCost: 10,
  document: /* GraphQL */ `
    mutation CreateWebhookSubscription($topic: WebhookSubscriptionTopic!, $uri: String!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
        webhookSubscription {
          id
          topic
          uri
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
};
