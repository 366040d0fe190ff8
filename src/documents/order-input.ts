/**
 * Permissive parser for Shopify REST-shaped order payloads (as delivered by
 * `orders/*` webhooks, or the slimmer orders the connector's `sync` produces).
 *
 * Every field is optional and nullable; a field with an unexpected type is
 * dropped (→ undefined) instead of failing the whole document. Unknown fields
 * are kept (loose objects) but the renderers only read the ones declared here.
 * Deliberately independent of the connector's other Shopify schemas.
 */
import { z } from 'zod';

/** A string or number coerced to string; anything else (or null) → undefined. */
const text = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .nullish()
  .catch(undefined);

const num = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\s*-?\d+(\.\d+)?\s*$/)
      .transform(Number),
  ])
  .nullish()
  .catch(undefined);

const bool = z.boolean().nullish().catch(undefined);

/** An optional array whose invalid elements are dropped rather than failing. */
function looseArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .transform((arr) =>
      arr.flatMap((el) => {
        const r = item.safeParse(el);
        return r.success ? [r.data as z.output<T>] : [];
      }),
    )
    .nullish()
    .catch(undefined);
}

const addressSchema = z
  .looseObject({
    name: text,
    first_name: text,
    last_name: text,
    company: text,
    address1: text,
    address2: text,
    city: text,
    province: text,
    province_code: text,
    zip: text,
    country: text,
    country_code: text,
    phone: text,
  })
  .nullish()
  .catch(undefined);

const propertySchema = z.looseObject({ name: text, value: text });

const taxLineSchema = z.looseObject({ title: text, rate: num, price: text });

const lineItemSchema = z.looseObject({
  title: text,
  name: text,
  variant_title: text,
  sku: text,
  quantity: num,
  current_quantity: num,
  price: text,
  total_discount: text,
  properties: looseArray(propertySchema),
  tax_lines: looseArray(taxLineSchema),
});

const shippingLineSchema = z.looseObject({ title: text, price: text, discounted_price: text, code: text, tax_lines: looseArray(taxLineSchema) });

const discountCodeSchema = z.looseObject({ code: text, amount: text, type: text });

const moneySetSchema = z
  .looseObject({
    shop_money: z.looseObject({ amount: text, currency_code: text }).nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);

const paymentTermsSchema = z
  .looseObject({
    payment_terms_name: text,
    payment_terms_type: text,
    due_in_days: num,
    payment_schedules: looseArray(z.looseObject({ due_at: text })),
  })
  .nullish()
  .catch(undefined);

export const orderInputSchema = z.looseObject({
  id: text,
  name: text,
  order_number: text,
  created_at: text,
  processed_at: text,
  currency: text,
  presentment_currency: text,
  email: text,
  contact_email: text,
  customer: z.looseObject({ first_name: text, last_name: text, email: text }).nullish().catch(undefined),
  company: z.looseObject({ id: text, location_id: text }).nullish().catch(undefined),
  po_number: text,
  payment_terms: paymentTermsSchema,
  billing_address: addressSchema,
  shipping_address: addressSchema,
  line_items: looseArray(lineItemSchema),
  shipping_lines: looseArray(shippingLineSchema),
  tax_lines: looseArray(taxLineSchema),
  discount_codes: looseArray(discountCodeSchema),
  taxes_included: bool,
  total_line_items_price: text,
  subtotal_price: text,
  current_subtotal_price: text,
  total_tax: text,
  current_total_tax: text,
  total_price: text,
  current_total_price: text,
  total_discounts: text,
  current_total_discounts: text,
  total_shipping_price_set: moneySetSchema,
  current_shipping_price_set: moneySetSchema,
  note: text,
});

export type OrderInput = z.output<typeof orderInputSchema>;
export type OrderAddress = NonNullable<OrderInput['billing_address']>;
export type OrderLineItem = z.output<typeof lineItemSchema>;
export type OrderTaxLine = z.output<typeof taxLineSchema>;

/**
 * Parse an order payload. Throws a TypeError only when the input is not an
 * object at all; every field-level problem degrades to "field absent".
 */
export function parseOrderInput(order: unknown): OrderInput {
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    throw new TypeError('order payload must be a JSON object');
  }
  const r = orderInputSchema.safeParse(order);
  // With every field `.catch`-guarded the object schema cannot fail; keep a
  // defensive message anyway rather than a non-null assertion.
  if (!r.success) throw new TypeError(`order payload could not be read: ${r.error.message}`);
  return r.data;
}

/**
 * Whether an order payload carries what the confirmation shows (every line's price, the totals, the
 * subtotal): a webhook's order does; the thinner order `sync` builds does not, and the job reads
 * the order in full from the Admin API before rendering.
 */
export function carriesFullOrder(order: unknown): boolean {
  const o = parseOrderInput(order);
  const lines = o.line_items ?? [];
  return lines.length > 0 && lines.every((l) => l.price !== undefined && l.price !== null) && o.total_price != null && o.subtotal_price != null;
}
