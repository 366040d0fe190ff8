import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { registerSubscriptions } from '../../src/ops/webhooks.js';
import { EMU_SHOP, EMU_TOKEN, startConnectorFor } from '../helpers/shop-stack.js';
import type { ConnectorForShop } from '../helpers/shop-stack.js';
import { playOrderScript } from '../helpers/merchant-script.js';

type ShopEmu = Awaited<ReturnType<typeof startShopifyEmulator>>;

type Connector = ConnectorForShop;
const connector = startConnectorFor;

interface XecmState {
  workspaces: Array<{ name: string; businessObject: { boType: string; boId: string } | null; categories: Array<{ byName: Record<string, unknown> }> }>;
}

/** What a connector has made of the shop: its workspaces in xECM (name, attributes) and the versions it applied. */
async function stateOf(c: Connector, orderIds: () => string[]): Promise<{ workspaces: Record<string, unknown>; versions: Record<string, number> }> {
  const s = (await (await fetch(`${new URL(c.xecm.url).origin}/emulator/state`)).json()) as XecmState;
  const workspaces: Record<string, unknown> = {};
  for (const w of s.workspaces) {
    // When a product's checklist was last checked is the time of the run, not part of its state.
    const attributes: Record<string, unknown> | undefined = w.categories[0]?.byName ? { ...w.categories[0].byName } : undefined;
    if (attributes && 'Last Checked' in attributes) attributes['Last Checked'] = '(time of the check)';
    workspaces[`${w.businessObject?.boType}:${w.businessObject?.boId}`] = { name: w.name, attributes };
  }
  const versions: Record<string, number> = {};
  for (const id of orderIds()) {
    const v = await c.deps.store.appliedVersion(EMU_SHOP, 'order', id, 'rule:order-workspace');
    if (v !== undefined) versions[id] = v;
  }
  return { workspaces, versions };
}

/**
 * 1,000 merchant actions in the reliability run (`npm run test:reliability`); `npm test` plays a
 * bounded slice of the same script.
 */
const ACTIONS = Number(process.env.RELIABILITY_ACTIONS ?? 300);

/**
 * Issue 4: with the emulator dropping 20% of the deliveries to one connector, duplicating 10% and
 * reordering the rest, the merchant's actions (300 here, 1,000 in the reliability run) followed by
 * `sync` leave that connector in the same state as a second connector that got every delivery, once,
 * in order.
 */
describe('missed, duplicated and reordered webhooks, then sync', () => {
  let shopify: ShopEmu;
  let perfect: Connector;
  let lossy: Connector;

  beforeAll(async () => {
    shopify = await startShopifyEmulator({
      host: '127.0.0.1',
      port: 0,
      seed: 11,
      orders: 0,
      restoreRate: 1000,
      bucketSize: 20_000,
      retrySchedule: [50, 100, 200],
    });
    perfect = await connector(shopify);
    lossy = await connector(shopify);
    for (const c of [perfect, lossy]) {
      const r = await registerSubscriptions(c.deps.admin(EMU_SHOP), `${c.url}/webhooks/shopify`);
      expect(r.failed).toEqual([]);
    }
    const res = await fetch(`${shopify.url}/emulator/webhook-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uri: `${lossy.url}/webhooks/shopify`, spec: 'drop=0.2,duplicate=0.1,reorder=1' }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    for (const c of [perfect, lossy]) {
      await c.running.stop();
      await c.deps.close();
      await c.xecm.close();
      c.cleanup();
    }
    await shopify.close();
  });

  it('ends in the state of perfect delivery', async () => {
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': EMU_TOKEN },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const locations = await gql<{ companies: { nodes: Array<{ name: string; locations: { nodes: Array<{ id: string }> } }> } }>(
      '{ companies(first: 10) { nodes { name locations(first: 1) { nodes { id } } } } }',
      {},
    );
    const locationIds = locations.companies.nodes.flatMap((c) => c.locations.nodes.map((l) => l.id));
    expect(locationIds.length).toBeGreaterThan(0);

    const { creates } = await playOrderScript(gql, { actions: ACTIONS, seed: 2026, locationIds });
    expect(creates).toBeGreaterThan(ACTIONS * 0.3);

    await shopify.flushWebhooks();
    for (const c of [perfect, lossy]) expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: 180_000 })).toBe(true);
    // The faults really hit the lossy connector, and only it.
    const toLossy = shopify.shop.webhooks.log.filter((r) => r.uri === `${lossy.url}/webhooks/shopify`);
    const toPerfect = shopify.shop.webhooks.log.filter((r) => r.uri === `${perfect.url}/webhooks/shopify`);
    expect(toLossy.length).toBe(toPerfect.length);
    const dropped = toLossy.filter((r) => r.status === 'dropped').length / toLossy.length;
    const duplicated = toLossy.filter((r) => r.duplicated).length / toLossy.length;
    expect(dropped).toBeGreaterThan(0.15);
    expect(dropped).toBeLessThan(0.25);
    expect(duplicated).toBeGreaterThan(0.06);
    expect(toPerfect.every((r) => r.status === 'delivered' && !r.duplicated)).toBe(true);

    // Before sync the lossy connector is behind (deliveries were dropped).
    const deadPerfect = await perfect.deps.queue.deadLetters();
    expect(deadPerfect.map((j) => j.reason)).toEqual([]);
    const orderIds = () => shopify.shop.state.data.orders.map((o) => String(o.id));
    const before = await stateOf(lossy, orderIds);
    const want = await stateOf(perfect, orderIds);
    expect(Object.keys(want.workspaces).length).toBeGreaterThan(ACTIONS / 20);
    expect(before).not.toEqual(want);

    // Both runs end with a sync (the perfect one learns nothing new about orders from it, but both
    // learn the shop's existing companies); then the lossy connector must equal the perfect one.
    for (const c of [perfect, lossy]) {
      await c.running.syncNow();
      expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: 180_000 })).toBe(true);
    }
    const after = await stateOf(lossy, orderIds);
    const perfectAfter = await stateOf(perfect, orderIds);
    expect(perfectAfter.versions).toEqual(want.versions);
    expect(after.versions).toEqual(perfectAfter.versions);
    expect(after.workspaces).toEqual(perfectAfter.workspaces);
    expect((await lossy.deps.queue.counts()).dead).toBe(0);
  }, 600_000);
});
