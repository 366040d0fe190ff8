import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildShopifyEmulator } from './index.js';
import { at, gql, SECRET, startReceiver, TOKEN } from './test-helpers.js';

describe('Shopify emulator: the seeded shop', () => {
  it('is the same for the same seed and different for another', async () => {
    const a = await buildShopifyEmulator({ seed: 11 });
    const b = await buildShopifyEmulator({ seed: 11 });
    const c = await buildShopifyEmulator({ seed: 12 });
    expect(JSON.stringify(a.shop.state.data)).toBe(JSON.stringify(b.shop.state.data));
    expect(JSON.stringify(a.shop.state.data)).not.toBe(JSON.stringify(c.shop.state.data));
    await Promise.all([a.app.close(), b.app.close(), c.app.close()]);
  });

  it('covers every kind of order and lifecycle the jobs need', async () => {
    const { app, shop } = await buildShopifyEmulator({ seed: 5 });
    const s = shop.state;
    const orders = s.data.orders;
    expect(orders).toHaveLength(50);
    expect(orders.every((o) => /^\d{13}$/.test(String(o.id)))).toBe(true);
    expect(orders.some((o) => s.totals(o).total >= 500_000 && o.company === null)).toBe(true);
    expect(orders.some((o) => o.tags.includes('custom'))).toBe(true);
    expect(orders.some((o) => o.lineItems.some((l) => l.properties.length > 0))).toBe(true);
    const b2b = orders.filter((o) => o.company !== null);
    expect(b2b.length).toBeGreaterThanOrEqual(10);
    expect(b2b.every((o) => o.poNumber !== null && o.paymentTerms !== null && o.company?.contactId !== null)).toBe(true);
    expect(s.data.companies).toHaveLength(5);
    expect(s.data.companies.every((c) => s.locationsOf(c.id).length > 0 && s.contactsOf(c.id).length > 0 && c.mainContactId !== null)).toBe(true);
    expect(orders.some((o) => o.cancelledAt !== null)).toBe(true);
    expect(s.data.refunds.length).toBeGreaterThan(0);
    expect(new Set(s.data.returns.map((r) => r.status))).toEqual(new Set(['requested', 'closed']));
    expect(s.data.disputes.length).toBeGreaterThan(0);
    expect(s.data.fulfillmentOrders.some((f) => f.status === 'on_hold')).toBe(true);
    expect(s.data.fulfillments.some((f) => f.shipmentStatus === 'delayed')).toBe(true);
    expect(orders.some((o) => s.fulfillmentStatus(o) === 'partial')).toBe(true);
    expect(s.data.products).toHaveLength(20);
    expect(
      s.data.products.filter((p) => p.tags.some((t) => t === 'regulated' || t.startsWith('compliance:') || t.startsWith('hazmat:'))).length,
    ).toBeGreaterThanOrEqual(5);
    await app.close();
  });

  it('scales to thousands of orders', async () => {
    const t0 = Date.now();
    const { app } = await buildShopifyEmulator({ orders: 5000, accessToken: TOKEN, bucketSize: 1_000_000, restoreRate: 1_000_000 });
    const q =
      'query($after: String) { orders(first: 250, after: $after, sortKey: UPDATED_AT, query: "updated_at:>\'2020-01-01T00:00:00Z\'") { pageInfo { hasNextPage endCursor } nodes { id updatedAt } } }';
    let after: string | null = null;
    const ids = new Set<string>();
    for (;;) {
      const res = await gql(app, q, { after });
      for (const n of at<Array<{ id: string }>>(res.body.data, 'orders.nodes')) ids.add(n.id);
      if (!at<boolean>(res.body.data, 'orders.pageInfo.hasNextPage')) break;
      after = at<string>(res.body.data, 'orders.pageInfo.endCursor');
    }
    expect(ids.size).toBe(5000);
    expect(Date.now() - t0).toBeLessThan(15_000);
    await app.close();
  });

  it('keeps its state in a SQLite file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopify-emu-'));
    try {
      const dbPath = join(dir, 'shop.db');
      const first = await buildShopifyEmulator({ dbPath, accessToken: TOKEN, orders: 5 });
      await gql(first.app, 'mutation { productCreate(product: { title: "Persisted Pump" }) { product { id } } }');
      await first.app.close();
      const second = await buildShopifyEmulator({ dbPath, accessToken: TOKEN, orders: 5 });
      const res = await gql(second.app, '{ products(first: 5, query: "title:\'Persisted Pump\'") { nodes { title } } }');
      expect(at<unknown[]>(res.body.data, 'products.nodes')).toEqual([{ title: 'Persisted Pump' }]);
      await second.app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Shopify emulator: control routes and bulk operations', () => {
  it('reset restores the seeded shop; state reports counts and deliveries', async () => {
    const { app } = await buildShopifyEmulator({ accessToken: TOKEN, orders: 8 });
    await gql(app, 'mutation { productCreate(product: { title: "Temp" }) { product { id } } }');
    const before = (await app.inject({ method: 'GET', url: '/emulator/state' })).json<{ counts: { products: number } }>();
    expect(before.counts.products).toBe(21);
    await app.inject({ method: 'POST', url: '/emulator/reset', payload: {} });
    const after = (await app.inject({ method: 'GET', url: '/emulator/state' })).json<{
      counts: { products: number; orders: number };
      throttled: number;
      webhooks: { deliveries: unknown[] };
    }>();
    expect(after.counts).toMatchObject({ products: 20, orders: 8 });
    expect(after.throttled).toBe(0);
    const faults = await app.inject({ method: 'POST', url: '/emulator/webhook-faults', payload: { spec: 'drop=0.5,reorder=1' } });
    expect(faults.json()).toEqual({ faults: { drop: 0.5, duplicate: 0, reorder: true } });
    expect((await app.inject({ method: 'POST', url: '/emulator/webhook-faults', payload: { spec: 'boom=1' } })).statusCode).toBe(422);
    await app.close();
  });

  it('runs a bulk query to JSONL with __parentId and sends bulk_operations/finish', async () => {
    const receiver = await startReceiver();
    const { app, shop } = await buildShopifyEmulator({ accessToken: TOKEN, apiSecret: SECRET, orders: 12, webhookUrl: receiver.url });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const run = await gql(
        app,
        'mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { field message } } }',
        {
          q: '{ orders(query: "updated_at:>\'2020-01-01\'") { edges { node { id name lineItems { edges { node { id sku quantity } } } } } } }',
        },
      );
      expect(at<unknown[]>(run.body.data, 'bulkOperationRunQuery.userErrors')).toEqual([]);
      const id = at<string>(run.body.data, 'bulkOperationRunQuery.bulkOperation.id');
      await shop.bulkIdle();
      await shop.flushWebhooks();
      const op = await gql(app, 'query($id: ID!) { bulkOperation(id: $id) { status objectCount rootObjectCount url } currentBulkOperation { id status } }', {
        id,
      });
      expect(at<string>(op.body.data, 'bulkOperation.status')).toBe('COMPLETED');
      expect(at<string>(op.body.data, 'currentBulkOperation.id')).toBe(id);
      expect(at<string>(op.body.data, 'bulkOperation.rootObjectCount')).toBe('12');
      const url = at<string>(op.body.data, 'bulkOperation.url');
      const jsonl = await (await fetch(url)).text();
      const lines = jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBe(Number(at<string>(op.body.data, 'bulkOperation.objectCount')));
      expect(lines[0]).toMatchObject({ id: expect.stringMatching(/^gid:\/\/shopify\/Order\//) as string });
      expect(lines[1]).toMatchObject({ __parentId: lines[0]?.id });
      const finish = receiver.received.find((r) => r.headers['x-shopify-topic'] === 'bulk_operations/finish');
      expect(JSON.parse(finish?.raw.toString() ?? '{}')).toMatchObject({ admin_graphql_api_id: id, status: 'completed', type: 'query' });
      const bad = await gql(app, 'mutation { bulkOperationRunQuery(query: "{ shop { name } }", groupObjects: false) { userErrors { message } } }');
      expect(at<Array<{ message: string }>>(bad.body.data, 'bulkOperationRunQuery.userErrors')[0]?.message).toMatch(/at least one connection/);
    } finally {
      await app.close();
      await receiver.close();
    }
  });
});
