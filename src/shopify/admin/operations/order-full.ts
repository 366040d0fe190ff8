import type { Operation } from '../client.js';

/** A `MoneyBag` as read here: the shop currency only (the REST `*_set.shop_money`). */
export interface MoneySet {
  shopMoney: { amount: string; currencyCode: string };
}

export interface FullAddress {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCodeV2: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface FullTaxLine {
  title: string;
  rate: number | null;
  channelLiable: boolean | null;
  priceSet: MoneySet;
}

export interface FullDiscountAllocation {
  allocatedAmountSet: MoneySet;
  discountApplication: { index: number };
}

export interface FullLineItem {
  id: string;
  name: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  currentQuantity: number;
  unfulfilledQuantity: number;
  taxable: boolean;
  requiresShipping: boolean;
  isGiftCard: boolean;
  customAttributes: Array<{ key: string; value: string | null }>;
  /** The product and variant sold (null for a custom line item or a deleted product): an order workspace relates to its products' (job 5). */
  product: { id: string } | null;
  variant: { id: string } | null;
  originalUnitPriceSet: MoneySet;
  discountAllocations: FullDiscountAllocation[];
  taxLines: FullTaxLine[];
}

export interface FullShippingLine {
  id: string | null;
  title: string;
  code: string | null;
  source: string | null;
  carrierIdentifier: string | null;
  isRemoved: boolean;
  originalPriceSet: MoneySet;
  discountedPriceSet: MoneySet;
  taxLines: FullTaxLine[];
  discountAllocations: FullDiscountAllocation[];
}

export type FullPricingValue = { __typename: 'MoneyV2'; amount: string; currencyCode: string } | { __typename: 'PricingPercentageValue'; percentage: number };

export interface FullDiscountApplication {
  __typename: 'DiscountCodeApplication' | 'AutomaticDiscountApplication' | 'ManualDiscountApplication' | 'ScriptDiscountApplication';
  index: number;
  allocationMethod: string;
  targetSelection: string;
  targetType: string;
  value: FullPricingValue;
  /** DiscountCodeApplication */
  code?: string;
  /** Automatic, manual and script applications */
  title?: string;
  /** Manual applications */
  description?: string | null;
}

export interface FullTransaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amountSet: MoneySet;
  processedAt: string | null;
  createdAt: string;
  /** Deprecated in 2026-07 ("use paymentId"), but the only source of REST `authorization`. */
  authorizationCode: string | null;
  paymentId: string | null;
  test: boolean;
  parentTransaction: { id: string } | null;
}

export interface FullRefund {
  id: string;
  createdAt: string | null;
  processedAt: string;
  note: string | null;
  totalRefundedSet: MoneySet;
  refundLineItems: {
    nodes: Array<{
      id: string | null;
      quantity: number;
      restockType: string;
      lineItem: { id: string; title: string; sku: string | null };
      subtotalSet: MoneySet;
      totalTaxSet: MoneySet;
    }>;
  };
  transactions: { nodes: FullTransaction[] };
}

export interface FullFulfillment {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  trackingInfo: Array<{ company: string | null; number: string | null; url: string | null }>;
}

export interface LineItemPage {
  nodes: FullLineItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface OrderFullNode {
  id: string;
  name: string;
  number: number;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  sourceName: string | null;
  confirmationNumber: string | null;
  test: boolean;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  paymentGatewayNames: string[];
  discountCodes: string[];
  customAttributes: Array<{ key: string; value: string | null }>;
  totalPriceSet: MoneySet;
  currentTotalPriceSet: MoneySet;
  subtotalPriceSet: MoneySet | null;
  currentSubtotalPriceSet: MoneySet;
  totalTaxSet: MoneySet | null;
  currentTotalTaxSet: MoneySet;
  totalDiscountsSet: MoneySet | null;
  currentTotalDiscountsSet: MoneySet;
  totalShippingPriceSet: MoneySet;
  currentShippingPriceSet: MoneySet;
  totalOutstandingSet: MoneySet;
  taxLines: FullTaxLine[];
  billingAddress: FullAddress | null;
  shippingAddress: FullAddress | null;
  customer: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string | null } | null;
    defaultPhoneNumber: { phoneNumber: string } | null;
    defaultAddress: FullAddress | null;
  } | null;
  purchasingEntity: { __typename: 'PurchasingCompany'; company: { id: string }; location: { id: string } } | { __typename: 'Customer' } | null;
  paymentTerms: {
    paymentTermsName: string;
    paymentTermsType: string;
    dueInDays: number | null;
    paymentSchedules: { nodes: Array<{ issuedAt: string | null; dueAt: string | null }> };
  } | null;
  discountApplications: { nodes: FullDiscountApplication[] };
  lineItems: LineItemPage;
  shippingLines: { nodes: FullShippingLine[] };
  transactions: FullTransaction[];
  refunds: FullRefund[];
  fulfillments: FullFulfillment[];
}

/**
 * Line items in the first request: 13 points each. Shopify wants a query's whole requested cost in
 * the bucket before it runs (the actual cost, refunded after, is far lower), so a lean first request
 * keeps full reads flowing on a Standard plan's 50 points/s; longer orders page on.
 */
export const ORDER_FULL_LINE_ITEMS = 10;
/** Line items per further page. */
export const ORDER_FULL_LINE_ITEMS_MORE = 25;

export const MONEY = /* GraphQL */ `
  fragment FullMoney on MoneyBag {
    shopMoney {
      amount
      currencyCode
    }
  }
`;

const TAX_LINE = /* GraphQL */ `
  fragment FullTaxLine on TaxLine {
    title
    rate
    channelLiable
    priceSet {
      ...FullMoney
    }
  }
`;

const ALLOCATION = /* GraphQL */ `
  fragment FullAllocation on DiscountAllocation {
    allocatedAmountSet {
      ...FullMoney
    }
    discountApplication {
      index
    }
  }
`;

const LINE_ITEM = /* GraphQL */ `
  fragment FullLineItem on LineItem {
    id
    name
    title
    variantTitle
    sku
    vendor
    quantity
    currentQuantity
    unfulfilledQuantity
    taxable
    requiresShipping
    isGiftCard
    customAttributes {
      key
      value
    }
    product {
      id
    }
    variant {
      id
    }
    originalUnitPriceSet {
      ...FullMoney
    }
    discountAllocations {
      ...FullAllocation
    }
    taxLines {
      ...FullTaxLine
    }
  }
`;

const ADDRESS = /* GraphQL */ `
  fragment FullAddress on MailingAddress {
    name
    firstName
    lastName
    company
    address1
    address2
    city
    province
    provinceCode
    zip
    country
    countryCodeV2
    phone
    latitude
    longitude
  }
`;

/** A refund with what its case (job 2) and the order's archive read. */
export const REFUND = /* GraphQL */ `
  fragment FullRefund on Refund {
    id
    createdAt
    processedAt
    note
    totalRefundedSet {
      ...FullMoney
    }
    refundLineItems(first: 10) {
      nodes {
        id
        quantity
        restockType
        lineItem {
          id
          title
          sku
        }
        subtotalSet {
          ...FullMoney
        }
        totalTaxSet {
          ...FullMoney
        }
      }
    }
    transactions(first: 3) {
      nodes {
        ...FullTransaction
      }
    }
  }
`;

export const TRANSACTION = /* GraphQL */ `
  fragment FullTransaction on OrderTransaction {
    id
    kind
    status
    gateway
    amountSet {
      ...FullMoney
    }
    processedAt
    createdAt
    authorizationCode
    paymentId
    test
    parentTransaction {
      id
    }
  }
`;

/**
 * One order in full, with everything its confirmation (src/documents/order-input.ts) and the order
 * rules read: addresses, customer, line items with prices, discounts, taxes and properties, shipping
 * lines, tax lines, discounts, totals, statuses, payment terms, transactions, refunds and
 * fulfillments. The first 50 line items come along; ORDER_FULL_LINE_ITEMS_PAGE reads the rest.
 */
export const ORDER_FULL: Operation<{ order: OrderFullNode | null }, { id: string }> = {
  name: 'OrderFull',
  estimatedCost: 341,
  document: /* GraphQL */ `
    query OrderFull($id: ID!) {
      order(id: $id) {
        id
        name
        number
        email
        phone
        note
        poNumber
        tags
        sourceName
        confirmationNumber
        test
        createdAt
        updatedAt
        processedAt
        closedAt
        cancelledAt
        cancelReason
        currencyCode
        presentmentCurrencyCode
        taxesIncluded
        taxExempt
        displayFinancialStatus
        displayFulfillmentStatus
        paymentGatewayNames
        discountCodes
        customAttributes {
          key
          value
        }
        totalPriceSet {
          ...FullMoney
        }
        currentTotalPriceSet {
          ...FullMoney
        }
        subtotalPriceSet {
          ...FullMoney
        }
        currentSubtotalPriceSet {
          ...FullMoney
        }
        totalTaxSet {
          ...FullMoney
        }
        currentTotalTaxSet {
          ...FullMoney
        }
        totalDiscountsSet {
          ...FullMoney
        }
        currentTotalDiscountsSet {
          ...FullMoney
        }
        totalShippingPriceSet {
          ...FullMoney
        }
        currentShippingPriceSet {
          ...FullMoney
        }
        totalOutstandingSet {
          ...FullMoney
        }
        taxLines {
          ...FullTaxLine
        }
        billingAddress {
          ...FullAddress
        }
        shippingAddress {
          ...FullAddress
        }
        customer {
          id
          firstName
          lastName
          defaultEmailAddress {
            emailAddress
          }
          defaultPhoneNumber {
            phoneNumber
          }
          defaultAddress {
            ...FullAddress
          }
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
        paymentTerms {
          paymentTermsName
          paymentTermsType
          dueInDays
          paymentSchedules(first: 1) {
            nodes {
              issuedAt
              dueAt
            }
          }
        }
        discountApplications(first: 10) {
          nodes {
            __typename
            index
            allocationMethod
            targetSelection
            targetType
            value {
              __typename
              ... on MoneyV2 {
                amount
                currencyCode
              }
              ... on PricingPercentageValue {
                percentage
              }
            }
            ... on DiscountCodeApplication {
              code
            }
            ... on AutomaticDiscountApplication {
              title
            }
            ... on ManualDiscountApplication {
              title
              description
            }
            ... on ScriptDiscountApplication {
              title
            }
          }
        }
        lineItems(first: ${ORDER_FULL_LINE_ITEMS}) {
          nodes {
            ...FullLineItem
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
        shippingLines(first: 5) {
          nodes {
            id
            title
            code
            source
            carrierIdentifier
            isRemoved
            originalPriceSet {
              ...FullMoney
            }
            discountedPriceSet {
              ...FullMoney
            }
            taxLines {
              ...FullTaxLine
            }
            discountAllocations {
              ...FullAllocation
            }
          }
        }
        transactions(first: 25) {
          ...FullTransaction
        }
        refunds(first: 10) {
          ...FullRefund
        }
        fulfillments(first: 10) {
          id
          name
          status
          createdAt
          updatedAt
          trackingInfo(first: 3) {
            company
            number
            url
          }
        }
      }
    }
    ${MONEY}
    ${TAX_LINE}
    ${ALLOCATION}
    ${LINE_ITEM}
    ${ADDRESS}
    ${TRANSACTION}
    ${REFUND}
  `,
};

/** The line items after the first page of ORDER_FULL (orders with more than 50 lines). */
export const ORDER_FULL_LINE_ITEMS_PAGE: Operation<{ order: { lineItems: LineItemPage } | null }, { id: string; first: number; after?: string | null }> = {
  name: 'OrderFullLineItems',
  estimatedCost: 328,
  document: /* GraphQL */ `
    query OrderFullLineItems($id: ID!, $first: Int!, $after: String) {
      order(id: $id) {
        lineItems(first: $first, after: $after) {
          nodes {
            ...FullLineItem
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
    ${MONEY}
    ${TAX_LINE}
    ${ALLOCATION}
    ${LINE_ITEM}
  `,
};
