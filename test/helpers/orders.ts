/**
 * Synthetic REST-shaped order payloads for tests that need many distinct orders (shopify-api.md §3.1
 * field names; values invented). Deterministic from the index.
 */
export interface DemoOrderOptions {
  /** Order total in shop currency, e.g. "7250.00" */
  total: string;
  b2b?: boolean;
  tags?: string[];
  lineItemProperties?: Array<{ name: string; value: string }>;
  financialStatus?: string;
  updatedAt?: string;
}

const PEOPLE = [
  ['Dana', 'Whitfield', 'Keystone Process Systems LLC'],
  ['Luis', 'Ortega', 'Ortega Fabrication'],
  ['Mei', 'Tanaka', 'Harbor Lab Supply'],
  ['Oskar', 'Lind', 'Nordic Pump AB'],
  ['Priya', 'Raman', 'Raman Hydraulics'],
  ['Sam', 'Carter', 'Carter Tools'],
] as const;

export function demoOrder(index: number, o: DemoOrderOptions): Record<string, unknown> {
  const id = 5_931_282_661_421 + index * 1_000_003;
  const [first, last, company] = PEOPLE[index % PEOPLE.length] ?? PEOPLE[0];
  const number = 1001 + index;
  const created = new Date(Date.UTC(2026, 6, 14, 14, 0, 0) + index * 3_600_000).toISOString().replace('.000Z', 'Z');
  const email = `${first.toLowerCase()}.${last.toLowerCase()}@example.com`;
  const total = o.total;
  const tax = (Math.round((Number(total) * 100 * 0.08) / 1.08) / 100).toFixed(2);
  const subtotal = (Number(total) - Number(tax)).toFixed(2);
  const money = (amount: string) => ({ shop_money: { amount, currency_code: 'USD' }, presentment_money: { amount, currency_code: 'USD' } });
  const address = {
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    company: o.b2b ? company : null,
    address1: '400 Foundry Road',
    address2: null,
    city: 'Pittsburgh',
    province: 'Pennsylvania',
    province_code: 'PA',
    zip: '15222',
    country: 'United States',
    country_code: 'US',
    phone: null,
    latitude: null,
    longitude: null,
  };
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    number: number - 1000,
    order_number: number,
    email,
    contact_email: email,
    created_at: created,
    processed_at: created,
    updated_at: o.updatedAt ?? created,
    currency: 'USD',
    presentment_currency: 'USD',
    total_price: total,
    total_price_set: money(total),
    current_total_price: total,
    current_total_price_set: money(total),
    subtotal_price: subtotal,
    current_subtotal_price: subtotal,
    total_tax: tax,
    current_total_tax: tax,
    total_discounts: '0.00',
    taxes_included: false,
    financial_status: o.financialStatus ?? (o.b2b ? 'pending' : 'paid'),
    fulfillment_status: null,
    cancel_reason: null,
    cancelled_at: null,
    closed_at: null,
    tags: (o.tags ?? []).join(', '),
    note: null,
    po_number: o.b2b ? `PO-${number}-${(index * 7919) % 100000}` : null,
    source_name: o.b2b ? 'shopify_draft_order' : 'web',
    test: false,
    company: o.b2b ? { id: 1_983_315 + index, location_id: 2_512_340 + index } : null,
    customer: {
      id: 7_204_358_898_733 + index,
      admin_graphql_api_id: `gid://shopify/Customer/${7_204_358_898_733 + index}`,
      email,
      first_name: first,
      last_name: last,
      state: 'enabled',
      tax_exempt: false,
      currency: 'USD',
      default_address: address,
    },
    billing_address: address,
    shipping_address: address,
    line_items: [
      {
        id: 14_237_781_065_773 + index,
        admin_graphql_api_id: `gid://shopify/LineItem/${14_237_781_065_773 + index}`,
        title: 'Industrial Valve X200',
        sku: 'VLV-X200-SS',
        quantity: 1,
        price: subtotal,
        properties: o.lineItemProperties ?? [],
        vendor: 'Acme Industrial',
        taxable: true,
      },
    ],
    shipping_lines: [],
    fulfillments: [],
    refunds: [],
  };
}
