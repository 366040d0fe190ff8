import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/config.js';
import { runCli } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf-text.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

const order = fixture('orders-create.b2b-high-value.json');
const company = fixture('companies-create.json');

interface Related {
  results: Array<{ data: { properties: { id: number; name: string; rel_type?: string } } }>;
}
interface Children {
  results: Array<{ data: { properties: { id: number; name: string } } }>;
}

/** Issue 5 with the sample deliveries: jobs 1 and 3 through the rules, checked with plain OTCS REST. */
describe('rules: order and account workspaces from the sample deliveries', () => {
  let stack: Stack;
  const cfg = tempDir();
  const cfgFile = join(cfg.dir, 'shopify-xecm.yaml');
  beforeAll(async () => {
    // The emulator seeds the "Shopify Transaction Records" classification as node 3200.
    writeFileSync(cfgFile, 'model:\n  classificationId: 3200\n');
    stack = await startStack({ overrides: { model: { classificationId: 3200 } } });
  });
  afterAll(async () => {
    await stack.stop();
    cfg.cleanup();
  });

  it('relates the B2B order to its company account, files a confirmation PDF, and syncs the company', async () => {
    // The order arrives before its company: the relation waits for the account workspace.
    expect((await postDelivery(stack.url, 'orders/create', order.body)).status).toBe(200);
    await stack.drained();
    expect((await postDelivery(stack.url, 'companies/create', company.body)).status).toBe(200);
    await stack.drained();

    const [account] = await stack.otcs.workspacesFor('shopify_account', '1983315');
    expect(account?.name).toBe(String(company.body.name));
    expect(await stack.otcs.categoryValuesByName(account?.id ?? 0)).toMatchObject({
      'Account Name': company.body.name,
      'External ID': company.body.external_id,
      Shop: 'acme-industrial.myshopify.com',
    });

    const [ws] = await stack.otcs.workspacesFor('shopify_order', '5931282661421');
    const related = await stack.otcs.get<Related>(`/v2/businessworkspaces/${ws?.id}/relateditems`);
    expect(related.body.results.map((r) => r.data.properties.id)).toEqual([account?.id]);

    const folders = await stack.otcs.get<Children>(`/v2/nodes/${ws?.id}/nodes?limit=100`);
    const confirmations = folders.body.results.find((f) => f.data.properties.name === 'Confirmation and Invoices');
    const docs = await stack.otcs.get<Children>(`/v2/nodes/${confirmations?.data.properties.id}/nodes?limit=100`);
    const pdf = docs.body.results.find((d) => d.data.properties.name === '#1187 confirmation.pdf');
    expect(pdf).toBeDefined();
    const bytes = Buffer.from(
      await (
        await fetch(`${stack.xecmUrl}/api/v2/nodes/${pdf?.data.properties.id}/content`, { headers: { OTCSTicket: await stack.otcs.ticket() } })
      ).arrayBuffer(),
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const s of ['#1187', 'PO-KPS-88213', '14,632.80']) expect(text).toContain(s);
    // Declared a record under the transaction-records classification.
    const rm = await stack.otcs.get<{ data: Array<{ rmclassification_id: number }> }>(`/v1/nodes/${ws?.id}/rmclassifications`);
    expect(rm.body.data.map((d) => d.rmclassification_id)).toEqual([3200]);
  });

  it('performs exactly the steps `plan` prints for the same payload', async () => {
    const planned = await runCli(
      ['plan', '--config', cfgFile, '--topic', 'orders/updated', '--payload', 'test/fixtures/shopify/orders-create.b2b-high-value.json', '--json'],
      { SHOPIFY_SHOP_DOMAIN: 'acme-industrial.myshopify.com', SHOPIFY_API_SECRET: 'x' },
    );
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as { plans: Array<{ rule: string; applies: boolean; steps: Array<{ text: string }> }> };
    const orderPlan = plan.plans.find((p) => p.rule === 'order-workspace');
    expect(orderPlan?.applies).toBe(true);
    const texts = orderPlan?.steps.map((s) => s.text) ?? [];
    expect(texts).toContain('classify shopify_order/5931282661421 as record 3200');
    expect(texts[0]).toBe('ensure-workspace shopify_order/5931282661421 "Order #1187 – Keystone Process Systems LLC"');

    await postDelivery(stack.url, 'orders/updated', { ...order.body, updated_at: '2026-07-15T08:00:00-04:00', note: 'dock 4' });
    await stack.drained();
    const job = (await stack.deps.store.outcomes({ task: 'rule' })).filter((j) => (j.payload as { rule?: string }).rule === 'order-workspace').at(-1);
    const performed = (job?.result as { steps: Array<{ step: string }> }).steps.map((s) => s.step);
    expect(performed).toEqual(texts);
  });

  it('records the main contact of a company on its account', async () => {
    const contact = {
      customer_admin_graphql_api_id: 'gid://shopify/Customer/7204358898733',
      title: 'Procurement lead',
      locale: 'en',
      created_at: '2026-01-05T10:00:00-05:00',
      updated_at: '2026-01-05T10:00:00-05:00',
      admin_graphql_api_id: 'gid://shopify/CompanyContact/4400001',
      company: { ...company.body, main_contact_admin_graphql_api_id: 'gid://shopify/CompanyContact/4400001' },
    };
    await postDelivery(stack.url, 'company_contacts/create', contact);
    // Another (not main) contact leaves it as it is.
    await postDelivery(stack.url, 'company_contacts/create', {
      ...contact,
      admin_graphql_api_id: 'gid://shopify/CompanyContact/4400002',
      customer_admin_graphql_api_id: 'gid://shopify/Customer/99',
      title: 'Clerk',
    });
    await stack.drained();
    const [account] = await stack.otcs.workspacesFor('shopify_account', '1983315');
    expect(await stack.otcs.categoryValuesByName(account?.id ?? 0)).toMatchObject({
      'Main Contact': '7204358898733 (Procurement lead)',
      'Account Name': company.body.name,
    });
  });

  it('gives a B2B customer without a company its own account workspace (customer-<id>)', async () => {
    const customer = {
      id: 7204358898733,
      admin_graphql_api_id: 'gid://shopify/Customer/7204358898733',
      first_name: 'Dana',
      last_name: 'Whitfield',
      email: 'dana@example.com',
      tags: 'B2B, vip',
      tax_exempt: true,
      created_at: '2025-11-03T09:12:44-05:00',
      updated_at: '2026-07-14T10:58:02-04:00',
    };
    await postDelivery(stack.url, 'customers/create', customer);
    await postDelivery(stack.url, 'customers/create', { ...customer, id: 1, admin_graphql_api_id: 'gid://shopify/Customer/1', tags: 'retail' });
    await stack.drained();
    const [acct] = await stack.otcs.workspacesFor('shopify_account', 'customer-7204358898733');
    expect(acct?.name).toBe('Dana Whitfield');
    expect(await stack.otcs.categoryValuesByName(acct?.id ?? 0)).toMatchObject({
      'Account Name': 'Dana Whitfield',
      'Tax Exempt': true,
      'Customer Since': '2025-11-03T14:12:44.000Z',
    });
    expect(await stack.otcs.workspacesFor('shopify_account', 'customer-1')).toEqual([]);
  });

  it('plan writes nothing and explains the criteria', async () => {
    const r = await runCli(['plan', '--topic', 'orders/create', '--payload', 'test/fixtures/shopify/orders-create.b2b-high-value.json'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rule order-workspace: applies');
    expect(r.stdout).toMatch(/✓ high value\s+✓ B2B\s+✗ custom tag\s+✗ custom line items/);
    expect(r.stdout).toContain('put-document shopify_order/5931282661421 Confirmation and Invoices/#1187 confirmation.pdf (order-confirmation)');
  });
});

describe('plan: cases and exceptions (job 2 and 4 timelines)', () => {
  it('plans a return from its change alone: the case, its claim folder, its summary and its order', async () => {
    const r = await runCli(['plan', '--topic', 'returns/request', '--payload', 'test/fixtures/shopify/returns-request.json'], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('rule case-return: applies');
    expect(r.stdout).toMatch(/ensure-workspace shopify_case\/return-\d+ "Return #\d+-R1"/);
    expect(r.stdout).toContain('Case Type = "damaged-goods claim"');
    expect(r.stdout).toMatch(/put-document shopify_case\/return-\d+ Inspection Notes\/Return summary.pdf \(return-summary\)/);
    expect(r.stdout).toMatch(/relate shopify_case\/return-\d+ → shopify_order\/\d+ \(parent\)/);
  });

  it('plans a cancellation as an exception with its notes; a hold names no order, so offline it is not planned', async () => {
    const r = await runCli(['plan', '--topic', 'orders/cancelled', '--payload', 'test/fixtures/shopify/orders-cancelled.json'], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('rule exception-order: applies');
    expect(r.stdout).toMatch(/put-document shopify_order_exception\/\d+ Warehouse Notes\/\d{8}T\d{6}Z cancelled.txt \(exception-note\)/);
    const hold = await runCli(
      ['plan', '--topic', 'fulfillment_orders/placed_on_hold', '--payload', 'test/fixtures/shopify/fulfillment_orders-placed_on_hold.json'],
      {},
    );
    expect(hold.code, hold.stderr).toBe(0);
    expect(hold.stdout).toContain('rule exception-hold: does not apply (the change names no order (the worker asks the Admin API))');
  });
});

describe('rules: a changed threshold in the configuration', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ overrides: { rules: { 'order-workspace': { criteria: { 'high value': '$number(total_price) >= 100' } } } } });
  });
  afterAll(async () => stack.stop());

  it('changes which orders get workspaces, with no code change', async () => {
    const small = {
      ...order.body,
      id: 7000000000001,
      admin_graphql_api_id: 'gid://shopify/Order/7000000000001',
      name: '#2001',
      company: null,
      tags: '',
      total_price: '150.00',
      current_total_price: '150.00',
    };
    const tiny = {
      ...small,
      id: 7000000000002,
      admin_graphql_api_id: 'gid://shopify/Order/7000000000002',
      name: '#2002',
      total_price: '99.99',
      current_total_price: '99.99',
    };
    await postDelivery(stack.url, 'orders/create', small);
    await postDelivery(stack.url, 'orders/create', tiny);
    await stack.drained();
    expect(await stack.otcs.workspacesFor('shopify_order', '7000000000001')).toHaveLength(1);
    expect(await stack.otcs.workspacesFor('shopify_order', '7000000000002')).toEqual([]);
  });
});
