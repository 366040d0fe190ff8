import type { Operation } from '../client.js';

/** A connection page of nodes that carry at least an id and updatedAt. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
/** Variables of every sync query. */
export type SyncVars = { first: number; after?: string | null; query: string | null };
type Vars = SyncVars;

export interface SyncCompanyNode {
  id: string;
  name: string;
  externalId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  customerSince: string;
  mainContact: { id: string } | null;
}
export const SYNC_COMPANIES: Operation<{ companies: Page<SyncCompanyNode> }, Vars> = {
  name: 'SyncCompanies',
  estimatedCost: 210,
  document: /* GraphQL */ `
    query SyncCompanies($first: Int!, $after: String, $query: String) {
      companies(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id
          name
          externalId
          note
          createdAt
          updatedAt
          customerSince
          mainContact {
            id
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

export interface SyncCustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  taxExempt: boolean;
  tags: string[];
}
export const SYNC_CUSTOMERS: Operation<{ customers: Page<SyncCustomerNode> }, Vars> = {
  name: 'SyncCustomers',
  estimatedCost: 110,
  document: /* GraphQL */ `
    query SyncCustomers($first: Int!, $after: String, $query: String) {
      customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id
          firstName
          lastName
          email
          createdAt
          updatedAt
          taxExempt
          tags
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
};

export interface SyncProductNode {
  id: string;
  title: string;
  productType: string;
  vendor: string;
  status: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}
export const SYNC_PRODUCTS: Operation<{ products: Page<SyncProductNode> }, Vars> = {
  name: 'SyncProducts',
  estimatedCost: 110,
  document: /* GraphQL */ `
    query SyncProducts($first: Int!, $after: String, $query: String) {
      products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
        nodes {
          id
          title
          productType
          vendor
          status
          tags
          createdAt
          updatedAt
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
};

export interface SyncDisputeNode {
  id: string;
  legacyResourceId: string;
  status: string;
  type: string;
  initiatedAt: string;
  finalizedOn: string | null;
  amount: { amount: string; currencyCode: string };
  reasonDetails: { reason: string; networkReasonCode: string | null };
  order: { id: string } | null;
}
export const SYNC_DISPUTES: Operation<{ disputes: Page<SyncDisputeNode> }, Vars> = {
  name: 'SyncDisputes',
  estimatedCost: 210,
  document: /* GraphQL */ `
    query SyncDisputes($first: Int!, $after: String, $query: String) {
      disputes(first: $first, after: $after, query: $query) {
        nodes {
          id
          legacyResourceId
          status
          type
          initiatedAt
          finalizedOn
          amount {
            amount
            currencyCode
          }
          reasonDetails {
            reason
            networkReasonCode
          }
          order {
            id
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
