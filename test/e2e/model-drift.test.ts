import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, postDelivery } from '../helpers/webhooks.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';

const sample = fixture('orders-create.b2b-high-value.json');
const ORDER_ID = '5931282661421';

/** An administrator's "Shopify Order" category that names two attributes differently. */
const DRIFTED = { renameAttributes: { 'Shopify Order': { Customer: 'Customer Name', Total: 'Total Price' } } };

describe('an xECM model that differs a little (attributes named differently)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ xecm: DRIFTED });
  });
  afterAll(async () => stack.stop());

  it('creates the workspace with the attributes that exist and names the ones skipped', async () => {
    const r = await postDelivery(stack.url, 'orders/create', sample.body);
    expect(r.status).toBe(200);
    await stack.drained();

    expect(await stack.deps.queue.deadLetters()).toEqual([]);
    const found = await stack.otcs.workspacesFor('shopify_order', ORDER_ID);
    expect(found).toHaveLength(1);
    const attrs = await stack.otcs.categoryValuesByName(found[0]?.id ?? 0);
    expect(attrs).toMatchObject({ 'Order Name': '#1187', Currency: 'USD', 'PO Number': 'PO-KPS-88213', B2B: true });
    // The category's own attributes that the rules do not write stay empty.
    expect(attrs['Customer Name'] ?? null).toBeNull();
    expect(attrs['Total Price'] ?? null).toBeNull();

    const [job] = (await stack.deps.store.outcomes({ task: 'rule' })).filter((o) => (o.payload as { rule?: string }).rule === 'order-workspace');
    expect(job?.result).toMatchObject({ outcome: 'created', missingAttributes: ['Customer', 'Total'] });
  });

  it('updates the attributes that exist on a later change, still naming the skipped ones', async () => {
    await postDelivery(stack.url, 'orders/updated', { ...sample.body, financial_status: 'paid', updated_at: '2026-07-15T09:00:00-04:00' });
    await stack.drained();
    expect(await stack.deps.queue.deadLetters()).toEqual([]);
    const [ws] = await stack.otcs.workspacesFor('shopify_order', ORDER_ID);
    expect(await stack.otcs.categoryValuesByName(ws?.id ?? 0)).toMatchObject({ 'Financial Status': 'paid' });
    const last = (await stack.deps.store.outcomes({ task: 'rule' })).filter((o) => (o.payload as { rule?: string }).rule === 'order-workspace').at(-1);
    expect(last?.result).toMatchObject({ outcome: 'updated', missingAttributes: ['Customer', 'Total'] });
  });
});

describe('the same model with model.strictAttributes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ xecm: DRIFTED, overrides: { model: { strictAttributes: true } } });
  });
  afterAll(async () => stack.stop());

  it('dead-letters the job naming the attribute, and creates nothing', async () => {
    await postDelivery(stack.url, 'orders/create', sample.body);
    await stack.drained();
    const [dead] = await stack.deps.queue.deadLetters();
    expect(dead?.attempts).toBe(1);
    expect(dead?.reason).toMatch(/XECM_CATEGORY_ATTRIBUTE_UNKNOWN: category "Shopify Order" has no attribute "Customer"/);
    expect(await stack.otcs.workspacesFor('shopify_order', ORDER_ID)).toEqual([]);
  });
});
