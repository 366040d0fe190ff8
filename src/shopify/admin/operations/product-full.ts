import type { Operation } from '../client.js';

/** A variant with its inventory item: what customs and the compliance checklist read (job 5). */
export interface FullVariant {
  id: string;
  legacyResourceId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  position: number;
  inventoryItem: {
    id: string;
    legacyResourceId: string;
    /** Harmonized System code (6–13 digits), the customs tariff classification. */
    harmonizedSystemCode: string | null;
    /** ISO 3166-1 alpha-2 (CountryCode enum), e.g. US. */
    countryCodeOfOrigin: string | null;
    /** ISO 3166-2 subdivision, e.g. PA. */
    provinceCodeOfOrigin: string | null;
  };
}

export interface VariantPage {
  nodes: FullVariant[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface ProductFullNode {
  id: string;
  legacyResourceId: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  status: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  metafields: { nodes: Array<{ namespace: string; key: string; type: string; value: string }> };
  variants: VariantPage;
}

/** Variants in the first request (2 points each with the inventory item); longer products page on. */
export const PRODUCT_FULL_VARIANTS = 50;
/** Variants per further page. */
export const PRODUCT_FULL_VARIANTS_MORE = 100;

const VARIANT = /* GraphQL */ `
  fragment FullVariant on ProductVariant {
    id
    legacyResourceId
    title
    sku
    barcode
    price
    position
    inventoryItem {
      id
      legacyResourceId
      harmonizedSystemCode
      countryCodeOfOrigin
      provinceCodeOfOrigin
    }
  }
`;

/**
 * One product in full, with what its compliance workspace (job 5) reads and products/* webhooks do
 * not carry: each variant's inventory item (HS code, country and province of origin) and the
 * product's metafields (up to 50). The first 50 variants come along; PRODUCT_FULL_VARIANTS_PAGE
 * reads the rest.
 */
export const PRODUCT_FULL: Operation<{ product: ProductFullNode | null }, { id: string }> = {
  name: 'ProductFull',
  estimatedCost: 155,
  document: /* GraphQL */ `
    query ProductFull($id: ID!) {
      product(id: $id) {
        id
        legacyResourceId
        title
        handle
        productType
        vendor
        status
        tags
        createdAt
        updatedAt
        metafields(first: 50) {
          nodes {
            namespace
            key
            type
            value
          }
        }
        variants(first: ${PRODUCT_FULL_VARIANTS}) {
          nodes {
            ...FullVariant
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    ${VARIANT}
  `,
};

/** The variants after the first page of PRODUCT_FULL. */
export const PRODUCT_FULL_VARIANTS_PAGE: Operation<{ product: { variants: VariantPage } | null }, { id: string; first: number; after?: string | null }> = {
  name: 'ProductFullVariants',
  estimatedCost: 203,
  document: /* GraphQL */ `
    query ProductFullVariants($id: ID!, $first: Int!, $after: String) {
      product(id: $id) {
        variants(first: $first, after: $after) {
          nodes {
            ...FullVariant
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    ${VARIANT}
  `,
};

/** The product of an inventory item (inventory_items/update names no product). */
export const INVENTORY_ITEM_PRODUCT: Operation<
  { inventoryItem: { id: string; variants: { nodes: Array<{ product: { id: string } }> } | null } | null },
  { id: string }
> = {
  name: 'InventoryItemProduct',
  estimatedCost: 4,
  document: /* GraphQL */ `
    query InventoryItemProduct($id: ID!) {
      inventoryItem(id: $id) {
        id
        variants(first: 1) {
          nodes {
            product {
              id
            }
          }
        }
      }
    }
  `,
};
