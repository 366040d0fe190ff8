import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import type { TaskHandler } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { ReadProduct } from './apply-rule.js';
import { defineTask } from './tasks.js';

/**
 * `product.refresh` (job 5): an inventory item changed on its own (inventory_items/update, e.g. an
 * HS code or country of origin set through inventoryItemUpdate), which changes no product's
 * `updated_at` and sends no products/update. The item's product is read in full from the Admin API
 * and stored as a change of the product, versioned by the later of the two times, so the product's
 * rules apply it like any other (and a products/update older than the read is stale).
 */
export function productRefreshTask(deps: {
  config: Readonly<Config>;
  store: Store;
  readProduct: ReadProduct;
  /** The product of an inventory item, from the Admin API; undefined without a token or when there is none. */
  productOfInventoryItem: (shop: string, inventoryItemId: string) => Promise<string | undefined>;
}): TaskHandler {
  return defineTask('product.refresh', async ({ eventId }) => {
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `event ${eventId} is not in the store`);
    const productId = await deps.productOfInventoryItem(event.shop, event.resourceId);
    if (productId === undefined) return { outcome: 'skipped', reason: 'no product for the inventory item (or no Admin API token)' };
    const full = await deps.readProduct(event.shop, productId);
    if (!full) return { outcome: 'skipped', reason: `product ${productId} is not in Shopify` };
    const updated = Date.parse(String(full.payload.updated_at ?? ''));
    const version = Math.max(event.version, Number.isFinite(updated) ? updated : 0);
    const change = { resourceType: 'product' as const, resourceId: productId, version, deleted: false };
    const [stored] = await deps.store.acceptSyncChanges(event.shop, event.topic, [{ change, payload: full.text }], jobsForEvent(event.shop, deps.config.rules));
    return { outcome: 'refreshed', productId, newEvent: stored?.newEvent ?? false, jobs: stored?.jobs.length ?? 0 };
  });
}
