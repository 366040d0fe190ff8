import Database from 'better-sqlite3';
import type { SortedRows, SortValue } from './paging.js';
import { orderPricing } from './pricing.js';
import type { OrderPricing } from './pricing.js';
import type {
  BulkOperationRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CustomerRec,
  DisputeRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  OrderRec,
  ProductRec,
  RefundRec,
  ReturnRec,
  ShopData,
  WebhookSubscriptionRec,
} from './types.js';

/** First id and step per resource type: realistic 10–13 digit legacy ids, deterministic. */
const ID_SPACE: Record<string, [base: number, step: number]> = {
  Order: [5_931_282_661_421, 1_000_003],
  LineItem: [14_237_781_065_773, 32_768],
  Customer: [7_204_358_898_733, 65_537],
  MailingAddress: [9_381_247_053_869, 65_537],
  Company: [1_983_315_000, 7_919],
  CompanyLocation: [2_512_340_000, 7_919],
  CompanyContact: [3_377_332_269, 7_919],
  CompanyAddress: [4_111_220_000, 7_919],
  Product: [8_123_456_721_429, 4_194_304],
  ProductVariant: [45_512_377_720_877, 32_768],
  InventoryItem: [47_611_223_343_149, 32_768],
  Metafield: [26_116_390_256_941, 32_768],
  FulfillmentOrder: [6_928_374_650_925, 1_000_003],
  FulfillmentOrderLineItem: [14_598_211_035_181, 32_768],
  FulfillmentHold: [318_220_845_101, 4_099],
  Fulfillment: [5_402_118_332_717, 1_000_003],
  FulfillmentLineItem: [12_998_452_404_525, 32_768],
  FulfillmentEvent: [3_988_001_120_301, 65_537],
  Refund: [1_013_002_264_621, 65_537],
  RefundLineItem: [552_300_011_565, 4_099],
  OrderTransaction: [7_391_200_113_709, 65_537],
  Return: [13_108_281_645, 4_099],
  ReturnLineItem: [22_451_730_733, 4_099],
  ShopifyPaymentsDispute: [12_740_198_445, 4_099],
  WebhookSubscription: [1_347_859_251_245, 65_537],
  BulkOperation: [4_412_378_988_589, 65_537],
  PaymentTerms: [88_364_859_437, 4_099],
  PaymentSchedule: [94_637_326_381, 4_099],
  ShippingLine: [4_619_783_749_677, 65_537],
  OrderAdjustment: [1_030_976_842_000, 4_099],
};

export function emptyShopData(): ShopData {
  return {
    seq: {},
    nextOrderNumber: 1001,
    customers: [],
    companies: [],
    companyLocations: [],
    companyContacts: [],
    products: [],
    orders: [],
    fulfillmentOrders: [],
    fulfillments: [],
    refunds: [],
    returns: [],
    disputes: [],
    webhookSubscriptions: [],
    bulkOperations: [],
  };
}

type Keyed = { id: number };

interface SortedIndex<T> {
  rows: T[];
  values: SortValue[];
  /** The table's and the shop's write counters when the index was last brought up to date. */
  writes: number;
  version: number;
  /** How many of `rows`' leading table rows the index holds (rows are appended; a removal rebuilds). */
  seen: number;
  removes: number;
}

const byValueThenId = <T extends Keyed>(a: { r: T; v: SortValue }, b: { r: T; v: SortValue }): number => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.r.id - b.r.id);

/** One collection with an id index. Arrays stay in insertion order (the `ID` sort order). */
export class Table<T extends Keyed> {
  #byId = new Map<number, T>();
  /** Rows grouped by a foreign key (an order's refunds, a customer's orders), built on first use and kept up to date. */
  #groups = new Map<string, { key: (r: T) => number | null; map: Map<number | null, T[]> }>();
  /** Rows sorted by a sort value (a connection's sort key), built on first use (`sorted`). */
  #sorted = new Map<string, SortedIndex<T>>();
  #writes = 0;
  #removes = 0;
  /**
   * @param version the shop's change counter: it moves whenever a record may have changed (every
   *   `ShopState.now()` and `save()`), which is when a sorted index must check its values again.
   */
  constructor(
    readonly rows: T[],
    private readonly version: () => number = () => 0,
  ) {
    for (const r of rows) this.#byId.set(r.id, r);
  }
  get(id: number): T | undefined {
    return this.#byId.get(id);
  }
  insert(row: T): T {
    this.#writes++;
    this.rows.push(row);
    this.#byId.set(row.id, row);
    for (const g of this.#groups.values()) {
      const k = g.key(row);
      const list = g.map.get(k);
      if (list) list.push(row);
      else g.map.set(k, [row]);
    }
    return row;
  }
  remove(id: number): boolean {
    const i = this.rows.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.#writes++;
    this.#removes++;
    const [row] = this.rows.splice(i, 1);
    this.#byId.delete(id);
    if (row)
      for (const g of this.#groups.values()) {
        const list = g.map.get(g.key(row));
        const j = list ? list.indexOf(row) : -1;
        if (list && j >= 0) list.splice(j, 1);
      }
    return true;
  }
  /** The rows whose `key` is `value`, in insertion order (a copy): what `rows.filter(r => key(r) === value)` gives, without the scan. */
  where(name: string, key: (r: T) => number | null, value: number): T[] {
    let g = this.#groups.get(name);
    if (!g) {
      const map = new Map<number | null, T[]>();
      for (const r of this.rows) {
        const k = key(r);
        const list = map.get(k);
        if (list) list.push(r);
        else map.set(k, [r]);
      }
      g = { key, map };
      this.#groups.set(name, g);
    }
    return [...(g.map.get(value) ?? [])];
  }
  get size(): number {
    return this.rows.length;
  }

  /**
   * The rows sorted ascending by (`value`, id), for keyset paging without a sort per page. Built on
   * first use under `name`; afterwards, only when the shop changed since the last call, the index
   * checks each row's value (O(n), no sort), takes out the rows whose value moved, sorts just those
   * and the rows inserted since, and merges them back. A removal rebuilds it. Between changes a
   * call costs nothing. The arrays are the index's own: callers must not change them.
   */
  sorted(name: string, value: (r: T) => SortValue): SortedRows<T> {
    const version = this.version();
    let ix = this.#sorted.get(name);
    if (ix && ix.writes === this.#writes && ix.version === version) return ix;
    if (!ix || ix.removes !== this.#removes) {
      ix = this.#build(value);
      this.#sorted.set(name, ix);
      return ix;
    }
    let moved: Array<{ r: T; v: SortValue }> | null = null;
    for (let i = 0; i < ix.rows.length; i++) {
      const r = ix.rows[i] as T;
      const v = value(r);
      if (v !== ix.values[i]) (moved ??= []).push({ r, v });
    }
    const fresh = this.rows.slice(ix.seen).map((r) => ({ r, v: value(r) }));
    if (moved !== null || fresh.length > 0) {
      const out = [...fresh, ...(moved ?? [])].sort(byValueThenId);
      const gone = new Set(moved?.map((m) => m.r));
      const rows: T[] = [];
      const values: SortValue[] = [];
      let k = 0;
      for (let i = 0; i < ix.rows.length; i++) {
        const r = ix.rows[i] as T;
        if (gone.has(r)) continue;
        const v = ix.values[i] as SortValue;
        for (let m = out[k]; m !== undefined && (m.v < v || (!(m.v > v) && m.r.id < r.id)); m = out[++k]) {
          rows.push(m.r);
          values.push(m.v);
        }
        rows.push(r);
        values.push(v);
      }
      for (let m = out[k]; m !== undefined; m = out[++k]) {
        rows.push(m.r);
        values.push(m.v);
      }
      ix.rows = rows;
      ix.values = values;
    }
    ix.seen = this.rows.length;
    ix.writes = this.#writes;
    ix.version = version;
    return ix;
  }

  #build(value: (r: T) => SortValue): SortedIndex<T> {
    const all = this.rows.map((r) => ({ r, v: value(r) })).sort(byValueThenId);
    return {
      rows: all.map((x) => x.r),
      values: all.map((x) => x.v),
      writes: this.#writes,
      version: this.version(),
      seen: this.rows.length,
      removes: this.#removes,
    };
  }
}

export interface OrderTotals {
  /** Line items after discounts (REST `subtotal_price`). */
  subtotal: number;
  /** Line items before discounts (REST `total_line_items_price`). */
  lineItems: number;
  /** Item and shipping discounts (REST `total_discounts`). */
  discounts: number;
  tax: number;
  shipping: number;
  total: number;
  refunded: number;
  currentSubtotal: number;
  currentTax: number;
  currentTotal: number;
  outstanding: number;
  totalQuantity: number;
  fulfilledQuantity: number;
  weight: number;
}

/**
 * The shop's state: records, id sequences and the clock. Persisted as a JSON snapshot in SQLite
 * when `dbPath` names a file (the emulator is a sandbox; durability matters only across restarts).
 */
export class ShopState {
  data: ShopData;
  customers!: Table<CustomerRec>;
  companies!: Table<CompanyRec>;
  companyLocations!: Table<CompanyLocationRec>;
  companyContacts!: Table<CompanyContactRec>;
  products!: Table<ProductRec>;
  orders!: Table<OrderRec>;
  fulfillmentOrders!: Table<FulfillmentOrderRec>;
  fulfillments!: Table<FulfillmentRec>;
  refunds!: Table<RefundRec>;
  returns!: Table<ReturnRec>;
  disputes!: Table<DisputeRec>;
  webhookSubscriptions!: Table<WebhookSubscriptionRec>;
  bulkOperations!: Table<BulkOperationRec>;
  #db: Database.Database | undefined;
  #lastNow = 0;
  /** Moves whenever a record may change (see `Table.sorted`). */
  #version = 0;

  constructor(
    readonly shopDomain: string,
    private readonly clock: () => number,
    data: ShopData,
    dbPath = ':memory:',
  ) {
    this.data = data;
    if (dbPath !== ':memory:') {
      this.#db = new Database(dbPath);
      this.#db.exec('CREATE TABLE IF NOT EXISTS shop_snapshot (shop TEXT PRIMARY KEY, json TEXT NOT NULL)');
      const row = this.#db.prepare('SELECT json FROM shop_snapshot WHERE shop = ?').get(shopDomain) as { json: string } | undefined;
      if (row) this.data = JSON.parse(row.json) as ShopData;
    }
    this.#index();
  }

  /** True when the state came from a stored snapshot (so it must not be seeded again). */
  get restored(): boolean {
    return this.data.orders.length > 0 || this.data.products.length > 0;
  }

  #index(): void {
    const d = this.data;
    const version = (): number => this.#version;
    this.customers = new Table(d.customers, version);
    this.companies = new Table(d.companies, version);
    this.companyLocations = new Table(d.companyLocations, version);
    this.companyContacts = new Table(d.companyContacts, version);
    this.products = new Table(d.products, version);
    this.orders = new Table(d.orders, version);
    this.fulfillmentOrders = new Table(d.fulfillmentOrders, version);
    this.fulfillments = new Table(d.fulfillments, version);
    this.refunds = new Table(d.refunds, version);
    this.returns = new Table(d.returns, version);
    this.disputes = new Table(d.disputes, version);
    this.webhookSubscriptions = new Table(d.webhookSubscriptions, version);
    this.bulkOperations = new Table(d.bulkOperations, version);
  }

  /**
   * Says that records may have changed outside `now()` and `save()` (both already say so): every
   * change the emulator makes takes its time from `now()` and ends with `save()`, so only code that
   * edits records some other way (a test) needs this before it reads a sorted connection again.
   */
  touch(): void {
    this.#version++;
  }

  /** Replaces every record (reset / reseed). */
  replace(data: ShopData): void {
    this.data = data;
    this.#index();
    this.save();
  }

  /** Current time, ms; strictly increasing so that successive updates order by `updated_at`. */
  now(): number {
    this.#version++;
    const t = Math.max(this.clock(), this.#lastNow + 1);
    this.#lastNow = t;
    return t;
  }

  /** Next legacy id of a resource type. */
  nextId(type: string): number {
    const space = ID_SPACE[type] ?? [9_000_000_000_000, 65_537];
    const n = this.data.seq[type] ?? 0;
    this.data.seq[type] = n + 1;
    return space[0] + n * space[1];
  }

  gid(type: string, id: number): string {
    return `gid://shopify/${type}/${id}`;
  }

  /** Writes the snapshot (no-op in memory). */
  save(): void {
    this.#version++;
    this.#db
      ?.prepare('INSERT INTO shop_snapshot (shop, json) VALUES (?, ?) ON CONFLICT(shop) DO UPDATE SET json = excluded.json')
      .run(this.shopDomain, JSON.stringify(this.data));
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  /** Totals the way Shopify derives them (original and `current_*` after refunds); `p` when the caller has the order's pricing already. */
  totals(o: OrderRec, p: OrderPricing = orderPricing(o)): OrderTotals {
    const subtotal = p.subtotalCents;
    const tax = p.taxCents;
    const total = p.totalCents;
    const refunds = this.refundsOf(o.id);
    const refunded = refunds.reduce((s, r) => s + (r.transaction?.amountCents ?? 0), 0);
    const refundedSubtotal = refunds.reduce((s, r) => s + r.lineItems.reduce((x, l) => x + l.subtotalCents, 0), 0);
    const refundedTax = refunds.reduce((s, r) => s + r.lineItems.reduce((x, l) => x + l.taxCents, 0) + (r.shippingTaxCents ?? 0), 0);
    const paid = o.financialStatus === 'paid' || o.financialStatus === 'partially_refunded' || o.financialStatus === 'refunded';
    const totalQuantity = o.lineItems.reduce((s, li) => s + li.quantity, 0);
    const fulfilledQuantity = this.fulfillmentsOf(o.id)
      .filter((f) => f.status === 'success')
      .reduce((s, f) => s + f.lineItems.reduce((x, l) => x + l.quantity, 0), 0);
    const currentSubtotal = o.cancelledAt !== null ? 0 : subtotal - refundedSubtotal;
    const currentTax = o.cancelledAt !== null ? 0 : tax - refundedTax;
    const currentTotal = o.cancelledAt !== null ? 0 : Math.max(0, total - refunded);
    return {
      subtotal,
      lineItems: p.lineItemsCents,
      discounts: p.discountCents,
      tax,
      shipping: o.shippingCents,
      total,
      refunded,
      currentSubtotal,
      currentTax,
      currentTotal,
      outstanding: paid || o.cancelledAt !== null ? 0 : total,
      totalQuantity,
      fulfilledQuantity,
      weight: o.lineItems.reduce((s, li) => s + li.grams * li.quantity, 0),
    };
  }

  /** REST `fulfillment_status`: null (unfulfilled), "partial" or "fulfilled". */
  fulfillmentStatus(o: OrderRec, t: OrderTotals = this.totals(o)): 'partial' | 'fulfilled' | null {
    if (t.fulfilledQuantity === 0) return null;
    return t.fulfilledQuantity >= t.totalQuantity ? 'fulfilled' : 'partial';
  }

  // Indexed by their foreign key (Table.where): a scan of every record per call made seeding and
  // paging grow with the square of the shop.
  refundsOf(orderId: number): RefundRec[] {
    return this.refunds.where('order', (r) => r.orderId, orderId);
  }
  returnsOf(orderId: number): ReturnRec[] {
    return this.returns.where('order', (r) => r.orderId, orderId);
  }
  disputesOf(orderId: number): DisputeRec[] {
    return this.disputes.where('order', (r) => r.orderId, orderId);
  }
  fulfillmentsOf(orderId: number): FulfillmentRec[] {
    return this.fulfillments.where('order', (r) => r.orderId, orderId);
  }
  fulfillmentOrdersOf(orderId: number): FulfillmentOrderRec[] {
    return this.fulfillmentOrders.where('order', (r) => r.orderId, orderId);
  }
  locationsOf(companyId: number): CompanyLocationRec[] {
    return this.companyLocations.where('company', (r) => r.companyId, companyId);
  }
  contactsOf(companyId: number): CompanyContactRec[] {
    return this.companyContacts.where('company', (r) => r.companyId, companyId);
  }
  ordersOfCustomer(customerId: number): OrderRec[] {
    return this.orders.where('customer', (o) => o.customerId, customerId);
  }

  /** Record counts, for GET /emulator/state. */
  counts(): Record<string, number> {
    const d = this.data;
    return {
      orders: d.orders.length,
      customers: d.customers.length,
      companies: d.companies.length,
      companyLocations: d.companyLocations.length,
      companyContacts: d.companyContacts.length,
      products: d.products.length,
      fulfillmentOrders: d.fulfillmentOrders.length,
      fulfillments: d.fulfillments.length,
      refunds: d.refunds.length,
      returns: d.returns.length,
      disputes: d.disputes.length,
      webhookSubscriptions: d.webhookSubscriptions.length,
      bulkOperations: d.bulkOperations.length,
    };
  }
}
