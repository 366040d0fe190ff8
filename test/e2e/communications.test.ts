import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

interface Children {
  results: Array<{ data: { properties: { id: number; name: string } } }>;
}

/** Issue 5: an order's timeline comments are filed as communications by a job of their own. */
describe('order timeline comments', () => {
  let stack: ShopStack;
  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 4 } });
  });
  afterAll(async () => stack.stop());

  it('files each comment once in the Communications folder', async () => {
    const created = await stack.graphql<{ orderCreate: { order: { id: string } } }>(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }',
      {
        order: {
          email: 'buyer@example.com',
          currency: 'USD',
          lineItems: [{ title: 'Pump', quantity: 1, priceSet: { shopMoney: { amount: '8200.00', currencyCode: 'USD' } } }],
        },
      },
    );
    const gid = created.orderCreate.order.id;
    const orderId = gid.split('/').pop() ?? '';
    await stack.drained();
    for (const message of ['Customer asked for delivery on Friday.', 'Approved split shipment.']) {
      const r = await fetch(`${stack.shopify.url}/emulator/orders/${orderId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message, author: 'Jo Staff' }),
      });
      expect(r.status).toBe(200);
    }
    // The next change to the order brings the comments along.
    await stack.graphql('mutation($input: OrderInput!) { orderUpdate(input: $input) { order { id } } }', { input: { id: gid, note: 'updated' } });
    await stack.drained();

    const [ws] = await stack.otcs.workspacesFor('shopify_order', orderId);
    const folders = await stack.otcs.get<Children>(`/v2/nodes/${ws?.id}/nodes?limit=100`);
    const comms = folders.body.results.find((f) => f.data.properties.name === 'Communications');
    const docs = await stack.otcs.get<Children>(`/v2/nodes/${comms?.data.properties.id}/nodes?limit=100`);
    expect(docs.body.results).toHaveLength(2);
    const texts = await Promise.all(
      docs.body.results.map(async (d) =>
        (await fetch(`${stack.xecmUrl}/api/v2/nodes/${d.data.properties.id}/content`, { headers: { OTCSTicket: await stack.otcs.ticket() } })).text(),
      ),
    );
    expect(texts.join('\n')).toContain('Approved split shipment.');
    expect(texts.join('\n')).toContain('From: Jo Staff');

    const before = (await stack.deps.store.listAudit()).length;
    await stack.graphql('mutation($input: OrderInput!) { orderUpdate(input: $input) { order { id } } }', { input: { id: gid, note: 'again' } });
    await stack.drained();
    const comms2 = await stack.otcs.get<Children>(`/v2/nodes/${comms?.data.properties.id}/nodes?limit=100`);
    expect(comms2.body.results).toHaveLength(2);
    const audit = await stack.deps.store.listAudit();
    expect(audit.slice(before).filter((a) => a.rule === 'order-communications')).toEqual([]);
  });
});
