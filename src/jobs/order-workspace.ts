import type { Config, ShopConfig } from '../config/schema.js';
import { ERROR_CODES, IntegrationError } from '../errors.js';
import type { TaskHandler } from '../queue/worker.js';
import { idFromGid } from '../shopify/ids.js';
import { shopifyOrder } from '../shopify/payloads.js';
import type { ShopifyOrder } from '../shopify/payloads.js';
import type { Store } from '../store/store.js';
import type { EventJobPayload } from '../sync/route-delivery.js';
import { TASKS } from '../sync/route-delivery.js';
import type { AttributeValues } from '../xecm/types.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { orderCriteria, toCents } from './order-criteria.js';

export type OrderOutcome =
  | { outcome: 'skipped'; order: string; reasons: string[] }
  | { outcome: 'stale'; order: string; version: number; applied: number }
  | { outcome: 'created' | 'updated' | 'unchanged'; order: string; nodeId: number; name: string; reasons: string[] };

export interface OrderWorkspaceDeps {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
}

function invalid(message: string): IntegrationError {
  return new IntegrationError(message, { code: ERROR_CODES.PAYLOAD_INVALID, kind: 'user', retryable: false });
}

/** "Keystone Process Systems LLC", else the customer's name, else the e-mail. */
export function orderParty(o: ShopifyOrder): string {
  const company = o.billing_address?.company ?? o.customer?.default_address?.company ?? o.shipping_address?.company;
  if (company) return company;
  const person = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ');
  return person || o.email || o.contact_email || 'Guest';
}

/** "Order #1187 – Keystone Process Systems LLC" */
export function orderWorkspaceName(o: ShopifyOrder): string {
  return `Order ${o.name} – ${orderParty(o)}`;
}

function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const cents = toCents(amount);
  return Number.isFinite(cents) ? (cents / 100).toFixed(2) : amount;
}

/** Category attributes of the default "Shopify Order" category, by attribute name. */
export function orderAttributes(o: ShopifyOrder, shop: string): AttributeValues {
  const customer = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ');
  return {
    'Order Number': String(o.order_number ?? o.name.replace(/^#/, '')),
    'Order Name': o.name,
    Shop: shop,
    Customer: customer,
    'Customer Email': o.email ?? o.contact_email ?? o.customer?.email ?? '',
    Company: o.billing_address?.company ?? o.customer?.default_address?.company ?? '',
    'PO Number': o.po_number ?? '',
    // Money and dates are normalised so a webhook ("14632.80", shop offset) and a sync ("14632.8",
    // UTC) of the same order write the same values.
    Total: money(o.current_total_price ?? o.total_price),
    Currency: o.currency ?? '',
    'Financial Status': o.financial_status ?? '',
    'Fulfillment Status': o.fulfillment_status ?? 'unfulfilled',
    'Order Date': o.created_at ? new Date(o.created_at).toISOString() : '',
    Tags: (o.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    B2B: Boolean(o.company),
  };
}

/**
 * Job 1: an order that meets the criteria has exactly one "Shopify Order" workspace. The workspace is
 * always looked up by its business object in xECM before one is created, so no retry, crash or lost
 * local database can make a second one.
 */
export function orderWorkspaceTask(deps: OrderWorkspaceDeps): TaskHandler {
  const cfg = deps.config.jobs.order;
  const kind = deps.config.model.order;
  return async (job, { log }) => {
    const { eventId } = job.payload as EventJobPayload;
    const event = await deps.store.getEvent(eventId);
    if (!event) throw invalid(`event ${eventId} is not in the store`);
    const parsed = shopifyOrder.safeParse(JSON.parse(event.payload));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw invalid(`${event.topic} (${event.source}) for order ${event.resourceId}: ${i?.path.join('.') || 'body'} ${i?.message ?? 'is invalid'}`);
    }
    const order = parsed.data;
    const shop: ShopConfig | undefined = deps.config.shops.find((s) => s.domain === event.shop);
    if (!shop) throw invalid(`an event for shop ${event.shop}, which is not configured`);
    const orderId = idFromGid(order.admin_graphql_api_id, 'Order') ?? '';
    // Last writer wins by updated_at: a change older than what this job already applied for the
    // order is recorded and skipped (DESIGN.md §4). An equal version is applied again: it is either
    // the same state seen another way (the workspace is then unchanged; nothing is written) or a
    // second change within the same second, which must not be lost.
    const applied = await deps.store.appliedVersion(event.shop, 'order', orderId, TASKS.orderWorkspace);
    if (applied !== undefined && event.version < applied) {
      log.info({ order: order.name, version: event.version, applied }, 'stale order update skipped');
      return { outcome: 'stale', order: order.name, version: event.version, applied } satisfies OrderOutcome;
    }
    const done = async <T>(r: T): Promise<T> => {
      await deps.store.recordApplied(event.shop, 'order', orderId, TASKS.orderWorkspace, event.version, event.id);
      return r;
    };
    const criteria = orderCriteria(order, cfg);
    // Criteria decide whether a workspace is created; once one exists, it follows the order.
    const known = criteria.matched ? undefined : await deps.store.getWorkspace(event.shop, kind.boType, orderId);
    if (known) criteria.reasons.push('workspace exists');
    if (!cfg.enabled || (!criteria.matched && !known)) {
      log.debug({ order: order.name, orderId, checked: criteria.failed }, 'order below the workspace criteria; no workspace');
      return done({ outcome: 'skipped', order: order.name, reasons: cfg.enabled ? criteria.failed : ['order job disabled'] } satisfies OrderOutcome);
    }

    const ws = deps.workspaces;
    const model = await ws.model(kind.workspaceType, kind.category);
    const bo = { extSystemId: shop.externalSystemId, boType: kind.boType, boId: orderId };
    const name = orderWorkspaceName(order);
    const attributes = orderAttributes(order, shop.domain);

    const ensured = await ws.ensure(model, { name, bo, attributes });
    if (ensured.outcome === 'created') log.info({ order: order.name, nodeId: ensured.nodeId, name: ensured.name, reasons: criteria.reasons, renamed: ensured.renamed }, 'order workspace created');
    if (ensured.outcome === 'updated') log.info({ order: order.name, nodeId: ensured.nodeId, attributes: ensured.changed }, 'order workspace attributes updated');
    await deps.store.putWorkspace({ shop: shop.domain, boType: kind.boType, boId: orderId, nodeId: ensured.nodeId, name: ensured.name, workspaceType: kind.workspaceType });
    return done({ outcome: ensured.outcome, order: order.name, nodeId: ensured.nodeId, name: ensured.name, reasons: criteria.reasons } satisfies OrderOutcome);
  };
}
