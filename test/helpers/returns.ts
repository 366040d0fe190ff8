/**
 * One return's five-event lifecycle (requested, approved, closed, reopened, closed again), a minute
 * apart, as Shopify's REST webhooks carry it (returns/close and /reopen are minimal), with its order.
 * The pure timeline tests fold it; the end-to-end test delivers it signed.
 */
export const T0 = Date.parse('2026-11-27T09:00:00Z');

export const RETURN_ORDER = {
  id: 5001,
  admin_graphql_api_id: 'gid://shopify/Order/5001',
  name: '#1001',
  created_at: '2026-11-26T10:00:00-05:00',
  updated_at: '2026-11-26T10:00:00-05:00',
  currency: 'USD',
  total_price: '340.00',
  tags: 'wholesale',
  customer: { first_name: 'Pat', last_name: 'Lee' },
  line_items: [
    { admin_graphql_api_id: 'gid://shopify/LineItem/11', title: 'Pump housing', sku: 'PH-1', price: '100.00', quantity: 3 },
    { admin_graphql_api_id: 'gid://shopify/LineItem/12', title: 'Seal kit', sku: 'SK-2', price: '20.00', quantity: 2 },
  ],
};

const RET = { id: 7001, admin_graphql_api_id: 'gid://shopify/Return/7001' };
const full = (status: string) => ({
  ...RET,
  status,
  name: '#1001-R1',
  order: { id: 5001, admin_graphql_api_id: 'gid://shopify/Order/5001' },
  return_line_items: [
    {
      quantity: 2,
      return_reason: 'defective',
      return_reason_note: 'cracked',
      customer_note: 'Arrived broken',
      fulfillment_line_item: { line_item: { admin_graphql_api_id: 'gid://shopify/LineItem/11' } },
    },
  ],
});
const minimal = (status: string) => ({ ...RET, order_id: 5001, status });

/** `at`: when Shopify triggered it (epoch ms); returns carry no updated_at. */
export const RETURN_LIFECYCLE: ReadonlyArray<{ topic: string; body: Record<string, unknown>; at: number }> = [
  { topic: 'returns/request', body: full('requested') },
  { topic: 'returns/approve', body: full('open') },
  { topic: 'returns/close', body: minimal('closed') },
  { topic: 'returns/reopen', body: minimal('open') },
  { topic: 'returns/close', body: minimal('closed') },
].map((e, i) => ({ ...e, at: T0 + (i + 1) * 60_000 }));
