/**
 * Realistic signed deliveries for the intake benchmarks: distinct orders/create payloads of about
 * 7.5 KB (compact JSON, an order with five line items, about the size of the
 * reference orders/create sample), each with its own webhook id, event
 * id and signature, prepared before any clock starts.
 */
import { signedHeaders } from '../../test/helpers/webhooks.js';
import { demoOrder } from '../../test/helpers/orders.js';
import type { Prepared } from './load.js';

const PRODUCTS = [
  ['Industrial Valve X200', 'VLV-X200-SS', 'Stainless steel / DN50'],
  ['Pressure Gauge PG-16', 'PG-16-GLY', 'Glycerin filled / 0-16 bar'],
  ['Flange Gasket Kit', 'FGK-DN50-PTFE', 'PTFE / DN50'],
  ['Actuator Mount Bracket', 'AMB-ISO5211-F07', 'ISO 5211 F07'],
  ['Check Valve CV-3', 'CV3-BRZ-34', 'Bronze / 3/4 in'],
] as const;

function lineItems(index: number, subtotal: number): Array<Record<string, unknown>> {
  const share = Math.floor((subtotal * 100) / PRODUCTS.length) / 100;
  return PRODUCTS.map(([title, sku, variant], k) => {
    const id = 14_237_781_065_773 + index * 10 + k;
    const price = k === PRODUCTS.length - 1 ? (subtotal - share * (PRODUCTS.length - 1)).toFixed(2) : share.toFixed(2);
    const money = { shop_money: { amount: price, currency_code: 'USD' }, presentment_money: { amount: price, currency_code: 'USD' } };
    const zero = { shop_money: { amount: '0.00', currency_code: 'USD' }, presentment_money: { amount: '0.00', currency_code: 'USD' } };
    return {
      id,
      admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
      attributed_staffs: [],
      current_quantity: 1,
      fulfillable_quantity: 1,
      fulfillment_service: 'manual',
      fulfillment_status: null,
      gift_card: false,
      grams: 1200 + k * 150,
      name: `${title} - ${variant}`,
      price,
      price_set: money,
      product_exists: true,
      product_id: 8_812_004_311_000 + k,
      properties: [],
      quantity: 1,
      requires_shipping: true,
      sku,
      taxable: true,
      title,
      total_discount: '0.00',
      total_discount_set: zero,
      variant_id: 45_120_330_871_000 + k,
      variant_inventory_management: 'shopify',
      variant_title: variant,
      vendor: 'Acme Industrial',
      tax_lines: [{ channel_liable: false, price: '0.00', price_set: zero, rate: 0.08, title: 'State tax' }],
      duties: [],
      discount_allocations: [],
    };
  });
}

/** Delivery `index` of a run: an orders/create of a distinct order (a third each high value, B2B, custom). */
export function orderDelivery(index: number, run: string): Prepared {
  const kind = index % 3;
  const order = demoOrder(index, { total: kind === 0 ? '7250.00' : '1840.00', b2b: kind === 1, tags: kind === 2 ? ['custom'] : [] });
  const subtotal = Number(order.subtotal_price ?? order.total_price ?? 0);
  order.line_items = lineItems(index, subtotal);
  const body = Buffer.from(JSON.stringify(order));
  const webhookId = `bench-${run}-${index}`;
  const headers = { ...signedHeaders(body, { topic: 'orders/create', webhookId }), 'x-shopify-event-id': `evt-${webhookId}` };
  return { body, headers };
}

export function orderDeliveries(count: number, run: string, first = 0): Prepared[] {
  return Array.from({ length: count }, (_, i) => orderDelivery(first + i, run));
}
