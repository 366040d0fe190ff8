import type { Logger } from '../log.js';
import type { AdminClient, Operation } from '../shopify/admin/client.js';
import { SYNC_ORDERS } from '../shopify/admin/operations/orders.js';
import { SYNC_REFUNDS } from '../shopify/admin/operations/refunds.js';
import { parseGid } from '../shopify/ids.js';
import type { Page, SyncVars } from '../shopify/admin/operations/resources.js';
import { SYNC_COMPANIES, SYNC_CUSTOMERS, SYNC_DISPUTES, SYNC_PRODUCTS } from '../shopify/admin/operations/resources.js';
import type { Rules } from '../rules/schema.js';
import type { Store } from '../store/store.js';
import { restCustomerFromGraphql, restOrderFromGraphql, restRefundFromGraphql } from './from-graphql.js';
import type { ResourceChange } from '../store/change.js';
import { resourceFromGid } from './normalize.js';
import { jobsForEvent } from './route-delivery.js';

export interface SyncReport {
  shop: string;
  resource: string;
  seen: number;
  newChanges: number;
  jobs: number;
  pages: number;
  cursor: string | undefined;
}

export interface SyncContext {
  store: Store;
  rules: Rules;
  /** The archive follows orders too (job 7). */
  archive?: { enabled: boolean };
  admin: AdminClient;
  log: Logger;
}

type Runner = (ctx: SyncContext, shop: string, since?: string) => Promise<SyncReport>;

/**
 * One resource's reconciliation: everything changed at or after the stored cursor (or `since`),
 * oldest first; each node becomes the same change event a webhook would make, so a change already
 * seen does nothing. The cursor advances page by page, so an interrupted sync resumes.
 */
function resourceSync<D, N>(cfg: {
  resource: string;
  op: Operation<D, SyncVars>;
  select: (data: D) => Page<N>;
  pageSize: number;
  /** search field for the cursor filter */
  filterField: string;
  /** whether `filterField` and the version move together, so the cursor may advance */
  cursorFollowsVersion: boolean;
  /** The node's time: what the cursor follows. */
  version: (n: N) => string;
  gid?: (n: N) => string;
  payload?: (n: N) => Record<string, unknown>;
  /** Instead of gid and payload: the changes a node carries (an order's refunds), each with its own id and time. */
  expand?: (n: N) => Array<{ gid: string; version: string; payload: Record<string, unknown> }>;
}): Runner {
  return async (ctx, shop, since) => {
    const stored = await ctx.store.getSyncCursor(shop, cfg.resource);
    const cursor = since ?? (stored === undefined ? undefined : new Date(stored).toISOString());
    const query = cursor ? `${cfg.filterField}:>='${cursor}'` : null;
    const report: SyncReport = { shop, resource: cfg.resource, seen: 0, newChanges: 0, jobs: 0, pages: 0, cursor };
    let newest = cursor ? Date.parse(cursor) : 0;
    for await (const nodes of ctx.admin.paginate(cfg.op, { first: cfg.pageSize, query }, cfg.select)) {
      report.pages++;
      const batch: Array<{ change: ResourceChange; payload: string }> = [];
      for (const node of nodes) {
        const nodeVersion = Date.parse(cfg.version(node));
        if (Number.isFinite(nodeVersion)) newest = Math.max(newest, nodeVersion);
        const items = cfg.expand
          ? cfg.expand(node)
          : cfg.gid && cfg.payload
            ? [{ gid: cfg.gid(node), version: cfg.version(node), payload: cfg.payload(node) }]
            : [];
        for (const item of items) {
          const r = resourceFromGid(item.gid);
          const version = Date.parse(item.version);
          if (!r || !Number.isFinite(version)) continue;
          batch.push({ change: { resourceType: r.type, resourceId: r.id, version, deleted: false }, payload: JSON.stringify(item.payload) });
        }
      }
      // One transaction per page: a page is stored whole or not at all.
      for (const res of await ctx.store.acceptSyncChanges(shop, `sync:${cfg.resource}`, batch, jobsForEvent(shop, ctx.rules, ctx.archive))) {
        report.seen++;
        if (res.newEvent) report.newChanges++;
        report.jobs += res.jobs.length;
      }
      if (cfg.cursorFollowsVersion && newest > 0) await ctx.store.setSyncCursor(shop, cfg.resource, newest);
    }
    report.cursor = newest > 0 ? new Date(newest).toISOString() : cursor;
    ctx.log.info({ ...report }, 'sync done');
    return report;
  };
}

/**
 * What `sync` reconciles, in order (DESIGN.md §2): orders, their refunds, companies, customers,
 * products, disputes. Returns and fulfilment holds are not synced yet: their cases and exceptions
 * come from webhooks (an order's cancellation or partial fulfilment does reach its exception through
 * the order's own sync).
 */
export const SYNC_RESOURCES = {
  orders: resourceSync({
    resource: 'orders',
    op: SYNC_ORDERS,
    select: (d) => d.orders,
    // ~24 points an order (five line items with their properties): 40 keep a page under 1,000.
    pageSize: 40,
    filterField: 'updated_at',
    cursorFollowsVersion: true,
    version: (n) => n.updatedAt,
    gid: (n) => n.id,
    payload: restOrderFromGraphql,
  }),
  // Refunds (job 2) through the orders they changed: each refund as the change refunds/create makes.
  refunds: resourceSync({
    resource: 'refunds',
    op: SYNC_REFUNDS,
    select: (d) => d.orders,
    pageSize: 10,
    filterField: 'updated_at',
    cursorFollowsVersion: true,
    version: (n) => n.updatedAt,
    expand: (n) => {
      const orderId = parseGid(n.id)?.id ?? null;
      const id = orderId !== null && Number.isSafeInteger(Number(orderId)) ? Number(orderId) : orderId;
      return n.refunds.map((r) => ({ gid: r.id, version: r.processedAt ?? r.createdAt ?? n.updatedAt, payload: restRefundFromGraphql(r, id) }));
    },
  }),
  companies: resourceSync({
    resource: 'companies',
    op: SYNC_COMPANIES,
    select: (d) => d.companies,
    pageSize: 100,
    filterField: 'updated_at',
    cursorFollowsVersion: true,
    version: (n) => n.updatedAt,
    gid: (n) => n.id,
    payload: (n) => ({
      admin_graphql_api_id: n.id,
      name: n.name,
      external_id: n.externalId,
      note: n.note,
      created_at: n.createdAt,
      updated_at: n.updatedAt,
      customer_since: n.customerSince,
      main_contact_admin_graphql_api_id: n.mainContact?.id ?? null,
    }),
  }),
  customers: resourceSync({
    resource: 'customers',
    op: SYNC_CUSTOMERS,
    select: (d) => d.customers,
    pageSize: 100,
    filterField: 'updated_at',
    cursorFollowsVersion: true,
    version: (n) => n.updatedAt,
    gid: (n) => n.id,
    payload: restCustomerFromGraphql,
  }),
  products: resourceSync({
    resource: 'products',
    op: SYNC_PRODUCTS,
    select: (d) => d.products,
    pageSize: 100,
    filterField: 'updated_at',
    cursorFollowsVersion: true,
    version: (n) => n.updatedAt,
    gid: (n) => n.id,
    payload: (n) => ({
      admin_graphql_api_id: n.id,
      title: n.title,
      product_type: n.productType,
      vendor: n.vendor,
      status: n.status.toLowerCase(),
      tags: n.tags.join(', '),
      created_at: n.createdAt,
      updated_at: n.updatedAt,
    }),
  }),
  // Disputes have no updated_at: the whole list is read each time (it is short) and a status change
  // shows up as a new version through finalizedOn; the cursor stays put.
  disputes: resourceSync({
    resource: 'disputes',
    op: SYNC_DISPUTES,
    select: (d) => d.disputes,
    pageSize: 50,
    filterField: 'initiated_at',
    cursorFollowsVersion: false,
    version: (n) => n.finalizedOn ?? n.initiatedAt,
    gid: (n) => n.id,
    payload: (n) => ({
      id: n.legacyResourceId,
      order_id: n.order?.id ?? null,
      type: n.type.toLowerCase(),
      amount: n.amount.amount,
      currency: n.amount.currencyCode,
      reason: n.reasonDetails.reason.toLowerCase(),
      network_reason_code: n.reasonDetails.networkReasonCode,
      status: n.status.toLowerCase(),
      initiated_at: n.initiatedAt,
      finalized_on: n.finalizedOn,
    }),
  }),
} satisfies Record<string, Runner>;

export type SyncResource = keyof typeof SYNC_RESOURCES;
export const SYNC_RESOURCE_NAMES = Object.keys(SYNC_RESOURCES) as SyncResource[];

export async function syncShop(ctx: SyncContext, shop: string, opts: { since?: string; resources?: SyncResource[] } = {}): Promise<SyncReport[]> {
  const out: SyncReport[] = [];
  for (const name of opts.resources ?? SYNC_RESOURCE_NAMES) out.push(await SYNC_RESOURCES[name](ctx, shop, opts.since));
  return out;
}
