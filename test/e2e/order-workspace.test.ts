import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, postDelivery } from '../helpers/webhooks.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';

const sample = fixture('orders-create.b2b-high-value.json');
const ORDER_ID = '5931282661421';

function variant(id: number, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...sample.body, id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#${id % 10000}`, order_number: id % 10000, ...fields };
}

/** Job 1 end to end: signed delivery → connector → queue → xECM emulator, checked with plain OTCS REST. */
describe('order workspace (job 1)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.stop());

  it('turns a signed high-value B2B order into one Shopify Order workspace', async () => {
    const r = await postDelivery(stack.url, 'orders/create', sample.body);
    expect(r.status).toBe(200);
    await stack.drained();

    const found = await stack.otcs.workspacesFor('shopify_order', ORDER_ID);
    expect(found).toHaveLength(1);
    expect(found[0]?.name).toBe('Order #1187 – Keystone Process Systems LLC');
    const attrs = await stack.otcs.categoryValuesByName(found[0]?.id ?? 0);
    expect(attrs).toMatchObject({
      'Order Name': '#1187',
      'Order Number': '1187',
      'PO Number': 'PO-KPS-88213',
      Total: '14632.80',
      Currency: 'USD',
      'Financial Status': 'pending',
      B2B: true,
      Shop: 'acme-industrial.myshopify.com',
    });
    expect(attrs.Tags).toEqual(['B2B', 'key-account']);
    const children = await stack.otcs.get<{ results: Array<{ data: { properties: { name: string } } }> }>(`/v2/nodes/${found[0]?.id}/nodes?limit=100`);
    expect(children.body.results.map((c) => c.data.properties.name)).toEqual(
      expect.arrayContaining(['Confirmation and Invoices', 'Communications', 'Contracts', 'Shipping', 'Approvals', 'Archive']),
    );
  });

  it('keeps exactly one workspace for a resent delivery and for a different delivery of the same order', async () => {
    const first = await postDelivery(stack.url, 'orders/create', sample.body);
    const again = await postDelivery(stack.url, 'orders/create', sample.body, { webhookId: first.webhookId });
    expect(again.json).toMatchObject({ duplicate: true });
    const updated = await postDelivery(stack.url, 'orders/updated', { ...sample.body, financial_status: 'paid', updated_at: '2026-07-15T09:00:00-04:00' });
    expect(updated.status).toBe(200);
    await stack.drained();

    const found = await stack.otcs.workspacesFor('shopify_order', ORDER_ID);
    expect(found).toHaveLength(1);
    expect(await stack.otcs.categoryValuesByName(found[0]?.id ?? 0)).toMatchObject({ 'Financial Status': 'paid' });
  });

  it('skips an update older than what was applied (last writer wins by updated_at)', async () => {
    const id = 6000000000009;
    await postDelivery(
      stack.url,
      'orders/updated',
      variant(id, { current_total_price: '8000.00', financial_status: 'paid', updated_at: '2026-07-16T10:00:00Z' }),
    );
    await stack.drained();
    // A retry of an older delivery arrives late: it must not roll the workspace back.
    await postDelivery(
      stack.url,
      'orders/create',
      variant(id, { current_total_price: '8000.00', financial_status: 'pending', updated_at: '2026-07-15T10:00:00Z' }),
    );
    await stack.drained();
    const [ws] = await stack.otcs.workspacesFor('shopify_order', String(id));
    expect(await stack.otcs.categoryValuesByName(ws?.id ?? 0)).toMatchObject({ 'Financial Status': 'paid' });
    const last = (await stack.deps.store.outcomes({ task: 'rule' })).filter((o) => (o.payload as { rule?: string }).rule === 'order-workspace').at(-1);
    expect(last?.result).toMatchObject({ outcome: 'stale' });
  });

  it('never creates a second workspace when many deliveries for one order arrive at once', async () => {
    const body = variant(6000000000001, { current_total_price: '9100.00', company: null, tags: '' });
    const results = await Promise.all(Array.from({ length: 8 }, () => postDelivery(stack.url, 'orders/updated', body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order', '6000000000001')).toHaveLength(1);
  });

  it('creates nothing for an order below the criteria', async () => {
    const body = variant(6000000000002, { current_total_price: '120.00', total_price: '120.00', company: null, tags: 'gift', line_items: [] });
    await postDelivery(stack.url, 'orders/create', body);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order', '6000000000002')).toEqual([]);
    const jobs = await stack.deps.store.outcomes();
    expect(jobs.at(-1)?.result).toMatchObject({
      outcome: 'skipped',
      rule: 'order-workspace',
      trace: expect.arrayContaining([{ criterion: 'high value', held: false }]),
    });
  });

  it('renews an expired ticket transparently', async () => {
    const expire = await fetch(`${stack.emulatorRoot}/emulator/tickets/expire`, { method: 'POST' });
    expect(expire.status).toBe(200);
    await postDelivery(stack.url, 'orders/create', variant(6000000000003, { current_total_price: '7300.00' }));
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order', '6000000000003')).toHaveLength(1);
    const job = (await stack.deps.store.outcomes()).at(-1);
    expect(job).toMatchObject({ attempt: 1, result: { outcome: 'created' } });
  });
});

describe('order workspace with a workspace type that xECM does not have', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ overrides: { model: { order: { workspaceType: 'Shopify Orders (typo)' } } } });
  });
  afterAll(async () => stack.stop());

  it('dead-letters the job with the type named, and creates nothing', async () => {
    await postDelivery(stack.url, 'orders/create', sample.body);
    await stack.drained();
    const [dead] = await stack.deps.queue.deadLetters();
    expect(dead?.attempts).toBe(1);
    expect(dead?.reason).toMatch(/XECM_WORKSPACE_TYPE_UNKNOWN: workspace type "Shopify Orders \(typo\)" does not exist/);
    expect(await stack.otcs.workspacesFor('shopify_order', ORDER_ID)).toEqual([]);
  });
});
