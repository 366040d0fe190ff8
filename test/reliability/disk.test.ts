import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { registerSubscriptions } from '../../src/ops/webhooks.js';
import { sleep } from '../../src/util/sleep.js';
import { EMU_SECRET, EMU_SHOP, EMU_TOKEN, startConnectorFor } from '../helpers/shop-stack.js';
import type { ConnectorForShop } from '../helpers/shop-stack.js';
import { postDelivery } from '../helpers/webhooks.js';

/**
 * Every SQLite connection this process opens, so that the test can reach the connector's own: a
 * full disk and a read-only database are per-connection conditions SQLite lets a test impose
 * (`max_page_count` at the file's size: SQLITE_FULL; `query_only`: SQLITE_READONLY). Running as
 * root, as CI containers often do, permissions cannot make a file read-only, and a connection that is
 * open keeps its file descriptors whatever the file's mode becomes.
 */
const connections = vi.hoisted(() => [] as BetterSqlite3.Database[]);
vi.mock('better-sqlite3', async (importOriginal) => {
  const original = await importOriginal<{ default: typeof BetterSqlite3 }>();
  const Real = original.default;
  class Captured extends Real {
    constructor(...args: ConstructorParameters<typeof BetterSqlite3>) {
      super(...args);
      connections.push(this);
    }
  }
  return { ...original, default: Captured };
});

type ShopEmu = Awaited<ReturnType<typeof startShopifyEmulator>>;

/** Orders the merchant creates while the disk is full (their deliveries are refused, then retried). */
const ORDERS_WHILE_FULL = 8;

/**
 * Issue 14: a full disk or a read-only database. Intake answers 503 STORE_UNAVAILABLE (Shopify
 * retries), nothing is acknowledged that was not stored, `/readyz` says not ready, and when space
 * returns the connector recovers by itself, without a restart: the retried deliveries are stored and
 * processed, and their workspaces appear.
 */
describe('a full disk, then a read-only database, then space again', () => {
  let shopify: ShopEmu;
  let c: ConnectorForShop;
  let db: BetterSqlite3.Database;
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': EMU_TOKEN },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const createOrder = async (i: number): Promise<string> => {
    const data = await gql<{ orderCreate: { order: { id: string } | null } }>(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }',
      {
        order: {
          email: `disk${i}@example.com`,
          currency: 'USD',
          tags: ['custom'],
          lineItems: [{ title: `Disk item ${i}`, quantity: 1, priceSet: { shopMoney: { amount: '25.00', currencyCode: 'USD' } } }],
        },
      },
    );
    return data.orderCreate.order?.id ?? '';
  };
  /** A signed delivery of a topic the connector stores without following (a large body: it needs pages). */
  const post = (webhookId: string) =>
    postDelivery(c.url, 'shop/update', { id: 1, name: 'Acme', note: 'x'.repeat(8_000) }, { shop: EMU_SHOP, secret: EMU_SECRET, webhookId });
  const ready = async (): Promise<{ status: number; body: { code?: string } }> => {
    const res = await fetch(`${c.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { code?: string } };
  };
  /** Jobs in the queue: not finished, or finished but not recorded (read beside the connector's writes). */
  const jobsLeft = (): number => (db.prepare('select count(*) as n from jobs').get() as { n: number }).n;
  const stored = (webhookId: string): boolean => db.prepare('select 1 from deliveries where webhook_id = ?').get(webhookId) !== undefined;

  beforeAll(async () => {
    // Shopify retries a refused delivery; here over ~25 s instead of 4 hours.
    shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 3, orders: 0, retrySchedule: [500, 1_000, 2_000, 4_000, 8_000, 10_000] });
    c = await startConnectorFor(shopify);
    const path = c.config.database.url.slice('sqlite:'.length);
    const found = connections.find((x) => x.name === path);
    if (!found) throw new Error(`the connector's SQLite connection (${path}) was not captured`);
    db = found;
    const r = await registerSubscriptions(c.deps.admin(EMU_SHOP), `${c.url}/webhooks/shopify`);
    expect(r.failed).toEqual([]);
  });
  afterAll(async () => {
    await c.running.stop();
    await c.deps.close();
    await c.xecm.close();
    c.cleanup();
    await shopify.close();
  });

  it('answers 503 while it cannot write, acknowledges only what it stored, and recovers by itself', async () => {
    const acked: string[] = [];
    const refused: string[] = [];
    const send = async (): Promise<number> => {
      const id = randomUUID();
      const res = await post(id);
      if (res.status === 200) acked.push(id);
      else {
        expect(res.status).toBe(503);
        expect(res.json).toMatchObject({ code: 'STORE_UNAVAILABLE' });
        refused.push(id);
      }
      return res.status;
    };

    // Before: deliveries are stored, orders get their workspaces, the connector is ready.
    expect(await send()).toBe(200);
    await createOrder(0);
    await shopify.flushWebhooks();
    expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: 60_000 })).toBe(true);
    expect((await ready()).status).toBe(200);

    // An order whose jobs are running (Content Server answering slowly) when the disk fills up: its
    // jobs cannot record what they did, and are retried, not dead-lettered.
    const xecmFaults = `${new URL(c.xecm.url).origin}/emulator/faults`;
    const setXecmFaults = (spec: string) =>
      fetch(xecmFaults, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec }) });
    await setXecmFaults('latency=150..250');
    const inFlight = await createOrder(100);
    await shopify.flushWebhooks();

    // The disk is full: the database may not grow by a page. Deliveries are refused with 503 (a few
    // may still fit in pages the database has free), and /readyz says not ready.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const during: number[] = [];
    for (let i = 0; i < 20; i++) during.push(await send());
    expect(during.filter((s) => s === 503).length).toBeGreaterThan(15);
    expect(during.slice(-5)).toEqual([503, 503, 503, 503, 503]);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(notReady.body.code).toBe('STORE_UNAVAILABLE');

    // The merchant goes on: Shopify's deliveries are refused and retried on its schedule.
    const orderIds: string[] = [];
    for (let i = 1; i <= ORDERS_WHILE_FULL; i++) orderIds.push(await createOrder(i));
    await sleep(800);

    // Then the database becomes read-only as well (SQLITE_READONLY): the same answers.
    db.pragma('query_only = 1');
    expect(await send()).toBe(503);
    expect((await ready()).status).toBe(503);
    await sleep(1_200);
    const refusedByShopify = shopify.shop.webhooks.log.filter((r) => r.responses.includes(503)).length;
    expect(refusedByShopify).toBeGreaterThanOrEqual(ORDERS_WHILE_FULL);

    // The in-flight order's jobs are still there: they could not record their end.
    const jobsWaiting = jobsLeft();
    expect(jobsWaiting).toBeGreaterThan(0);

    // Space returns and the database is writable again: no restart. The connector is ready again,
    // new deliveries are stored, Shopify's retries are stored and processed.
    db.pragma('query_only = 0');
    db.pragma('max_page_count = 1073741823');
    await setXecmFaults('');
    expect((await ready()).status).toBe(200);
    expect(await send()).toBe(200);
    await shopify.flushWebhooks();
    expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: 60_000 })).toBe(true);

    // Nothing acknowledged that was not stored: every 200 (ours and Shopify's) is a stored delivery;
    // a refused delivery is stored only if it was sent again and then accepted.
    for (const id of acked) expect(stored(id), `acknowledged ${id} is stored`).toBe(true);
    for (const id of refused) expect(stored(id), `refused ${id} is not stored`).toBe(false);
    const toUs = shopify.shop.webhooks.log.filter((r) => r.uri === `${c.url}/webhooks/shopify`);
    expect(toUs.every((r) => r.status === 'delivered')).toBe(true);
    for (const r of toUs) expect(stored(r.webhookId), `${r.topic} ${r.webhookId} (answers ${r.responses.join(', ')})`).toBe(true);

    // The orders made while the disk was full have their workspaces; no job became a dead letter.
    const state = (await (await fetch(`${new URL(c.xecm.url).origin}/emulator/state`)).json()) as {
      workspaces: Array<{ businessObject: { boType: string; boId: string } | null }>;
    };
    const orderWorkspaces = new Set(state.workspaces.filter((w) => w.businessObject?.boType === 'shopify_order').map((w) => w.businessObject?.boId));
    for (const gid of [inFlight, ...orderIds]) expect(orderWorkspaces.has(gid.split('/').pop() ?? '')).toBe(true);
    expect(await c.deps.queue.deadLetters()).toEqual([]);
    console.log(
      `[reliability: full disk] deliveries refused with 503: ours ${refused.length}, Shopify's ${refusedByShopify} (all retried and stored); ` +
        `acknowledged ${acked.length + toUs.length}, all stored; orders made while full ${ORDERS_WHILE_FULL}, all with their workspace; jobs that could not record their end and ran again ${jobsWaiting}; dead letters 0`,
    );
  }, 120_000);
});
