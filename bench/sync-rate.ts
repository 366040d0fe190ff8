/**
 * Benchmark: how close a sync runs to the rate Shopify's cost budget allows (issue 4: within 10%).
 * The Shopify emulator (Standard plan: 100 points/s restore, 2,000-point bucket) holds N orders;
 * the connector's sync reads them all in real time. The budget allows
 *   (points spent − the bucket's initial points) / restore rate
 * seconds; the figure is that divided by the time the sync took (1.0 = exactly the budget's pace).
 *
 *   npm run bench -- sync-rate [ORDERS]        (default 400)
 */
import { startShopifyEmulator } from '../emulators/shopify/index.js';
import { silentLogger } from '../src/log.js';
import { AdminClient } from '../src/shopify/admin/client.js';
import { openBackend } from '../src/store/index.js';
import { syncShop } from '../src/intake/reconcile.js';

export async function syncRate(orders: number): Promise<Record<string, number | string>> {
  const restoreRate = 100;
  const bucketSize = 2000;
  const shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 9, orders, restoreRate, bucketSize });
  const { store } = openBackend('sqlite::memory:', { maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 10_000 });
  await store.migrate();
  try {
    const admin = new AdminClient({
      shop: { domain: 'acme.myshopify.com', accessToken: 'shpat_emulator_token', apiVersion: '2026-07', adminUrl: shopify.url },
      log: silentLogger,
    });
    const started = performance.now();
    const [report] = await syncShop({ store, rules: {}, admin, log: silentLogger }, 'acme.myshopify.com', { resources: ['orders'] });
    const seconds = (performance.now() - started) / 1000;
    const allowedSeconds = Math.max(0, admin.pointsSpent - bucketSize) / restoreRate;
    return {
      orders,
      synced: report?.seen ?? 0,
      pages: report?.pages ?? 0,
      pointsSpent: admin.pointsSpent,
      seconds: Number(seconds.toFixed(1)),
      budgetSeconds: Number(allowedSeconds.toFixed(1)),
      paceVsBudget: Number((allowedSeconds / seconds).toFixed(3)),
      ordersPerSecond: Number(((report?.seen ?? 0) / seconds).toFixed(2)),
      throttledAnswers: admin.throttledCount,
      emulatorThrottled: shopify.shop.stats.throttled,
    };
  } finally {
    await store.close();
    await shopify.close();
  }
}
