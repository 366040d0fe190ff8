import { z } from 'zod';

/**
 * REST-shaped webhook payloads (shopify-api.md §3), only the fields the jobs read. Ids are taken
 * from the GID strings; numeric ids are never relied on.
 */
const money = z.union([z.string(), z.number()]).transform((v) => (typeof v === 'number' ? v.toFixed(2) : v));

const address = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    name: z.string().nullish(),
    company: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province: z.string().nullish(),
    zip: z.string().nullish(),
    country: z.string().nullish(),
  })
  .nullish();

export const shopifyOrder = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/, 'must be a gid://shopify/Order/<id>'),
  name: z.string().min(1),
  order_number: z.number().int().nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  currency: z.string().nullish(),
  total_price: money.nullish(),
  current_total_price: money.nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  tags: z.string().nullish(),
  po_number: z.string().nullish(),
  company: z.object({ id: z.union([z.number(), z.string()]).nullish(), location_id: z.union([z.number(), z.string()]).nullish() }).nullish(),
  customer: z
    .object({
      admin_graphql_api_id: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email: z.string().nullish(),
      default_address: address,
    })
    .nullish(),
  billing_address: address,
  shipping_address: address,
  line_items: z
    .array(
      z.object({
        title: z.string().nullish(),
        sku: z.string().nullish(),
        quantity: z.number().nullish(),
        price: money.nullish(),
        properties: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
      }),
    )
    .nullish(),
});

export type ShopifyOrder = z.infer<typeof shopifyOrder>;
