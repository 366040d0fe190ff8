/**
 * QueryRoot and Mutation resolvers. Mutations change the shop through domain.ts and send the
 * webhooks Shopify sends for the change (one X-Shopify-Event-Id per mutation).
 */
import {
  addFulfillmentEvent,
  cancelOrder,
  createCompany,
  createCompanyContact,
  createCompanyLocation,
  createCustomer,
  createFulfillment,
  createOrder,
  createProduct,
  createRefund,
  newVariant,
  updateInventoryItem,
  updateVariant,
  DomainError,
  holdFulfillmentOrder,
  processReturn,
  releaseHolds,
  reopenReturn,
  requestReturn,
  setMetafields,
  setReturnStatus,
  touchOrder,
} from '../domain.js';
import type { CustomerInput, DiscountCodeInput, InventoryItemInput, OrderInput, TaxLineInput, VariantInput } from '../domain.js';
import { toCents } from '../money.js';
import { orderPricing } from '../pricing.js';
import { paginate } from '../paging.js';
import type { PageArgs } from '../paging.js';
import {
  restCompany,
  restCompanyContact,
  restCompanyLocation,
  restCustomer,
  restFulfillment,
  restFulfillmentEvent,
  restFulfillmentHold,
  restHoldReleased,
  restOrder,
  restPlacedOnHold,
  restInventoryItem,
  restProduct,
  restRefund,
  restReturn,
} from '../payloads.js';
import { applySearch } from '../search.js';
import type { ShopState } from '../state.js';
import type { AddressRec, CompanyRec, DisputeRec, FinancialStatus, ReturnRec, WebhookSubscriptionRec } from '../types.js';
import { sortedConnection } from './connections.js';
import { companyFields, customerFields, disputeFields, genericSort, genericSortSpec, productFields } from './search-fields.js';
import type { SortSpec } from './search-fields.js';
import { topicToSlash } from './views.js';
import type { View, Views } from './views.js';

type Args = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** Sends the webhooks of one merchant action (they share an X-Shopify-Event-Id). */
export type Emit = (topic: string, payload: Record<string, unknown>) => void;

export interface RootDeps {
  s: ShopState;
  views: Views;
  /** Starts one action: returns its emitter. */
  action: () => Emit;
  shopId: number;
  shopDomain: string;
  /** Runs a bulk query (bulk.ts). */
  runBulkQuery: (query: string) => { bulkOperation: View | null; userErrors: Obj[] };
  /** Search warnings of the current request, for `extensions.search`. */
  searchWarning: (path: string, query: string, warnings: Array<{ field: string; message: string }>) => void;
}

/** Disputes page by when they were opened, whatever the sortKey. */
const DISPUTE_SORT: SortSpec<DisputeRec> = { name: 'INITIATED_AT', value: (x) => x.initiatedAt, rangeField: 'initiated_at' };

const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Numeric id of a GID of the given type, or null. */
export function idOf(gid: unknown, type: string): number | null {
  if (typeof gid !== 'string') return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/.exec(gid);
  return m && m[1] === type ? Number(m[2]) : null;
}

function userError(err: unknown, withCode = true): Obj {
  if (err instanceof DomainError) return { field: err.field, message: err.message, ...(withCode ? { code: err.code } : {}) };
  throw err;
}

function money(v: unknown): number | undefined {
  const shop = asObj(asObj(v).shopMoney);
  const amount = shop.amount ?? asObj(v).amount;
  return typeof amount === 'string' || typeof amount === 'number' ? toCents(amount) : undefined;
}

function addressFrom(v: unknown): AddressRec | null {
  const a = asObj(v);
  if (Object.keys(a).length === 0) return null;
  return {
    firstName: str(a.firstName) ?? '',
    lastName: str(a.lastName) ?? '',
    company: str(a.company) ?? null,
    address1: str(a.address1) ?? '',
    address2: str(a.address2) ?? null,
    city: str(a.city) ?? '',
    province: str(a.province) ?? str(a.provinceCode) ?? str(a.zoneCode) ?? '',
    provinceCode: str(a.provinceCode) ?? str(a.zoneCode) ?? '',
    country: str(a.country) ?? (str(a.countryCode) === 'US' ? 'United States' : (str(a.countryCode) ?? '')),
    countryCode: str(a.countryCode) ?? 'US',
    zip: str(a.zip) ?? '',
    phone: str(a.phone) ?? null,
  };
}

/** InventoryItemInput → the fields the emulator keeps (a key given as null clears it). */
function inventoryItemFrom(v: unknown): InventoryItemInput {
  const o = asObj(v);
  const out: InventoryItemInput = {};
  for (const k of ['sku', 'harmonizedSystemCode', 'countryCodeOfOrigin', 'provinceCodeOfOrigin'] as const) if (k in o) out[k] = str(o[k]) ?? null;
  return out;
}

/** ProductVariantSetInput / ProductVariantsBulkInput → the domain's variant input. */
function variantFrom(v: Obj): VariantInput {
  const title = asArr(v.optionValues)
    .map((x) => str(x.name))
    .filter((x): x is string => x !== undefined && x !== '')
    .join(' / ');
  const item = 'inventoryItem' in v ? inventoryItemFrom(v.inventoryItem) : undefined;
  const sku = str(v.sku) ?? (item?.sku === undefined ? undefined : (item.sku ?? ''));
  const price = v.price;
  return {
    ...(title ? { title } : {}),
    ...(sku !== undefined ? { sku } : {}),
    ...(typeof price === 'string' || typeof price === 'number' ? { priceCents: toCents(price) } : {}),
    ...('barcode' in v ? { barcode: str(v.barcode) ?? null } : {}),
    ...(item ? { inventoryItem: item } : {}),
  };
}

/** OrderCreateTaxLineInput → the domain's tax line (its price is worked out when not given). */
function taxLinesFrom(v: unknown): TaxLineInput[] {
  return asArr(v).map((t) => {
    const price = money(t.priceSet);
    return {
      title: str(t.title) ?? 'Tax',
      rate: Number(t.rate ?? 0),
      ...(price !== undefined ? { priceCents: price } : {}),
      ...(typeof t.channelLiable === 'boolean' ? { channelLiable: t.channelLiable } : {}),
    };
  });
}

/** OrderCreateDiscountCodeInput: exactly one of its three kinds. */
function discountCodeFrom(v: unknown): DiscountCodeInput | null {
  const d = asObj(v);
  const fixed = asObj(d.itemFixedDiscountCode);
  const pct = asObj(d.itemPercentageDiscountCode);
  const ship = asObj(d.freeShippingDiscountCode);
  const given = [fixed, pct, ship].filter((x) => Object.keys(x).length > 0);
  if (given.length === 0) return null;
  if (given.length > 1) throw new DomainError('Only one discount code type can be specified', ['order', 'discountCode'], 'INVALID');
  if (Object.keys(fixed).length > 0) return { type: 'fixed_amount', code: str(fixed.code) ?? '', amountCents: money(fixed.amountSet) ?? 0 };
  if (Object.keys(pct).length > 0) return { type: 'percentage', code: str(pct.code) ?? '', percentage: num(pct.percentage) ?? 0 };
  return { type: 'shipping', code: str(ship.code) ?? '' };
}

/** Webhook addresses: HTTPS as on Shopify, plus loopback HTTP (sandbox), Pub/Sub and EventBridge. */
function acceptableUri(uri: string): boolean {
  if (/^(pubsub:\/\/|arn:aws:events:)/.test(uri)) return true;
  try {
    const u = new URL(uri);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export function createRoot(d: RootDeps): { query: Obj; mutation: Obj } {
  const { s, views: v } = d;
  const search = <T>(path: string, items: readonly T[], args: Args, lookup: Parameters<typeof applySearch<T>>[2], text: (t: T) => string[]): T[] => {
    const q = str(args.query);
    const r = applySearch(items, q, lookup, text);
    if (q && r.warnings.length > 0) d.searchWarning(path, q, r.warnings);
    return r.items;
  };
  const typed = (type: string) => (args: Args) => (idOf(args.id, type) === null ? null : v.node(args.id));
  const shopView = (): View => ({
    __typename: 'Shop',
    id: `gid://shopify/Shop/${d.shopId}`,
    name: d.shopDomain.split('.')[0]?.replace(/^./, (c) => c.toUpperCase()) ?? 'Shop',
    email: `owner@${d.shopDomain}`,
    contactEmail: `support@${d.shopDomain}`,
    myshopifyDomain: d.shopDomain,
    url: `https://${d.shopDomain}`,
    primaryDomain: { id: 'gid://shopify/Domain/1', host: d.shopDomain, url: `https://${d.shopDomain}`, sslEnabled: true },
    currencyCode: 'USD',
    enabledPresentmentCurrencies: ['USD'],
    ianaTimezone: 'America/New_York',
    timezoneAbbreviation: 'EDT',
    timezoneOffset: '-0400',
    timezoneOffsetMinutes: -240,
    plan: { partnerDevelopment: false, publicDisplayName: 'Shopify Plus', shopifyPlus: true },
    weightUnit: 'KILOGRAMS',
    unitSystem: 'METRIC_SYSTEM',
    taxesIncluded: false,
    taxShipping: false,
    orderNumberFormatPrefix: '#',
    orderNumberFormatSuffix: '',
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    shopOwnerName: 'Acme Admin',
    description: null,
    createdAt: '2024-01-15T15:00:00Z',
    updatedAt: '2026-07-01T12:00:00Z',
    metafield: () => null,
    metafields: (args: PageArgs) =>
      paginate(
        [],
        args,
        (x: { id: number }) => [x.id, x.id],
        (x) => x,
      ),
  });

  const query: Obj = {
    shop: shopView,
    node: (args: Args) => v.node(args.id),
    nodes: (args: Args) => (Array.isArray(args.ids) ? args.ids.map((id) => v.node(id)) : []),
    order: typed('Order'),
    orders: (args: Args) => v.orders(args),
    customer: typed('Customer'),
    customers: (args: Args) =>
      sortedConnection(
        s.customers,
        args,
        {
          sort: genericSortSpec(str(args.sortKey), (c) => `${c.lastName} ${c.firstName}`),
          lookup: customerFields,
          text: (c) => [c.email, c.firstName, c.lastName],
          onWarnings: (q, w) => d.searchWarning('customers', q, w),
        },
        v.customer,
      ),
    company: typed('Company'),
    companies: (args: Args) =>
      paginate(
        search('companies', s.data.companies, args, companyFields(), (c) => [c.name, c.externalId ?? '']),
        args,
        genericSort(str(args.sortKey), (c) => c.name),
        v.company,
      ),
    companyLocation: typed('CompanyLocation'),
    companyContact: typed('CompanyContact'),
    product: typed('Product'),
    productVariant: typed('ProductVariant'),
    inventoryItem: typed('InventoryItem'),
    products: (args: Args) =>
      paginate(
        search('products', s.data.products, args, productFields, (p) => [p.title, p.vendor, p.productType, ...p.tags]),
        args,
        genericSort(str(args.sortKey), (p) => p.title),
        v.product,
      ),
    return: typed('Return'),
    refund: typed('Refund'),
    fulfillment: typed('Fulfillment'),
    fulfillmentOrder: typed('FulfillmentOrder'),
    dispute: typed('ShopifyPaymentsDispute'),
    disputes: (args: Args) =>
      sortedConnection(
        s.disputes,
        args,
        { sort: DISPUTE_SORT, lookup: disputeFields, text: (x) => [x.reason], onWarnings: (q, w) => d.searchWarning('disputes', q, w) },
        v.dispute,
      ),
    shopifyPaymentsAccount: () => ({
      __typename: 'ShopifyPaymentsAccount',
      id: `gid://shopify/ShopifyPaymentsAccount/${d.shopId}`,
      activated: true,
      onboardable: false,
      country: 'US',
      defaultCurrency: 'USD',
      accountOpenerName: 'Acme Admin',
      balance: [],
      disputes: (args: Args) =>
        sortedConnection(
          s.disputes,
          args,
          {
            sort: DISPUTE_SORT,
            lookup: disputeFields,
            text: (x) => [x.reason],
            onWarnings: (q, w) => d.searchWarning('shopifyPaymentsAccount.disputes', q, w),
          },
          v.dispute,
        ),
    }),
    webhookSubscription: typed('WebhookSubscription'),
    webhookSubscriptions: (args: Args) => {
      const topics = Array.isArray(args.topics) ? (args.topics as string[]).map(topicToSlash) : null;
      const uri = str(args.uri) ?? str(args.callbackUrl);
      const subs = s.data.webhookSubscriptions.filter((w) => !w.appLevel && (!topics || topics.includes(w.topic)) && (!uri || w.uri === uri));
      return paginate(subs, args, (w) => (args.sortKey === 'CREATED_AT' ? [w.createdAt, w.id] : [w.id, w.id]), v.webhookSubscription);
    },
    bulkOperation: typed('BulkOperation'),
    currentBulkOperation: (args: Args) => {
      const type = (str(args.type) ?? 'QUERY').toLowerCase();
      const ops = s.data.bulkOperations.filter((b) => b.type === type);
      const last = ops[ops.length - 1];
      return last ? v.bulkOperation(last) : null;
    },
  };

  const orderOf = (gid: unknown, field: string[]) => {
    const o = s.orders.get(idOf(gid, 'Order') ?? -1);
    if (!o) throw new DomainError('Order does not exist', field, 'NOT_FOUND');
    return o;
  };

  const sendCustomer = (emit: Emit, c: Parameters<typeof restCustomer>[0], created: boolean) =>
    emit(created ? 'customers/create' : 'customers/update', restCustomer(c));

  const mutation: Obj = {
    orderCreate: (args: Args) => {
      const input = asObj(args.order);
      const emit = d.action();
      try {
        const at = s.now();
        let customerId: number | null = idOf(input.customerId, 'Customer');
        const cust = asObj(input.customer);
        const assoc = asObj(cust.toAssociate);
        const upsert = asObj(cust.toUpsert);
        let newCustomer: ReturnType<typeof createCustomer> | undefined;
        if (customerId === null && Object.keys(assoc).length > 0) {
          customerId = idOf(assoc.id, 'Customer') ?? s.data.customers.find((c) => c.email === str(assoc.email))?.id ?? null;
          if (customerId === null) throw new DomainError('Customer does not exist', ['order', 'customer', 'toAssociate'], 'INVALID');
        }
        if (customerId === null && Object.keys(upsert).length > 0) {
          const existing = s.data.customers.find((c) => c.email === str(upsert.email));
          if (existing) customerId = existing.id;
          else {
            const ci: CustomerInput = {
              email: str(upsert.email) ?? `guest-${at}@example.com`,
              firstName: str(upsert.firstName) ?? '',
              lastName: str(upsert.lastName) ?? '',
              phone: str(upsert.phone) ?? null,
              tags: (upsert.tags as string[] | undefined) ?? [],
              note: str(upsert.note) ?? null,
            };
            newCustomer = createCustomer(s, ci, at);
            customerId = newCustomer.id;
          }
        }
        if (customerId === null && str(input.email)) customerId = s.data.customers.find((c) => c.email === str(input.email))?.id ?? null;
        const locationId = idOf(input.companyLocationId, 'CompanyLocation');
        const shipping = asArr(input.shippingLines)[0];
        const orderTax = asArr(input.taxLines)[0];
        const taxRate = orderTax?.rate;
        const fin = str(input.financialStatus)?.toLowerCase() as FinancialStatus | undefined;
        const oi: OrderInput = {
          customerId,
          email: str(input.email) ?? null,
          company: locationId === null ? null : { locationId },
          lineItems: asArr(input.lineItems).map((li) => ({
            variantId: idOf(li.variantId, 'ProductVariant'),
            productId: idOf(li.productId, 'Product'),
            title: str(li.title),
            sku: str(li.sku) ?? null,
            quantity: num(li.quantity) ?? 0,
            priceCents: money(li.priceSet),
            variantTitle: str(li.variantTitle) ?? null,
            vendor: str(li.vendor) ?? null,
            properties: asArr(li.properties).map((p) => ({ name: String(p.name), value: String(p.value) })),
            ...(Array.isArray(li.taxLines) ? { taxLines: taxLinesFrom(li.taxLines) } : {}),
          })),
          discountCode: discountCodeFrom(input.discountCode),
          shippingTaxLines: taxLinesFrom(shipping?.taxLines),
          tags: (input.tags as string[] | undefined) ?? [],
          note: str(input.note) ?? null,
          noteAttributes: asArr(input.customAttributes).map((a) => ({ name: String(a.key), value: String(a.value) })),
          poNumber: str(input.poNumber) ?? null,
          ...(fin ? { financialStatus: fin } : {}),
          shippingCents: shipping ? (money(shipping.priceSet) ?? 0) : 0,
          shippingTitle: str(shipping?.title) ?? 'Standard',
          ...(typeof taxRate === 'string' || typeof taxRate === 'number' ? { taxRate: Number(taxRate) } : {}),
          ...(str(orderTax?.title) ? { taxTitle: str(orderTax?.title) } : {}),
          currency: str(input.currency) ?? 'USD',
          billingAddress: addressFrom(input.billingAddress),
          shippingAddress: addressFrom(input.shippingAddress),
          ...(str(input.name) ? { name: str(input.name) } : {}),
          ...(str(input.processedAt) ? { processedAt: Date.parse(str(input.processedAt) ?? '') } : {}),
        };
        const { order, fulfillmentOrder } = createOrder(s, oi, at);
        if (str(input.fulfillmentStatus) === 'FULFILLED') createFulfillment(s, [{ fulfillmentOrder, lineItems: null }], {}, at);
        s.save();
        if (newCustomer) sendCustomer(emit, newCustomer, true);
        emit('orders/create', restOrder(s, order));
        if (order.financialStatus === 'paid') emit('orders/paid', restOrder(s, order));
        return { order: v.order(order), userErrors: [] };
      } catch (err) {
        return { order: null, userErrors: [userError(err)] };
      }
    },

    orderUpdate: (args: Args) => {
      const input = asObj(args.input);
      try {
        const o = orderOf(input.id, ['id']);
        if (Array.isArray(input.tags)) o.tags = input.tags.map(String);
        if ('note' in input) o.note = str(input.note) ?? null;
        if ('email' in input) o.email = str(input.email) ?? null;
        if ('phone' in input) o.phone = str(input.phone) ?? null;
        if ('poNumber' in input) o.poNumber = str(input.poNumber) ?? null;
        if (Array.isArray(input.customAttributes))
          o.noteAttributes = asArr(input.customAttributes).map((a) => ({ name: String(a.key), value: String(a.value) }));
        if (input.shippingAddress) o.shippingAddress = addressFrom(input.shippingAddress);
        touchOrder(o, s.now());
        s.save();
        d.action()('orders/updated', restOrder(s, o));
        return { order: v.order(o), userErrors: [] };
      } catch (err) {
        return { order: null, userErrors: [userError(err, false)] };
      }
    },

    orderCancel: (args: Args) => {
      try {
        const o = orderOf(args.orderId, ['orderId']);
        const refund = cancelOrder(
          s,
          o,
          { reason: str(args.reason) ?? 'OTHER', refund: args.refund !== false, restock: args.restock === true, staffNote: str(args.staffNote) ?? null },
          s.now(),
        );
        s.save();
        const emit = d.action();
        emit('orders/cancelled', restOrder(s, o));
        if (refund) emit('refunds/create', restRefund(s, refund));
        emit('orders/updated', restOrder(s, o));
        return { job: { id: `gid://shopify/Job/${o.id}-cancel`, done: true, query: null }, orderCancelUserErrors: [], userErrors: [] };
      } catch (err) {
        const e = userError(err);
        return { job: null, orderCancelUserErrors: [e], userErrors: [{ field: e.field, message: e.message }] };
      }
    },

    refundCreate: (args: Args) => {
      const input = asObj(args.input);
      try {
        const o = orderOf(input.orderId, ['orderId']);
        const ship = asObj(input.shipping);
        const priced = orderPricing(o);
        // A full shipping refund returns what was charged for shipping, with its taxes.
        const full = ship.fullRefund === true;
        const shippingCents = full ? priced.shippingDiscountedCents : ship.amount != null ? toCents(String(ship.amount)) : 0;
        const transactions = asArr(input.transactions);
        const parentId = transactions.map((t) => idOf(t.parentId, 'OrderTransaction')).find((x) => x !== null);
        const refund = createRefund(
          s,
          o,
          {
            lineItems: asArr(input.refundLineItems).map((l) => ({
              lineItemId: idOf(l.lineItemId, 'LineItem') ?? -1,
              quantity: num(l.quantity) ?? 0,
              restockType: (str(l.restockType) ?? 'NO_RESTOCK').toLowerCase(),
            })),
            note: str(input.note) ?? null,
            shippingCents,
            ...(full ? { shippingTaxCents: priced.shippingTaxCents } : {}),
            gateway: str(transactions[0]?.gateway) ?? 'shopify_payments',
            ...(transactions.length > 0 ? { amountCents: transactions.reduce((a, t) => a + toCents(String(t.amount ?? 0)), 0) } : {}),
            ...(parentId != null ? { parentTransactionId: parentId } : {}),
            discrepancyReason: str(input.discrepancyReason)?.toLowerCase() ?? null,
          },
          s.now(),
        );
        s.save();
        const emit = d.action();
        emit('refunds/create', restRefund(s, refund));
        emit('orders/updated', restOrder(s, o));
        return { refund: v.refund(refund), order: v.order(o), userErrors: [] };
      } catch (err) {
        return { refund: null, order: null, userErrors: [userError(err, false)] };
      }
    },

    returnRequest: (args: Args) => {
      const input = asObj(args.input);
      try {
        const o = orderOf(input.orderId, ['input', 'orderId']);
        const ret = requestReturn(
          s,
          o,
          asArr(input.returnLineItems).map((l) => ({
            fulfillmentLineItemId: idOf(l.fulfillmentLineItemId, 'FulfillmentLineItem') ?? -1,
            quantity: num(l.quantity) ?? 0,
            reason: str(l.returnReason) ?? 'UNKNOWN',
            customerNote: str(l.customerNote) ?? null,
          })),
          s.now(),
        );
        s.save();
        d.action()('returns/request', restReturn(s, ret));
        return { return: v.returnView(ret), userErrors: [] };
      } catch (err) {
        return { return: null, userErrors: [userError(err)] };
      }
    },

    returnApproveRequest: (args: Args) => returnTransition(asObj(args.input).id, 'open', 'returns/approve'),
    returnClose: (args: Args) => returnTransition(args.id, 'closed', 'returns/close'),
    returnDeclineRequest: (args: Args) => {
      const input = asObj(args.input);
      return returnTransition(input.id, 'declined', 'returns/decline', (ret) => {
        ret.decline = { reason: (str(input.declineReason) ?? 'OTHER').toLowerCase(), note: str(input.declineNote) ?? null };
      });
    },
    returnCancel: (args: Args) => returnTransition(args.id, 'canceled', 'returns/cancel'),

    returnReopen: (args: Args) => {
      const ret = s.returns.get(idOf(args.id, 'Return') ?? -1);
      if (!ret) return { return: null, userErrors: [{ field: ['id'], message: 'Return does not exist.', code: 'NOT_FOUND' }] };
      try {
        reopenReturn(s, ret, s.now());
        s.save();
        d.action()('returns/reopen', restReturn(s, ret, true));
        return { return: v.returnView(ret), userErrors: [] };
      } catch (err) {
        return { return: null, userErrors: [userError(err)] };
      }
    },

    returnProcess: (args: Args) => {
      const input = asObj(args.input);
      const ret = s.returns.get(idOf(input.returnId, 'Return') ?? -1);
      if (!ret) return { return: null, userErrors: [{ field: ['input', 'returnId'], message: 'Return does not exist.', code: 'NOT_FOUND' }] };
      const order = s.orders.get(ret.orderId);
      if (!order) return { return: null, userErrors: [{ field: ['input', 'returnId'], message: 'Order does not exist.', code: 'NOT_FOUND' }] };
      // Undone when the refund is refused, so a failed call changes nothing.
      const before = structuredClone(ret);
      try {
        const at = s.now();
        const r = processReturn(
          s,
          ret,
          asArr(input.returnLineItems).map((l) => ({ id: idOf(l.id, 'ReturnLineItem') ?? -1, quantity: num(l.quantity) ?? 0 })),
          at,
        );
        const issue = asObj(asObj(input.financialTransfer).issueRefund);
        const transactions = asArr(issue.orderTransactions);
        const ship = asObj(input.refundShipping);
        const priced = orderPricing(order);
        const fullShipping = ship.fullRefund === true;
        const shippingCents = fullShipping ? priced.shippingDiscountedCents : (money(ship.shippingRefundAmount) ?? 0);
        const refund =
          transactions.length > 0 || shippingCents > 0
            ? createRefund(
                s,
                order,
                {
                  lineItems: r.processed.map((p) => ({ lineItemId: p.line.lineItemId, quantity: p.quantity, restockType: 'return' })),
                  note: str(input.note) ?? null,
                  returnId: ret.id,
                  shippingCents,
                  ...(fullShipping ? { shippingTaxCents: priced.shippingTaxCents } : {}),
                  ...(transactions.length > 0 ? { amountCents: transactions.reduce((a, t) => a + (money(t.transactionAmount) ?? 0), 0) } : {}),
                  ...(transactions.length > 0 ? { parentTransactionId: idOf(transactions[0]?.parentId, 'OrderTransaction') } : {}),
                },
                at,
              )
            : null;
        s.save();
        const emit = d.action();
        emit('returns/process', restReturn(s, ret, true));
        if (refund) emit('refunds/create', restRefund(s, refund));
        if (r.closed) emit('returns/close', restReturn(s, ret, true));
        emit('orders/updated', restOrder(s, order));
        return { return: v.returnView(ret), userErrors: [] };
      } catch (err) {
        Object.assign(ret, before);
        return { return: null, userErrors: [userError(err)] };
      }
    },

    fulfillmentEventCreate: (args: Args) => {
      const input = asObj(args.fulfillmentEvent);
      const f = s.fulfillments.get(idOf(input.fulfillmentId, 'Fulfillment') ?? -1);
      if (!f) return { fulfillmentEvent: null, userErrors: [{ field: ['fulfillmentEvent', 'fulfillmentId'], message: 'Fulfillment does not exist.' }] };
      const at = s.now();
      const dateOf = (x: unknown): number | null => (str(x) ? Date.parse(str(x) ?? '') : null);
      const ev = addFulfillmentEvent(
        s,
        f,
        {
          status: str(input.status) ?? 'CONFIRMED',
          message: str(input.message) ?? null,
          estimatedDeliveryAt: dateOf(input.estimatedDeliveryAt),
          happenedAt: dateOf(input.happenedAt) ?? at,
          city: str(input.city) ?? null,
          province: str(input.province) ?? null,
          country: str(input.country) ?? null,
          zip: str(input.zip) ?? null,
          address1: str(input.address1) ?? null,
          latitude: num(input.latitude) ?? null,
          longitude: num(input.longitude) ?? null,
        },
        at,
      );
      s.save();
      const emit = d.action();
      emit('fulfillment_events/create', restFulfillmentEvent(s, f, ev, d.shopId));
      emit('fulfillments/update', restFulfillment(s, f, true));
      const order = s.orders.get(f.orderId);
      if (order) emit('orders/updated', restOrder(s, order));
      return { fulfillmentEvent: v.fulfillmentEvent(ev), userErrors: [] };
    },

    fulfillmentOrderHold: (args: Args) => {
      const hold = asObj(args.fulfillmentHold);
      const fo = s.fulfillmentOrders.get(idOf(args.id, 'FulfillmentOrder') ?? -1);
      if (!fo)
        return {
          fulfillmentHold: null,
          fulfillmentOrder: null,
          remainingFulfillmentOrder: null,
          userErrors: [{ field: ['id'], message: 'Fulfillment order does not exist.', code: 'FULFILLMENT_ORDER_NOT_FOUND' }],
        };
      try {
        const r = holdFulfillmentOrder(
          s,
          fo,
          { reason: str(hold.reason) ?? 'OTHER', reasonNotes: str(hold.reasonNotes) ?? null, handle: str(hold.handle) ?? null },
          s.now(),
        );
        s.save();
        const emit = d.action();
        emit('fulfillment_holds/added', restFulfillmentHold(fo, r.hold));
        if (r.firstHold) emit('fulfillment_orders/placed_on_hold', restPlacedOnHold(fo, r.hold));
        return {
          fulfillmentHold: {
            id: `gid://shopify/FulfillmentHold/${r.hold.id}`,
            reason: r.hold.reason.toUpperCase(),
            reasonNotes: r.hold.reasonNotes,
            handle: r.hold.handle,
            displayReason: r.hold.reason,
            heldByRequestingApp: true,
          },
          fulfillmentOrder: v.fulfillmentOrder(fo),
          remainingFulfillmentOrder: null,
          userErrors: [],
        };
      } catch (err) {
        return { fulfillmentHold: null, fulfillmentOrder: null, remainingFulfillmentOrder: null, userErrors: [userError(err)] };
      }
    },

    fulfillmentOrderReleaseHold: (args: Args) => {
      const fo = s.fulfillmentOrders.get(idOf(args.id, 'FulfillmentOrder') ?? -1);
      if (!fo)
        return { fulfillmentOrder: null, userErrors: [{ field: ['id'], message: 'Fulfillment order does not exist.', code: 'FULFILLMENT_ORDER_NOT_FOUND' }] };
      try {
        const holdIds = Array.isArray(args.holdIds) ? args.holdIds.map((h) => idOf(h, 'FulfillmentHold') ?? -1) : null;
        const r = releaseHolds(s, fo, holdIds, s.now());
        s.save();
        const emit = d.action();
        for (const h of r.released) emit('fulfillment_holds/released', restFulfillmentHold(fo, h));
        if (r.allReleased) emit('fulfillment_orders/hold_released', restHoldReleased(fo));
        return { fulfillmentOrder: v.fulfillmentOrder(fo), userErrors: [] };
      } catch (err) {
        return { fulfillmentOrder: null, userErrors: [userError(err)] };
      }
    },

    fulfillmentCreate: (args: Args) => {
      const input = asObj(args.fulfillment);
      try {
        const items = asArr(input.lineItemsByFulfillmentOrder).map((x) => {
          const fo = s.fulfillmentOrders.get(idOf(x.fulfillmentOrderId, 'FulfillmentOrder') ?? -1);
          if (!fo) throw new DomainError('Fulfillment order does not exist.', ['fulfillment', 'lineItemsByFulfillmentOrder']);
          const lines = Array.isArray(x.fulfillmentOrderLineItems)
            ? asArr(x.fulfillmentOrderLineItems).map((l) => ({ id: idOf(l.id, 'FulfillmentOrderLineItem') ?? -1, quantity: num(l.quantity) ?? 0 }))
            : null;
          return { fulfillmentOrder: fo, lineItems: lines };
        });
        const tracking = asObj(input.trackingInfo);
        const { fulfillment, order } = createFulfillment(
          s,
          items,
          { company: str(tracking.company) ?? null, number: str(tracking.number) ?? null, url: str(tracking.url) ?? null },
          s.now(),
        );
        s.save();
        const emit = d.action();
        emit('fulfillments/create', restFulfillment(s, fulfillment, true));
        emit(s.fulfillmentStatus(order) === 'fulfilled' ? 'orders/fulfilled' : 'orders/partially_fulfilled', restOrder(s, order));
        emit('orders/updated', restOrder(s, order));
        return { fulfillment: v.fulfillment(fulfillment), userErrors: [] };
      } catch (err) {
        return { fulfillment: null, userErrors: [userError(err, false)] };
      }
    },

    productCreate: (args: Args) => {
      const input = { ...asObj(args.input), ...asObj(args.product) };
      try {
        const p = createProduct(
          s,
          {
            title: str(input.title) ?? '',
            ...(str(input.handle) ? { handle: str(input.handle) } : {}),
            bodyHtml: str(input.descriptionHtml) ?? '',
            productType: str(input.productType) ?? '',
            vendor: str(input.vendor) ?? 'Acme Industrial',
            status: (str(input.status) ?? 'ACTIVE').toLowerCase() as 'active' | 'draft' | 'archived',
            tags: Array.isArray(input.tags) ? input.tags.map(String) : [],
            metafields: asArr(input.metafields).map((m) => ({
              namespace: str(m.namespace) ?? 'custom',
              key: str(m.key) ?? '',
              type: str(m.type) ?? 'single_line_text_field',
              value: str(m.value) ?? '',
            })),
          },
          s.now(),
        );
        s.save();
        d.action()('products/create', restProduct(p));
        return { product: v.product(p), shop: query.shop, userErrors: [] };
      } catch (err) {
        return { product: null, shop: query.shop, userErrors: [userError(err, false)] };
      }
    },

    productUpdate: (args: Args) => {
      const input = { ...asObj(args.input), ...asObj(args.product) };
      const p = s.products.get(idOf(input.id ?? asObj(args.identifier).id, 'Product') ?? -1);
      if (!p) return { product: null, userErrors: [{ field: ['id'], message: 'Product does not exist' }] };
      const at = s.now();
      if (str(input.title)) p.title = str(input.title) ?? p.title;
      if ('descriptionHtml' in input) p.bodyHtml = str(input.descriptionHtml) ?? '';
      if ('productType' in input) p.productType = str(input.productType) ?? '';
      if ('vendor' in input) p.vendor = str(input.vendor) ?? p.vendor;
      if (str(input.status)) p.status = (str(input.status) ?? 'active').toLowerCase() as 'active' | 'draft' | 'archived';
      if (Array.isArray(input.tags)) p.tags = input.tags.map(String);
      if (str(input.handle)) p.handle = str(input.handle) ?? p.handle;
      if (Array.isArray(input.metafields))
        setMetafields(
          s,
          p,
          asArr(input.metafields).map((m) => ({
            namespace: str(m.namespace) ?? 'custom',
            key: str(m.key) ?? '',
            ...(str(m.type) ? { type: str(m.type) } : {}),
            value: str(m.value) ?? '',
          })),
          at,
        );
      p.updatedAt = at;
      s.save();
      d.action()('products/update', restProduct(p));
      return { product: v.product(p), userErrors: [] };
    },

    // The customs data of a variant's inventory item (job 5 reads it): Shopify sends inventory_items/update.
    inventoryItemUpdate: (args: Args) => {
      const found = v.byInventoryItem(idOf(args.id, 'InventoryItem') ?? -1);
      if (!found) return { inventoryItem: null, userErrors: [{ field: ['id'], message: 'Inventory item does not exist' }] };
      try {
        updateInventoryItem(found.v, inventoryItemFrom(args.input), s.now());
        s.save();
        d.action()('inventory_items/update', restInventoryItem(found.v));
        return { inventoryItem: v.inventoryItem(found.p, found.v), userErrors: [] };
      } catch (err) {
        return { inventoryItem: null, userErrors: [userError(err, false)] };
      }
    },

    productVariantsBulkUpdate: (args: Args) => {
      const p = s.products.get(idOf(args.productId, 'Product') ?? -1);
      if (!p)
        return {
          product: null,
          productVariants: null,
          userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
        };
      const inputs = asArr(args.variants);
      const at = s.now();
      const targets = inputs.map((input, i) => {
        const target = p.variants.find((x) => x.id === idOf(input.id, 'ProductVariant'));
        return { input, i, target };
      });
      const unknown = targets.find((t) => !t.target);
      if (unknown)
        return {
          product: v.product(p),
          productVariants: null,
          userErrors: [{ field: ['variants', String(unknown.i), 'id'], message: 'Product variant does not exist', code: 'PRODUCT_VARIANT_DOES_NOT_EXIST' }],
        };
      try {
        for (const t of targets) if (t.target) updateVariant(t.target, variantFrom(t.input), at, ['variants', String(t.i)]);
      } catch (err) {
        return { product: v.product(p), productVariants: null, userErrors: [userError(err)] };
      }
      p.updatedAt = at;
      s.save();
      d.action()('products/update', restProduct(p));
      return { product: v.product(p), productVariants: targets.flatMap((t) => (t.target ? [v.variant(p, t.target)] : [])), userErrors: [] };
    },

    productVariantsBulkCreate: (args: Args) => {
      const p = s.products.get(idOf(args.productId, 'Product') ?? -1);
      if (!p)
        return {
          product: null,
          productVariants: null,
          userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
        };
      const at = s.now();
      try {
        const created = asArr(args.variants).map((input, i) => newVariant(s, variantFrom(input), p.variants.length + i + 1, at, ['variants', String(i)]));
        // REMOVE_STANDALONE_VARIANT: the product's lone "Default Title" variant goes (the new ones replace it).
        const standalone = p.variants.length === 1 && p.variants[0]?.title === 'Default Title';
        if (args.strategy === 'REMOVE_STANDALONE_VARIANT' && standalone) p.variants = [];
        p.variants.push(...created);
        p.variants.forEach((x, i) => (x.position = i + 1));
        p.updatedAt = at;
        s.save();
        d.action()('products/update', restProduct(p));
        return { product: v.product(p), productVariants: created.map((x) => v.variant(p, x)), userErrors: [] };
      } catch (err) {
        return { product: v.product(p), productVariants: null, userErrors: [userError(err)] };
      }
    },

    // A product and its variants in one call (create, or replace by identifier): products/create or products/update.
    productSet: (args: Args) => {
      const input = asObj(args.input);
      const id = idOf(asObj(args.identifier).id ?? input.id, 'Product');
      const at = s.now();
      const variantsIn = Array.isArray(input.variants) ? asArr(input.variants) : undefined;
      try {
        if (id === null) {
          if (!variantsIn || variantsIn.length === 0)
            return {
              product: null,
              productSetOperation: null,
              userErrors: [{ field: ['input', 'variants'], message: 'Variants input is required', code: 'VARIANTS_INPUT_MISSING' }],
            };
          const p = createProduct(
            s,
            {
              title: str(input.title) ?? '',
              ...(str(input.handle) ? { handle: str(input.handle) } : {}),
              bodyHtml: str(input.descriptionHtml) ?? '',
              productType: str(input.productType) ?? '',
              vendor: str(input.vendor) ?? 'Acme Industrial',
              status: (str(input.status) ?? 'ACTIVE').toLowerCase() as 'active' | 'draft' | 'archived',
              tags: Array.isArray(input.tags) ? input.tags.map(String) : [],
              optionName: str(asArr(input.productOptions)[0]?.name) ?? 'Title',
              variants: variantsIn.map((x) => {
                const vi = variantFrom(x);
                return { ...vi, title: vi.title ?? 'Default Title', sku: vi.sku ?? '', priceCents: vi.priceCents ?? 0 };
              }),
              metafields: asArr(input.metafields).map((m) => ({
                namespace: str(m.namespace) ?? 'custom',
                key: str(m.key) ?? '',
                type: str(m.type) ?? 'single_line_text_field',
                value: str(m.value) ?? '',
              })),
            },
            at,
          );
          s.save();
          d.action()('products/create', restProduct(p));
          return { product: v.product(p), productSetOperation: null, userErrors: [] };
        }
        const p = s.products.get(id);
        if (!p)
          return {
            product: null,
            productSetOperation: null,
            userErrors: [{ field: ['identifier', 'id'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
          };
        if (str(input.title)) p.title = str(input.title) ?? p.title;
        if ('descriptionHtml' in input) p.bodyHtml = str(input.descriptionHtml) ?? '';
        if ('productType' in input) p.productType = str(input.productType) ?? '';
        if ('vendor' in input) p.vendor = str(input.vendor) ?? p.vendor;
        if (str(input.status)) p.status = (str(input.status) ?? 'active').toLowerCase() as 'active' | 'draft' | 'archived';
        if (Array.isArray(input.tags)) p.tags = input.tags.map(String);
        if (Array.isArray(input.metafields))
          setMetafields(
            s,
            p,
            asArr(input.metafields).map((m) => ({
              namespace: str(m.namespace) ?? 'custom',
              key: str(m.key) ?? '',
              ...(str(m.type) ? { type: str(m.type) } : {}),
              value: str(m.value) ?? '',
            })),
            at,
          );
        if (variantsIn) {
          // The list given is the product's variants: listed ids are updated, new ones created, the rest removed.
          p.variants = variantsIn.map((x, i) => {
            const field = ['input', 'variants', String(i)];
            const known = p.variants.find((y) => y.id === idOf(x.id, 'ProductVariant'));
            if (known) {
              updateVariant(known, variantFrom(x), at, field);
              known.position = i + 1;
              return known;
            }
            return newVariant(s, variantFrom(x), i + 1, at, field);
          });
        }
        p.updatedAt = at;
        s.save();
        d.action()('products/update', restProduct(p));
        return { product: v.product(p), productSetOperation: null, userErrors: [] };
      } catch (err) {
        return { product: null, productSetOperation: null, userErrors: [userError(err)] };
      }
    },

    companyCreate: (args: Args) => {
      const input = asObj(args.input);
      const c = asObj(input.company);
      const emit = d.action();
      try {
        const at = s.now();
        const company = createCompany(
          s,
          {
            name: str(c.name) ?? '',
            externalId: str(c.externalId) ?? null,
            note: str(c.note) ?? null,
            ...(str(c.customerSince) ? { customerSince: Date.parse(str(c.customerSince) ?? '') } : {}),
          },
          at,
        );
        const created: Array<[string, Record<string, unknown>]> = [];
        if (input.companyLocation) {
          const loc = createCompanyLocation(s, company, locationInput(asObj(input.companyLocation), company), at);
          created.push(['company_locations/create', restCompanyLocation(loc, company)]);
        }
        if (input.companyContact) {
          const r = createCompanyContact(s, company, contactInput(asObj(input.companyContact), at), at);
          if (r.customerCreated) created.push(['customers/create', restCustomer(r.customer)]);
          created.push(['company_contacts/create', restCompanyContact(r.contact, company)]);
        }
        s.save();
        emit('companies/create', restCompany(company));
        for (const [topic, payload] of created) emit(topic, payload);
        return { company: v.company(company), userErrors: [] };
      } catch (err) {
        return { company: null, userErrors: [userError(err)] };
      }
    },

    companyUpdate: (args: Args) => {
      const company = s.companies.get(idOf(args.companyId, 'Company') ?? -1);
      if (!company) return { company: null, userErrors: [{ field: ['companyId'], message: 'Resource requested does not exist.', code: 'RESOURCE_NOT_FOUND' }] };
      const c = asObj(args.input);
      if (str(c.name)) company.name = str(c.name) ?? company.name;
      if ('externalId' in c) company.externalId = str(c.externalId) ?? null;
      if ('note' in c) company.note = str(c.note) ?? null;
      if (str(c.customerSince)) company.customerSince = Date.parse(str(c.customerSince) ?? '');
      company.updatedAt = s.now();
      s.save();
      d.action()('companies/update', restCompany(company));
      return { company: v.company(company), userErrors: [] };
    },

    companyLocationCreate: (args: Args) => {
      const company = s.companies.get(idOf(args.companyId, 'Company') ?? -1);
      if (!company)
        return { companyLocation: null, userErrors: [{ field: ['companyId'], message: 'Resource requested does not exist.', code: 'RESOURCE_NOT_FOUND' }] };
      const loc = createCompanyLocation(s, company, locationInput(asObj(args.input), company), s.now());
      s.save();
      d.action()('company_locations/create', restCompanyLocation(loc, company));
      return { companyLocation: v.location(loc), userErrors: [] };
    },

    companyContactCreate: (args: Args) => {
      const company = s.companies.get(idOf(args.companyId, 'Company') ?? -1);
      if (!company)
        return { companyContact: null, userErrors: [{ field: ['companyId'], message: 'Resource requested does not exist.', code: 'RESOURCE_NOT_FOUND' }] };
      try {
        const at = s.now();
        const r = createCompanyContact(s, company, contactInput(asObj(args.input), at), at);
        s.save();
        const emit = d.action();
        if (r.customerCreated) emit('customers/create', restCustomer(r.customer));
        emit('company_contacts/create', restCompanyContact(r.contact, company));
        return { companyContact: v.contact(r.contact), userErrors: [] };
      } catch (err) {
        return { companyContact: null, userErrors: [userError(err)] };
      }
    },

    webhookSubscriptionCreate: (args: Args) => {
      const input = asObj(args.webhookSubscription);
      const uri = str(input.uri) ?? str(input.callbackUrl) ?? '';
      const topic = topicToSlash(str(args.topic) ?? '');
      if (!acceptableUri(uri))
        return {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address protocol http:// is not supported' }],
        };
      if (s.data.webhookSubscriptions.some((w) => !w.appLevel && w.topic === topic && w.uri === uri)) {
        return {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }],
        };
      }
      const at = s.now();
      const rec: WebhookSubscriptionRec = {
        id: s.nextId('WebhookSubscription'),
        topic,
        uri,
        name: str(input.name) ?? null,
        filter: str(input.filter) ?? null,
        includeFields: Array.isArray(input.includeFields) ? input.includeFields.map(String) : [],
        appLevel: false,
        createdAt: at,
        updatedAt: at,
      };
      s.webhookSubscriptions.insert(rec);
      s.save();
      return { webhookSubscription: v.webhookSubscription(rec), userErrors: [] };
    },

    webhookSubscriptionDelete: (args: Args) => {
      const id = idOf(args.id, 'WebhookSubscription');
      const rec = id === null ? undefined : s.webhookSubscriptions.get(id);
      if (!rec || rec.appLevel) return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
      s.webhookSubscriptions.remove(rec.id);
      s.save();
      return { deletedWebhookSubscriptionId: args.id, userErrors: [] };
    },

    bulkOperationRunQuery: (args: Args) => d.runBulkQuery(str(args.query) ?? ''),
  };

  function returnTransition(
    gid: unknown,
    to: 'open' | 'closed' | 'declined' | 'canceled',
    topic: string,
    then: (ret: ReturnRec) => void = () => undefined,
  ): Obj {
    const ret = s.returns.get(idOf(gid, 'Return') ?? -1);
    if (!ret) return { return: null, userErrors: [{ field: ['id'], message: 'Return does not exist.', code: 'NOT_FOUND' }] };
    try {
      setReturnStatus(s, ret, to, s.now());
      then(ret);
      s.save();
      d.action()(topic, restReturn(s, ret, topic === 'returns/close' || topic === 'returns/cancel'));
      return { return: v.returnView(ret), userErrors: [] };
    } catch (err) {
      return { return: null, userErrors: [userError(err)] };
    }
  }

  function locationInput(l: Obj, company: CompanyRec) {
    const addr = addressFrom(l.shippingAddress ?? l.billingAddress);
    const terms = str(l.buyerExperienceConfiguration && asObj(l.buyerExperienceConfiguration).paymentTermsTemplateId);
    return {
      name: str(l.name) ?? company.name,
      externalId: str(l.externalId) ?? null,
      phone: str(l.phone) ?? null,
      locale: str(l.locale) ?? 'en',
      note: str(l.note) ?? null,
      ...(addr ? { address: addr } : {}),
      taxExempt: l.taxExempt === true,
      taxRegistrationId: str(l.taxRegistrationId) ?? null,
      // PaymentTermsTemplate/4 is Shopify's "Net 30".
      paymentTermsName: terms
        ? `Net ${({ '2': 7, '3': 15, '4': 30, '5': 45, '6': 60, '7': 90 } as Record<string, number>)[/\d+$/.exec(terms)?.[0] ?? '4'] ?? 30}`
        : null,
    };
  }

  function contactInput(c: Obj, at: number) {
    return {
      email: str(c.email) ?? `contact-${at}@example.com`,
      firstName: str(c.firstName) ?? '',
      lastName: str(c.lastName) ?? '',
      phone: str(c.phone) ?? null,
      title: str(c.title) ?? null,
      locale: str(c.locale) ?? 'en',
    };
  }

  return { query, mutation };
}
