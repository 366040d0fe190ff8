/**
 * Benchmark: the Shopify emulator at shop sizes up to 100,000 orders (issue 11: seeding and paging
 * must grow linearly at most). For each size: the time to seed the shop, its RSS, and the median time
 * of a page of 40 orders (the connector's sync query, filtered by updated_at, sorted by UPDATED_AT)
 * over 20 pages read one after the other.
 *
 *   npm run bench -- emulator-scale [SIZE…]        (default 10000 100000)
 */
import { startShopifyEmulator } from '../emulators/shopify/index.js';
import { SYNC_ORDERS } from '../src/shopify/admin/operations/orders.js';

async function one(orders: number): Promise<Record<string, number>> {
  const started = performance.now();
  const emu = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 5, orders, restoreRate: 1e6, bucketSize: 1e7 });
  const seedMs = performance.now() - started;
  const rssMb = process.memoryUsage().rss / 1e6;
  const pages: number[] = [];
  let after: string | null = null;
  try {
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await fetch(`${emu.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_emulator_token' },
        body: JSON.stringify({ query: SYNC_ORDERS.document, variables: { first: 40, after, query: "updated_at:>='2020-01-01T00:00:00Z'" } }),
      });
      const body = (await res.json()) as { data?: { orders: { pageInfo: { endCursor: string | null } } } };
      after = body.data?.orders.pageInfo.endCursor ?? null;
      pages.push(performance.now() - t);
    }
  } finally {
    await emu.close();
  }
  pages.sort((a, b) => a - b);
  return {
    orders,
    seedSeconds: Number((seedMs / 1000).toFixed(2)),
    rssMb: Math.round(rssMb),
    pageMsMedian: Math.round(pages[10] ?? 0),
    pageMsMax: Math.round(pages.at(-1) ?? 0),
  };
}

export async function emulatorScale(sizes: number[]): Promise<{ sizes: Array<Record<string, number>> }> {
  const out: Array<Record<string, number>> = [];
  for (const n of sizes) out.push(await one(n));
  return { sizes: out };
}
