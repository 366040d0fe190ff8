import type { ResourceType } from '../vocabulary.js';
import { orderIdOf } from './timeline.js';

/**
 * Job 6, agent lookup: what a resource is found by and what it leads to, from its payload (REST
 * shape, as stored). The `rule.route` job keeps these in the store's lookup index for every change,
 * so that a lookup answers from the local store without asking Shopify or Content Server.
 */
export interface LookupEntry {
  /** A short label for the agent (order name, company name, product title, "Return #1187-R1"). */
  title: string;
  /** Normalized search terms (lookupTerm): order name and number, emails, company name, SKUs, case ids. */
  terms: string[];
  /** The resources this one belongs to: an order's company, customer and products; a case's order. */
  links: Array<{ resourceType: LookupResourceType; resourceId: string }>;
}

/** The resources the lookup indexes. */
export type LookupResourceType = 'order' | 'return' | 'refund' | 'dispute' | 'company' | 'customer' | 'product';
export const LOOKUP_RESOURCE_TYPES: readonly LookupResourceType[] = ['order', 'return', 'refund', 'dispute', 'company', 'customer', 'product'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** The numeric id of a Shopify GID of the given type, or of a plain id written as digits. */
function idOf(v: unknown, type: string): string | undefined {
  if (typeof v === 'string') {
    const m = new RegExp(`^gid://shopify/${type}/(\\d+)`).exec(v);
    if (m) return m[1];
    if (/^\d+$/.test(v)) return v;
  }
  // A parsed number is exact only below 2^53; ids of the index come from GIDs where payloads have them.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/** Pure: the form a term is stored and searched in (trimmed, lower case, inner spaces folded). */
export function lookupTerm(q: string): string {
  return q.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Pure: a resource's lookup entry, or undefined for a resource the lookup does not index. */
export function lookupEntry(resourceType: ResourceType | string, resourceId: string, payload: unknown): LookupEntry | undefined {
  const p = obj(payload);
  const terms = new Set<string>();
  const add = (v: unknown) => {
    const t = text(v);
    if (t !== undefined) terms.add(lookupTerm(t));
  };
  const links: LookupEntry['links'] = [];
  const link = (resourceType: LookupResourceType, id: string | undefined) => {
    if (id !== undefined && !links.some((l) => l.resourceType === resourceType && l.resourceId === id)) links.push({ resourceType, resourceId: id });
  };
  switch (resourceType) {
    case 'order': {
      const name = text(p.name);
      add(name);
      if (name?.startsWith('#')) add(name.slice(1));
      add(p.order_number);
      add(p.email);
      add(p.contact_email);
      const customer = obj(p.customer);
      add(customer.email);
      for (const li of arr(p.line_items)) {
        add(obj(li).sku);
        link('product', idOf(obj(li).admin_graphql_api_product_id, 'Product') ?? idOf(obj(li).product_id, 'Product'));
      }
      const company = obj(p.company);
      link('company', idOf(company.admin_graphql_api_id, 'Company') ?? idOf(company.id, 'Company'));
      link('customer', idOf(customer.admin_graphql_api_id, 'Customer') ?? idOf(customer.id, 'Customer'));
      return { title: name ?? `Order ${resourceId}`, terms: [...terms], links };
    }
    case 'return':
    case 'refund':
    case 'dispute': {
      add(`${resourceType}-${resourceId}`);
      add(p.name);
      const orderId = orderIdOf(resourceType, p);
      link('order', orderId);
      const label = resourceType === 'return' ? 'Return' : resourceType === 'refund' ? 'Refund' : 'Dispute';
      return { title: `${label} ${text(p.name) ?? resourceId}`, terms: [...terms], links };
    }
    case 'company': {
      add(p.name);
      add(p.external_id);
      return { title: text(p.name) ?? `Company ${resourceId}`, terms: [...terms], links };
    }
    case 'customer': {
      add(p.email);
      const who = [text(p.first_name), text(p.last_name)].filter((x) => x !== undefined).join(' ');
      if (who !== '') add(who);
      return { title: who !== '' ? who : (text(p.email) ?? `Customer ${resourceId}`), terms: [...terms], links };
    }
    case 'product': {
      add(p.title);
      add(p.handle);
      for (const v of arr(p.variants)) add(obj(v).sku);
      return { title: text(p.title) ?? `Product ${resourceId}`, terms: [...terms], links };
    }
    default:
      return undefined;
  }
}
