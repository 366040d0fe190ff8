import type { AdminClient } from '../shopify/admin/client.js';
import { ORDER_COMMENTS } from '../shopify/admin/operations/comments.js';
import { ORDER_FULL, ORDER_FULL_LINE_ITEMS_MORE, ORDER_FULL_LINE_ITEMS_PAGE } from '../shopify/admin/operations/order-full.js';
import type { FullLineItem } from '../shopify/admin/operations/order-full.js';
import { idFromGid } from '../shopify/ids.js';
import { restOrderFullFromGraphql } from './from-graphql.js';

/** An order's GID from its numeric id (as text) or its GID. */
function orderGid(orderId: string): string {
  const id = /^\d+$/.test(orderId) ? orderId : idFromGid(orderId, 'Order');
  if (id === undefined) throw new TypeError(`not an order id: ${JSON.stringify(orderId)}`);
  return `gid://shopify/Order/${id}`;
}

/**
 * Reads one order in full from the Admin API (every line item, paging past the first 50) and gives
 * it in the REST shape `orders/*` webhooks carry, for when a change carries less than the order's
 * documents need (a synced order, a job for an order never delivered). `text` is the payload's JSON:
 * ids beyond 2^53 are strings in it, so they stay exact. Undefined when the order does not exist.
 * `orderId` is the numeric id (as text) or the GID.
 */
export async function readFullOrder(admin: AdminClient, orderId: string): Promise<{ payload: Record<string, unknown>; text: string } | undefined> {
  const id = orderGid(orderId);
  const { data } = await admin.request(ORDER_FULL, { id });
  if (!data.order) return undefined;
  const order = data.order;
  const lines: FullLineItem[] = [...order.lineItems.nodes];
  let page = order.lineItems.pageInfo;
  while (page.hasNextPage && page.endCursor) {
    const next = await admin.request(ORDER_FULL_LINE_ITEMS_PAGE, { id, first: ORDER_FULL_LINE_ITEMS_MORE, after: page.endCursor });
    // Deleted between the reads.
    if (!next.data.order) return undefined;
    lines.push(...next.data.order.lineItems.nodes);
    page = next.data.order.lineItems.pageInfo;
  }
  const payload = restOrderFullFromGraphql({ ...order, lineItems: { nodes: lines, pageInfo: page } });
  return { payload, text: JSON.stringify(payload) };
}

/** A staff comment on an order's timeline (Order.events, the CommentEvent kind). */
export interface OrderComment {
  id: string;
  createdAt: string;
  author: string | null;
  message: string;
}

/** An order's staff timeline comments, oldest first, read page by page from the Admin API. */
export async function readOrderComments(admin: AdminClient, orderId: string): Promise<{ orderName: string | undefined; comments: OrderComment[] }> {
  const comments: OrderComment[] = [];
  let orderName: string | undefined;
  for await (const nodes of admin.paginate(ORDER_COMMENTS, { id: orderGid(orderId), first: 50 }, (d) => {
    if (d.order) orderName = d.order.name;
    return d.order?.events ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
  })) {
    for (const n of nodes)
      if (n.__typename === 'CommentEvent') comments.push({ id: n.id, createdAt: n.createdAt, author: n.author?.name ?? null, message: n.message });
  }
  return { orderName, comments };
}
