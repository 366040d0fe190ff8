import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

interface OrderRow {
  id: string;
  name: string;
  tags: string[];
  totalPriceSet: { shopMoney: { amount: string } };
  currentTotalPriceSet: { shopMoney: { amount: string } };
  purchasingEntity: { __typename: string } | null;
  lineItems: { nodes: Array<{ customAttributes: Array<{ key: string }> }> };
}

/** Issue 4: `sync` reconciles what webhooks missed through the same path as webhooks. */
describe('sync against the Shopify emulator', () => {
  let stack: ShopStack;
  beforeAll(async () => {
    // No webhook subscriptions: everything the connector learns, it learns from sync.
    stack = await startShopStack({ subscribe: false, shopify: { orders: 60, seed: 3 } });
  });
  afterAll(async () => stack.stop());

  it('creates a workspace for every qualifying order, and a second sync does nothing', async () => {
    const reports = await stack.running.syncNow();
    await stack.drained();
    const orders = reports.find((r) => r.resource === 'orders');
    expect(orders).toMatchObject({ seen: 60, newChanges: 60 });

    // Independent oracle: the default criteria written out plainly.
    const nodes: OrderRow[] = [];
    let after: string | null = null;
    do {
      const page: { orders: { nodes: OrderRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await stack.graphql(
        `query($after: String) { orders(first: 25, after: $after) { nodes { id name tags totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } purchasingEntity { __typename } lineItems(first: 5) { nodes { customAttributes { key } } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      nodes.push(...page.orders.nodes);
      after = page.orders.pageInfo.hasNextPage ? page.orders.pageInfo.endCursor : null;
    } while (after);
    const data = { orders: { nodes } };
    const qualifying = data.orders.nodes.filter(
      (o) =>
        Number(o.currentTotalPriceSet.shopMoney.amount) >= 5000 ||
        o.purchasingEntity?.__typename === 'PurchasingCompany' ||
        o.tags.map((t) => t.toLowerCase()).includes('custom') ||
        o.lineItems.nodes.some((li) => li.customAttributes.length > 0),
    );
    expect(qualifying.length).toBeGreaterThan(5);
    expect(qualifying.length).toBeLessThan(60);
    for (const o of qualifying) expect(await stack.otcs.workspacesFor('shopify_order', o.id.split('/').pop() ?? '')).toHaveLength(1);
    const others = data.orders.nodes.filter((o) => !qualifying.includes(o));
    for (const o of others.slice(0, 10)) expect(await stack.otcs.workspacesFor('shopify_order', o.id.split('/').pop() ?? '')).toEqual([]);

    const again = await stack.running.syncNow();
    expect(again.reduce((a, r) => a + r.jobs, 0)).toBe(0);
  });
});
