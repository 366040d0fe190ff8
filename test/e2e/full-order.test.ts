import { afterEach, describe, expect, it } from 'vitest';
import { at, gql, subscribedEmulator, TOKEN } from '../../emulators/shopify/test-helpers.js';
import { renderOrderConfirmation } from '../../src/documents/order-confirmation.js';
import { parseOrderInput } from '../../src/documents/order-input.js';
import type { OrderInput } from '../../src/documents/order-input.js';
import { readFullOrder } from '../../src/intake/read-order.js';
import { silentLogger } from '../../src/log.js';
import { AdminClient } from '../../src/shopify/admin/client.js';
import type { FetchFn } from '../../src/shopify/admin/client.js';
import { rawTopLevelField } from '../../src/shopify/raw-json.js';
import { pdfText } from '../helpers/pdf-text.js';

type Json = Record<string, unknown>;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** An emulator listening on loopback with orders/create subscribed, and an Admin client for it. */
async function setup(fetchFn?: FetchFn) {
  const emu = await subscribedEmulator(['ORDERS_CREATE'], { orders: 0, seed: 11 });
  closers.push(emu.close);
  await emu.app.listen({ host: '127.0.0.1', port: 0 });
  const address = emu.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const admin = (f?: FetchFn) =>
    new AdminClient({
      shop: { domain: 'acme.myshopify.com', accessToken: TOKEN, apiVersion: '2026-07', adminUrl: `http://127.0.0.1:${port}` },
      log: silentLogger,
      ...(f ? { fetch: f } : {}),
    });
  const create = async (order: Json): Promise<{ gid: string; webhook: Json }> => {
    const res = await gql(emu.app, ORDER_CREATE, { order });
    expect(at<unknown[]>(res.body.data, 'orderCreate.userErrors')).toEqual([]);
    const gid = at<string>(res.body.data, 'orderCreate.order.id');
    const webhook = (await emu.deliveries()).find(([topic, body]) => topic === 'orders/create' && body.admin_graphql_api_id === gid)?.[1];
    if (!webhook) throw new Error(`no orders/create delivery for ${gid}`);
    return { gid, webhook };
  };
  return { admin: admin(fetchFn), adminWith: admin, create };
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }`;
const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });
const TAX = [{ title: 'PA State Tax', rate: 0.06 }];

const ADDRESS = {
  firstName: 'Dana',
  lastName: 'Whitfield',
  company: 'Keystone Process Systems LLC',
  address1: '400 Foundry Road',
  address2: 'Dock 3',
  city: 'Pittsburgh',
  province: 'Pennsylvania',
  provinceCode: 'PA',
  zip: '15222',
  country: 'United States',
  countryCode: 'US',
  phone: '+14125550100',
};

/** Three lines (one with properties), a fixed discount code, taxed freight, a customer, two addresses. */
const FULL_ORDER = {
  email: 'dana.whitfield@example.com',
  currency: 'USD',
  financialStatus: 'PAID',
  poNumber: 'PO-7781',
  note: 'Deliver to dock 3, weekdays only.',
  tags: ['custom', 'b2b-lead'],
  customer: { toUpsert: { email: 'dana.whitfield@example.com', firstName: 'Dana', lastName: 'Whitfield' } },
  billingAddress: ADDRESS,
  shippingAddress: { ...ADDRESS, address2: null, company: null },
  lineItems: [
    {
      title: 'Industrial Valve X200',
      sku: 'VLV-X200-SS',
      vendor: 'Acme Industrial',
      quantity: 2,
      priceSet: usd('1450.00'),
      taxLines: TAX,
      properties: [
        { name: 'Engraving', value: 'KPS-7' },
        { name: '_internal', value: 'hidden' },
      ],
    },
    { title: 'Gasket Kit', sku: 'GSK-KIT', vendor: 'Acme Industrial', quantity: 10, priceSet: usd('12.50'), taxLines: TAX },
    { title: 'Flow Meter', sku: 'FLW-9', vendor: 'Metering Co', variantTitle: 'DN50', quantity: 1, priceSet: usd('890.99'), taxLines: TAX },
  ],
  discountCode: { itemFixedDiscountCode: { code: 'SPRING150', amountSet: usd('150.00') } },
  shippingLines: [{ title: 'Freight LTL', priceSet: usd('240.00'), taxLines: [{ title: 'PA State Tax', rate: 0.06, priceSet: usd('14.40') }] }],
};

/** What the confirmation shows of an order (order-input's view), timestamps as instants. */
function shown(o: OrderInput) {
  const tax = (t: { title?: string | null; rate?: number | null; price?: string | null }) => ({ title: t.title, rate: t.rate, price: t.price });
  return {
    name: o.name,
    order_number: o.order_number,
    created: Date.parse(o.created_at ?? ''),
    currency: o.currency,
    email: o.email,
    customer: o.customer && { first_name: o.customer.first_name, last_name: o.customer.last_name, email: o.customer.email },
    po_number: o.po_number,
    note: o.note,
    billing_address: o.billing_address,
    shipping_address: o.shipping_address,
    line_items: (o.line_items ?? []).map((l) => ({
      title: l.title,
      name: l.name,
      variant_title: l.variant_title,
      sku: l.sku,
      quantity: l.quantity,
      price: l.price,
      total_discount: l.total_discount,
      properties: l.properties,
      tax_lines: (l.tax_lines ?? []).map(tax),
    })),
    shipping_lines: (o.shipping_lines ?? []).map((s) => ({
      title: s.title,
      code: s.code,
      price: s.price,
      discounted_price: s.discounted_price,
      tax_lines: (s.tax_lines ?? []).map(tax),
    })),
    tax_lines: (o.tax_lines ?? []).map(tax),
    discount_codes: o.discount_codes,
    taxes_included: o.taxes_included,
    totals: [
      o.total_line_items_price,
      o.subtotal_price,
      o.current_subtotal_price,
      o.total_tax,
      o.current_total_tax,
      o.total_price,
      o.current_total_price,
      o.total_discounts,
      o.current_total_discounts,
      o.total_shipping_price_set?.shop_money?.amount,
      o.current_shipping_price_set?.shop_money?.amount,
    ],
  };
}

/** The confirmation's text with its one timestamp (UTC from GraphQL, the shop's offset in a webhook) taken out. */
async function confirmationText(order: unknown): Promise<string> {
  const text = await pdfText(await renderOrderConfirmation(order, { shop: 'acme.myshopify.com', shopName: 'Acme Industrial' }));
  return text.replace(/Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[^)]*\)/, 'Date: …');
}

describe('readFullOrder: an order read in full from the Admin API, in the webhook shape', () => {
  it('agrees with the orders/create webhook on everything the confirmation shows', async () => {
    const { admin, create } = await setup();
    const { gid, webhook } = await create(FULL_ORDER);
    const read = await readFullOrder(admin, gid);
    if (!read) throw new Error('order not read');
    expect(read.text).toBe(JSON.stringify(read.payload));

    const fromApi = parseOrderInput(read.payload);
    const fromWebhook = parseOrderInput(webhook);
    expect(shown(fromApi)).toEqual(shown(fromWebhook));
    // The comparison is not vacuous: the order has what the confirmation shows.
    expect(shown(fromApi)).toMatchObject({
      name: expect.stringMatching(/^#\d+$/),
      currency: 'USD',
      line_items: [
        { title: 'Industrial Valve X200', quantity: 2, price: '1450.00', properties: [{ name: 'Engraving', value: 'KPS-7' }, { name: '_internal' }] },
        { title: 'Gasket Kit', quantity: 10, price: '12.50' },
        { title: 'Flow Meter', variant_title: 'DN50', quantity: 1, price: '890.99' },
      ],
      shipping_lines: [{ title: 'Freight LTL', price: '240.00', tax_lines: [{ price: '14.40' }] }],
      discount_codes: [{ code: 'SPRING150', amount: '150.00', type: 'fixed_amount' }],
      billing_address: { company: 'Keystone Process Systems LLC', address2: 'Dock 3', province_code: 'PA', country_code: 'US' },
    });
    expect(fromApi.total_line_items_price).toBe('3915.99');

    // Same ids, statuses and words as the webhook, where both carry them.
    const pick = (o: Json) => ({
      id: o.id,
      admin_graphql_api_id: o.admin_graphql_api_id,
      financial_status: o.financial_status,
      fulfillment_status: o.fulfillment_status,
      tags: o.tags,
      cancel_reason: o.cancel_reason,
      cancelled_at: o.cancelled_at,
      closed_at: o.closed_at,
      payment_gateway_names: o.payment_gateway_names,
      discount_applications: o.discount_applications,
      line_items: (o.line_items as Json[]).map((l) => ({
        id: l.id,
        admin_graphql_api_id: l.admin_graphql_api_id,
        vendor: l.vendor,
        discount_allocations: l.discount_allocations,
      })),
      customer: { id: (o.customer as Json).id, admin_graphql_api_id: (o.customer as Json).admin_graphql_api_id },
    });
    const fromRestSets = (o: Json) => JSON.parse(JSON.stringify(pick(o), (k: string, v: unknown) => (k === 'presentment_money' ? undefined : v))) as Json;
    expect(pick(read.payload)).toEqual(fromRestSets(webhook));
    expect(read.payload).toMatchObject({ financial_status: 'paid', fulfillment_status: null, tags: 'custom, b2b-lead', refunds: [], fulfillments: [] });
    expect(read.payload.transactions).toEqual([
      expect.objectContaining({ kind: 'sale', status: 'success', gateway: 'shopify_payments', amount: webhook.total_price, currency: 'USD' }),
    ]);

    // The two confirmations read the same, line for line and total for total.
    const [apiText, webhookText] = [await confirmationText(read.payload), await confirmationText(webhook)];
    expect(apiText).toBe(webhookText);
    for (const s of [
      'Industrial Valve X200',
      'Gasket Kit',
      'Flow Meter',
      '2,900.00 USD',
      'Engraving: KPS-7',
      'Discount (SPRING150)',
      'Shipping: Freight LTL',
    ]) {
      expect(apiText).toContain(s);
    }
    expect(apiText).toContain(`${Number(webhook.total_price).toLocaleString('en-US', { minimumFractionDigits: 2 })} USD`);
  });

  it('reads every line item of a long order (past the first request of 10, in pages of 25)', async () => {
    const { adminWith, create } = await setup();
    const ops: string[] = [];
    const counting: FetchFn = async (input, init) => {
      ops.push(/query (\w+)/.exec(String(init?.body))?.[1] ?? '?');
      return fetch(input, init);
    };
    const admin = adminWith(counting);
    const lineItems = Array.from({ length: 57 }, (_, i) => ({
      title: `Part ${i + 1}`,
      sku: `P-${i + 1}`,
      quantity: 1 + (i % 3),
      priceSet: usd(`${10 + i}.25`),
    }));
    const { gid, webhook } = await create({ email: 'long@example.com', currency: 'USD', lineItems });
    const read = await readFullOrder(admin, gid.split('/').pop() ?? '');
    if (!read) throw new Error('order not read');
    expect(ops).toEqual(['OrderFull', 'OrderFullLineItems', 'OrderFullLineItems']);
    expect((read.payload.line_items as Json[]).map((l) => l.title)).toEqual(lineItems.map((l) => l.title));
    expect(shown(parseOrderInput(read.payload))).toEqual(shown(parseOrderInput(webhook)));
    expect(await confirmationText(read.payload)).toBe(await confirmationText(webhook));
  });

  it('gives undefined for an order that does not exist', async () => {
    const { admin } = await setup();
    expect(await readFullOrder(admin, 'gid://shopify/Order/424242424242')).toBeUndefined();
    expect(await readFullOrder(admin, '424242424242')).toBeUndefined();
    await expect(readFullOrder(admin, 'gid://shopify/Customer/1')).rejects.toThrow(/not an order id/);
  });

  it('keeps ids beyond 2^53 exact in the payload and its text', async () => {
    const BIG = '9007199254740993'; // 2^53 + 1: a JavaScript number reads it as …992
    const { adminWith, create } = await setup();
    const { gid } = await create(FULL_ORDER);
    const real = gid.split('/').pop() ?? '';
    // Shopify as it would answer for an order whose id is BIG: the emulator's answer with the id swapped.
    const swapping: FetchFn = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body.replaceAll(BIG, real) : init?.body;
      const res = await fetch(input, { ...init, body });
      const text = (await res.text()).replaceAll(`gid://shopify/Order/${real}"`, `gid://shopify/Order/${BIG}"`);
      return new Response(text, { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
    };
    const read = await readFullOrder(adminWith(swapping), BIG);
    if (!read) throw new Error('order not read');
    expect(read.payload.id).toBe(BIG);
    expect(read.payload.admin_graphql_api_id).toBe(`gid://shopify/Order/${BIG}`);
    expect(rawTopLevelField(read.text, 'id')).toBe(BIG);
    expect(read.text).toContain(`"id":"${BIG}"`);
    expect(read.text).not.toContain('9007199254740992');
    // Ids within 2^53 stay numbers, as in REST.
    expect(typeof (read.payload.line_items as Json[])[0]?.id).toBe('number');
    expect((read.payload.transactions as Json[])[0]?.order_id).toBe(BIG);
  });
});
