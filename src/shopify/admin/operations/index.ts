import type { Operation } from '../client.js';
import { BULK_ARCHIVE_ORDERS, BULK_RUN, BULK_STATUS } from './bulk.js';
import { ORDER_COMMENTS } from './comments.js';
import { FULFILLMENT_ORDER_ORDER } from './fulfillment-orders.js';
import { ORDER_FULL, ORDER_FULL_LINE_ITEMS_PAGE } from './order-full.js';
import { INVENTORY_ITEM_PRODUCT, PRODUCT_FULL, PRODUCT_FULL_VARIANTS_PAGE } from './product-full.js';
import { SYNC_ORDERS } from './orders.js';
import { SYNC_REFUNDS } from './refunds.js';
import { SYNC_COMPANIES, SYNC_CUSTOMERS, SYNC_DISPUTES, SYNC_PRODUCTS } from './resources.js';
import { CREATE_WEBHOOK, LIST_WEBHOOKS } from './webhooks.js';

/** Every GraphQL document the connector sends (a test validates each against the 2026-07 schema). */
export const ALL_OPERATIONS: ReadonlyArray<Pick<Operation<unknown>, 'name' | 'document'>> = [
  SYNC_ORDERS,
  SYNC_REFUNDS,
  SYNC_COMPANIES,
  SYNC_CUSTOMERS,
  SYNC_PRODUCTS,
  SYNC_DISPUTES,
  LIST_WEBHOOKS,
  CREATE_WEBHOOK,
  ORDER_COMMENTS,
  FULFILLMENT_ORDER_ORDER,
  ORDER_FULL,
  ORDER_FULL_LINE_ITEMS_PAGE,
  BULK_RUN,
  BULK_STATUS,
  BULK_ARCHIVE_ORDERS,
  PRODUCT_FULL,
  PRODUCT_FULL_VARIANTS_PAGE,
  INVENTORY_ITEM_PRODUCT,
];
