/** Search fields and sort keys per resource (the subset of Shopify's that the emulator answers). */
import type { SortValue } from '../paging.js';
import type { FieldLookup, FieldValue } from '../search.js';
import type { ShopState } from '../state.js';
import type { CompanyRec, CustomerRec, DisputeRec, OrderRec, ProductRec } from '../types.js';

const date = (ms: number): FieldValue => ({ date: ms });

export function orderFields(s: ShopState): FieldLookup<OrderRec> {
  return (o, field) => {
    switch (field) {
      case 'updated_at':
        return date(o.updatedAt);
      case 'created_at':
        return date(o.createdAt);
      case 'processed_at':
        return date(o.processedAt);
      case 'id':
        return o.id;
      case 'name':
        return [o.name, o.name.replace(/^#/, '')];
      case 'tag':
        return o.tags;
      case 'tag_not':
        return o.tags;
      case 'email':
        return o.email;
      case 'customer_id':
        return o.customerId;
      case 'company_id':
        return o.company?.companyId ?? null;
      case 'company_location_id':
        return o.company?.locationId ?? null;
      case 'po_number':
        return o.poNumber;
      case 'sku':
        return o.lineItems.map((l) => l.sku ?? '');
      case 'financial_status':
        return o.financialStatus;
      case 'status':
        return o.cancelledAt !== null ? ['cancelled', 'closed'] : o.closedAt !== null ? 'closed' : 'open';
      case 'fulfillment_status': {
        const f = s.fulfillmentStatus(o);
        return f === 'fulfilled' ? ['shipped', 'fulfilled'] : f === 'partial' ? 'partial' : ['unshipped', 'unfulfilled'];
      }
      case 'return_status': {
        const r = s.returnsOf(o.id);
        return r.length === 0 ? 'no_return' : r.some((x) => x.status === 'requested') ? 'return_requested' : 'in_progress';
      }
      case 'chargeback_status':
      case 'dispute_status':
        return s.disputesOf(o.id).map((d) => d.status);
      case 'total_price':
        return s.totals(o).total / 100;
      case 'test':
        return false;
      default:
        return undefined;
    }
  };
}

/**
 * A connection's sort: the name of its sorted index, each record's sort value (the id breaks ties)
 * and the search field whose range rises with that value (dates and ids), if any.
 */
export interface SortSpec<T> {
  name: string;
  value: (t: T) => SortValue;
  rangeField: string | null;
}

/** `sortKey` of `orders` → its sort. RELEVANCE and unknown keys page by id. */
export function orderSort(sortKey: string | undefined): SortSpec<OrderRec> {
  switch (sortKey) {
    case 'UPDATED_AT':
      return { name: 'UPDATED_AT', value: (o) => o.updatedAt, rangeField: 'updated_at' };
    case 'CREATED_AT':
      return { name: 'CREATED_AT', value: (o) => o.createdAt, rangeField: 'created_at' };
    case 'PROCESSED_AT':
      return { name: 'PROCESSED_AT', value: (o) => o.processedAt, rangeField: 'processed_at' };
    case 'ORDER_NUMBER':
      return { name: 'ORDER_NUMBER', value: (o) => o.number, rangeField: null };
    case 'PO_NUMBER':
      return { name: 'PO_NUMBER', value: (o) => o.poNumber ?? '', rangeField: null };
    default:
      return { name: 'ID', value: (o) => o.id, rangeField: 'id' };
  }
}

/** `sortKey` → (value, id) for keyset paging. RELEVANCE and unknown keys page by id. */
export function sortKeyOf(sortKey: string | undefined): (o: OrderRec) => [SortValue, number] {
  const { value } = orderSort(sortKey);
  return (o) => [value(o), o.id];
}

export const genericSort = <T extends { id: number; createdAt: number; updatedAt: number }>(
  sortKey: string | undefined,
  name?: (t: T) => string,
): ((t: T) => [SortValue, number]) => {
  switch (sortKey) {
    case 'UPDATED_AT':
      return (t) => [t.updatedAt, t.id];
    case 'CREATED_AT':
      return (t) => [t.createdAt, t.id];
    case 'NAME':
    case 'TITLE':
      return name ? (t) => [name(t).toLowerCase(), t.id] : (t) => [t.id, t.id];
    default:
      return (t) => [t.id, t.id];
  }
};

/** The sort of a connection with `genericSort`'s keys (customers, companies, products). */
export function genericSortSpec<T extends { id: number; createdAt: number; updatedAt: number }>(
  sortKey: string | undefined,
  name?: (t: T) => string,
): SortSpec<T> {
  switch (sortKey) {
    case 'UPDATED_AT':
      return { name: 'UPDATED_AT', value: (t) => t.updatedAt, rangeField: 'updated_at' };
    case 'CREATED_AT':
      return { name: 'CREATED_AT', value: (t) => t.createdAt, rangeField: 'created_at' };
    case 'NAME':
    case 'TITLE':
      if (name) return { name: 'NAME', value: (t) => name(t).toLowerCase(), rangeField: null };
      return { name: 'ID', value: (t) => t.id, rangeField: 'id' };
    default:
      return { name: 'ID', value: (t) => t.id, rangeField: 'id' };
  }
}

export const customerFields: FieldLookup<CustomerRec> = (c, field) => {
  switch (field) {
    case 'updated_at':
      return date(c.updatedAt);
    case 'created_at':
      return date(c.createdAt);
    case 'id':
      return c.id;
    case 'email':
      return c.email;
    case 'first_name':
      return c.firstName;
    case 'last_name':
      return c.lastName;
    case 'phone':
      return c.phone;
    case 'tag':
      return c.tags;
    case 'state':
      return 'enabled';
    default:
      return undefined;
  }
};

export function companyFields(): FieldLookup<CompanyRec> {
  return (c, field) => {
    switch (field) {
      case 'updated_at':
        return date(c.updatedAt);
      case 'created_at':
        return date(c.createdAt);
      case 'since_date':
        return date(c.customerSince);
      case 'id':
        return c.id;
      case 'name':
        return c.name;
      case 'external_id':
        return c.externalId;
      default:
        return undefined;
    }
  };
}

export const productFields: FieldLookup<ProductRec> = (p, field) => {
  switch (field) {
    case 'updated_at':
      return date(p.updatedAt);
    case 'created_at':
      return date(p.createdAt);
    case 'published_at':
      return p.publishedAt === null ? null : date(p.publishedAt);
    case 'id':
      return p.id;
    case 'title':
      return p.title;
    case 'handle':
      return p.handle;
    case 'tag':
      return p.tags;
    case 'tag_not':
      return p.tags;
    case 'product_type':
      return p.productType;
    case 'vendor':
      return p.vendor;
    case 'status':
      return p.status;
    case 'sku':
      return p.variants.map((v) => v.sku);
    case 'barcode':
      return p.variants.map((v) => v.barcode ?? '');
    default:
      return undefined;
  }
};

export const disputeFields: FieldLookup<DisputeRec> = (d, field) => {
  switch (field) {
    case 'status':
      return d.status;
    case 'initiated_at':
      return date(d.initiatedAt);
    case 'updated_at':
      return date(d.updatedAt);
    case 'id':
      return d.id;
    case 'order_id':
      return d.orderId;
    default:
      return undefined;
  }
};
