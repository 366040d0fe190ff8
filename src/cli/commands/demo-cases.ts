/**
 * The demo's after-sales activity (jobs 2 and 4), played the way a merchant (and a card network, a
 * carrier) would: returns, a refund and holds through the Admin API's own mutations, a dispute and a
 * carrier delay through the emulator's control routes where Shopify offers no mutation. Every action
 * makes the emulator send the webhooks Shopify would.
 */

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Did = (mutation: string, what: string) => void;

interface UserError {
  field: string[] | null;
  message: string;
}

export interface DemoOrder {
  id: string;
  name: string;
  kind: string;
}

const check = (mutation: string, errors: UserError[] | undefined): void => {
  if (errors && errors.length > 0) throw new Error(`${mutation}: ${errors.map((e) => e.message).join('; ')}`);
};

const ORDER_LINES = `query DemoOrderLines($id: ID!) {
  order(id: $id) { lineItems(first: 10) { nodes { id title quantity } } fulfillmentOrders(first: 1) { nodes { id } } }
}`;
const FULFILL = `mutation DemoFulfill($f: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $f) { fulfillment { id fulfillmentLineItems(first: 10) { nodes { id lineItem { id } } } } userErrors { field message } }
}`;
const RETURN_REQUEST = `mutation DemoReturnRequest($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id name } userErrors { field message } } }`;
const RETURN_APPROVE = `mutation DemoReturnApprove($id: ID!) { returnApproveRequest(input: { id: $id }) { return { id } userErrors { field message } } }`;
const REFUND_CREATE = `mutation DemoRefund($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }`;
const HOLD = `mutation DemoHold($id: ID!, $h: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $h) { fulfillmentHold { id } userErrors { field message } } }`;
const RELEASE = `mutation DemoRelease($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { id } userErrors { field message } } }`;
const EVENT = `mutation DemoEvent($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) { fulfillmentEvent { id } userErrors { field message } } }`;
const CANCEL = `mutation DemoCancel($id: ID!) {
  orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true, notifyCustomer: false, staffNote: "Customer changed their mind") { orderCancelUserErrors { field message } }
}`;

interface Lines {
  order: { lineItems: { nodes: Array<{ id: string; title: string; quantity: number }> }; fulfillmentOrders: { nodes: Array<{ id: string }> } } | null;
}
interface Fulfilled {
  fulfillmentCreate: {
    fulfillment: { id: string; fulfillmentLineItems: { nodes: Array<{ id: string; lineItem: { id: string } }> } } | null;
    userErrors: UserError[];
  };
}

/** Plays the after-sales activity on the demo's orders; returns how many actions it took. */
export async function playAfterSales(gql: Graphql, adminUrl: string, orders: DemoOrder[], did: Did, settle: () => Promise<unknown>): Promise<number> {
  const ordinary = orders.filter((o) => o.kind === 'below the criteria');
  const lines = async (o: DemoOrder) => {
    const r = await gql<Lines>(ORDER_LINES, { id: o.id });
    if (!r.order) throw new Error(`order ${o.name} not found`);
    return { items: r.order.lineItems.nodes, foId: r.order.fulfillmentOrders.nodes[0]?.id };
  };
  const fulfil = async (o: DemoOrder, carrier: string, tracking: string) => {
    const { foId } = await lines(o);
    const r = await gql<Fulfilled>(FULFILL, {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }], trackingInfo: { company: carrier, number: tracking } },
    });
    check('fulfillmentCreate', r.fulfillmentCreate.userErrors);
    if (!r.fulfillmentCreate.fulfillment) throw new Error('fulfillmentCreate returned no fulfillment');
    return r.fulfillmentCreate.fulfillment;
  };
  const control = async (path: string, body: Record<string, unknown>) => {
    const res = await fetch(`${adminUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator ${path} answered ${res.status}: ${await res.text()}`);
  };
  let actions = 0;

  // Job 2: a damaged-goods return and a goodwill refund on an ordinary order (it gets a workspace: a case always has its order).
  const first = ordinary[0];
  if (first) {
    const f = await fulfil(first, 'UPS', '1Z999AA10123456784');
    did('fulfillmentCreate', `${first.name}  shipped with UPS 1Z999AA10123456784`);
    const line = f.fulfillmentLineItems.nodes[0];
    const ret = await gql<{ returnRequest: { return: { id: string; name: string } | null; userErrors: UserError[] } }>(RETURN_REQUEST, {
      i: {
        orderId: first.id,
        returnLineItems: [{ fulfillmentLineItemId: line?.id, quantity: 1, returnReason: 'DEFECTIVE', customerNote: 'Housing cracked in transit' }],
      },
    });
    check('returnRequest', ret.returnRequest.userErrors);
    const r = ret.returnRequest.return;
    if (!r) throw new Error('returnRequest returned no return');
    did('returnRequest', `${r.name}  1 unit, reason DEFECTIVE (a damaged-goods claim)`);
    check(
      'returnApproveRequest',
      (await gql<{ returnApproveRequest: { userErrors: UserError[] } }>(RETURN_APPROVE, { id: r.id })).returnApproveRequest.userErrors,
    );
    did('returnApproveRequest', `${r.name}  approved`);
    const { items } = await lines(first);
    const other = items[1] ?? items[0];
    const refund = await gql<{ refundCreate: { userErrors: UserError[] } }>(REFUND_CREATE, {
      input: {
        orderId: first.id,
        note: 'Goodwill: late delivery',
        refundLineItems: other ? [{ lineItemId: other.id, quantity: 1, restockType: 'NO_RESTOCK' }] : [],
        transactions: [{ orderId: first.id, gateway: 'manual', kind: 'REFUND', amount: '5.00' }],
      },
    });
    check('refundCreate', refund.refundCreate.userErrors);
    did('refundCreate', `${first.name}  5.00 goodwill refund`);
    actions += 4;
  }

  // Job 2: a chargeback on the high-value order; its records go under a legal hold while it is open.
  const disputed = orders.find((o) => o.kind === 'high value');
  if (disputed) {
    await control('/emulator/disputes', { orderId: disputed.id, type: 'chargeback', reason: 'fraudulent' });
    did('(card network)', `${disputed.name}  chargeback opened, reason fraudulent (disputes/create)`);
    actions += 1;
  }

  // Job 4: a carrier delay, a hold that is later released, a cancellation.
  const delayed = ordinary[1];
  if (delayed) {
    const f = await fulfil(delayed, 'FedEx', '794698745120');
    await gql(EVENT, { e: { fulfillmentId: f.id, status: 'DELAYED', message: 'Weather delay at the Memphis hub', city: 'Memphis', country: 'US' } });
    did('fulfillmentEventCreate', `${delayed.name}  DELAYED: weather delay at the Memphis hub (the carrier)`);
    actions += 2;
  }
  const held = ordinary[2];
  if (held) {
    const { foId } = await lines(held);
    const h = await gql<{ fulfillmentOrderHold: { userErrors: UserError[] } }>(HOLD, {
      id: foId,
      h: { reason: 'INVENTORY_OUT_OF_STOCK', reasonNotes: 'Back-ordered until next week', handle: 'stock' },
    });
    check('fulfillmentOrderHold', h.fulfillmentOrderHold.userErrors);
    did('fulfillmentOrderHold', `${held.name}  on hold: inventory out of stock`);
    await settle();
    const rel = await gql<{ fulfillmentOrderReleaseHold: { userErrors: UserError[] } }>(RELEASE, { id: foId });
    check('fulfillmentOrderReleaseHold', rel.fulfillmentOrderReleaseHold.userErrors);
    did('fulfillmentOrderReleaseHold', `${held.name}  hold released`);
    actions += 2;
  }
  const cancelled = orders.find((o) => o.kind === 'custom');
  if (cancelled) {
    const c = await gql<{ orderCancel: { orderCancelUserErrors: UserError[] } }>(CANCEL, { id: cancelled.id });
    check('orderCancel', c.orderCancel.orderCancelUserErrors);
    did('orderCancel', `${cancelled.name}  cancelled by the customer, refunded and restocked`);
    actions += 1;
  }
  return actions;
}
