import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

interface Manifest {
  format: string;
  shop: string;
  order: { id: string; name: string };
  artifacts: Array<{ name: string; nodeId: number; version: number; size: number; sha256: string; eventId: number | null; archivedAt: string }>;
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * Issue 11, job 7: every order that reaches paid and fulfilled (or closed, or refunded) is archived,
 * played by the merchant through the Shopify emulator's Admin API, read back through Content
 * Server's REST API as an administrator would.
 */
describe('the archive (job 7)', () => {
  let stack: ShopStack;

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => stack.graphql<T>(query, variables);
  const order = async (amount: string, note?: string): Promise<{ gid: string; id: string; name: string; foId: string }> => {
    const created = await gql<{ orderCreate: { order: { id: string; name: string } } }>(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }',
      {
        order: {
          email: 'kim@example.com',
          currency: 'USD',
          financialStatus: 'PAID',
          ...(note ? { note } : {}),
          lineItems: [{ title: 'Valve body', sku: 'VB-1', quantity: 2, priceSet: { shopMoney: { amount, currencyCode: 'USD' } } }],
        },
      },
    );
    const o = created.orderCreate.order;
    const fo = await gql<{ order: { fulfillmentOrders: { nodes: Array<{ id: string }> } } }>(
      'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id } } } }',
      { id: o.id },
    );
    return { gid: o.id, id: o.id.split('/').pop() ?? '', name: o.name, foId: fo.order.fulfillmentOrders.nodes[0]?.id ?? '' };
  };
  const fulfill = (foId: string) =>
    gql('mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }', {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }] },
    });
  /** The dated archive folder of an order without a workspace: Shopify Archive/<shop>/<yyyy>/<mm>/<name>. */
  const datedFolder = async (name: string): Promise<number> => {
    let id = 2000;
    const now = new Date();
    for (const seg of ['Shopify Archive', EMU_SHOP, String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), name]) {
      const c = await stack.otcs.child(id, seg);
      if (!c) throw new Error(`no folder ${seg} under ${id}`);
      id = c.id;
    }
    return id;
  };
  const docs = async (folderId: number) => {
    const all = await stack.otcs.children(folderId);
    return Object.fromEntries(all.map((d) => [d.name, d.id]));
  };
  const versions = async (nodeId: number): Promise<number> =>
    (await stack.otcs.get<{ results: unknown[] }>(`/v2/nodes/${nodeId}/versions`)).body.results.length;
  const manifestOf = async (folderId: number, name: string): Promise<Manifest> => {
    const id = (await docs(folderId))[`${name} manifest.json`];
    if (id === undefined) throw new Error('no manifest');
    return JSON.parse((await stack.otcs.content(id)).toString('utf8')) as Manifest;
  };

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 21 }, archive: true });
  }, 60_000);
  afterAll(async () => stack.stop());

  it('archives a paid, fulfilled order without a workspace under the dated tree, with a manifest of checksums, as records', async () => {
    const o = await order('40.00', 'Leave at the loading dock');
    await stack.drained();
    // Paid but not fulfilled: not archived yet.
    expect(await stack.otcs.child(2000, 'Shopify Archive')).toBeUndefined();
    await gql('mutation($input: CommentEventInput!) { commentCreate(input: $input) { userErrors { message } } }', {
      input: { subjectId: o.gid, message: 'Customer asked for a printed invoice' },
    }).catch(() => undefined);
    await fulfill(o.foId);
    await stack.drained();

    const folder = await datedFolder(o.name);
    const d = await docs(folder);
    expect(Object.keys(d)).toEqual(expect.arrayContaining([`${o.name} confirmation.pdf`, `${o.name} payment record.pdf`, `${o.name} manifest.json`]));
    const m = await manifestOf(folder, o.name);
    expect(m).toMatchObject({ format: 'shopify-xecm/archive-manifest/1', shop: EMU_SHOP, order: { id: o.id, name: o.name } });
    expect(m.artifacts.map((a) => a.name)).toEqual(expect.arrayContaining([`${o.name} confirmation.pdf`, `${o.name} payment record.pdf`]));
    for (const a of m.artifacts) {
      const bytes = await stack.otcs.content(a.nodeId);
      expect(a.sha256).toBe(sha(bytes));
      expect(a.size).toBe(bytes.length);
      expect(a.version).toBe(1);
      expect(d[a.name]).toBe(a.nodeId);
    }
    // The payment record names the gateway's transaction.
    const payment = (await stack.otcs.content(d[`${o.name} payment record.pdf`] ?? 0)).toString('latin1');
    expect(payment.startsWith('%PDF')).toBe(true);
    // Every archived document is a record under the configured classification.
    for (const id of Object.values(d)) {
      const rm = await stack.otcs.get<Record<string, unknown>>(`/v1/nodes/${id}/rmclassifications`);
      expect(JSON.stringify(rm.body)).toContain('3200');
    }
    // The ledger holds the same.
    const ledger = await stack.deps.store.archivedOrder(EMU_SHOP, o.id);
    expect(ledger?.folderId).toBe(folder);
    expect(ledger?.artifacts.map((a) => a.sha256).sort()).toEqual(m.artifacts.map((a) => a.sha256).sort());
  });

  it('re-archiving an unchanged order writes nothing; a refund adds its record and new versions of what changed', async () => {
    const o = await order('75.00');
    await fulfill(o.foId);
    await stack.drained();
    const folder = await datedFolder(o.name);
    const before = await docs(folder);
    const audit = (await stack.deps.store.listAudit({ limit: 10_000 })).filter((a) => a.rule === 'archive').length;

    // A tag changes the order (orders/updated) but none of its archived artifacts.
    await gql('mutation($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }', { input: { id: o.gid, tags: ['vip'] } });
    await stack.drained();
    expect(await docs(folder)).toEqual(before);
    expect(
      (await stack.deps.store.listAudit({ limit: 10_000 }))
        .filter((a) => a.rule === 'archive')
        .slice(audit)
        .map((a) => `${a.action} ${a.target}`),
    ).toEqual([]);
    for (const id of Object.values(before)) expect(await versions(id)).toBe(1);

    // A refund: its own record, a new version of the payment record and of the manifest.
    const lines = await gql<{ order: { lineItems: { nodes: Array<{ id: string }> } } }>(
      'query($id: ID!) { order(id: $id) { lineItems(first: 5) { nodes { id } } } }',
      {
        id: o.gid,
      },
    );
    await gql('mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }', {
      input: {
        orderId: o.gid,
        note: 'Scratched housing',
        refundLineItems: [{ lineItemId: lines.order.lineItems.nodes[0]?.id, quantity: 1, restockType: 'NO_RESTOCK' }],
        transactions: [{ amount: '75.00', gateway: 'manual', kind: 'REFUND', orderId: o.gid }],
      },
    });
    await stack.drained();
    const after = await docs(folder);
    const refundDoc = Object.keys(after).find((n) => n.startsWith(`${o.name} refund `));
    expect(refundDoc).toBeDefined();
    expect(after[`${o.name} payment record.pdf`]).toBe(before[`${o.name} payment record.pdf`]);
    expect(await versions(after[`${o.name} payment record.pdf`] ?? 0)).toBe(2);
    expect(await versions(after[`${o.name} manifest.json`] ?? 0)).toBe(2);
    const m = await manifestOf(folder, o.name);
    expect(m.artifacts.find((a) => a.name === `${o.name} payment record.pdf`)?.version).toBe(2);
    expect(m.artifacts.find((a) => a.name === refundDoc)?.version).toBe(1);
  });

  it("files an order with a workspace into the workspace's Archive folder", async () => {
    const o = await order('6000.00');
    await fulfill(o.foId);
    await stack.drained();
    const [ws] = await stack.otcs.workspacesFor('shopify_order', o.id);
    expect(ws).toBeDefined();
    const archive = await stack.otcs.child(ws?.id ?? 0, 'Archive');
    const d = await docs(archive?.id ?? 0);
    expect(Object.keys(d)).toEqual(expect.arrayContaining([`${o.name} confirmation.pdf`, `${o.name} payment record.pdf`, `${o.name} manifest.json`]));
    expect((await stack.deps.store.archivedOrder(EMU_SHOP, o.id))?.inWorkspace).toBe(true);
  });
});
