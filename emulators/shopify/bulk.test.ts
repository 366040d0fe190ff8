import { describe, expect, it } from 'vitest';
import { buildShopifyEmulator } from './index.js';
import { at, gql, TOKEN } from './test-helpers.js';

type Obj = Record<string, unknown>;

const SELECTION = 'id name updatedAt lineItems { edges { node { id sku quantity } } } transactions { id kind amountSet { shopMoney { amount } } }';

/** The JSONL a bulk query of `orders(ARGS)` must give, read page by page through the ordinary API. */
async function expectedLines(app: Awaited<ReturnType<typeof buildShopifyEmulator>>['app'], args: string): Promise<Obj[]> {
  const lines: Obj[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await gql(
      app,
      `query($after: String) { orders(first: 25, after: $after, ${args}) { pageInfo { hasNextPage endCursor } nodes { ${SELECTION.replace('lineItems {', 'lineItems(first: 10) {')} } } }`,
      { after },
    );
    for (const n of at<Obj[]>(res.body.data, 'orders.nodes')) {
      const { lineItems, ...own } = n as Obj & { lineItems: { edges: Array<{ node: Obj }> } };
      lines.push(own);
      for (const e of lineItems.edges) lines.push({ ...e.node, __parentId: own.id });
    }
    if (!at<boolean>(res.body.data, 'orders.pageInfo.hasNextPage')) return lines;
    after = at<string>(res.body.data, 'orders.pageInfo.endCursor');
  }
}

async function runBulk(app: Awaited<ReturnType<typeof buildShopifyEmulator>>['app'], query: string): Promise<string> {
  const run = await gql(app, 'mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { message } } }', { q: query });
  expect(at<unknown[]>(run.body.data, 'bulkOperationRunQuery.userErrors')).toEqual([]);
  return at<string>(run.body.data, 'bulkOperationRunQuery.bulkOperation.id');
}

describe('Shopify emulator: bulk operations at scale', () => {
  it('reads the top-level connection in chunks into a file: the same lines, in order, as paging the whole connection', async () => {
    const { app, shop } = await buildShopifyEmulator({ accessToken: TOKEN, orders: 620, bucketSize: 1e7, restoreRate: 1e6 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const args = 'query: "created_at:>=\'2026-08-15\' -tag:B2B", sortKey: CREATED_AT, reverse: true';
      const id = await runBulk(app, `{ orders(${args}) { edges { node { ${SELECTION} } } } }`);
      const status = await gql(app, 'query($id: ID!) { bulkOperation(id: $id) { status url } }', { id });
      expect(['CREATED', 'RUNNING']).toContain(at<string>(status.body.data, 'bulkOperation.status'));
      expect(at<unknown>(status.body.data, 'bulkOperation.url')).toBeNull();
      await shop.bulkIdle();
      const op = await gql(app, 'query($id: ID!) { bulkOperation(id: $id) { status objectCount rootObjectCount fileSize url } }', { id });
      expect(at<string>(op.body.data, 'bulkOperation.status')).toBe('COMPLETED');
      const res = await fetch(at<string>(op.body.data, 'bulkOperation.url'));
      expect(res.headers.get('content-type')).toMatch(/^application\/jsonl/);
      const body = await res.text();
      const want = await expectedLines(app, args);
      const roots = want.filter((l) => !('__parentId' in l)).length;
      expect(roots).toBeGreaterThan(250); // more than one chunk
      expect(
        body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Obj),
      ).toEqual(want);
      expect(at<string>(op.body.data, 'bulkOperation.objectCount')).toBe(String(want.length));
      expect(at<string>(op.body.data, 'bulkOperation.rootObjectCount')).toBe(String(roots));
      expect(at<string>(op.body.data, 'bulkOperation.fileSize')).toBe(String(Buffer.byteLength(body)));
      // A reset drops the shop's bulk operations and their files.
      const url = at<string>(op.body.data, 'bulkOperation.url');
      await app.inject({ method: 'POST', url: '/emulator/reset', payload: { orders: 3 } });
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('answers other requests while a bulk query runs, and stops it on reset', async () => {
    const { app, shop } = await buildShopifyEmulator({ accessToken: TOKEN, orders: 800, bucketSize: 1e7, restoreRate: 1e6 });
    try {
      const id = await runBulk(app, `{ orders { edges { node { ${SELECTION} } } } }`);
      let polls = 0;
      for (;;) {
        const op = await gql(app, 'query($id: ID!) { bulkOperation(id: $id) { status } orders(first: 1) { nodes { id } } }', { id });
        expect(at<unknown[]>(op.body.data, 'orders.nodes')).toHaveLength(1);
        polls++;
        if (at<string>(op.body.data, 'bulkOperation.status') === 'COMPLETED') break;
      }
      expect(polls).toBeGreaterThan(1);
      const second = await runBulk(app, `{ orders { edges { node { ${SELECTION} } } } }`);
      expect(second).not.toBe(id);
      await app.inject({ method: 'POST', url: '/emulator/reset', payload: { orders: 3 } });
      await shop.bulkIdle();
      const after = await gql(app, '{ currentBulkOperation { id } }');
      expect(at<unknown>(after.body.data, 'currentBulkOperation')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
