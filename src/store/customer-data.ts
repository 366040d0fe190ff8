import type { CustomerRef } from './store.js';

/**
 * Pure: which stored texts belong to a customer a privacy request names, and the personal strings in
 * them (every backend uses these; the SQL only narrows the rows to read). The texts are the REST JSON
 * the connector stores: webhook bodies, event payloads, audit details, job results.
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const idText = (v: unknown): string | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v : undefined);

function parse(text: string): Json | undefined {
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The strings the SQL prefilter looks for (lower case): a row holding none of them cannot match. */
export function searchTerms(ref: CustomerRef): string[] {
  return [...new Set([ref.customerId, ...(ref.email ? [ref.email.toLowerCase()] : []), ...ref.orderIds].filter((t) => t.length > 0))];
}

/**
 * Whether a stored text is about the customer: it holds their email, or names them (`customer.id`,
 * `customer_id`, their GID), or is one of the listed orders (its GID, `order_id`, or the resource of
 * the row itself).
 */
export function refersToCustomer(text: string, ref: CustomerRef, resource?: { type: string; id: string }): boolean {
  if (ref.email && text.toLowerCase().includes(ref.email.toLowerCase())) return true;
  if (resource?.type === 'customer' && resource.id === ref.customerId) return true;
  if (resource?.type === 'order' && ref.orderIds.includes(resource.id)) return true;
  const b = parse(text);
  if (!b) return false;
  const orders = new Set(ref.orderIds);
  if (b.admin_graphql_api_id === `gid://shopify/Customer/${ref.customerId}`) return true;
  if (typeof b.admin_graphql_api_id === 'string' && orders.has(b.admin_graphql_api_id.replace(/^gid:\/\/shopify\/Order\//, ''))) return true;
  if (idText(obj(b.customer)?.id) === ref.customerId || idText(b.customer_id) === ref.customerId) return true;
  const orderId = idText(b.order_id);
  return orderId !== undefined && orders.has(orderId);
}

const PERSONAL_KEYS = new Set(['email', 'contact_email', 'phone', 'address1', 'address2']);

/**
 * The personal strings in a text about the customer: emails, phones, address lines and full names
 * (of the customer and of every address). Short strings are left out: they would match unrelated text.
 */
export function personalStrings(text: string): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.trim().length >= 4) out.add(v.trim());
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = obj(v);
    if (!o) return;
    for (const [k, x] of Object.entries(o)) {
      if (PERSONAL_KEYS.has(k)) add(x);
      else if (typeof x === 'object') walk(x, depth + 1);
    }
    const first = typeof o.first_name === 'string' ? o.first_name.trim() : '';
    const last = typeof o.last_name === 'string' ? o.last_name.trim() : '';
    if (first && last) add(`${first} ${last}`);
    if ('first_name' in o || 'address1' in o) add(o.name);
  };
  walk(parse(text), 0);
  return [...out];
}

/** Whether the text holds any of the strings (case-insensitive). */
export function containsAny(text: string, needles: readonly string[]): boolean {
  const t = text.toLowerCase();
  return needles.some((n) => t.includes(n.toLowerCase()));
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every occurrence of the strings (case-insensitive) replaced by `[redacted]`. */
export function scrub(text: string, needles: readonly string[]): string {
  const sorted = [...needles].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text;
  return text.replace(new RegExp(sorted.map(escapeRe).join('|'), 'gi'), '[redacted]');
}

/** What a redacted body or payload is replaced with (the row keeps its ids and times). */
export const REDACTED_TEXT = '{"redacted":true}';

/**
 * A JSON text with the strings scrubbed inside its values (it stays valid JSON); a text that is not
 * JSON is scrubbed as text.
 */
export function scrubJson(text: string, needles: readonly string[]): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return scrub(text, needles);
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v, needles);
    if (Array.isArray(v)) return v.map(walk);
    const o = obj(v);
    return o ? Object.fromEntries(Object.entries(o).map(([k, x]) => [scrub(k, needles), walk(x)])) : v;
  };
  return JSON.stringify(walk(parsed));
}
