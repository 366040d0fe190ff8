import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

interface OrderRef {
  gid: string;
  id: string;
  name: string;
  foId: string;
  foLines: Array<{ id: string; remainingQuantity: number }>;
}

/**
 * Issue 10, job 4: delays, holds, partial fulfilments and cancellations, played by the merchant (and
 * the carrier) through the Shopify emulator's Admin API; each order's exception workspace read
 * through Content Server's REST API on the xECM emulator.
 */
describe('order exception workspaces (job 4)', () => {
  let stack: ShopStack;

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => stack.graphql<T>(query, variables);
  const paidOrder = async (): Promise<OrderRef> => {
    const created = await gql<{ orderCreate: { order: { id: string; name: string } } }>(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }',
      {
        order: {
          email: 'sam@example.com',
          currency: 'USD',
          financialStatus: 'PAID',
          lineItems: [
            { title: 'Pump housing', quantity: 3, priceSet: { shopMoney: { amount: '100.00', currencyCode: 'USD' } } },
            { title: 'Seal kit', quantity: 2, priceSet: { shopMoney: { amount: '20.00', currencyCode: 'USD' } } },
          ],
        },
      },
    );
    const o = created.orderCreate.order;
    const fo = await gql<{
      order: { fulfillmentOrders: { nodes: Array<{ id: string; lineItems: { nodes: Array<{ id: string; remainingQuantity: number }> } }> } };
    }>('query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id lineItems(first: 5) { nodes { id remainingQuantity } } } } } }', {
      id: o.id,
    });
    const node = fo.order.fulfillmentOrders.nodes[0];
    return { gid: o.id, id: o.id.split('/').pop() ?? '', name: o.name, foId: node?.id ?? '', foLines: node?.lineItems.nodes ?? [] };
  };
  const fulfill = async (o: OrderRef, lines?: Array<{ id: string; quantity: number }>): Promise<string> => {
    const r = await gql<{ fulfillmentCreate: { fulfillment: { id: string } } }>(
      'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }',
      {
        f: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: o.foId, ...(lines ? { fulfillmentOrderLineItems: lines } : {}) }],
          trackingInfo: { company: 'UPS', number: `1Z${o.id}` },
        },
      },
    );
    return r.fulfillmentCreate.fulfillment.id;
  };
  const fulfillmentEvent = (fulfillmentId: string, status: string, message: string) =>
    gql('mutation($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) { userErrors { message } } }', {
      e: { fulfillmentId, status, message, city: 'Memphis', country: 'US' },
    });
  const exception = async (o: OrderRef) => {
    const [ws] = await stack.otcs.workspacesFor('shopify_order_exception', o.id);
    if (!ws) throw new Error(`no exception workspace for ${o.name}`);
    return { ws, values: await stack.otcs.categoryValuesByName(ws.id) };
  };
  const notes = async (wsId: number, folder: string): Promise<string[]> => {
    const f = await stack.otcs.child(wsId, folder);
    if (!f) return [];
    const docs = await stack.otcs.children(f.id);
    return Promise.all(docs.map(async (d) => (await stack.otcs.content(d.id)).toString('utf8')));
  };
  const relatedToOrder = async (wsId: number, o: OrderRef) => {
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', o.id);
    expect(orderWs).toBeDefined();
    expect(await stack.otcs.related(wsId)).toContain(orderWs?.id);
  };

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 11 } });
  }, 60_000);
  afterAll(async () => stack.stop());

  it('an order with no problem gets no exception workspace', async () => {
    const o = await paidOrder();
    await fulfill(o);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order_exception', o.id)).toEqual([]);
  });

  it('a carrier delay opens the exception, with carrier, tracking and a note; delivery resolves it (kept, not deleted)', async () => {
    const o = await paidOrder();
    const f = await fulfill(o);
    await fulfillmentEvent(f, 'DELAYED', 'Storm at hub');
    await stack.drained();
    const { ws, values: v } = await exception(o);
    expect(ws.name).toBe(`Order ${o.name} exception`);
    expect(v).toMatchObject({
      'Order Number': o.name,
      'Exception Type': ['delayed'],
      Status: 'delayed',
      Resolved: false,
      Carrier: 'UPS',
      'Tracking Numbers': [`1Z${o.id}`],
      Shop: EMU_SHOP,
    });
    const carrierNotes = await notes(ws.id, 'Carrier Correspondence');
    expect(carrierNotes).toHaveLength(1);
    expect(carrierNotes[0]).toContain('What: delayed');
    expect(carrierNotes[0]).toContain('Message: Storm at hub');
    await relatedToOrder(ws.id, o);

    await fulfillmentEvent(f, 'DELIVERED', 'Left at door');
    await stack.drained();
    const after = await exception(o);
    expect(after.ws.id).toBe(ws.id);
    expect(after.values).toMatchObject({ 'Exception Type': ['delayed'], Status: 'resolved', Resolved: true });
    expect(after.values['Resolved On']).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(after.values['Status History']).toEqual([expect.stringMatching(/ delayed \(Message: Storm at hub\)$/), expect.stringMatching(/ delivered /)]);
    expect(await notes(ws.id, 'Carrier Correspondence')).toHaveLength(2);
  });

  it('a fulfilment hold (the hold webhooks name no order) opens the exception with its reason; releasing it resolves it', async () => {
    const o = await paidOrder();
    await gql('mutation($id: ID!, $h: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $h) { userErrors { message } } }', {
      id: o.foId,
      h: { reason: 'INVENTORY_OUT_OF_STOCK', reasonNotes: 'Backorder until Friday', handle: 'stock' },
    });
    await stack.drained();
    const { ws, values: v } = await exception(o);
    expect(v).toMatchObject({ 'Exception Type': ['on hold'], Status: 'on_hold', Resolved: false, Reason: 'inventory_out_of_stock' });
    const held = await notes(ws.id, 'Warehouse Notes');
    expect(held).toHaveLength(1);
    expect(held[0]).toContain('Reason: inventory_out_of_stock');
    expect(held[0]).toContain('Notes: Backorder until Friday');
    await relatedToOrder(ws.id, o);

    await gql('mutation($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { userErrors { message } } }', { id: o.foId });
    await stack.drained();
    const after = await exception(o);
    expect(after.values).toMatchObject({ Status: 'resolved', Resolved: true, Reason: 'inventory_out_of_stock' });
    const all = await notes(ws.id, 'Warehouse Notes');
    expect(all.map((n) => /What: (.*)/.exec(n)?.[1]).sort()).toEqual(['hold released', 'on hold']);
  });

  it('a partial fulfilment opens the exception; fulfilling the rest resolves it', async () => {
    const o = await paidOrder();
    const pump = o.foLines.find((l) => l.remainingQuantity === 3);
    await fulfill(o, [{ id: pump?.id ?? '', quantity: 2 }]);
    await stack.drained();
    const { ws, values: v } = await exception(o);
    expect(v).toMatchObject({ 'Exception Type': ['partially fulfilled'], Status: 'partial', Resolved: false });
    await fulfill(o);
    await stack.drained();
    const after = await exception(o);
    expect(after.values).toMatchObject({ Status: 'resolved', Resolved: true });
    const what = (await notes(ws.id, 'Warehouse Notes')).map((n) => /What: (.*)/.exec(n)?.[1]).sort();
    expect(what).toEqual(['fulfilled', 'partially fulfilled']);
  });

  it('a cancellation is an exception; refunded and restocked, it is resolved', async () => {
    const o = await paidOrder();
    await gql(
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: INVENTORY, refund: true, restock: true, notifyCustomer: false, staffNote: "out of stock") { orderCancelUserErrors { message } } }',
      { id: o.gid },
    );
    await stack.drained();
    const { ws, values: v } = await exception(o);
    expect(v).toMatchObject({ 'Exception Type': ['cancelled'], Status: 'resolved', Resolved: true });
    const texts = await notes(ws.id, 'Warehouse Notes');
    expect(texts.find((n) => n.includes('What: cancelled'))).toContain('Reason: inventory');
    expect(texts.some((n) => n.includes('What: refunded'))).toBe(true);
    await relatedToOrder(ws.id, o);
  });
});
