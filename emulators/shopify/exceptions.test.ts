/**
 * The merchant's side of case and exception workspaces (issue 10): returns, refunds, holds,
 * fulfilment events, partial fulfilment, cancellation and disputes, each through the Admin API
 * (or a control route where Shopify offers no mutation), checked by the webhooks delivered and
 * the GraphQL view afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { at, gql, subscribedEmulator } from './test-helpers.js';

type Json = Record<string, unknown>;
type App = Parameters<typeof gql>[0];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(topics: string[]) {
  const emu = await subscribedEmulator(topics, { orders: 5, seed: 3 });
  closers.push(emu.close);
  /** Deliveries so far, as [topic, body], and forgets them. */
  const take = async (): Promise<Array<[string, Json]>> => {
    const out = await emu.deliveries();
    emu.receiver.received.length = 0;
    return out;
  };
  return { app: emu.app, shop: emu.shop, take };
}

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }`;

/** A paid order of two lines (3 + 2 units). */
async function paidOrder(app: App): Promise<{ orderId: string; foId: string; foLines: Array<{ id: string; remainingQuantity: number }> }> {
  const created = await gql(app, ORDER_CREATE, {
    order: {
      lineItems: [
        { title: 'Pump housing', quantity: 3, priceSet: { shopMoney: { amount: '100.00', currencyCode: 'USD' } } },
        { title: 'Seal kit', quantity: 2, priceSet: { shopMoney: { amount: '20.00', currencyCode: 'USD' } } },
      ],
      financialStatus: 'PAID',
    },
  });
  expect(at<unknown[]>(created.body.data, 'orderCreate.userErrors')).toEqual([]);
  const orderId = at<string>(created.body.data, 'orderCreate.order.id');
  const fo = await gql(
    app,
    'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id lineItems(first: 5) { nodes { id remainingQuantity } } } } } }',
    { id: orderId },
  );
  return {
    orderId,
    foId: at<string>(fo.body.data, 'order.fulfillmentOrders.nodes.0.id'),
    foLines: at<Array<{ id: string; remainingQuantity: number }>>(fo.body.data, 'order.fulfillmentOrders.nodes.0.lineItems.nodes'),
  };
}

const FULFILL = `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
  fulfillment { id status fulfillmentLineItems(first: 5) { nodes { id quantity lineItem { id } } } } userErrors { field message } } }`;

async function fulfill(app: App, foId: string, lines?: Array<{ id: string; quantity: number }>) {
  const res = await gql(app, FULFILL, {
    f: {
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, ...(lines ? { fulfillmentOrderLineItems: lines } : {}) }],
      trackingInfo: { company: 'UPS', number: '1Z1' },
    },
  });
  expect(at<unknown[]>(res.body.data, 'fulfillmentCreate.userErrors')).toEqual([]);
  return {
    id: at<string>(res.body.data, 'fulfillmentCreate.fulfillment.id'),
    lines: at<Array<{ id: string; quantity: number; lineItem: { id: string } }>>(res.body.data, 'fulfillmentCreate.fulfillment.fulfillmentLineItems.nodes'),
  };
}

const RETURN_FIELDS = 'id status closedAt returnLineItems(first: 5) { nodes { id quantity processedQuantity unprocessedQuantity } }';

/** An order fulfilled in full, with an open (approved) return of 2 pump housings. */
async function openReturn(app: App) {
  const { orderId, foId } = await paidOrder(app);
  const f = await fulfill(app, foId);
  const pump = f.lines.find((l) => l.quantity === 3);
  if (!pump) throw new Error('no pump line');
  const req = await gql(app, `mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { ${RETURN_FIELDS} } userErrors { field message } } }`, {
    i: { orderId, returnLineItems: [{ fulfillmentLineItemId: pump.id, quantity: 2, returnReason: 'DEFECTIVE' }] },
  });
  expect(at<unknown[]>(req.body.data, 'returnRequest.userErrors')).toEqual([]);
  const returnId = at<string>(req.body.data, 'returnRequest.return.id');
  const ok = await gql(app, 'mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { return { status } userErrors { field message } } }', {
    id: returnId,
  });
  expect(at<string>(ok.body.data, 'returnApproveRequest.return.status')).toBe('OPEN');
  return { orderId, returnId, returnLineId: at<string>(req.body.data, 'returnRequest.return.returnLineItems.nodes.0.id'), pumpLineItemId: pump.lineItem.id };
}

describe('Shopify emulator: returns beyond approve', () => {
  it('returnReopen reopens a closed return and sends returns/reopen', async () => {
    const { app, take } = await setup(['RETURNS_CLOSE', 'RETURNS_REOPEN']);
    const { orderId, returnId } = await openReturn(app);
    const closed = await gql(app, 'mutation($id: ID!) { returnClose(id: $id) { return { status closedAt } userErrors { field message } } }', { id: returnId });
    expect(at<string>(closed.body.data, 'returnClose.return.status')).toBe('CLOSED');
    const res = await gql(app, `mutation($id: ID!) { returnReopen(id: $id) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`, {
      id: returnId,
    });
    expect(res.body.errors).toBeUndefined();
    expect(at<unknown[]>(res.body.data, 'returnReopen.userErrors')).toEqual([]);
    expect(at<Json>(res.body.data, 'returnReopen.return')).toMatchObject({ id: returnId, status: 'OPEN', closedAt: null });
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['returns/close', 'returns/reopen']);
    const [, body] = got[1] ?? ['', {}];
    expect(body).toEqual({ id: Number(returnId.split('/').pop()), admin_graphql_api_id: returnId, order_id: Number(orderId.split('/').pop()), status: 'open' });
    // Only a closed return reopens.
    const again = await gql(app, 'mutation($id: ID!) { returnReopen(id: $id) { return { id } userErrors { field message code } } }', { id: returnId });
    expect(at<Array<{ code: string }>>(again.body.data, 'returnReopen.userErrors')[0]?.code).toBe('INVALID_STATE');
    const view = await gql(app, 'query($id: ID!) { return(id: $id) { status closedAt } }', { id: returnId });
    expect(at<Json>(view.body.data, 'return')).toEqual({ status: 'OPEN', closedAt: null });
  });

  it('returnProcess processes the items, refunds them, closes the return and sends returns/process and refunds/create', async () => {
    const { app, take } = await setup(['RETURNS_PROCESS', 'RETURNS_CLOSE', 'REFUNDS_CREATE', 'ORDERS_UPDATED']);
    const { orderId, returnId, returnLineId, pumpLineItemId } = await openReturn(app);
    const tx = await gql(app, 'query($id: ID!) { order(id: $id) { transactions(first: 5) { id kind } } }', { id: orderId });
    const sale = at<Array<{ id: string; kind: string }>>(tx.body.data, 'order.transactions').find((t) => t.kind === 'SALE');
    if (!sale) throw new Error('no sale transaction');
    await take();
    // Part first: 1 of 2 processed leaves the return open.
    const part = await gql(
      app,
      `mutation($i: ReturnProcessInput!) { returnProcess(input: $i) { return { ${RETURN_FIELDS} } userErrors { field message code } } }`,
      { i: { returnId, returnLineItems: [{ id: returnLineId, quantity: 1 }], notifyCustomer: false } },
    );
    expect(part.body.errors).toBeUndefined();
    expect(at<unknown[]>(part.body.data, 'returnProcess.userErrors')).toEqual([]);
    expect(at<Json>(part.body.data, 'returnProcess.return')).toMatchObject({
      status: 'OPEN',
      returnLineItems: { nodes: [{ id: returnLineId, quantity: 2, processedQuantity: 1, unprocessedQuantity: 1 }] },
    });
    const first = await take();
    expect(first.map(([t]) => t)).toEqual(['returns/process', 'orders/updated']);
    expect(first[0]?.[1]).toMatchObject({ admin_graphql_api_id: returnId, status: 'open' });
    // Too many.
    const over = await gql(app, 'mutation($i: ReturnProcessInput!) { returnProcess(input: $i) { return { id } userErrors { field message code } } }', {
      i: { returnId, returnLineItems: [{ id: returnLineId, quantity: 2 }] },
    });
    expect(at<Array<{ code: string }>>(over.body.data, 'returnProcess.userErrors')[0]?.code).toBe('INVALID');
    // The rest, with a refund of 200.00 against the sale.
    const rest = await gql(
      app,
      `mutation($i: ReturnProcessInput!) { returnProcess(input: $i) { return { ${RETURN_FIELDS} refunds(first: 5) { nodes { id totalRefundedSet { shopMoney { amount } } } } } userErrors { field message code } } }`,
      {
        i: {
          returnId,
          returnLineItems: [{ id: returnLineId, quantity: 1 }],
          financialTransfer: { issueRefund: { orderTransactions: [{ parentId: sale.id, transactionAmount: { amount: '200.00', currencyCode: 'USD' } }] } },
        },
      },
    );
    expect(at<unknown[]>(rest.body.data, 'returnProcess.userErrors')).toEqual([]);
    expect(at<Json>(rest.body.data, 'returnProcess.return')).toMatchObject({
      status: 'CLOSED',
      returnLineItems: { nodes: [{ processedQuantity: 2, unprocessedQuantity: 0 }] },
      refunds: { nodes: [{ totalRefundedSet: { shopMoney: { amount: '200.00' } } }] },
    });
    expect(at<string | null>(rest.body.data, 'returnProcess.return.closedAt')).not.toBeNull();
    const second = await take();
    expect(second.map(([t]) => t)).toEqual(['returns/process', 'refunds/create', 'returns/close', 'orders/updated']);
    const refund = second[1]?.[1] ?? {};
    expect(refund).toMatchObject({ order_id: Number(orderId.split('/').pop()) });
    expect(refund.refund_line_items).toMatchObject([{ quantity: 1, line_item_id: Number(pumpLineItemId.split('/').pop()), restock_type: 'return' }]);
    expect(refund.transactions).toMatchObject([{ kind: 'refund', amount: '200.00', parent_id: Number(sale.id.split('/').pop()) }]);
    expect(second[2]?.[1]).toMatchObject({ admin_graphql_api_id: returnId, status: 'closed' });
    expect(second[3]?.[1]).toMatchObject({ financial_status: 'partially_refunded' });
    // A closed return is not processed again.
    const done = await gql(app, 'mutation($i: ReturnProcessInput!) { returnProcess(input: $i) { return { id } userErrors { field message code } } }', {
      i: { returnId, returnLineItems: [{ id: returnLineId, quantity: 1 }] },
    });
    expect(at<Array<{ code: string }>>(done.body.data, 'returnProcess.userErrors')[0]?.code).toBe('INVALID_STATE');
  });
});

describe('Shopify emulator: fulfilment exceptions', () => {
  it('fulfillmentEventCreate records a DELAYED then FAILURE event and sends fulfillment_events/create', async () => {
    const { app, take } = await setup(['FULFILLMENT_EVENTS_CREATE', 'FULFILLMENTS_UPDATE']);
    const { orderId, foId } = await paidOrder(app);
    const f = await fulfill(app, foId);
    const M = `mutation($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) {
      fulfillmentEvent { id status message happenedAt estimatedDeliveryAt city country } userErrors { field message } } }`;
    const delayed = await gql(app, M, {
      e: { fulfillmentId: f.id, status: 'DELAYED', message: 'Storm at hub', estimatedDeliveryAt: '2026-08-10T12:00:00Z', city: 'Memphis', country: 'US' },
    });
    expect(delayed.body.errors).toBeUndefined();
    expect(at<unknown[]>(delayed.body.data, 'fulfillmentEventCreate.userErrors')).toEqual([]);
    expect(at<Json>(delayed.body.data, 'fulfillmentEventCreate.fulfillmentEvent')).toMatchObject({
      status: 'DELAYED',
      message: 'Storm at hub',
      estimatedDeliveryAt: '2026-08-10T12:00:00Z',
      city: 'Memphis',
    });
    const failed = await gql(app, M, { e: { fulfillmentId: f.id, status: 'FAILURE', message: 'Address not found' } });
    expect(at<string>(failed.body.data, 'fulfillmentEventCreate.fulfillmentEvent.status')).toBe('FAILURE');
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['fulfillment_events/create', 'fulfillments/update', 'fulfillment_events/create', 'fulfillments/update']);
    const ev = got[0]?.[1] ?? {};
    expect(ev).toMatchObject({
      admin_graphql_api_id: at<string>(delayed.body.data, 'fulfillmentEventCreate.fulfillmentEvent.id'),
      fulfillment_id: Number(f.id.split('/').pop()),
      order_id: Number(orderId.split('/').pop()),
      status: 'delayed',
      message: 'Storm at hub',
      city: 'Memphis',
    });
    expect(got[2]?.[1]).toMatchObject({ status: 'failure' });
    expect(got[3]?.[1]).toMatchObject({ shipment_status: 'failure' });
    const view = await gql(app, 'query($id: ID!) { fulfillment(id: $id) { events(first: 5) { nodes { status message } } } }', { id: f.id });
    expect(at<unknown[]>(view.body.data, 'fulfillment.events.nodes')).toEqual([
      { status: 'DELAYED', message: 'Storm at hub' },
      { status: 'FAILURE', message: 'Address not found' },
    ]);
    const missing = await gql(app, M, { e: { fulfillmentId: 'gid://shopify/Fulfillment/999999', status: 'DELAYED' } });
    expect(at<Json>(missing.body.data, 'fulfillmentEventCreate')).toMatchObject({
      fulfillmentEvent: null,
      userErrors: [{ field: ['fulfillmentEvent', 'fulfillmentId'] }],
    });
  });

  it('holds send fulfillment_holds/added|released per hold and fulfillment_orders/placed_on_hold|hold_released once', async () => {
    const { app, take } = await setup([
      'FULFILLMENT_HOLDS_ADDED',
      'FULFILLMENT_HOLDS_RELEASED',
      'FULFILLMENT_ORDERS_PLACED_ON_HOLD',
      'FULFILLMENT_ORDERS_HOLD_RELEASED',
    ]);
    const { foId } = await paidOrder(app);
    const HOLD = `mutation($id: ID!, $h: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $h) {
      fulfillmentHold { id reason } fulfillmentOrder { status } userErrors { field message } } }`;
    const a = await gql(app, HOLD, { id: foId, h: { reason: 'INVENTORY_OUT_OF_STOCK', reasonNotes: 'backorder', handle: 'stock' } });
    const b = await gql(app, HOLD, { id: foId, h: { reason: 'HIGH_RISK_OF_FRAUD', handle: 'fraud' } });
    expect(at<string>(b.body.data, 'fulfillmentOrderHold.fulfillmentOrder.status')).toBe('ON_HOLD');
    const held = await take();
    expect(held.map(([t]) => t)).toEqual(['fulfillment_holds/added', 'fulfillment_orders/placed_on_hold', 'fulfillment_holds/added']);
    expect(held[0]?.[1]).toMatchObject({
      fulfillment_order: { id: foId },
      fulfillment_hold: { id: at<string>(a.body.data, 'fulfillmentOrderHold.fulfillmentHold.id'), reason: 'inventory_out_of_stock' },
    });
    expect(held[2]?.[1]).toMatchObject({ fulfillment_hold: { reason: 'high_risk_of_fraud' } });
    const rel = await gql(app, 'mutation($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { status } userErrors { field message } } }', {
      id: foId,
    });
    expect(at<string>(rel.body.data, 'fulfillmentOrderReleaseHold.fulfillmentOrder.status')).toBe('OPEN');
    const released = await take();
    expect(released.map(([t]) => t)).toEqual(['fulfillment_holds/released', 'fulfillment_holds/released', 'fulfillment_orders/hold_released']);
    expect(released[2]?.[1]).toEqual({ fulfillment_order: { id: foId, status: 'open' } });
  });

  it('fulfilling some line items sends orders/partially_fulfilled and orders/updated with fulfillment_status partial', async () => {
    const { app, take } = await setup(['ORDERS_PARTIALLY_FULFILLED', 'ORDERS_FULFILLED', 'ORDERS_UPDATED', 'FULFILLMENTS_CREATE']);
    const { orderId, foId, foLines } = await paidOrder(app);
    const pump = foLines.find((l) => l.remainingQuantity === 3);
    if (!pump) throw new Error('no pump line');
    await fulfill(app, foId, [{ id: pump.id, quantity: 2 }]);
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['fulfillments/create', 'orders/partially_fulfilled', 'orders/updated']);
    expect(got[2]?.[1]).toMatchObject({ admin_graphql_api_id: orderId, fulfillment_status: 'partial' });
    const view = await gql(
      app,
      'query($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 1) { nodes { status lineItems(first: 5) { nodes { id remainingQuantity } } } } } }',
      { id: orderId },
    );
    expect(at<string>(view.body.data, 'order.displayFulfillmentStatus')).toBe('PARTIALLY_FULFILLED');
    expect(
      at<Array<{ id: string; remainingQuantity: number }>>(view.body.data, 'order.fulfillmentOrders.nodes.0.lineItems.nodes').find((l) => l.id === pump.id),
    ).toEqual({
      id: pump.id,
      remainingQuantity: 1,
    });
    await fulfill(app, foId);
    expect((await take()).map(([t]) => t)).toEqual(['fulfillments/create', 'orders/fulfilled', 'orders/updated']);
  });

  it('orderCancel sends orders/cancelled with the reason and the order reads cancelled', async () => {
    const { app, take } = await setup(['ORDERS_CANCELLED', 'REFUNDS_CREATE']);
    const { orderId } = await paidOrder(app);
    const res = await gql(
      app,
      'mutation($id: ID!) { orderCancel(orderId: $id, reason: INVENTORY, refund: true, restock: true, notifyCustomer: false, staffNote: "out of stock") { job { id done } orderCancelUserErrors { field message code } } }',
      { id: orderId },
    );
    expect(at<unknown[]>(res.body.data, 'orderCancel.orderCancelUserErrors')).toEqual([]);
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['orders/cancelled', 'refunds/create']);
    expect(got[0]?.[1]).toMatchObject({ admin_graphql_api_id: orderId, cancel_reason: 'inventory', financial_status: 'refunded' });
    expect(typeof got[0]?.[1].cancelled_at).toBe('string');
    const view = await gql(app, 'query($id: ID!) { order(id: $id) { cancelledAt cancelReason displayFinancialStatus } }', { id: orderId });
    expect(at<Json>(view.body.data, 'order')).toMatchObject({ cancelReason: 'INVENTORY', displayFinancialStatus: 'REFUNDED' });
    expect(at<string | null>(view.body.data, 'order.cancelledAt')).not.toBeNull();
  });
});

describe('Shopify emulator: disputes', () => {
  it('a dispute opened and moved through the control route sends disputes/create then disputes/update and reads through the Admin API', async () => {
    const { app, take } = await setup(['DISPUTES_CREATE', 'DISPUTES_UPDATE']);
    const { orderId } = await paidOrder(app);
    const opened = await app.inject({ method: 'POST', url: '/emulator/disputes', payload: { orderId, type: 'chargeback', reason: 'product_not_received' } });
    expect(opened.statusCode).toBe(200);
    const disputeId = opened.json<{ id: string }>().id;
    const moved = await app.inject({ method: 'POST', url: '/emulator/disputes', payload: { disputeId, status: 'under_review' } });
    expect(moved.statusCode).toBe(200);
    const won = await app.inject({ method: 'POST', url: '/emulator/disputes', payload: { disputeId, status: 'won' } });
    expect(won.statusCode).toBe(200);
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['disputes/create', 'disputes/update', 'disputes/update']);
    expect(got[0]?.[1]).toMatchObject({
      order_id: Number(orderId.split('/').pop()),
      status: 'needs_response',
      reason: 'product_not_received',
      type: 'chargeback',
    });
    expect(got[1]?.[1]).toMatchObject({ status: 'under_review' });
    expect(typeof got[1]?.[1].evidence_sent_on).toBe('string');
    expect(got[2]?.[1]).toMatchObject({ status: 'won' });
    expect(typeof got[2]?.[1].finalized_on).toBe('string');
    const view = await gql(app, 'query($id: ID!) { dispute(id: $id) { id status reasonDetails { reason } order { id } finalizedOn } }', { id: disputeId });
    expect(view.body.errors).toBeUndefined();
    expect(at<Json>(view.body.data, 'dispute')).toMatchObject({
      id: disputeId,
      status: 'WON',
      reasonDetails: { reason: 'PRODUCT_NOT_RECEIVED' },
      order: { id: orderId },
    });
    const bad = await app.inject({ method: 'POST', url: '/emulator/disputes', payload: { disputeId, status: 'nonsense' } });
    expect(bad.statusCode).toBe(422);
  });
});

describe('Shopify emulator: declined returns', () => {
  it('returnDeclineRequest records the reason and sends returns/decline with decline {reason, note}', async () => {
    const { app, take } = await setup(['RETURNS_DECLINE']);
    const { orderId, foId } = await paidOrder(app);
    const f = await fulfill(app, foId);
    const req = await gql(app, 'mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id } userErrors { field message } } }', {
      i: { orderId, returnLineItems: [{ fulfillmentLineItemId: f.lines[0]?.id, quantity: 1, returnReason: 'UNWANTED' }] },
    });
    const returnId = at<string>(req.body.data, 'returnRequest.return.id');
    const res = await gql(
      app,
      'mutation($i: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $i) { return { status decline { reason note } } userErrors { field message code } } }',
      { i: { id: returnId, declineReason: 'RETURN_PERIOD_ENDED', declineNote: 'Past 30 days' } },
    );
    expect(at<unknown[]>(res.body.data, 'returnDeclineRequest.userErrors')).toEqual([]);
    expect(at<Json>(res.body.data, 'returnDeclineRequest.return')).toEqual({
      status: 'DECLINED',
      decline: { reason: 'RETURN_PERIOD_ENDED', note: 'Past 30 days' },
    });
    const got = await take();
    expect(got.map(([t]) => t)).toEqual(['returns/decline']);
    expect(got[0]?.[1]).toMatchObject({
      admin_graphql_api_id: returnId,
      status: 'declined',
      order: { admin_graphql_api_id: orderId },
      decline: { reason: 'return_period_ended', note: 'Past 30 days' },
    });
  });
});
