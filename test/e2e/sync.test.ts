import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text.js';
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
  cancelledAt: string | null;
  displayFulfillmentStatus: string;
  disputes: Array<{ id: string }>;
  refunds: Array<{ id: string }>;
}

/** Issue 4: `sync` reconciles what webhooks missed through the same path as webhooks. */
describe('sync against the Shopify emulator', () => {
  let stack: ShopStack;
  beforeAll(async () => {
    // No webhook subscriptions: everything the connector learns, it learns from sync.
    // A Plus shop's Admin API rate (1,000 points/s): this is about what sync finds, not about throttling
    // (sync-throttle.test.ts is); every qualifying order is read in full for its confirmation.
    stack = await startShopStack({ subscribe: false, shopify: { orders: 60, seed: 3, restoreRate: 1000, bucketSize: 20_000 } });
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
        `query($after: String) { orders(first: 25, after: $after) { nodes { id name tags totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } purchasingEntity { __typename } lineItems(first: 5) { nodes { customAttributes { key } } } cancelledAt displayFulfillmentStatus disputes { id } refunds { id } } pageInfo { hasNextPage endCursor } } }`,
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
    // Orders with a case (a dispute or a refund, synced too) or an exception (cancelled, partially
    // fulfilled) get their workspace as well: a case or exception always has its order's. The rest none.
    const afterSales = (o: OrderRow) =>
      o.cancelledAt !== null || o.displayFulfillmentStatus === 'PARTIALLY_FULFILLED' || o.disputes.length > 0 || o.refunds.length > 0;
    const others = data.orders.nodes.filter((o) => !qualifying.includes(o));
    expect(others.filter(afterSales).length).toBeGreaterThan(0);
    for (const o of others) {
      const found = await stack.otcs.workspacesFor('shopify_order', o.id.split('/').pop() ?? '');
      expect(found, `${o.name}`).toHaveLength(afterSales(o) ? 1 : 0);
    }

    // Sync's orders carry less than the confirmation shows: each was read in full before rendering,
    // so the PDF has every line's unit price.
    const sample = qualifying[0];
    const priced = await stack.graphql<{ order: { lineItems: { nodes: Array<{ originalUnitPriceSet: { shopMoney: { amount: string } } }> } } }>(
      'query($id: ID!) { order(id: $id) { lineItems(first: 5) { nodes { originalUnitPriceSet { shopMoney { amount } } } } } }',
      { id: sample?.id },
    );
    const [ws] = await stack.otcs.workspacesFor('shopify_order', sample?.id.split('/').pop() ?? '');
    const folder = await stack.otcs.child(ws?.id ?? 0, 'Confirmation and Invoices');
    const [pdf] = await stack.otcs.children(folder?.id ?? 0);
    const text = await pdfText(await stack.otcs.content(pdf?.id ?? 0));
    for (const li of priced.order.lineItems.nodes) {
      const amount = Number(li.originalUnitPriceSet.shopMoney.amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(text).toContain(amount);
    }

    const again = await stack.running.syncNow();
    expect(again.reduce((a, r) => a + r.jobs, 0)).toBe(0);
  });
});
