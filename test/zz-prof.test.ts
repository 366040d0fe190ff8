import { it } from 'vitest';
import { startShopifyEmulator } from '../emulators/shopify/index.js';
import { SYNC_ORDERS } from '../src/shopify/admin/operations/orders.js';
it('page', async () => {
  let t0 = Date.now();
  const emu = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 5, orders: 5000, restoreRate: 100000, bucketSize: 1000000 });
  console.log('seed ms', Date.now() - t0);
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    t0 = Date.now();
    const r = await fetch(`${emu.url}/admin/api/2026-07/graphql.json`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_emulator_token' }, body: JSON.stringify({ query: SYNC_ORDERS.document, variables: { first: 40, after, query: "updated_at:>='2020-01-01T00:00:00Z'" } }) });
    const j = (await r.json()) as { data: { orders: { pageInfo: { endCursor: string } } } };
    after = j.data.orders.pageInfo.endCursor;
    console.log('page ms', Date.now() - t0);
  }
  await emu.close();
}, 200000);
