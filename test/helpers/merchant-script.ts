/**
 * A merchant's seeded script of actions through the Shopify emulator's Admin API (its mutations send
 * the webhooks Shopify would). `playOrderScript` is the order-only script of the delivery-fault run
 * (first in the delivery-fault run, now test/reliability/faults.test.ts); `playMerchantScript` is the reliability
 * suite's broad one (orders, fulfilments, holds, returns, refunds, disputes, companies, products),
 * with a ledger of what it did for the checks.
 */
import { prng } from './scale.js';

/** The Admin API as the merchant calls it. */
export type Gql = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** An Admin GraphQL caller for the emulator that waits and retries when throttled (as a merchant's admin does). */
export function adminGql(shopifyUrl: string, token: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${shopifyUrl}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
      if (body.errors?.some((e) => e.extensions?.code === 'THROTTLED') && attempt < 60) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    }
  };
}

function noUserErrors(what: string, errors: unknown[] | undefined): void {
  if (errors && errors.length > 0) throw new Error(`${what}: ${JSON.stringify(errors)}`);
}

// ---- The delivery-fault run's script (orders only) -----------------------------------------------

/**
 * `actions` order actions from `seed`: 45% creates (10% B2B at one of `locationIds`, tags `custom`
 * or `retail` sometimes, 5% with an engraving property), 45% updates that only add tags (whether an
 * order qualifies never flips back), 10% cancellations.
 */
export async function playOrderScript(
  gql: Gql,
  opts: { actions: number; seed: number; locationIds: string[] },
): Promise<{ orders: Array<{ id: string; tags: string[]; cancelled: boolean }>; creates: number }> {
  const { locationIds } = opts;
  const rand = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orders: Array<{ id: string; tags: string[]; cancelled: boolean }> = [];
  let creates = 0;
  for (let i = 0; i < opts.actions; i++) {
    const r = rand();
    if (orders.length < 5 || r < 0.45) {
      const b2b = rand() < 0.1;
      const tags = rand() < 0.1 ? ['custom'] : rand() < 0.3 ? ['retail'] : [];
      const amount = (50 + Math.floor(rand() * 9000)).toFixed(2);
      const props = rand() < 0.05 ? [{ name: 'Engraving', value: `E${i}` }] : [];
      const data = await gql<{ orderCreate: { order: { id: string } | null; userErrors: unknown[] } }>(
        'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }',
        {
          order: {
            email: `buyer${i % 37}@example.com`,
            currency: 'USD',
            tags,
            ...(b2b ? { companyLocationId: pick(locationIds), poNumber: `PO-${i}` } : {}),
            billingAddress: {
              firstName: 'Pat',
              lastName: `Buyer${i % 37}`,
              address1: '1 Main St',
              city: 'Springfield',
              countryCode: 'US',
              ...(b2b ? { company: 'B2B Buyer Inc' } : {}),
            },
            lineItems: [{ title: `Item ${i}`, quantity: 1, priceSet: { shopMoney: { amount, currencyCode: 'USD' } }, properties: props }],
          },
        },
      );
      noUserErrors('orderCreate', data.orderCreate.userErrors);
      orders.push({ id: data.orderCreate.order?.id ?? '', tags, cancelled: false });
      creates++;
    } else if (r < 0.9) {
      // Updates only add tags: whether an order qualifies never flips back.
      const o = pick(orders);
      o.tags = [...new Set([...o.tags, rand() < 0.15 ? 'custom' : `t${Math.floor(rand() * 5)}`])];
      const data = await gql<{ orderUpdate: { userErrors: unknown[] } }>(
        'mutation($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }',
        {
          input: { id: o.id, tags: o.tags, note: `note ${i}`, poNumber: rand() < 0.3 ? `PO-U${i}` : undefined },
        },
      );
      noUserErrors('orderUpdate', data.orderUpdate.userErrors);
    } else {
      const open = orders.filter((o) => !o.cancelled);
      const o = pick(open.length > 0 ? open : orders);
      o.cancelled = true;
      await gql('mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: false) { orderCancelUserErrors { message } } }', {
        id: o.id,
      });
    }
  }
  return { orders, creates };
}

// ---- The reliability suite's script (every kind of merchant action) ------------------------------

/** What the merchant did, for the checks: the ids the shop gave and the events only the script saw. */
export interface MerchantLedger {
  /** Actions played, by kind. */
  counts: Record<string, number>;
  /** Order GIDs whose fulfilment order was ever placed on hold (an exception, resolved or not). */
  held: Set<string>;
  /** Order GIDs created by the script. */
  orders: string[];
}

interface MOrder {
  gid: string;
  tags: string[];
  paid: boolean;
  cancelled: boolean;
  fo: string;
  held: boolean;
  holds: number;
  fulfilled: boolean;
  line: string;
  /** Units of its line not refunded yet. */
  refundable: number;
  fulfillmentLine: string | undefined;
  returned: boolean;
}

type ActionKind =
  | 'order.create'
  | 'order.update'
  | 'order.cancel'
  | 'order.fulfill'
  | 'hold.add'
  | 'hold.release'
  | 'return.request'
  | 'return.approve'
  | 'return.close'
  | 'refund.create'
  | 'dispute.open'
  | 'dispute.update'
  | 'company.create'
  | 'company.update'
  | 'location.create'
  | 'contact.create'
  | 'product.create'
  | 'product.update';

const WEIGHTS: Array<[ActionKind, number]> = [
  ['order.create', 30],
  ['order.update', 22],
  ['order.cancel', 4],
  ['order.fulfill', 8],
  ['hold.add', 4],
  ['hold.release', 3],
  ['return.request', 4],
  ['return.approve', 3],
  ['return.close', 2],
  ['refund.create', 4],
  ['dispute.open', 2],
  ['dispute.update', 1.5],
  ['company.create', 2],
  ['company.update', 1],
  ['location.create', 1],
  ['contact.create', 1],
  ['product.create', 4],
  ['product.update', 3],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((a, [, w]) => a + w, 0);
const REGULATED_TAGS = ['regulated', 'compliance:CE', 'hazmat:3', 'Regulated'];

/**
 * `actions` merchant actions from `seed`, each a call of the Admin API (disputes: the emulator's
 * control route, as a bank would open one): orders created (paid; some high value, B2B at one of the
 * shop's company locations, tagged `custom`, with an engraving, or by a new customer tagged `b2b`),
 * updated (tags are only added, so whether an order qualifies never flips back), cancelled,
 * fulfilled, held and released; returns requested, approved and closed; refunds; disputes opened
 * and moved on; companies, locations and contacts; products created and updated (some tagged as
 * regulated). An action whose target does not exist yet becomes an order creation. `after(i)` runs
 * after each action (the suite kills the connector there).
 */
export async function playMerchantScript(
  gql: Gql,
  opts: { actions: number; seed: number; shopifyUrl: string; after?: (i: number) => Promise<void> },
): Promise<MerchantLedger> {
  const rand = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
  const ledger: MerchantLedger = { counts: {}, held: new Set(), orders: [] };
  const orders: MOrder[] = [];
  const returns: Array<{ gid: string; status: 'requested' | 'open' | 'closed' }> = [];
  const disputes: Array<{ id: string; status: string }> = [];
  const companies = await gql<{ companies: { nodes: Array<{ id: string; locations: { nodes: Array<{ id: string }> } }> } }>(
    '{ companies(first: 50) { nodes { id locations(first: 5) { nodes { id } } } } }',
    {},
  );
  const companyIds = companies.companies.nodes.map((c) => c.id);
  const locationIds = companies.companies.nodes.flatMap((c) => c.locations.nodes.map((l) => l.id));
  const products: Array<{ gid: string; tags: string[] }> = [];

  const choose = (): ActionKind => {
    let r = rand() * TOTAL_WEIGHT;
    for (const [k, w] of WEIGHTS) {
      if (r < w) return k;
      r -= w;
    }
    return 'order.create';
  };

  const createOrder = async (i: number): Promise<void> => {
    const b2b = locationIds.length > 0 && rand() < 0.1;
    const tags = rand() < 0.1 ? ['custom'] : rand() < 0.3 ? ['retail'] : [];
    const amount = (50 + Math.floor(rand() * 4000)).toFixed(2);
    const props = rand() < 0.05 ? [{ name: 'Engraving', value: `E${i}` }] : [];
    const b2bCustomer = !b2b && rand() < 0.03;
    const email = b2bCustomer ? `trade${i}@example.com` : `buyer${i % 37}@example.com`;
    const data = await gql<{
      orderCreate: {
        order: {
          id: string;
          displayFinancialStatus: string | null;
          fulfillmentOrders: { nodes: Array<{ id: string }> };
          lineItems: { nodes: Array<{ id: string }> };
        } | null;
        userErrors: unknown[];
      };
    }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
         order { id displayFinancialStatus fulfillmentOrders(first: 1) { nodes { id } } lineItems(first: 1) { nodes { id } } }
         userErrors { field message } } }`,
      {
        order: {
          email,
          currency: 'USD',
          tags,
          ...(b2bCustomer ? { customer: { toUpsert: { email, firstName: 'Trade', lastName: `Buyer ${i}`, tags: ['b2b'] } } } : {}),
          ...(b2b ? { companyLocationId: pick(locationIds), poNumber: `PO-${i}` } : {}),
          billingAddress: {
            firstName: 'Pat',
            lastName: `Buyer${i % 37}`,
            address1: '1 Main St',
            city: 'Springfield',
            countryCode: 'US',
            ...(b2b ? { company: 'B2B Buyer Inc' } : {}),
          },
          // Two units: a refund can take one, and then the other.
          lineItems: [{ title: `Item ${i}`, quantity: 2, priceSet: { shopMoney: { amount, currencyCode: 'USD' } }, properties: props }],
        },
      },
    );
    noUserErrors('orderCreate', data.orderCreate.userErrors);
    const o = data.orderCreate.order;
    if (!o) throw new Error('orderCreate returned no order');
    orders.push({
      gid: o.id,
      tags,
      paid: (o.displayFinancialStatus ?? '').toUpperCase() === 'PAID',
      cancelled: false,
      fo: o.fulfillmentOrders.nodes[0]?.id ?? '',
      held: false,
      holds: 0,
      fulfilled: false,
      line: o.lineItems.nodes[0]?.id ?? '',
      refundable: 2,
      fulfillmentLine: undefined,
      returned: false,
    });
    ledger.orders.push(o.id);
  };

  const control = async (path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const res = await fetch(`${opts.shopifyUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  for (let i = 0; i < opts.actions; i++) {
    let kind = orders.length < 5 ? 'order.create' : choose();
    const open = (o: MOrder) => !o.cancelled;
    const eligible = (f: (o: MOrder) => boolean) => orders.filter(f);
    switch (kind) {
      case 'order.update': {
        const o = pick(orders);
        if (!o) break;
        o.tags = [...new Set([...o.tags, rand() < 0.15 ? 'custom' : `t${Math.floor(rand() * 5)}`])];
        const data = await gql<{ orderUpdate: { userErrors: unknown[] } }>(
          'mutation($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }',
          { input: { id: o.gid, tags: o.tags, note: `note ${i}`, ...(rand() < 0.3 ? { poNumber: `PO-U${i}` } : {}) } },
        );
        noUserErrors('orderUpdate', data.orderUpdate.userErrors);
        count(kind);
        break;
      }
      case 'order.cancel': {
        const o = pick(eligible((x) => open(x) && !x.fulfilled && !x.held));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{ orderCancel: { orderCancelUserErrors: unknown[] } }>(
          'mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: false) { orderCancelUserErrors { message } } }',
          { id: o.gid },
        );
        noUserErrors('orderCancel', data.orderCancel.orderCancelUserErrors);
        o.cancelled = true;
        o.refundable = 0;
        count(kind);
        break;
      }
      case 'order.fulfill': {
        const o = pick(eligible((x) => open(x) && !x.fulfilled && !x.held));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{
          fulfillmentCreate: { fulfillment: { fulfillmentLineItems: { nodes: Array<{ id: string }> } } | null; userErrors: unknown[] };
        }>(
          `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
             fulfillment { fulfillmentLineItems(first: 5) { nodes { id } } } userErrors { field message } } }`,
          { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: o.fo }], trackingInfo: { company: 'UPS', number: `1Z${i}` } } },
        );
        noUserErrors('fulfillmentCreate', data.fulfillmentCreate.userErrors);
        o.fulfilled = true;
        o.fulfillmentLine = data.fulfillmentCreate.fulfillment?.fulfillmentLineItems.nodes[0]?.id;
        count(kind);
        break;
      }
      case 'hold.add': {
        const o = pick(eligible((x) => open(x) && !x.fulfilled && !x.held));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{ fulfillmentOrderHold: { userErrors: unknown[] } }>(
          `mutation($id: ID!, $h: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, fulfillmentHold: $h) { fulfillmentHold { id } userErrors { field message } } }`,
          {
            id: o.fo,
            h: { reason: pick(['AWAITING_PAYMENT', 'HIGH_RISK_OF_FRAUD', 'INCORRECT_ADDRESS', 'OTHER']), reasonNotes: `hold ${i}`, handle: `h${i}` },
          },
        );
        noUserErrors('fulfillmentOrderHold', data.fulfillmentOrderHold.userErrors);
        o.held = true;
        ledger.held.add(o.gid);
        count(kind);
        break;
      }
      case 'hold.release': {
        const o = pick(eligible((x) => x.held));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{ fulfillmentOrderReleaseHold: { userErrors: unknown[] } }>(
          'mutation($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { id } userErrors { field message } } }',
          { id: o.fo },
        );
        noUserErrors('fulfillmentOrderReleaseHold', data.fulfillmentOrderReleaseHold.userErrors);
        o.held = false;
        count(kind);
        break;
      }
      case 'return.request': {
        const o = pick(eligible((x) => x.fulfilled && !x.returned && x.fulfillmentLine !== undefined && x.refundable === 2));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{ returnRequest: { return: { id: string } | null; userErrors: unknown[] } }>(
          'mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id } userErrors { field message } } }',
          {
            i: {
              orderId: o.gid,
              returnLineItems: [
                { fulfillmentLineItemId: o.fulfillmentLine, quantity: 1, returnReason: pick(['DEFECTIVE', 'SIZE_TOO_SMALL', 'UNWANTED', 'NOT_AS_DESCRIBED']) },
              ],
            },
          },
        );
        noUserErrors('returnRequest', data.returnRequest.userErrors);
        o.returned = true;
        returns.push({ gid: data.returnRequest.return?.id ?? '', status: 'requested' });
        count(kind);
        break;
      }
      case 'return.approve':
      case 'return.close': {
        const want = kind === 'return.approve' ? 'requested' : 'open';
        const r = pick(returns.filter((x) => x.status === want));
        if (!r) {
          kind = 'order.create';
          break;
        }
        if (kind === 'return.approve') {
          const data = await gql<{ returnApproveRequest: { userErrors: unknown[] } }>(
            'mutation($i: ReturnApproveRequestInput!) { returnApproveRequest(input: $i) { return { id } userErrors { field message } } }',
            { i: { id: r.gid } },
          );
          noUserErrors('returnApproveRequest', data.returnApproveRequest.userErrors);
          r.status = 'open';
        } else {
          const data = await gql<{ returnClose: { userErrors: unknown[] } }>(
            'mutation($id: ID!) { returnClose(id: $id) { return { id } userErrors { field message } } }',
            { id: r.gid },
          );
          noUserErrors('returnClose', data.returnClose.userErrors);
          r.status = 'closed';
        }
        count(kind);
        break;
      }
      case 'refund.create': {
        const o = pick(eligible((x) => open(x) && x.paid && x.refundable > 0 && !x.returned));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const data = await gql<{ refundCreate: { userErrors: unknown[] } }>(
          'mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }',
          { input: { orderId: o.gid, note: `refund ${i}`, refundLineItems: [{ lineItemId: o.line, quantity: 1, restockType: 'NO_RESTOCK' }] } },
        );
        noUserErrors('refundCreate', data.refundCreate.userErrors);
        o.refundable--;
        count(kind);
        break;
      }
      case 'dispute.open': {
        const o = pick(eligible((x) => open(x) && x.paid));
        if (!o) {
          kind = 'order.create';
          break;
        }
        const r = await control('/emulator/disputes', { orderId: o.gid, reason: pick(['fraudulent', 'product_not_received', 'unrecognized']) });
        disputes.push({ id: String(r.id), status: 'needs_response' });
        count(kind);
        break;
      }
      case 'dispute.update': {
        const d = pick(disputes.filter((x) => x.status === 'needs_response' || x.status === 'under_review'));
        if (!d) {
          kind = 'order.create';
          break;
        }
        d.status = d.status === 'needs_response' ? 'under_review' : (pick(['won', 'lost']) ?? 'won');
        await control('/emulator/disputes', { disputeId: d.id, status: d.status });
        count(kind);
        break;
      }
      case 'company.create': {
        const data = await gql<{ companyCreate: { company: { id: string; locations: { nodes: Array<{ id: string }> } } | null; userErrors: unknown[] } }>(
          `mutation($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id locations(first: 1) { nodes { id } } } userErrors { field message } } }`,
          {
            input: {
              company: { name: `Company ${i}`, externalId: `ext-${i}` },
              companyLocation: { name: `Company ${i} HQ`, shippingAddress: { address1: `${i} Trade St`, city: 'Springfield', countryCode: 'US' } },
              companyContact: { email: `buyer-c${i}@example.com`, firstName: 'Casey', lastName: `Company${i}`, title: 'Buyer' },
            },
          },
        );
        noUserErrors('companyCreate', data.companyCreate.userErrors);
        const c = data.companyCreate.company;
        if (c) {
          companyIds.push(c.id);
          locationIds.push(...c.locations.nodes.map((l) => l.id));
        }
        count(kind);
        break;
      }
      case 'company.update':
      case 'location.create':
      case 'contact.create': {
        const c = pick(companyIds);
        if (!c) {
          kind = 'order.create';
          break;
        }
        if (kind === 'company.update') {
          const data = await gql<{ companyUpdate: { userErrors: unknown[] } }>(
            'mutation($id: ID!, $input: CompanyInput!) { companyUpdate(companyId: $id, input: $input) { company { id } userErrors { field message } } }',
            { id: c, input: { note: `note ${i}` } },
          );
          noUserErrors('companyUpdate', data.companyUpdate.userErrors);
        } else if (kind === 'location.create') {
          const data = await gql<{ companyLocationCreate: { companyLocation: { id: string } | null; userErrors: unknown[] } }>(
            'mutation($id: ID!, $input: CompanyLocationInput!) { companyLocationCreate(companyId: $id, input: $input) { companyLocation { id } userErrors { field message } } }',
            { id: c, input: { name: `Branch ${i}`, shippingAddress: { address1: `${i} Branch Rd`, city: 'Shelbyville', countryCode: 'US' } } },
          );
          noUserErrors('companyLocationCreate', data.companyLocationCreate.userErrors);
          if (data.companyLocationCreate.companyLocation) locationIds.push(data.companyLocationCreate.companyLocation.id);
        } else {
          const data = await gql<{ companyContactCreate: { userErrors: unknown[] } }>(
            'mutation($id: ID!, $input: CompanyContactInput!) { companyContactCreate(companyId: $id, input: $input) { companyContact { id } userErrors { field message } } }',
            { id: c, input: { email: `contact${i}@example.com`, firstName: 'Sam', lastName: `Contact${i}`, title: 'Purchasing' } },
          );
          noUserErrors('companyContactCreate', data.companyContactCreate.userErrors);
        }
        count(kind);
        break;
      }
      case 'product.create': {
        const tags = rand() < 0.4 ? [pick(REGULATED_TAGS) ?? 'regulated'] : [];
        const data = await gql<{ productCreate: { product: { id: string } | null; userErrors: unknown[] } }>(
          'mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id } userErrors { field message } } }',
          { p: { title: `Product ${i}`, productType: pick(['Tools', 'Chemicals', 'Batteries', 'Apparel']), tags } },
        );
        noUserErrors('productCreate', data.productCreate.userErrors);
        if (data.productCreate.product) products.push({ gid: data.productCreate.product.id, tags });
        count(kind);
        break;
      }
      case 'product.update': {
        const p = pick(products);
        if (!p) {
          kind = 'order.create';
          break;
        }
        // Tags are only added: whether a product is regulated never flips back.
        p.tags = [...new Set([...p.tags, rand() < 0.2 ? (pick(REGULATED_TAGS) ?? 'regulated') : `season-${Math.floor(rand() * 4)}`])];
        const data = await gql<{ productUpdate: { userErrors: unknown[] } }>(
          'mutation($p: ProductUpdateInput!) { productUpdate(product: $p) { product { id } userErrors { field message } } }',
          { p: { id: p.gid, tags: p.tags, descriptionHtml: `<p>Revision ${i}</p>` } },
        );
        noUserErrors('productUpdate', data.productUpdate.userErrors);
        count(kind);
        break;
      }
      default:
        break;
    }
    if (kind === 'order.create') {
      await createOrder(i);
      count(kind);
    }
    await opts.after?.(i);
  }
  return ledger;

  function count(k: string): void {
    ledger.counts[k] = (ledger.counts[k] ?? 0) + 1;
  }
}
