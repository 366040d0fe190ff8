import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import type { ShopifyEmulatorOptions } from '../../emulators/shopify/index.js';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import type { XecmEmulatorOptions } from '../../emulators/xecm/index.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { startConnector } from '../../src/runtime.js';
import type { Running } from '../../src/runtime.js';
import { tempDir } from './config.js';
import { PlainOtcs } from './otcs.js';
import { sleep } from '../../src/util/sleep.js';

export const EMU_SHOP = 'acme.myshopify.com';
export const EMU_SECRET = 'shpss_emulator_secret';
export const EMU_TOKEN = 'shpat_emulator_token';

type ShopEmu = Awaited<ReturnType<typeof startShopifyEmulator>>;

export interface ShopStack {
  shopify: ShopEmu;
  config: Readonly<Config>;
  deps: Deps;
  running: Running;
  url: string;
  xecmUrl: string;
  otcs: PlainOtcs;
  /** Admin GraphQL as a merchant's admin would call it (mutations send the webhooks). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConnectorForShop {
  xecm: Awaited<ReturnType<typeof startXecmEmulator>>;
  config: Readonly<Config>;
  deps: Deps;
  running: Running;
  url: string;
  cleanup: () => void;
}

/** A connector (with its own xECM emulator and SQLite store) configured for the emulated shop. */
export async function startConnectorFor(
  shopify: ShopEmu,
  opts: {
    archive?: boolean;
    apiToken?: string;
    metricsToken?: string;
    clientId?: string;
    databaseUrl?: string;
    /** The xECM emulator's options (faults, their seed, how long a timeout holds its answer). */
    xecmEmulator?: XecmEmulatorOptions;
    /** The connector's xECM client timeout, ms (the default is 60 s). */
    xecmTimeoutMs?: number;
  } = {},
): Promise<ConnectorForShop> {
  const tmp = tempDir();
  const xecm = await startXecmEmulator({ ...opts.xecmEmulator, host: '127.0.0.1', port: 0 });
  const config = loadConfig({
    env: {},
    cwd: tmp.dir,
    overrides: {
      shops: [
        { domain: EMU_SHOP, apiSecret: EMU_SECRET, accessToken: EMU_TOKEN, adminUrl: shopify.url, ...(opts.clientId ? { clientId: opts.clientId } : {}) },
      ],
      xecm: { url: xecm.url, username: 'Admin', password: 'livelink', retryBaseMs: 20, ...(opts.xecmTimeoutMs ? { timeoutMs: opts.xecmTimeoutMs } : {}) },
      database: { url: opts.databaseUrl ?? `sqlite:${tmp.dir}/connector.db` },
      server: { port: 0, ...(opts.apiToken ? { apiToken: opts.apiToken } : {}), ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}) },
      queue: { backoffBaseMs: 50, backoffMaxMs: 500, pollIntervalMs: 50, lockTimeoutMs: 10_000, concurrency: 8 },
      sync: { intervalMs: 0 },
      log: { level: 'silent' },
      // The archive (job 7) runs where a suite asks for it (it reads every finished order in full).
      archive: opts.archive ? { enabled: true, classificationId: 3200 } : { enabled: false },
    },
  });
  const deps = await buildDeps(config, silentLogger);
  const running = await startConnector(deps, 'all');
  return { xecm, config, deps, running, url: running.url ?? '', cleanup: tmp.cleanup };
}

/**
 * Shopify emulator → connector (webhooks subscribed to it) → xECM emulator, all on loopback, the
 * connector configured exactly as for a real shop (only URLs and credentials differ).
 */
export async function startShopStack(
  opts: {
    shopify?: ShopifyEmulatorOptions;
    subscribe?: boolean;
    archive?: boolean;
    apiToken?: string;
    metricsToken?: string;
    clientId?: string;
    databaseUrl?: string;
  } = {},
): Promise<ShopStack> {
  const shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, retrySchedule: [50, 100, 200], ...opts.shopify });
  const c = await startConnectorFor(shopify, {
    archive: opts.archive ?? false,
    ...(opts.apiToken ? { apiToken: opts.apiToken } : {}),
    ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}),
    ...(opts.clientId ? { clientId: opts.clientId } : {}),
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
  });
  const { xecm, config, deps, running, url } = c;
  // The merchant's own admin calls share the shop's cost bucket with the connector (as on Shopify):
  // when throttled, wait and try again.
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': EMU_TOKEN },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
      if (body.errors?.some((e) => e.extensions?.code === 'THROTTLED') && attempt < 60) {
        await sleep(500);
        continue;
      }
      if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    }
  };
  if (opts.subscribe !== false) {
    const { registerSubscriptions } = await import('../../src/ops/webhooks.js');
    const r = await registerSubscriptions(deps.admin(EMU_SHOP), `${url}/webhooks/shopify`);
    if (r.failed.length > 0) throw new Error(`webhook registration failed: ${JSON.stringify(r.failed)}`);
  }
  return {
    shopify,
    config,
    deps,
    running,
    url,
    xecmUrl: xecm.url,
    otcs: new PlainOtcs(xecm.url),
    graphql,
    async drained() {
      await shopify.flushWebhooks();
      const ok = await running.worker?.drained({ includeDelayed: true, timeoutMs: 120_000 });
      if (!ok) throw new Error('queue did not drain');
    },
    async stop() {
      await running.stop();
      await deps.close();
      await shopify.close();
      await xecm.close();
      c.cleanup();
    },
  };
}
