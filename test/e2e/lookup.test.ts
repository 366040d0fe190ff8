import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAnswer } from '../../src/lookup/lookup.js';
import { sellShipAndReturn } from '../helpers/merchant.js';
import { EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

const API_TOKEN = 'agent-lookup-token-77a1';

/**
 * Job 6, the agent's lookup, played through: the merchant's high-value order and its damaged-goods
 * return go through the Shopify emulator's Admin API (which sends the webhooks); the agent then looks
 * the order up by name, number, email, SKU and case id through `GET /api/lookup`, and what it shows
 * is checked against Content Server's REST API, as an administrator would see it.
 */
describe('agent lookup (job 6)', () => {
  let stack: ShopStack;
  let order: { gid: string; id: string; name: string };
  let returnId: string;

  const gql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => stack.graphql<T>(query, variables);
  const lookup = async (q: string): Promise<LookupAnswer> => {
    const r = await fetch(`${stack.url}/api/lookup?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(r.status).toBe(200);
    return (await r.json()) as LookupAnswer;
  };

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 }, apiToken: API_TOKEN });
    // A high-value order (an order workspace of its own), fulfilled, then a damaged-goods return (a case).
    const sold = await sellShipAndReturn(gql, {
      email: 'morgan@example.com',
      firstName: 'Morgan',
      lastName: 'Reyes',
      title: 'Boiler assembly',
      sku: 'BA-900',
      amount: '7200.00',
    });
    order = { gid: sold.gid, id: sold.id, name: sold.name };
    returnId = sold.returnId;
    await stack.drained();
  }, 90_000);
  afterAll(async () => stack.stop());

  it('finds the order by its name and shows its workspace and case, each with its documents and deep links, as Content Server has them', async () => {
    const a = await lookup(order.name);
    expect(a.matches.map((m) => [m.shop, m.resourceType, m.resourceId, m.title])).toEqual([[EMU_SHOP, 'order', order.id, order.name]]);
    const [match] = a.matches;
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', order.id);
    const [caseWs] = await stack.otcs.workspacesFor('shopify_case', `return-${returnId}`);
    expect(orderWs && caseWs).toBeTruthy();
    const byKind = new Map(match?.workspaces.map((w) => [w.kind, w]));
    expect(byKind.get('order')).toMatchObject({ nodeId: orderWs?.id, name: orderWs?.name, workspaceType: 'Shopify Order' });
    expect(byKind.get('case')).toMatchObject({ nodeId: caseWs?.id, name: caseWs?.name, status: { Status: 'requested' } });
    const ow = byKind.get('order');
    expect(ow?.links.classic).toBe(`${stack.xecmUrl}?func=ll&objId=${orderWs?.id}&objAction=browse`);
    expect(ow?.links.smartView).toBe(`${stack.xecmUrl}/app/nodes/${orderWs?.id}`);
    // The documents are Content Server's: the same ids, names and sizes an administrator lists.
    const folder = await stack.otcs.child(orderWs?.id ?? 0, 'Confirmation and Invoices');
    const inFolder = await stack.otcs.children(folder?.id ?? 0);
    expect(inFolder.length).toBeGreaterThan(0);
    for (const d of inFolder) expect(ow?.documents).toContainEqual(expect.objectContaining({ id: d.id, name: d.name, folder: 'Confirmation and Invoices' }));
    expect(ow?.documents?.every((d) => typeof d.size === 'number' && d.size > 0 && typeof d.modified === 'string')).toBe(true);
    expect(ow?.liveError).toBeUndefined();
  });

  it('finds the same order by its number, the customer’s email and a SKU, and the case by its id', async () => {
    for (const q of [order.name.replace('#', ''), 'Morgan@Example.com', 'ba-900']) {
      const a = await lookup(q);
      expect(
        a.matches.map((m) => m.resourceId),
        q,
      ).toContain(order.id);
    }
    // The admin block asks by the order's GID (the order it is shown on).
    expect((await lookup(order.gid)).matches.map((m) => [m.resourceType, m.resourceId])).toEqual([['order', order.id]]);
    const c = await lookup(`return-${returnId}`);
    expect(c.matches[0]).toMatchObject({ resourceType: 'return', resourceId: returnId, related: [{ resourceType: 'order', resourceId: order.id }] });
    expect(c.matches[0]?.workspaces.map((w) => w.kind)).toEqual(['case', 'order']);
  });

  it('answers an unknown term with no matches, and never without the token', async () => {
    expect((await lookup('nothing-like-this')).matches).toEqual([]);
    expect((await fetch(`${stack.url}/api/lookup?q=${encodeURIComponent(order.name)}`)).status).toBe(401);
  });
});
