import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { TEST_SECRET, TEST_SHOP } from '../helpers/config.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

const ORDERS = 400;

/** The Admin API behind a switch: down, every connection is cut; up, requests go to the Shopify emulator. */
async function switchableAdminApi(target: string): Promise<{ url: string; up(): void; close(): Promise<void> }> {
  let isUp = false;
  const server: Server = createServer((req, res) => {
    if (!isUp) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
      fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    up: () => {
      isUp = true;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Issue 9 "one broken dependency does not stall the rest". */
describe('with the Admin API unreachable', () => {
  let stack: Stack;
  let admin: Awaited<ReturnType<typeof switchableAdminApi>>;
  let shopify: Awaited<ReturnType<typeof startShopifyEmulator>>;
  beforeAll(async () => {
    shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, shop: TEST_SHOP, accessToken: 'shpat_isolation', orders: 0 });
    admin = await switchableAdminApi(shopify.url);
    stack = await startStack({
      overrides: {
        shops: [{ domain: TEST_SHOP, apiSecret: TEST_SECRET, accessToken: 'shpat_isolation', adminUrl: admin.url }],
        queue: { concurrency: 4, backoffBaseMs: 50, backoffMaxMs: 2000, pollIntervalMs: 50, lockTimeoutMs: 10_000 },
      },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await admin.close();
    await shopify.close();
  });

  it('400 high-value orders get their workspaces while their communications wait, and those follow once the API is back', async () => {
    const base = fixture('orders-create.b2b-high-value.json').body as Record<string, unknown>;
    for (let k = 0; k < ORDERS; k += 25) {
      const batch = Array.from({ length: Math.min(25, ORDERS - k) }, (_, j) => {
        const n = k + j;
        const id = 7_100_000_000_000 + n;
        return { ...base, id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#${5000 + n}`, order_number: 5000 + n, company: null };
      });
      const rs = await Promise.all(batch.map((b) => postDelivery(stack.url, 'orders/create', b)));
      expect(rs.every((r) => r.status === 200)).toBe(true);
    }
    const lastDelivery = Date.now();
    // Every order workspace, while the Admin API stays down.
    for (;;) {
      const s = await stack.deps.store.summary();
      if ((s.workspaces.shopify_order ?? 0) >= ORDERS) break;
      if (Date.now() - lastDelivery > 240_000) throw new Error(`only ${s.workspaces.shopify_order ?? 0} workspaces after 240 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const tookMs = Date.now() - lastDelivery;
    process.stdout.write(`isolation: ${ORDERS} order workspaces ${tookMs} ms after the last delivery, Admin API down\n`);
    // The bound (typically ~25 s here; before the fix, communications held every slot).
    expect(tookMs).toBeLessThan(60_000);
    // None of the communications could run, yet no workspace waited for them.
    expect(await stack.deps.store.outcomes({ task: 'order.communications' })).toEqual([]);
    const pending = await stack.deps.queue.counts();
    expect(pending.queued + pending.running).toBeGreaterThanOrEqual(ORDERS);
    expect(pending.dead).toBe(0);

    admin.up();
    stack.running.worker?.notify();
    await stack.drained();
    expect(await stack.deps.store.outcomes({ task: 'order.communications' })).toHaveLength(ORDERS);
    expect(await stack.deps.queue.deadLetters()).toEqual([]);
  }, 600_000);
});
