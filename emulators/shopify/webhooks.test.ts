import { afterEach, describe, expect, it } from 'vitest';
import { verifyHmac } from '../../src/shopify/webhooks/verify.js';
import { buildShopifyEmulator } from './index.js';
import { at, gql, SECRET, startReceiver, TOKEN } from './test-helpers.js';
import type { Received } from './test-helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(opts: { respond?: (r: Received, n: number) => number; faults?: string; retrySchedule?: number[]; seed?: number } = {}) {
  const receiver = await startReceiver(opts.respond);
  closers.push(receiver.close);
  const { app, shop } = await buildShopifyEmulator({
    accessToken: TOKEN,
    apiSecret: SECRET,
    orders: 10,
    seed: opts.seed ?? 1,
    retrySchedule: opts.retrySchedule ?? [20, 20, 20],
    ...(opts.faults ? { webhookFaults: opts.faults } : {}),
  });
  closers.push(() => app.close());
  return { app, shop, receiver };
}

async function subscribe(app: Parameters<typeof gql>[0], topic: string, uri: string): Promise<void> {
  const res = await gql(
    app,
    'mutation($t: WebhookSubscriptionTopic!, $u: String!) { webhookSubscriptionCreate(topic: $t, webhookSubscription: { uri: $u }) { webhookSubscription { id topic uri } userErrors { field message } } }',
    { t: topic, u: uri },
  );
  expect(at<unknown[]>(res.body.data, 'webhookSubscriptionCreate.userErrors')).toEqual([]);
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name totalPriceSet { shopMoney { amount } } } userErrors { field message code } } }`;

describe('Shopify emulator: mutations send signed webhooks', () => {
  it('orderCreate delivers orders/create signed with the app secret and Shopify headers', async () => {
    const { app, shop, receiver } = await setup();
    await subscribe(app, 'ORDERS_CREATE', receiver.url);
    const variantId = at<string>(
      (await gql(app, '{ products(first: 1) { nodes { variants(first: 1) { nodes { id } } } } }')).body.data,
      'products.nodes.0.variants.nodes.0.id',
    );
    const res = await gql(app, ORDER_CREATE, {
      order: { email: 'new.buyer@example.com', lineItems: [{ variantId, quantity: 5 }], tags: ['custom'], financialStatus: 'PENDING' },
    });
    expect(at<unknown[]>(res.body.data, 'orderCreate.userErrors')).toEqual([]);
    await shop.flushWebhooks();
    expect(receiver.received).toHaveLength(1);
    const [d] = receiver.received;
    if (!d) throw new Error('no delivery');
    expect(verifyHmac(SECRET, d.raw, String(d.headers['x-shopify-hmac-sha256']))).toEqual({ valid: true });
    expect(verifyHmac('other-secret', d.raw, String(d.headers['x-shopify-hmac-sha256'])).valid).toBe(false);
    expect(d.headers).toMatchObject({
      'x-shopify-topic': 'orders/create',
      'x-shopify-shop-domain': 'acme.myshopify.com',
      'x-shopify-api-version': '2026-07',
      'content-type': 'application/json',
    });
    expect(String(d.headers['x-shopify-webhook-id'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(d.headers['x-shopify-event-id'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(d.headers['x-shopify-triggered-at'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const body = JSON.parse(d.raw.toString('utf8')) as Record<string, unknown>;
    const id = at<string>(res.body.data, 'orderCreate.order.id');
    expect(body.admin_graphql_api_id).toBe(id);
    expect(typeof body.id).toBe('number');
    expect(body).toMatchObject({
      name: at<string>(res.body.data, 'orderCreate.order.name'),
      tags: 'custom',
      financial_status: 'pending',
      total_price: at<string>(res.body.data, 'orderCreate.order.totalPriceSet.shopMoney.amount'),
    });
    // Shopify escapes "/" in its JSON, so only the raw bytes verify.
    expect(d.raw.toString('utf8')).toContain('gid:\\/\\/shopify\\/Order\\/');
  });

  it('the order lifecycle emits the topics Shopify would, sharing an event id per action', async () => {
    const { app, shop, receiver } = await setup();
    for (const t of [
      'ORDERS_CANCELLED',
      'ORDERS_UPDATED',
      'REFUNDS_CREATE',
      'FULFILLMENTS_CREATE',
      'ORDERS_FULFILLED',
      'ORDERS_PARTIALLY_FULFILLED',
      'FULFILLMENT_ORDERS_PLACED_ON_HOLD',
      'FULFILLMENT_ORDERS_HOLD_RELEASED',
      'RETURNS_REQUEST',
      'RETURNS_APPROVE',
      'DISPUTES_CREATE',
      'FULFILLMENT_EVENTS_CREATE',
      'COMPANIES_CREATE',
      'COMPANY_LOCATIONS_CREATE',
      'COMPANY_CONTACTS_CREATE',
      'PRODUCTS_UPDATE',
    ])
      await subscribe(app, t, receiver.url);
    const created = await gql(app, ORDER_CREATE, {
      order: {
        lineItems: [{ title: 'Custom skid', quantity: 2, priceSet: { shopMoney: { amount: '3000.00', currencyCode: 'USD' } } }],
        financialStatus: 'PAID',
      },
    });
    const orderId = at<string>(created.body.data, 'orderCreate.order.id');
    const fo = await gql(
      app,
      'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id lineItems(first: 5) { nodes { id remainingQuantity } } } } } }',
      { id: orderId },
    );
    const foId = at<string>(fo.body.data, 'order.fulfillmentOrders.nodes.0.id');
    const foli = at<string>(fo.body.data, 'order.fulfillmentOrders.nodes.0.lineItems.nodes.0.id');
    const hold = await gql(
      app,
      'mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: INVENTORY_OUT_OF_STOCK, reasonNotes: "backorder" }) { fulfillmentOrder { status } userErrors { message } } }',
      { id: foId },
    );
    expect(at<string>(hold.body.data, 'fulfillmentOrderHold.fulfillmentOrder.status')).toBe('ON_HOLD');
    await gql(app, 'mutation($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { status } userErrors { message } } }', { id: foId });
    const ful = await gql(
      app,
      'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id fulfillmentLineItems(first: 5) { nodes { id } } } userErrors { message } } }',
      {
        f: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, fulfillmentOrderLineItems: [{ id: foli, quantity: 1 }] }],
          trackingInfo: { company: 'UPS', number: '1Z999' },
        },
      },
    );
    const fli = at<string>(ful.body.data, 'fulfillmentCreate.fulfillment.fulfillmentLineItems.nodes.0.id');
    const ret = await gql(app, 'mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id status } userErrors { message } } }', {
      i: { orderId, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1, returnReason: 'DEFECTIVE' }] },
    });
    expect(at<string>(ret.body.data, 'returnRequest.return.status')).toBe('REQUESTED');
    await gql(app, 'mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { status } userErrors { message } } }', {
      id: at<string>(ret.body.data, 'returnRequest.return.id'),
    });
    const dispute = await app.inject({ method: 'POST', url: '/emulator/disputes', payload: { orderId, reason: 'fraudulent' } });
    expect(dispute.statusCode).toBe(200);
    const ev = await app.inject({ method: 'POST', url: '/emulator/fulfillment-events', payload: { orderId, status: 'delayed', message: 'Weather' } });
    expect(ev.statusCode).toBe(200);
    const cancelOther = await gql(app, ORDER_CREATE, {
      order: { lineItems: [{ title: 'Widget', quantity: 1, priceSet: { shopMoney: { amount: '10.00', currencyCode: 'USD' } } }], financialStatus: 'PAID' },
    });
    await gql(
      app,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true) { job { done } orderCancelUserErrors { message } } }',
      { id: at<string>(cancelOther.body.data, 'orderCreate.order.id') },
    );
    const company = await gql(
      app,
      'mutation { companyCreate(input: { company: { name: "Delta Valves", externalId: "ERP-9" }, companyLocation: { name: "Delta HQ" }, companyContact: { email: "buyer@delta.example", firstName: "Ann", lastName: "Lee" } }) { company { id mainContact { id } } userErrors { message } } }',
    );
    expect(at<unknown[]>(company.body.data, 'companyCreate.userErrors')).toEqual([]);
    const product = at<string>((await gql(app, '{ products(first: 1) { nodes { id } } }')).body.data, 'products.nodes.0.id');
    await gql(
      app,
      'mutation($id: ID!) { productUpdate(product: { id: $id, tags: ["regulated", "hazmat:class-3"] }) { product { tags } userErrors { message } } }',
      { id: product },
    );
    await shop.flushWebhooks();
    const topics = receiver.received.map((r) => String(r.headers['x-shopify-topic']));
    expect(topics).toEqual([
      'fulfillment_orders/placed_on_hold',
      'fulfillment_orders/hold_released',
      'fulfillments/create',
      'orders/partially_fulfilled',
      'orders/updated',
      'returns/request',
      'returns/approve',
      'disputes/create',
      'fulfillment_events/create',
      'orders/updated',
      'orders/cancelled',
      'refunds/create',
      'orders/updated',
      'companies/create',
      'company_locations/create',
      'company_contacts/create',
      'products/update',
    ]);
    const eventOf = (i: number) => receiver.received[i]?.headers['x-shopify-event-id'];
    expect(eventOf(2)).toBe(eventOf(4));
    expect(eventOf(2)).not.toBe(eventOf(5));
    expect(new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(receiver.received.length);
    const disputeBody = JSON.parse(receiver.received[7]?.raw.toString() ?? '{}') as Record<string, unknown>;
    expect(disputeBody).toMatchObject({ type: 'chargeback', status: 'needs_response', reason: 'fraudulent' });
    expect(disputeBody).not.toHaveProperty('admin_graphql_api_id');
    const companyBody = JSON.parse(receiver.received[13]?.raw.toString() ?? '{}') as Record<string, unknown>;
    expect(companyBody).not.toHaveProperty('id');
    expect(companyBody.admin_graphql_api_id).toBe(at<string>(company.body.data, 'companyCreate.company.id'));
    const hold0 = JSON.parse(receiver.received[0]?.raw.toString() ?? '{}') as { fulfillment_order: { id: string; status: string } };
    expect(hold0.fulfillment_order).toMatchObject({ id: foId, status: 'on_hold' });
  });

  it('returns userErrors like Shopify', async () => {
    const { app } = await setup();
    const res = await gql(app, ORDER_CREATE, { order: { lineItems: [] } });
    expect(at<unknown[]>(res.body.data, 'orderCreate.userErrors')).toEqual([
      { field: ['order', 'lineItems'], message: 'Line items must have at least one line item', code: 'INVALID' },
    ]);
    const ws = await gql(
      app,
      'mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: "http://example.com/hook" }) { webhookSubscription { id } userErrors { field message } } }',
    );
    expect(at<unknown[]>(ws.body.data, 'webhookSubscriptionCreate.userErrors')).toHaveLength(1);
  });
});

describe('Shopify emulator: delivery retries and fault switches', () => {
  it('retries a failed delivery with the same webhook id and the same bytes', async () => {
    const { app, shop, receiver } = await setup({ respond: (_r, n) => (n < 3 ? 500 : 200) });
    await subscribe(app, 'PRODUCTS_CREATE', receiver.url);
    await gql(app, 'mutation { productCreate(product: { title: "Valve Z", tags: ["regulated"] }) { product { id } userErrors { message } } }');
    await shop.flushWebhooks();
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => r.headers['x-shopify-webhook-id']));
    expect(ids.size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.raw.toString())).size).toBe(1);
    expect(shop.webhooks.log.at(-1)).toMatchObject({ status: 'delivered', attempts: 3, responses: [500, 500, 200] });
  });

  it('gives up after the retry schedule', async () => {
    const { app, shop, receiver } = await setup({ respond: () => 503, retrySchedule: [5, 5] });
    await subscribe(app, 'PRODUCTS_CREATE', receiver.url);
    await gql(app, 'mutation { productCreate(product: { title: "Valve Y" }) { product { id } } }');
    await shop.flushWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(shop.webhooks.log.at(-1)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('drop and duplicate behave statistically, deterministically for a seed', async () => {
    const run = async () => {
      const { app, shop, receiver } = await setup({ faults: 'drop=0.2,duplicate=0.1', seed: 42 });
      await subscribe(app, 'PRODUCTS_UPDATE', receiver.url);
      const id = at<string>((await gql(app, '{ products(first: 1) { nodes { id } } }')).body.data, 'products.nodes.0.id');
      for (let i = 0; i < 200; i++)
        await gql(app, 'mutation($id: ID!, $t: String!) { productUpdate(product: { id: $id, title: $t }) { userErrors { message } } }', {
          id,
          t: `Valve ${i}`,
        });
      await shop.flushWebhooks();
      const dropped = shop.webhooks.log.filter((r) => r.status === 'dropped').length;
      const duplicated = shop.webhooks.log.filter((r) => r.duplicated).length;
      const perId = new Map<string, number>();
      for (const r of receiver.received) perId.set(String(r.headers['x-shopify-webhook-id']), (perId.get(String(r.headers['x-shopify-webhook-id'])) ?? 0) + 1);
      // GET /emulator/faults counts the same, apart from the bounded log.
      const counts = (await app.inject({ method: 'GET', url: '/emulator/faults' })).json() as {
        webhooks: { total: { deliveries: number; dropped: number; duplicated: number }; byUri: Record<string, { dropped: number }> };
      };
      expect(counts.webhooks.total).toMatchObject({ deliveries: 200, dropped, duplicated });
      expect(counts.webhooks.byUri[receiver.url]?.dropped).toBe(dropped);
      return { dropped, duplicated, received: receiver.received.length, twice: [...perId.values()].filter((n) => n === 2).length, distinct: perId.size };
    };
    const a = await run();
    expect(a.dropped).toBeGreaterThan(20);
    expect(a.dropped).toBeLessThan(60);
    expect(a.duplicated).toBeGreaterThan(5);
    expect(a.distinct).toBe(200 - a.dropped);
    expect(a.received).toBe(a.distinct + a.twice);
    expect(a.twice).toBeGreaterThan(0);
    const b = await run();
    expect(b.dropped).toBe(a.dropped);
    expect(b.duplicated).toBe(a.duplicated);
  });

  it('reorder shuffles deliveries within a batch', async () => {
    const { app, shop, receiver } = await setup({ faults: 'reorder=1' });
    await subscribe(app, 'PRODUCTS_UPDATE', receiver.url);
    const id = at<string>((await gql(app, '{ products(first: 1) { nodes { id } } }')).body.data, 'products.nodes.0.id');
    // One request with many mutations queues one batch.
    const fields = Array.from({ length: 20 }, (_, i) => `m${i}: productUpdate(product: { id: $id, title: "T${i}" }) { userErrors { message } }`).join('\n');
    await gql(app, `mutation($id: ID!) { ${fields} }`, { id });
    await shop.flushWebhooks();
    const titles = receiver.received.map((r) => (JSON.parse(r.raw.toString()) as { title: string }).title);
    expect(titles).toHaveLength(20);
    expect(titles).not.toEqual(Array.from({ length: 20 }, (_, i) => `T${i}`));
    expect([...titles].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `T${i}`).sort());
    // Counted as reordered: each delivery sent after one made later than it.
    const overtaken = titles.filter((t, i) => titles.slice(0, i).some((u) => Number(u.slice(1)) > Number(t.slice(1)))).length;
    expect(overtaken).toBeGreaterThan(0);
    const counts = (await app.inject({ method: 'GET', url: '/emulator/faults' })).json() as { webhooks: { total: { reordered: number; deliveries: number } } };
    expect(counts.webhooks.total).toMatchObject({ deliveries: 20, reordered: overtaken });
  });
});
