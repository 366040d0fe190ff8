import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { silentLogger } from '../../src/log.js';
import { AdminClient } from '../../src/shopify/admin/client.js';
import { CostThrottle } from '../../src/shopify/admin/throttle.js';
import type { Store } from '../../src/store/store.js';
import { syncShop } from '../../src/intake/reconcile.js';
import { openTestBackend } from '../helpers/backends.js';
import { EMU_SHOP, EMU_TOKEN } from '../helpers/shop-stack.js';

type ShopEmu = Awaited<ReturnType<typeof startShopifyEmulator>>;

/**
 * Issue 4: a 5,000-order sync at the Standard plan's restore rate (100 points/s) never receives
 * THROTTLED. Time is virtual and shared: the emulator's leaky bucket restores by the same clock the
 * client's throttle sleeps on, so the 20 real minutes this takes on Shopify run in seconds, with the
 * same arithmetic. (The real-time rate is measured by `npm run bench -- sync-rate`.)
 */
describe('a 5,000-order sync at 100 points/s', () => {
  let t = Date.parse('2026-11-01T00:00:00Z');
  const now = () => t;
  let shopify: ShopEmu;
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 5, orders: 5000, restoreRate: 100, now });
    ({ store, cleanup } = await openTestBackend('sqlite'));
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    await shopify.close();
  });

  it('never receives THROTTLED', async () => {
    const throttle = new CostThrottle({ now, sleep: async (ms) => void (t += ms) });
    const admin = new AdminClient({
      shop: { domain: EMU_SHOP, accessToken: EMU_TOKEN, apiVersion: '2026-07', adminUrl: shopify.url },
      log: silentLogger,
      throttle,
    });
    const started = t;
    const [orders] = await syncShop({ store, rules: {}, admin, log: silentLogger }, EMU_SHOP, { resources: ['orders'] });
    expect(orders).toMatchObject({ seen: 5000, newChanges: 5000 });
    expect(admin.throttledCount).toBe(0);
    expect(shopify.shop.stats.throttled).toBe(0);
    // And it did have to wait for the bucket: the run took (virtual) minutes, not seconds.
    expect(t - started).toBeGreaterThan(60_000);
  }, 300_000);
});
