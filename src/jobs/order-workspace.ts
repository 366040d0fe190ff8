import type { Config, ShopConfig } from '../config/schema.js';
import { ERROR_CODES, IntegrationError } from '../errors.js';
import type { TaskHandler } from '../queue/worker.js';
import { idFromGid } from '../shopify/ids.js';
import { shopifyOrder } from '../shopify/payloads.js';
import type { ShopifyOrder } from '../shopify/payloads.js';
import type { Store } from '../store/store.js';
import type { OrderWorkspacePayload } from '../sync/route-delivery.js';
import { XecmError } from '../xecm/errors.js';
import type { AttributeValues } from '../xecm/types.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { orderCriteria } from './order-criteria.js';

export type OrderOutcome =
  | { outcome: 'skipped'; order: string; reasons: string[] }
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
    Total: o.current_total_price ?? o.total_price ?? '',
    Currency: o.currency ?? '',
    'Financial Status': o.financial_status ?? '',
    'Fulfillment Status': o.fulfillment_status ?? 'unfulfilled',
    'Order Date': o.created_at ?? '',
    Tags: (o.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
    B2B: Boolean(o.company),
  };
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string => JSON.stringify(Array.isArray(v) ? v.map(String) : v === null || v === undefined ? '' : typeof v === 'object' ? v : String(v));
  return norm(a) === norm(b);
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
    const { deliveryId } = job.payload as OrderWorkspacePayload;
    const delivery = await deps.store.getDelivery(deliveryId);
    if (!delivery) throw invalid(`delivery ${deliveryId} is not in the store`);
    const parsed = shopifyOrder.safeParse(JSON.parse(delivery.body));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw invalid(`${delivery.topic} delivery ${delivery.webhookId}: ${i?.path.join('.') || 'body'} ${i?.message ?? 'is invalid'}`);
    }
    const order = parsed.data;
    const shop: ShopConfig | undefined = deps.config.shops.find((s) => s.domain === delivery.shop);
    if (!shop) throw invalid(`delivery ${delivery.webhookId} is for shop ${delivery.shop}, which is not configured`);
    const orderId = idFromGid(order.admin_graphql_api_id, 'Order') ?? '';
    const criteria = orderCriteria(order, cfg);
    if (!cfg.enabled || !criteria.matched) {
      log.debug({ order: order.name, orderId, checked: criteria.failed }, 'order below the workspace criteria; no workspace');
      return { outcome: 'skipped', order: order.name, reasons: cfg.enabled ? criteria.failed : ['order job disabled'] } satisfies OrderOutcome;
    }

    const ws = deps.workspaces;
    const model = await ws.model(kind.workspaceType, kind.category);
    const bo = { extSystemId: shop.externalSystemId, boType: kind.boType, boId: orderId };
    const name = orderWorkspaceName(order);
    const attributes = orderAttributes(order, shop.domain);

    const ensure = async (): Promise<OrderOutcome> => {
      const existing = await ws.findByBusinessObject(bo);
      if (existing) {
        const current = (await ws.categoryValues(existing.id, model.categoryId)) ?? {};
        const changed: AttributeValues = {};
        for (const [attr, value] of Object.entries(attributes)) {
          const key = model.attributeKeys.get(attr);
          if (key === undefined || !same(current[key], value)) changed[attr] = value;
        }
        if (Object.keys(changed).length > 0) await ws.updateCategory(model, existing.id, changed);
        const outcome = Object.keys(changed).length > 0 ? 'updated' : 'unchanged';
        if (outcome === 'updated') log.info({ order: order.name, nodeId: existing.id, attributes: Object.keys(changed) }, 'order workspace attributes updated');
        return { outcome, order: order.name, nodeId: existing.id, name: existing.name, reasons: criteria.reasons };
      }
      const nodeId = await ws.create(model, { name, bo, attributes });
      log.info({ order: order.name, nodeId, name, reasons: criteria.reasons }, 'order workspace created');
      return { outcome: 'created', order: order.name, nodeId, name, reasons: criteria.reasons };
    };

    let result: OrderOutcome;
    try {
      result = await ensure();
    } catch (err) {
      // Lost a create race, or a node of that name already sits in the location: look again by
      // business object; if still none, the name belongs to something else, so disambiguate it.
      if (!(err instanceof XecmError) || (err.code !== ERROR_CODES.XECM_ALREADY_EXISTS && err.code !== ERROR_CODES.XECM_BAD_REQUEST)) throw err;
      const again = await ws.findByBusinessObject(bo);
      if (again) {
        result = { outcome: 'unchanged', order: order.name, nodeId: again.id, name: again.name, reasons: criteria.reasons };
      } else if (err.code === ERROR_CODES.XECM_ALREADY_EXISTS) {
        const unique = `${name} (${orderId})`;
        const nodeId = await ws.create(model, { name: unique, bo, attributes });
        log.warn({ order: order.name, nodeId, name: unique }, 'workspace name was taken by another item; created with the order id appended');
        result = { outcome: 'created', order: order.name, nodeId, name: unique, reasons: criteria.reasons };
      } else {
        throw err;
      }
    }
    if (result.outcome !== 'skipped') {
      await deps.store.putWorkspace({ shop: shop.domain, boType: kind.boType, boId: orderId, nodeId: result.nodeId, name: result.name, workspaceType: kind.workspaceType });
    }
    return result;
  };
}
