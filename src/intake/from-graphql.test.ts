import { describe, expect, it } from 'vitest';
import type { FullLineItem, FullTransaction, MoneySet, OrderFullNode } from '../shopify/admin/operations/order-full.js';
import { restOrderFullFromGraphql } from './from-graphql.js';

// Real Shopify writes GraphQL Decimals without trailing zeros ("199.0"); REST writes "199.00".
const eur = (amount: string): MoneySet => ({ shopMoney: { amount, currencyCode: 'EUR' } });

const line = (over: Partial<FullLineItem>): FullLineItem => ({
  id: 'gid://shopify/LineItem/11',
  name: 'Pump',
  title: 'Pump',
  variantTitle: null,
  sku: null,
  vendor: null,
  quantity: 1,
  currentQuantity: 1,
  unfulfilledQuantity: 0,
  taxable: true,
  requiresShipping: true,
  isGiftCard: false,
  customAttributes: [],
  product: null,
  variant: null,
  originalUnitPriceSet: eur('0.0'),
  discountAllocations: [],
  taxLines: [],
  ...over,
});

const capture: FullTransaction = {
  id: 'gid://shopify/OrderTransaction/71',
  kind: 'CAPTURE',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  amountSet: eur('398.1'),
  processedAt: '2026-07-01T10:00:00Z',
  createdAt: '2026-07-01T10:00:00Z',
  authorizationCode: 'A1B2',
  paymentId: 'p71',
  test: false,
  parentTransaction: { id: 'gid://shopify/OrderTransaction/70' },
};

const NODE: OrderFullNode = {
  id: 'gid://shopify/Order/18446744073709551615',
  name: 'EU-1042',
  number: 42,
  email: 'k@example.com',
  phone: null,
  note: null,
  poNumber: null,
  tags: ['a', 'b'],
  sourceName: 'web',
  confirmationNumber: 'X1',
  test: false,
  createdAt: '2026-07-01T09:00:00Z',
  updatedAt: '2026-07-03T09:00:00Z',
  processedAt: '2026-07-01T09:00:00Z',
  closedAt: '2026-07-03T09:00:00Z',
  cancelledAt: '2026-07-03T09:00:00Z',
  cancelReason: 'CUSTOMER',
  currencyCode: 'EUR',
  presentmentCurrencyCode: 'EUR',
  taxesIncluded: true,
  taxExempt: false,
  displayFinancialStatus: 'PARTIALLY_REFUNDED',
  displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
  paymentGatewayNames: ['shopify_payments'],
  discountCodes: ['TEN'],
  customAttributes: [{ key: 'gift', value: 'yes' }],
  totalPriceSet: eur('398.1'),
  currentTotalPriceSet: eur('0'),
  subtotalPriceSet: eur('388.1'),
  currentSubtotalPriceSet: eur('0'),
  totalTaxSet: eur('63.55'),
  currentTotalTaxSet: eur('0'),
  totalDiscountsSet: eur('46.9'),
  currentTotalDiscountsSet: eur('0'),
  totalShippingPriceSet: eur('10'),
  currentShippingPriceSet: eur('0'),
  totalOutstandingSet: eur('0'),
  taxLines: [{ title: 'MwSt', rate: 0.19, channelLiable: false, priceSet: eur('63.55') }],
  billingAddress: null,
  shippingAddress: null,
  customer: null,
  purchasingEntity: {
    __typename: 'PurchasingCompany',
    company: { id: 'gid://shopify/Company/9007199254740993' },
    location: { id: 'gid://shopify/CompanyLocation/7' },
  },
  paymentTerms: {
    paymentTermsName: 'Net 30',
    paymentTermsType: 'NET',
    dueInDays: 30,
    paymentSchedules: { nodes: [{ issuedAt: null, dueAt: '2026-07-31T09:00:00Z' }] },
  },
  discountApplications: {
    nodes: [
      {
        __typename: 'DiscountCodeApplication',
        index: 0,
        allocationMethod: 'ACROSS',
        targetSelection: 'ALL',
        targetType: 'LINE_ITEM',
        value: { __typename: 'PricingPercentageValue', percentage: 10 },
        code: 'TEN',
      },
      {
        __typename: 'AutomaticDiscountApplication',
        index: 1,
        allocationMethod: 'EACH',
        targetSelection: 'ENTITLED',
        targetType: 'LINE_ITEM',
        value: { __typename: 'MoneyV2', amount: '5.0', currencyCode: 'EUR' },
        title: 'Summer',
      },
    ],
  },
  lineItems: {
    nodes: [
      line({
        quantity: 3,
        originalUnitPriceSet: eur('129.9'),
        customAttributes: [{ key: 'Colour', value: 'red' }],
        discountAllocations: [
          { allocatedAmountSet: eur('38.97'), discountApplication: { index: 0 } },
          { allocatedAmountSet: eur('5'), discountApplication: { index: 1 } },
        ],
        taxLines: [{ title: 'MwSt', rate: 0.19, channelLiable: null, priceSet: eur('53.85') }],
      }),
      line({ id: 'gid://shopify/LineItem/12', title: 'Seal', name: 'Seal', quantity: 2, originalUnitPriceSet: eur('0.01'), discountAllocations: [] }),
    ],
    pageInfo: { hasNextPage: false, endCursor: null },
  },
  shippingLines: {
    nodes: [
      {
        id: 'gid://shopify/ShippingLine/5',
        title: 'DHL',
        code: 'dhl',
        source: 'shopify',
        carrierIdentifier: null,
        isRemoved: false,
        originalPriceSet: eur('10'),
        discountedPriceSet: eur('10'),
        taxLines: [],
        discountAllocations: [],
      },
    ],
  },
  transactions: [{ ...capture, kind: 'AUTHORIZATION', id: 'gid://shopify/OrderTransaction/70', parentTransaction: null }, capture],
  refunds: [
    {
      id: 'gid://shopify/Refund/81',
      createdAt: '2026-07-02T09:00:00Z',
      processedAt: '2026-07-02T09:00:00Z',
      note: 'damaged',
      totalRefundedSet: eur('129.9'),
      refundLineItems: {
        nodes: [
          {
            id: 'gid://shopify/RefundLineItem/91',
            quantity: 1,
            restockType: 'NO_RESTOCK',
            lineItem: { id: 'gid://shopify/LineItem/11', title: 'Pump', sku: null },
            subtotalSet: eur('116.91'),
            totalTaxSet: eur('18.67'),
          },
        ],
      },
      transactions: { nodes: [{ ...capture, id: 'gid://shopify/OrderTransaction/72', kind: 'REFUND', amountSet: eur('129.9') }] },
    },
  ],
  fulfillments: [
    {
      id: 'gid://shopify/Fulfillment/61',
      name: 'EU-1042-F1',
      status: 'SUCCESS',
      createdAt: '2026-07-02T08:00:00Z',
      updatedAt: '2026-07-02T08:00:00Z',
      trackingInfo: [
        { company: 'DHL', number: 'JD0001', url: 'https://dhl.example/JD0001' },
        { company: 'DHL', number: 'JD0002', url: null },
      ],
    },
  ],
};

describe('restOrderFullFromGraphql', () => {
  const rest = restOrderFullFromGraphql(NODE);

  it('writes amounts as REST does and works out the line items total exactly', () => {
    expect(rest).toMatchObject({
      total_price: '398.10',
      total_price_set: { shop_money: { amount: '398.10', currency_code: 'EUR' } },
      current_total_price: '0.00',
      total_discounts: '46.90',
      total_shipping_price_set: { shop_money: { amount: '10.00', currency_code: 'EUR' } },
      // 3 × 129.9 + 2 × 0.01
      total_line_items_price: '389.72',
      tax_lines: [{ title: 'MwSt', rate: 0.19, price: '63.55', price_set: { shop_money: { amount: '63.55', currency_code: 'EUR' } }, channel_liable: false }],
      taxes_included: true,
    });
    const [first, second] = rest.line_items as Array<Record<string, unknown>>;
    expect(first).toMatchObject({ id: 11, price: '129.90', total_discount: '43.97', properties: [{ name: 'Colour', value: 'red' }] });
    expect(second).toMatchObject({ id: 12, price: '0.01', total_discount: '0.00', discount_allocations: [] });
  });

  it('uses the REST words: statuses, cancel reason, tags, discount codes and applications', () => {
    expect(rest).toMatchObject({
      name: 'EU-1042',
      number: 42,
      order_number: 1042,
      financial_status: 'partially_refunded',
      fulfillment_status: 'partial',
      cancel_reason: 'customer',
      cancelled_at: '2026-07-03T09:00:00Z',
      closed_at: '2026-07-03T09:00:00Z',
      tags: 'a, b',
      note_attributes: [{ name: 'gift', value: 'yes' }],
      payment_terms: { payment_terms_name: 'Net 30', payment_terms_type: 'net', due_in_days: 30, payment_schedules: [{ due_at: '2026-07-31T09:00:00Z' }] },
    });
    expect(rest.discount_codes).toEqual([{ code: 'TEN', amount: '38.97', type: 'percentage' }]);
    expect(rest.discount_applications).toEqual([
      {
        target_type: 'line_item',
        type: 'discount_code',
        value: '10.0',
        value_type: 'percentage',
        allocation_method: 'across',
        target_selection: 'all',
        code: 'TEN',
      },
      {
        target_type: 'line_item',
        type: 'automatic',
        value: '5.00',
        value_type: 'fixed_amount',
        allocation_method: 'each',
        target_selection: 'entitled',
        title: 'Summer',
      },
    ]);
  });

  it('keeps ids beyond 2^53 as text and maps transactions, refunds and fulfillments', () => {
    expect(rest.id).toBe('18446744073709551615');
    expect(rest.company).toEqual({ id: '9007199254740993', location_id: 7 });
    expect(JSON.stringify(rest)).toContain('"id":"18446744073709551615"');
    expect(rest.transactions).toEqual([
      expect.objectContaining({ id: 70, kind: 'authorization', status: 'success', parent_id: null }),
      {
        id: 71,
        admin_graphql_api_id: 'gid://shopify/OrderTransaction/71',
        order_id: '18446744073709551615',
        kind: 'capture',
        gateway: 'shopify_payments',
        status: 'success',
        amount: '398.10',
        currency: 'EUR',
        processed_at: '2026-07-01T10:00:00Z',
        created_at: '2026-07-01T10:00:00Z',
        authorization: 'A1B2',
        payment_id: 'p71',
        parent_id: 70,
        test: false,
      },
    ]);
    expect(rest.refunds).toEqual([
      expect.objectContaining({
        id: 81,
        note: 'damaged',
        refund_line_items: [expect.objectContaining({ id: 91, line_item_id: 11, quantity: 1, restock_type: 'no_restock', subtotal: 116.91, total_tax: 18.67 })],
        transactions: [expect.objectContaining({ id: 72, kind: 'refund', amount: '129.90' })],
      }),
    ]);
    expect(rest.fulfillments).toEqual([
      expect.objectContaining({
        id: 61,
        status: 'success',
        tracking_company: 'DHL',
        tracking_number: 'JD0001',
        tracking_numbers: ['JD0001', 'JD0002'],
        tracking_url: 'https://dhl.example/JD0001',
        tracking_urls: ['https://dhl.example/JD0001'],
      }),
    ]);
  });
});
