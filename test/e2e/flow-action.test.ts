import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_ENSURE_HANDLE } from '../../src/server/routes/flow.js';
import { signBody } from '../../src/shopify/webhooks/verify.js';
import { EMU_SECRET, EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

/**
 * The Shopify Flow action "Ensure xECM workspace", played as Flow plays it: the merchant's order and
 * product exist in the Shopify emulator (neither meets its rule's criteria, so neither has a
 * workspace); Flow posts a signed run to the connector; the workspace then exists in Content Server,
 * read through its REST API. A retried run does nothing twice; unsigned or unusable runs are refused.
 */
describe('Flow action: ensure xECM workspace', () => {
  let stack: ShopStack;
  let orderId: string;
  let orderGid: string;
  let productGid: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => stack.graphql<T>(query, variables);
  const run = (body: Record<string, unknown>, opts: { secret?: string } = {}) => {
    const raw = JSON.stringify({
      shop_id: 'gid://shopify/Shop/1',
      shopify_domain: EMU_SHOP,
      handle: 'ensure-xecm-workspace',
      step_reference: 'step-1',
      ...body,
    });
    return fetch(`${stack.url}/flow/actions/ensure-workspace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signBody(opts.secret ?? EMU_SECRET, raw) },
      body: raw,
    });
  };

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 } });
    const o = await gql<{ orderCreate: { order: { id: string } } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`,
      {
        order: {
          email: 'sam@example.com',
          currency: 'USD',
          customer: { toUpsert: { email: 'sam@example.com', firstName: 'Sam', lastName: 'Reed' } },
          lineItems: [{ title: 'Gasket', sku: 'GK-1', quantity: 2, priceSet: { shopMoney: { amount: '12.00', currencyCode: 'USD' } } }],
        },
      },
    );
    orderGid = o.orderCreate.order.id;
    orderId = orderGid.split('/').pop() ?? '';
    const p = await gql<{ productCreate: { product: { id: string } } }>(
      'mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id } userErrors { message } } }',
      { p: { title: 'Plain Hose Clamp', productType: 'Hardware', vendor: 'Acme Industrial' } },
    );
    productGid = p.productCreate.product.id;
    await stack.drained();
  }, 60_000);
  afterAll(async () => stack.stop());

  it('gives an order its workspace once, however often Flow sends the run', async () => {
    expect(await stack.otcs.workspacesFor('shopify_order', orderId)).toEqual([]);
    const first = await run({ action_run_id: 'run-order-1', properties: { order_id: orderGid, 'workspace kind': 'order' } });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    await stack.drained();
    const [ws, more] = await stack.otcs.workspacesFor('shopify_order', orderId);
    expect(ws).toBeDefined();
    expect(more).toBeUndefined();
    const folder = await stack.otcs.child(ws?.id ?? 0, 'Confirmation and Invoices');
    expect((await stack.otcs.children(folder?.id ?? 0)).length).toBeGreaterThan(0);

    const again = await run({ action_run_id: 'run-order-1', properties: { order_id: orderGid, 'workspace kind': 'order' } });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    // Another run for the same order finds the workspace made.
    expect((await run({ action_run_id: 'run-order-2', properties: { order_id: orderGid, 'workspace kind': 'Order' } })).status).toBe(200);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order', orderId)).toHaveLength(1);
  });

  it('gives a product that is not regulated its product workspace when Flow asks', async () => {
    const productId = productGid.split('/').pop() ?? '';
    expect(await stack.otcs.workspacesFor('shopify_product', productId)).toEqual([]);
    expect((await run({ action_run_id: 'run-product-1', properties: { product_id: productGid, 'workspace kind': 'product' } })).status).toBe(200);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_product', productId)).toHaveLength(1);
  });

  it('gives a customer (no B2B tag) a customer account workspace when Flow asks', async () => {
    const o = await gql<{ order: { customer: { id: string } | null } }>('query($id: ID!) { order(id: $id) { customer { id } } }', { id: orderGid });
    const customerGid = o.order.customer?.id ?? '';
    const customerId = customerGid.split('/').pop() ?? '';
    expect(customerId).not.toBe('');
    expect(await stack.otcs.workspacesFor('shopify_account', `customer-${customerId}`)).toEqual([]);
    expect((await run({ action_run_id: 'run-account-1', properties: { customer_id: customerGid, 'workspace kind': 'account' } })).status).toBe(200);
    await stack.drained();
    const [ws] = await stack.otcs.workspacesFor('shopify_account', `customer-${customerId}`);
    expect(ws?.name).toBe('Sam Reed');
  });

  it('refuses an unsigned run (401, nothing stored) and a run it cannot carry out (400, so Flow stops retrying)', async () => {
    const before = (await stack.deps.store.summary()).deliveries.total;
    const forged = await run({ action_run_id: 'run-forged', properties: { order_id: orderGid, 'workspace kind': 'order' } }, { secret: 'not-the-app-secret' });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    const stranger = await fetch(`${stack.url}/flow/actions/ensure-workspace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': 'AAAA' },
      body: JSON.stringify({ shopify_domain: 'stranger.myshopify.com', action_run_id: 'x' }),
    });
    expect(stranger.status).toBe(401);
    const kind = await run({ action_run_id: 'run-bad-kind', properties: { order_id: orderGid, 'workspace kind': 'spaceship' } });
    expect(kind.status).toBe(400);
    expect(((await kind.json()) as { error: string }).error).toMatch(/workspace kind/);
    const ref = await run({ action_run_id: 'run-no-ref', properties: { 'workspace kind': 'product' } });
    expect(ref.status).toBe(400);
    expect(((await ref.json()) as { error: string }).error).toMatch(/product_id/);
    expect((await stack.deps.store.summary()).deliveries.total).toBe(before);
  });

  it('is the action the extension declares: its handle, and the fields the route reads', () => {
    const toml = readFileSync(new URL('../../extensions/ensure-xecm-workspace/shopify.extension.toml', import.meta.url), 'utf8');
    expect(toml).toMatch(/^type = "flow_action"$/m);
    expect(toml).toContain(`handle = "${FLOW_ENSURE_HANDLE}"`);
    expect(toml).toMatch(/runtime_url = "https:\/\/[^"]+\/flow\/actions\/ensure-workspace"/);
    // The references arrive as properties.order_id, properties.product_id and properties.customer_id.
    for (const t of ['order_reference', 'product_reference', 'customer_reference']) expect(toml).toContain(`type = "${t}"`);
    expect(toml).toContain('key = "workspace kind"');
  });
});
