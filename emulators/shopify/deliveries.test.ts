/**
 * What the emulator's deliveries carry, held against the shape of Shopify's own (the reference
 * samples' field names and money shapes): discounts and shipping taxes on orders/create, payment
 * details and refund discrepancies on refunds/create, and an order confirmation from such an order
 * whose lines add up to its total.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderOrderConfirmation } from '../../src/documents/order-confirmation.js';
import { pdfText } from '../../test/helpers/pdf-text.js';
import { at, gql, subscribedEmulator } from './test-helpers.js';

type Json = Record<string, unknown>;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(topics: string[]) {
  const emu = await subscribedEmulator(topics, { orders: 3, seed: 7 });
  closers.push(emu.close);
  /** Bodies delivered so far for one topic, in order. */
  const bodies = async (topic: string): Promise<Json[]> => (await emu.deliveries()).filter(([t]) => t === topic).map(([, body]) => body);
  return { app: emu.app, bodies };
}

const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });
/** A REST `*_set` as Shopify sends it. */
const restSet = (amount: string) => ({ shop_money: { amount, currency_code: 'USD' }, presentment_money: { amount, currency_code: 'USD' } });
const cents = (amount: unknown): number => Math.round(Number(amount) * 100);

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id lineItems(first: 5) { nodes { id } } } userErrors { field message code } } }`;

/** 2 × 100.00 + 3 × 15.00, 20.00 off with SAVE20, 25.00 freight taxed 2.00, 8 % on the lines. */
const DISCOUNTED_ORDER = {
  email: 'buyer@example.com',
  financialStatus: 'PAID',
  lineItems: [
    { title: 'Valve', sku: 'VLV', quantity: 2, priceSet: usd('100.00'), taxLines: [{ title: 'PA State Tax', rate: 0.08 }] },
    { title: 'Gasket', sku: 'GSK', quantity: 3, priceSet: usd('15.00'), taxLines: [{ title: 'PA State Tax', rate: 0.08 }] },
  ],
  discountCode: { itemFixedDiscountCode: { code: 'SAVE20', amountSet: usd('20.00') } },
  shippingLines: [{ title: 'Freight', priceSet: usd('25.00'), taxLines: [{ title: 'PA State Tax', rate: 0.08, priceSet: usd('2.00') }] }],
};

const TAX_LINE_KEYS = ['channel_liable', 'price', 'price_set', 'rate', 'title'];

describe('Shopify emulator deliveries carry what real ones carry', () => {
  it('orders/create from orderCreate with a discount code and taxed shipping carries the discounts and the shipping taxes', async () => {
    const { app, bodies } = await setup(['ORDERS_CREATE']);
    const res = await gql(app, ORDER_CREATE, { order: DISCOUNTED_ORDER });
    expect(at<unknown[]>(res.body.data, 'orderCreate.userErrors')).toEqual([]);
    const [body] = await bodies('orders/create');
    if (!body) throw new Error('no orders/create delivery');

    expect(body.discount_codes).toEqual([{ code: 'SAVE20', amount: '20.00', type: 'fixed_amount' }]);
    expect(body.discount_applications).toEqual([
      {
        target_type: 'line_item',
        type: 'discount_code',
        value: '20.00',
        value_type: 'fixed_amount',
        allocation_method: 'across',
        target_selection: 'all',
        code: 'SAVE20',
      },
    ]);

    const lines = body.line_items as Json[];
    const allocations = lines.flatMap((l) => l.discount_allocations as Json[]);
    expect(allocations).toHaveLength(2);
    for (const a of allocations) {
      expect(Object.keys(a).sort()).toEqual(['amount', 'amount_set', 'discount_application_index']);
      expect(a.discount_application_index).toBe(0);
      expect(a.amount_set).toEqual(restSet(String(a.amount)));
    }
    // 20.00 spread over 200.00 and 45.00 of goods.
    expect(allocations.map((a) => a.amount)).toEqual(['16.33', '3.67']);
    expect(lines.map((l) => l.total_discount)).toEqual(['16.33', '3.67']);
    // Line taxes are reckoned on the discounted lines: 8 % of 183.67 and of 41.33.
    const lineTaxes = lines.map((l) => l.tax_lines as Json[]);
    expect(lineTaxes.map((t) => t.map((x) => x.price))).toEqual([['14.69'], ['3.31']]);
    for (const t of lineTaxes.flat()) expect(Object.keys(t).sort()).toEqual(TAX_LINE_KEYS);

    const [shipping] = body.shipping_lines as Json[];
    expect(shipping).toMatchObject({ price: '25.00', price_set: restSet('25.00'), discounted_price: '25.00', discount_allocations: [] });
    expect(shipping?.tax_lines).toEqual([{ channel_liable: false, price: '2.00', price_set: restSet('2.00'), rate: 0.08, title: 'PA State Tax' }]);

    expect(body).toMatchObject({
      total_line_items_price: '245.00',
      total_discounts: '20.00',
      total_discounts_set: restSet('20.00'),
      current_total_discounts: '20.00',
      subtotal_price: '225.00',
      total_shipping_price_set: restSet('25.00'),
      total_tax: '20.00',
      total_price: '270.00',
      total_price_set: restSet('270.00'),
    });
    // The order's tax lines gather the lines' and the shipping's taxes.
    expect(body.tax_lines).toEqual([{ price: '20.00', rate: 0.08, title: 'PA State Tax', price_set: restSet('20.00'), channel_liable: false }]);
    // Everything adds up: lines − discounts + shipping + taxes = total.
    expect(cents(body.total_line_items_price) - cents(body.total_discounts) + cents(shipping?.price) + cents(body.total_tax)).toBe(cents(body.total_price));

    const view = await gql(
      app,
      `query($id: ID!) { order(id: $id) {
        discountCode discountCodes
        totalDiscountsSet { shopMoney { amount } } subtotalPriceSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
        taxLines { title rate priceSet { shopMoney { amount } } }
        discountApplications(first: 5) { nodes { __typename allocationMethod targetType targetSelection ... on DiscountCodeApplication { code } value { ... on MoneyV2 { amount } } } }
        shippingLines(first: 1) { nodes { title discountedPriceSet { shopMoney { amount } } taxLines { title rate priceSet { shopMoney { amount } } } } }
        lineItems(first: 5) { nodes { totalDiscountSet { shopMoney { amount } } discountAllocations { allocatedAmountSet { shopMoney { amount } } discountApplication { index ... on DiscountCodeApplication { code } } } taxLines { priceSet { shopMoney { amount } } } } }
      } }`,
      { id: at<string>(res.body.data, 'orderCreate.order.id') },
    );
    expect(view.body.errors).toBeUndefined();
    const o = at<Json>(view.body.data, 'order');
    expect(o).toMatchObject({
      discountCode: 'SAVE20',
      discountCodes: ['SAVE20'],
      totalDiscountsSet: { shopMoney: { amount: '20.00' } },
      subtotalPriceSet: { shopMoney: { amount: '225.00' } },
      totalPriceSet: { shopMoney: { amount: '270.00' } },
      totalTaxSet: { shopMoney: { amount: '20.00' } },
      taxLines: [{ title: 'PA State Tax', rate: 0.08, priceSet: { shopMoney: { amount: '20.00' } } }],
      discountApplications: {
        nodes: [
          {
            __typename: 'DiscountCodeApplication',
            allocationMethod: 'ACROSS',
            targetType: 'LINE_ITEM',
            targetSelection: 'ALL',
            code: 'SAVE20',
            value: { amount: '20.00' },
          },
        ],
      },
      shippingLines: {
        nodes: [
          {
            title: 'Freight',
            discountedPriceSet: { shopMoney: { amount: '25.00' } },
            taxLines: [{ title: 'PA State Tax', rate: 0.08, priceSet: { shopMoney: { amount: '2.00' } } }],
          },
        ],
      },
    });
    expect(at<Json[]>(o, 'lineItems.nodes').map((l) => at<string>(l, 'discountAllocations.0.allocatedAmountSet.shopMoney.amount'))).toEqual(['16.33', '3.67']);
    expect(at<Json>(o, 'lineItems.nodes.0.discountAllocations.0.discountApplication')).toEqual({ index: 0, code: 'SAVE20' });
  });

  it('a percentage code comes off each line, a free-shipping code off the shipping line', async () => {
    const { app, bodies } = await setup(['ORDERS_CREATE']);
    const pct = await gql(app, ORDER_CREATE, {
      order: { ...DISCOUNTED_ORDER, discountCode: { itemPercentageDiscountCode: { code: 'TENOFF', percentage: 10 } } },
    });
    expect(at<unknown[]>(pct.body.data, 'orderCreate.userErrors')).toEqual([]);
    const free = await gql(app, ORDER_CREATE, {
      order: { ...DISCOUNTED_ORDER, discountCode: { freeShippingDiscountCode: { code: 'SHIPFREE' } } },
    });
    expect(at<unknown[]>(free.body.data, 'orderCreate.userErrors')).toEqual([]);
    const [p, f] = await bodies('orders/create');
    if (!p || !f) throw new Error('missing deliveries');

    expect(p.discount_codes).toEqual([{ code: 'TENOFF', amount: '24.50', type: 'percentage' }]);
    expect(p.discount_applications).toMatchObject([{ value: '10.0', value_type: 'percentage', allocation_method: 'across', target_type: 'line_item' }]);
    expect((p.line_items as Json[]).map((l) => (l.discount_allocations as Json[]).map((a) => a.amount))).toEqual([['20.00'], ['4.50']]);
    expect(p).toMatchObject({ total_discounts: '24.50', subtotal_price: '220.50', total_tax: '19.64', total_price: '265.14' });

    expect(f.discount_codes).toEqual([{ code: 'SHIPFREE', amount: '25.00', type: 'shipping' }]);
    expect(f.discount_applications).toMatchObject([{ value: '100.0', value_type: 'percentage', allocation_method: 'each', target_type: 'shipping_line' }]);
    const [ship] = f.shipping_lines as Json[];
    expect(ship).toMatchObject({
      price: '25.00',
      discounted_price: '0.00',
      discounted_price_set: restSet('0.00'),
      discount_allocations: [{ amount: '25.00', amount_set: restSet('25.00'), discount_application_index: 0 }],
    });
    expect((f.line_items as Json[]).every((l) => (l.discount_allocations as unknown[]).length === 0)).toBe(true);
    // 245.00 − 25.00 + 25.00 + 19.60 + 2.00
    expect(f).toMatchObject({ total_discounts: '25.00', subtotal_price: '245.00', total_tax: '21.60', total_price: '266.60' });
  });

  it('refunds/create from refundCreate carries payment details, and a refund discrepancy when the amount differs from the lines', async () => {
    const { app, bodies } = await setup(['REFUNDS_CREATE']);
    const created = await gql(app, ORDER_CREATE, {
      order: {
        email: 'buyer@example.com',
        financialStatus: 'PAID',
        billingAddress: { firstName: 'Dana', lastName: 'Whitfield', address1: '400 Foundry Road', city: 'Pittsburgh', countryCode: 'US', zip: '15222' },
        lineItems: [{ title: 'Widget', quantity: 2, priceSet: usd('50.00') }],
      },
    });
    const orderId = at<string>(created.body.data, 'orderCreate.order.id');
    const lineItemId = at<string>(created.body.data, 'orderCreate.order.lineItems.nodes.0.id');
    // One widget comes to 50.00 + 4.00 tax; the merchant refunds 50.00.
    const res = await gql(
      app,
      `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id totalRefundedSet { shopMoney { amount } }
        orderAdjustments(first: 5) { nodes { reason amountSet { shopMoney { amount } } } }
        transactions(first: 5) { nodes { kind gateway amountSet { shopMoney { amount } } paymentDetails { __typename ... on CardPaymentDetails { company number name } } } } }
        order { refundDiscrepancySet { shopMoney { amount } } } userErrors { field message } } }`,
      {
        input: {
          orderId,
          note: 'damaged',
          refundLineItems: [{ lineItemId, quantity: 1, restockType: 'NO_RESTOCK' }],
          transactions: [{ orderId, gateway: 'shopify_payments', kind: 'REFUND', amount: '50.00' }],
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(at<unknown[]>(res.body.data, 'refundCreate.userErrors')).toEqual([]);
    expect(at<Json>(res.body.data, 'refundCreate.refund')).toMatchObject({
      totalRefundedSet: { shopMoney: { amount: '50.00' } },
      orderAdjustments: { nodes: [{ reason: 'REFUND_DISCREPANCY', amountSet: { shopMoney: { amount: '4.00' } } }] },
      transactions: {
        nodes: [
          {
            kind: 'REFUND',
            gateway: 'shopify_payments',
            amountSet: { shopMoney: { amount: '50.00' } },
            paymentDetails: { __typename: 'CardPaymentDetails', company: 'Visa', number: '•••• •••• •••• 4242', name: 'Dana Whitfield' },
          },
        ],
      },
    });
    expect(at<string>(res.body.data, 'refundCreate.order.refundDiscrepancySet.shopMoney.amount')).toBe('4.00');

    const [body] = await bodies('refunds/create');
    if (!body) throw new Error('no refunds/create delivery');
    const [line] = body.refund_line_items as Json[];
    expect(line).toMatchObject({ quantity: 1, subtotal: 50, total_tax: 4, subtotal_set: restSet('50.00'), total_tax_set: restSet('4.00') });
    const [tx] = body.transactions as Json[];
    expect(tx).toMatchObject({ kind: 'refund', gateway: 'shopify_payments', status: 'success', amount: '50.00', currency: 'USD' });
    expect(Object.keys(tx?.payment_details as Json).sort()).toEqual([
      'avs_result_code',
      'buyer_action_info',
      'credit_card_bin',
      'credit_card_company',
      'credit_card_expiration_month',
      'credit_card_expiration_year',
      'credit_card_name',
      'credit_card_number',
      'credit_card_wallet',
      'cvv_result_code',
      'payment_method_name',
    ]);
    expect(tx?.payment_details).toMatchObject({ credit_card_company: 'Visa', credit_card_number: '•••• •••• •••• 4242', payment_method_name: 'visa' });
    expect(tx?.payments_refund_attributes).toEqual({ status: 'success', acquirer_reference_number: expect.stringMatching(/^\d{23}$/) as unknown });
    const adjustments = body.order_adjustments as Json[];
    expect(adjustments).toEqual([
      {
        id: expect.any(Number) as unknown,
        order_id: body.order_id,
        refund_id: body.id,
        amount: '4.00',
        tax_amount: '0.00',
        kind: 'refund_discrepancy',
        reason: 'Refund discrepancy',
        amount_set: restSet('4.00'),
        tax_amount_set: restSet('0.00'),
      },
    ]);
    // The lines less the adjustments make the amount refunded.
    const lines = cents(line?.subtotal) + cents(line?.total_tax);
    expect(lines - adjustments.reduce((a, x) => a + cents(x.amount), 0)).toBe(cents(tx?.amount));
  });

  it('a refund of exactly what its lines come to has no order adjustments', async () => {
    const { app, bodies } = await setup(['REFUNDS_CREATE']);
    const created = await gql(app, ORDER_CREATE, { order: { financialStatus: 'PAID', lineItems: [{ title: 'Widget', quantity: 2, priceSet: usd('50.00') }] } });
    const orderId = at<string>(created.body.data, 'orderCreate.order.id');
    const lineItemId = at<string>(created.body.data, 'orderCreate.order.lineItems.nodes.0.id');
    await gql(app, 'mutation($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }', {
      input: { orderId, refundLineItems: [{ lineItemId, quantity: 1 }], transactions: [{ orderId, gateway: 'manual', kind: 'REFUND', amount: '54.00' }] },
    });
    const [body] = await bodies('refunds/create');
    expect(body?.order_adjustments).toEqual([]);
    const [tx] = body?.transactions as Json[];
    // A manual gateway's transaction is no card payment (as in the B2B sample).
    expect(tx).toMatchObject({ gateway: 'manual', amount: '54.00', manual_payment_gateway: true });
    expect(tx).not.toHaveProperty('payment_details');
    expect(tx).not.toHaveProperty('payments_refund_attributes');
  });

  it('the order confirmation rendered from such an orders/create shows the discount and the shipping tax, and its lines add up to the total', async () => {
    const { app, bodies } = await setup(['ORDERS_CREATE']);
    await gql(app, ORDER_CREATE, { order: DISCOUNTED_ORDER });
    const [body] = await bodies('orders/create');
    if (!body) throw new Error('no orders/create delivery');
    const text = (await pdfText(await renderOrderConfirmation(body, { shop: 'acme.myshopify.com' }))).replace(/\s+/g, ' ');

    expect(text).toContain('Discount (SAVE20) -20.00 USD');
    expect(text).toContain('Shipping tax: PA State Tax (8%) 2.00 USD');
    // Read the totals block back as label → amount and sum it.
    const amount = (label: string): number[] =>
      [...text.matchAll(new RegExp(`${label} (-?[\\d,]+\\.\\d\\d) USD`, 'g'))].map((m) => Math.round(Number((m[1] ?? '').replace(/,/g, '')) * 100));
    const [subtotal] = amount('Subtotal');
    const discounts = amount('Discount \\([^)]*\\)');
    const shipping = amount('Shipping: [^\\d-]*?');
    const taxes = amount('(?:Shipping tax: )?PA State Tax \\(8%\\)');
    const [total] = amount('Total');
    expect({ subtotal, discounts, shipping, taxes, total }).toEqual({
      subtotal: 24500,
      discounts: [-2000],
      shipping: [2500],
      taxes: [1800, 200],
      total: 27000,
    });
    expect((subtotal ?? 0) + discounts.reduce((a, x) => a + x, 0) + shipping.reduce((a, x) => a + x, 0) + taxes.reduce((a, x) => a + x, 0)).toBe(total);
  });
});
