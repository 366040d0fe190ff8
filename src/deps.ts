import { createLookup } from './lookup/lookup.js';
import type { Lookup } from './lookup/lookup.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from './config/schema.js';
import { ConfigError } from './config/load.js';
import { applyRuleTask } from './jobs/apply-rule.js';
import { disputeHoldTask } from './jobs/dispute-hold.js';
import { ensureOrderTask } from './jobs/ensure-order.js';
import { ensureProductTask } from './jobs/ensure-product.js';
import { ensureAccountTask } from './jobs/ensure-account.js';
import { restCustomerFromGraphql } from './intake/from-graphql.js';
import { SYNC_CUSTOMERS } from './shopify/admin/operations/resources.js';
import type { ReadOrder } from './jobs/timeline.js';
import { readFullOrder, readOrderComments } from './intake/read-order.js';
import { archiveOrderTask } from './jobs/archive-order.js';
import { readFullProduct } from './intake/read-product.js';
import type { ReadProduct } from './jobs/apply-rule.js';
import { FULFILLMENT_ORDER_ORDER } from './shopify/admin/operations/fulfillment-orders.js';
import { parseGid } from './shopify/ids.js';
import { orderCommunicationsTask } from './jobs/order-communications.js';
import { privacyTask } from './jobs/privacy.js';
import { productChecklistTask } from './jobs/product-checklist.js';
import { productRefreshTask } from './jobs/product-refresh.js';
import { INVENTORY_ITEM_PRODUCT } from './shopify/admin/operations/product-full.js';
import { routeToWorkspaceTask } from './jobs/route-to-workspace.js';
import type { Logger } from './log.js';
import { Metrics } from './metrics/metrics.js';
import { jobLogFields, TASKS } from './jobs/tasks.js';
import type { JobQueue, JobSpec, QueueRunner, RunnerOptions, TaskHandler } from './queue/queue.js';
import { openBackend } from './store/index.js';
import type { Store } from './store/store.js';
import { AdminClient } from './shopify/admin/client.js';
import type { FetchFn } from './xecm/client.js';
import { XecmClient } from './xecm/client.js';
import { Nodes } from './xecm/nodes.js';
import { Records } from './xecm/records.js';
import { Workspaces } from './xecm/workspaces.js';

export interface Deps {
  config: Readonly<Config>;
  log: Logger;
  store: Store;
  queue: JobQueue;
  /** A runner on this backend's queue (the worker role). */
  runner(opts: Omit<RunnerOptions, 'handlers' | 'onFinished' | 'logFields'>): QueueRunner;
  xecm: XecmClient | undefined;
  workspaces: Workspaces | undefined;
  handlers: Record<string, TaskHandler>;
  /** The Admin API client of a configured shop (one per shop, created on first use). */
  admin(shop: string): AdminClient;
  /** Job 6's lookup: the local index, and Content Server for live documents. */
  lookup: Lookup;
  /** This connector's Prometheus metrics (its own registry); the web role serves them at GET /metrics. */
  metrics: Metrics;
  close(): Promise<void>;
}

/** Builds every area from the validated configuration; the CLI and the tests both start here. */
export async function buildDeps(
  config: Readonly<Config>,
  log: Logger,
  opts: { fetch?: FetchFn; shopifyFetch?: typeof fetch; cwd?: string } = {},
): Promise<Deps> {
  const backend = openBackend(config.database.url, config.queue, {
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    poolSize: config.database.poolSize,
    groupCommit: config.database.groupCommit,
  });
  const { store, queue } = backend;
  const applied = await store.migrate();
  if (applied.length > 0) log.info({ migrations: applied }, 'store migrated');
  const metrics = new Metrics({ queue });
  const xecm = config.xecm
    ? new XecmClient({ config: config.xecm, log, onCall: (c) => metrics.xecmCall(c), ...(opts.fetch ? { fetch: opts.fetch } : {}) })
    : undefined;
  const workspaces = xecm ? new Workspaces(xecm) : undefined;
  const handlers: Record<string, TaskHandler> = {};
  const hasToken = (shop: string): boolean => config.shops.some((s) => s.domain === shop && s.accessToken !== undefined);
  // Reads of the Admin API that jobs 2 and 4 need; a shop without a token goes without them.
  const readOrder: ReadOrder = async (shop, orderId) => (hasToken(shop) ? readFullOrder(admin(shop), orderId) : undefined);
  // Job 5 reads products in full (inventory items, metafields); without a token it works from the webhook's payload.
  const readProduct: ReadProduct = async (shop, productId) => (hasToken(shop) ? readFullProduct(admin(shop), productId) : undefined);
  // A customer (the Flow action's account kind), in the REST shape of customers/* webhooks.
  const readCustomer: ReadOrder = async (shop, customerId) => {
    if (!hasToken(shop)) return undefined;
    const r = await admin(shop).request(SYNC_CUSTOMERS, { first: 1, query: `id:${customerId}` });
    const node = r.data.customers.nodes.find((n) => parseGid(n.id)?.id === customerId);
    if (!node) return undefined;
    const payload = restCustomerFromGraphql(node);
    return { payload, text: JSON.stringify(payload) };
  };
  const orderOfFulfillmentOrder = async (shop: string, id: string): Promise<string | undefined> => {
    if (!hasToken(shop)) return undefined;
    const r = await admin(shop).request(FULFILLMENT_ORDER_ORDER, { id: `gid://shopify/FulfillmentOrder/${id}` });
    const gid = r.data.fulfillmentOrder?.order?.id;
    return gid ? parseGid(gid)?.id : undefined;
  };
  const productOfInventoryItem = async (shop: string, id: string): Promise<string | undefined> => {
    if (!hasToken(shop)) return undefined;
    const r = await admin(shop).request(INVENTORY_ITEM_PRODUCT, { id: `gid://shopify/InventoryItem/${id}` });
    const gid = r.data.inventoryItem?.variants?.nodes[0]?.product.id;
    return gid ? parseGid(gid)?.id : undefined;
  };
  if (xecm && workspaces) {
    const nodes = new Nodes(xecm);
    const records = new Records(xecm);
    const enqueue = (jobs: JobSpec[]) => queue.enqueue(jobs);
    const ruleDeps = { config, store, workspaces, nodes, records, enqueue, readOrder, readProduct };
    handlers[TASKS.route] = routeToWorkspaceTask({ config, store, enqueue, orderOfFulfillmentOrder });
    handlers[TASKS.rule] = applyRuleTask(ruleDeps);
    handlers[TASKS.orderEnsure] = ensureOrderTask(ruleDeps);
    handlers[TASKS.productEnsure] = ensureProductTask(ruleDeps);
    handlers[TASKS.accountEnsure] = ensureAccountTask({ ...ruleDeps, readCustomer });
    handlers[TASKS.disputeHold] = disputeHoldTask({ config, store, workspaces, records });
    const readComments = async (shop: string, orderId: string) => (hasToken(shop) ? (await readOrderComments(admin(shop), orderId)).comments : undefined);
    handlers[TASKS.orderArchive] = archiveOrderTask({ config, store, workspaces, nodes, records, readOrder, readComments });
    handlers[TASKS.orderCommunications] = orderCommunicationsTask({ config, store, workspaces, nodes, admin: (shop) => admin(shop) });
    handlers[TASKS.productChecklist] = productChecklistTask({ config, store, workspaces, nodes });
    handlers[TASKS.productRefresh] = productRefreshTask({ config, store, readProduct, productOfInventoryItem });
  }
  // Compliance requests are carried out on local data: no Content Server call.
  handlers[TASKS.privacy] = privacyTask({ config, store, exportDir: privacyExportDir(config, opts.cwd ?? process.cwd()) });
  const admins = new Map<string, AdminClient>();
  const admin = (domain: string): AdminClient => {
    let c = admins.get(domain);
    if (!c) {
      const shop = config.shops.find((s) => s.domain === domain);
      if (!shop) throw new ConfigError([`shops: ${domain} is not configured`]);
      if (!shop.accessToken) throw new ConfigError([`shops: ${domain} has no accessToken (SHOPIFY_ACCESS_TOKEN): the Admin API is needed here`]);
      c = new AdminClient({
        shop,
        log,
        onCost: (points) => metrics.shopifyCost(domain, points),
        onThrottle: (ms) => metrics.shopifyThrottle(domain, ms),
        ...(opts.shopifyFetch ? { fetch: opts.shopifyFetch } : {}),
      });
      admins.set(domain, c);
    }
    return c;
  };
  return {
    config,
    log,
    store,
    queue,
    // Every job run on either engine is timed and counted here, around its handler (metrics).
    runner: (o) => backend.runner({ ...o, handlers: metrics.observeHandlers(handlers), onFinished: (f) => store.recordOutcome(f), logFields: jobLogFields }),
    xecm,
    workspaces,
    handlers,
    admin,
    lookup: createLookup({ config, store, nodes: xecm ? new Nodes(xecm) : undefined }),
    metrics,
    async close() {
      await xecm?.logout();
      await store.close();
    },
  };
}

/** Guards the worker role: it cannot run without Content Server. */
export function requireXecm(deps: Deps): { xecm: XecmClient; workspaces: Workspaces } {
  if (!deps.xecm || !deps.workspaces) throw new ConfigError(['xecm: not configured (set XECM_URL, XECM_USERNAME and XECM_PASSWORD)']);
  return { xecm: deps.xecm, workspaces: deps.workspaces };
}

/**
 * Where customers/data_request exports go: `privacy.exportDir` (relative to cwd), or `privacy-exports/`
 * in the data folder (the SQLite database's folder; `./data` for another backend or an in-memory one).
 */
export function privacyExportDir(config: Readonly<Config>, cwd: string): string {
  if (config.privacy.exportDir) return resolve(cwd, config.privacy.exportDir);
  const url = config.database.url;
  const raw = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : ':memory:';
  const dataDir = raw === ':memory:' ? resolve(cwd, 'data') : dirname(isAbsolute(raw) ? raw : resolve(cwd, raw));
  return join(dataDir, 'privacy-exports');
}
