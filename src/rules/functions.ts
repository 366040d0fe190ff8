import { parseGid } from '../vocabulary.js';

/** Money string or number → "1234.50" (two decimals, no float drift); '' when absent. */
export function money(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  const s = typeof v === 'number' ? v.toFixed(2) : String(v).trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const frac = ((m[3] ?? '') + '00').slice(0, 2);
  return `${m[1] ?? ''}${BigInt(m[2] ?? '0').toString()}.${frac}`;
}

/** Any timestamp → UTC ISO-8601 with milliseconds ('' when absent or unparsable). */
export function utc(v: unknown): string {
  if (typeof v !== 'string' || v === '') return '';
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : '';
}

/** "gid://shopify/Order/123" → "123" (any resource type). */
export function gidId(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  return parseGid(v)?.id;
}

/** REST tags "a, b" (or an array) → ["a", "b"]. */
export function tags(v: unknown): string[] {
  if (Array.isArray(v))
    return v
      .map(String)
      .map((t) => t.trim())
      .filter(Boolean);
  if (typeof v !== 'string') return [];
  return v
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Who an order is for: the billing company, else the customer's name, else the e-mail. */
export function party(order: unknown): string {
  const ord = o(order);
  const company = str(o(ord.billing_address).company) ?? str(o(o(ord.customer).default_address).company) ?? str(o(ord.shipping_address).company);
  if (company) return company;
  const c = o(ord.customer);
  const person = [str(c.first_name), str(c.last_name)].filter(Boolean).join(' ');
  return person || str(ord.email) || str(ord.contact_email) || 'Guest';
}
