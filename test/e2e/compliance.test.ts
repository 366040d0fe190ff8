import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';
import { EMU_SECRET, EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

const COMPLIANCE_CATEGORY = 'Shopify Compliance Document';

const PRODUCT_SET = `mutation($input: ProductSetInput!) {
  productSet(input: $input) { product { id variants(first: 5) { nodes { id inventoryItem { id } } } } userErrors { field message } }
}`;
const PRODUCT_UPDATE = `mutation($p: ProductUpdateInput!) { productUpdate(product: $p) { product { id } userErrors { field message } } }`;
const VARIANTS_UPDATE = `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id inventoryItem { harmonizedSystemCode } } userErrors { field message } }
}`;
const INVENTORY_ITEM_UPDATE = `mutation($id: ID!, $input: InventoryItemInput!) {
  inventoryItemUpdate(id: $id, input: $input) { inventoryItem { countryCodeOfOrigin } userErrors { field message } }
}`;
const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { field message } } }`;
const CATALOGUE = `query { products(first: 50) { nodes { id title variants(first: 1) { nodes { id } } } } }`;

interface UserErrors {
  userErrors: Array<{ field: string[] | null; message: string }>;
}

/**
 * Issue 11, job 5, played as the merchant and an xECM administrator would: the merchant sets up a
 * regulated product through the Shopify emulator's Admin API (which sends the webhooks); the result,
 * and the checklist, are read through Content Server's REST API; the administrator files the
 * documents through the same REST API; `compliance check` and `compliance report` run as the real CLI.
 */
describe('product compliance workspaces (job 5)', () => {
  let stack: ShopStack;
  let cwd: { dir: string; cleanup: () => void };
  let product: { gid: string; id: string; variantId: string; inventoryItemId: string };

  const gql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => stack.graphql<T>(query, variables);
  const ok = (r: UserErrors): void => expect(r.userErrors).toEqual([]);
  const workspaceOf = async (boType: string, boId: string) => {
    const [ws] = await stack.otcs.workspacesFor(boType, boId);
    if (!ws) throw new Error(`no ${boType} workspace for ${boId}`);
    return ws;
  };
  const folderOf = async (wsId: number, name: string): Promise<number> => {
    const f = await stack.otcs.child(wsId, name);
    if (!f) throw new Error(`no folder ${name}`);
    return f.id;
  };
  /** The real CLI, another process on the connector's database. */
  const cli = (args: string[]) =>
    runCli(args, { DATABASE_URL: stack.config.database.url, SHOPIFY_SHOP_DOMAIN: EMU_SHOP, SHOPIFY_API_SECRET: EMU_SECRET, LOG_LEVEL: 'silent' }, cwd.dir);

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 } });
    cwd = tempDir();
    // A new hazardous, CE-marked product: one variant whose inventory item carries its customs data.
    const r = await gql<{ productSet: UserErrors & { product: { id: string; variants: { nodes: Array<{ id: string; inventoryItem: { id: string } }> } } } }>(
      PRODUCT_SET,
      {
        input: {
          title: 'Lithium Storage Rack LR-200',
          productType: 'Batteries',
          vendor: 'Acme Industrial',
          tags: ['hazmat:class-9', 'compliance:CE'],
          productOptions: [{ name: 'Capacity', values: [{ name: '10 kWh' }] }],
          variants: [
            {
              optionValues: [{ optionName: 'Capacity', name: '10 kWh' }],
              price: '1450.00',
              inventoryItem: { sku: 'LR-200-10', harmonizedSystemCode: '850760', countryCodeOfOrigin: 'CN' },
            },
          ],
        },
      },
    );
    ok(r.productSet);
    const p = r.productSet.product;
    product = {
      gid: p.id,
      id: p.id.split('/').pop() ?? '',
      variantId: p.variants.nodes[0]?.id ?? '',
      inventoryItemId: p.variants.nodes[0]?.inventoryItem.id ?? '',
    };
    await stack.drained();
  }, 60_000);
  afterAll(async () => {
    await stack.stop();
    cwd.cleanup();
  });

  it('gives a regulated product its "Shopify Product" workspace: facts, customs data, classes and the checklist of what is missing', async () => {
    const ws = await workspaceOf('shopify_product', product.id);
    expect(ws.name).toBe('Lithium Storage Rack LR-200');
    const v = await stack.otcs.categoryValuesByName(ws.id);
    expect(v).toMatchObject({
      'Product Title': 'Lithium Storage Rack LR-200',
      'Product Type': 'Batteries',
      Vendor: 'Acme Industrial',
      SKUs: ['LR-200-10'],
      'HS Codes': ['850760'],
      'Countries of Origin': ['CN'],
      'Hazmat Class': '9',
      'Compliance Marks': ['CE'],
      'Product Class': ['hazmat', 'CE'],
      'Required Documents': ['Safety Data Sheet', 'UN Transport Declaration', 'EU Declaration of Conformity', 'Country Labels'],
      'Missing Documents': ['Safety Data Sheet', 'UN Transport Declaration', 'EU Declaration of Conformity', 'Country Labels'],
      'Present Documents': [],
      'Checklist Status': 'incomplete',
      Shop: EMU_SHOP,
    });
    expect(typeof v['Last Checked']).toBe('string');
    expect((await stack.otcs.children(ws.id)).map((c) => c.name)).toEqual(
      expect.arrayContaining(['Safety Data Sheets', 'Certifications', 'Labeling', 'Import Documentation']),
    );
  });

  it('follows the customs data as the admin changes it: on the variant (products/update) or on the inventory item alone (inventory_items/update)', async () => {
    const r = await gql<{ productVariantsBulkUpdate: UserErrors }>(VARIANTS_UPDATE, {
      productId: product.gid,
      variants: [{ id: product.variantId, inventoryItem: { harmonizedSystemCode: '850760.00', countryCodeOfOrigin: 'CN', provinceCodeOfOrigin: null } }],
    });
    ok(r.productVariantsBulkUpdate);
    const bad = await gql<{ productVariantsBulkUpdate: UserErrors }>(VARIANTS_UPDATE, {
      productId: product.gid,
      variants: [{ id: product.variantId, inventoryItem: { harmonizedSystemCode: '85' } }],
    });
    expect(bad.productVariantsBulkUpdate.userErrors[0]?.message).toMatch(/between 6 and 13 digits/);
    await stack.drained();
    const ws = await workspaceOf('shopify_product', product.id);
    expect((await stack.otcs.categoryValuesByName(ws.id))['HS Codes']).toEqual(['85076000']);
    // Set on the inventory item alone (inventory_items/update, no products/update): the product is read again.
    ok(
      (await gql<{ inventoryItemUpdate: UserErrors }>(INVENTORY_ITEM_UPDATE, { id: product.inventoryItemId, input: { countryCodeOfOrigin: 'VN' } }))
        .inventoryItemUpdate,
    );
    await stack.drained();
    expect(await stack.otcs.categoryValuesByName(ws.id)).toMatchObject({ 'HS Codes': ['85076000'], 'Countries of Origin': ['VN'] });
  });

  it('keeps the checklist as documents are filed in xECM, expired or missing ones named by `compliance report` (exit 1), until all are there (exit 0)', async () => {
    const ws = await workspaceOf('shopify_product', product.id);
    // The administrator files three of the four documents; the labels' validity has ended.
    await stack.otcs.upload(await folderOf(ws.id, 'Safety Data Sheets'), 'SDS LR-200 rev 3.pdf', '%PDF-1.4 safety data sheet');
    const doc = await stack.otcs.upload(await folderOf(ws.id, 'Certifications'), 'EC certificate 2026-114.pdf', '%PDF-1.4 declaration');
    await stack.otcs.setCategory(doc, COMPLIANCE_CATEGORY, { 'Document Type': 'Declaration of Conformity', 'Valid Until': '2031-06-30T00:00:00' });
    const labels = await stack.otcs.upload(await folderOf(ws.id, 'Labeling'), 'Country labels EU.pdf', '%PDF-1.4 labels');
    await stack.otcs.setCategory(labels, COMPLIANCE_CATEGORY, { 'Document Type': 'Country Label', 'Valid Until': '2020-06-30T00:00:00' });

    // The scheduled re-check (serve's timer does the same on compliance.recheckIntervalMs).
    expect(await stack.running.recheckNow()).toBe(1);
    await stack.drained();
    expect(await stack.otcs.categoryValuesByName(ws.id)).toMatchObject({
      'Present Documents': ['Safety Data Sheet', 'EU Declaration of Conformity'],
      'Missing Documents': ['UN Transport Declaration'],
      'Expired Documents': ['Country Labels (expired 2020-06-30)'],
      'Checklist Status': 'incomplete',
    });

    const gaps = await cli(['compliance', 'report']);
    expect(gaps.stderr).toBe('');
    expect(gaps.code).toBe(1);
    expect(gaps.stdout).toContain(`GAPS      Lithium Storage Rack LR-200 (product ${product.id}; hazmat, CE, every, ${EMU_SHOP}), checked `);
    expect(gaps.stdout).toContain('  missing  UN Transport Declaration');
    expect(gaps.stdout).toContain('  expired  Country Labels (expired 2020-06-30: Country labels EU.pdf)');
    const json = await cli(['compliance', 'report', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      products: [{ productId: product.id, nodeId: ws.id, complete: false, missing: ['UN Transport Declaration'], expired: [{ name: 'Country Labels' }] }],
      totals: { products: 1, complete: 0, withMissing: 1, withExpired: 1, unchecked: 0 },
    });

    // The missing declaration is filed (typed by its category, at the workspace's top) and the labels renewed.
    const un = await stack.otcs.upload(ws.id, 'Dangerous goods note UN3480.pdf', '%PDF-1.4 DGD');
    await stack.otcs.setCategory(un, COMPLIANCE_CATEGORY, { 'Document Type': 'UN Transport Declaration' });
    await stack.otcs.setCategory(labels, COMPLIANCE_CATEGORY, { 'Valid Until': '2031-12-31T00:00:00' });
    // On demand: the CLI queues the re-check for the running worker and waits for it.
    const checked = await cli(['compliance', 'check', '--product', product.id, '--wait']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`ok        Lithium Storage Rack LR-200 (product ${product.id}; hazmat, CE, every, ${EMU_SHOP}), checked `);
    expect(await stack.otcs.categoryValuesByName(ws.id)).toMatchObject({
      'Present Documents': ['Safety Data Sheet', 'UN Transport Declaration', 'EU Declaration of Conformity', 'Country Labels'],
      'Missing Documents': [],
      'Expired Documents': [],
      'Checklist Status': 'complete',
    });
    const clean = await cli(['compliance', 'report']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('1 regulated product(s): 1 complete, 0 with missing documents, 0 with expired documents, 0 not checked yet.');
  }, 120_000);

  it('relates an order workspace to the product workspaces of its line items; an unregulated product’s relation stops waiting', async () => {
    const catalogue = await gql<{ products: { nodes: Array<{ id: string; title: string; variants: { nodes: Array<{ id: string }> } }> } }>(CATALOGUE);
    const seeded = (title: string) => {
      const p = catalogue.products.nodes.find((x) => x.title === title);
      if (!p) throw new Error(`no ${title}`);
      return { gid: p.id, id: p.id.split('/').pop() ?? '', variantId: p.variants.nodes[0]?.id ?? '' };
    };
    // Seeded before the connector subscribed: no workspace yet for the regulated valve, none ever for the gasket kit.
    const valve = seeded('Safety Relief Valve SRV-25');
    const gasket = seeded('Gasket Kit GK-50');
    expect(await stack.otcs.workspacesFor('shopify_product', valve.id)).toEqual([]);
    const r = await gql<{ orderCreate: UserErrors & { order: { id: string } } }>(ORDER_CREATE, {
      order: {
        email: 'buyer@example.com',
        currency: 'USD',
        financialStatus: 'PAID',
        lineItems: [
          { variantId: product.variantId, quantity: 4 },
          { variantId: valve.variantId, quantity: 1 },
          { variantId: gasket.variantId, quantity: 2 },
        ],
      },
    });
    ok(r.orderCreate);
    const orderId = r.orderCreate.order.id.split('/').pop() ?? '';
    await stack.drained();

    // 4 × 1,450: a high-value order, related at once to the product that has its workspace.
    const orderWs = await workspaceOf('shopify_order', orderId);
    const rack = await workspaceOf('shopify_product', product.id);
    expect(await stack.otcs.related(orderWs.id)).toEqual(expect.arrayContaining([rack.id]));
    const store = stack.deps.store;
    expect((await store.pendingRelationsTo(EMU_SHOP, 'shopify_product', valve.id)).map((p) => p.from.boId)).toEqual([orderId]);
    expect(await store.pendingRelationsTo(EMU_SHOP, 'shopify_product', gasket.id)).toHaveLength(1);

    // The merchant edits both products: the valve (regulated) gets its workspace and the waiting
    // relation is made; the gasket kit is judged not regulated and its relation stops waiting.
    for (const p of [valve, gasket])
      ok((await gql<{ productUpdate: UserErrors }>(PRODUCT_UPDATE, { p: { id: p.gid, vendor: 'Nordic Pump AB' } })).productUpdate);
    await stack.drained();
    const valveWs = await workspaceOf('shopify_product', valve.id);
    expect(await stack.otcs.related(orderWs.id)).toEqual(expect.arrayContaining([rack.id, valveWs.id]));
    expect(await stack.otcs.workspacesFor('shopify_product', gasket.id)).toEqual([]);
    expect(await store.pendingRelationsTo(EMU_SHOP, 'shopify_product', valve.id)).toEqual([]);
    expect(await store.pendingRelationsTo(EMU_SHOP, 'shopify_product', gasket.id)).toEqual([]);
    // The valve's customs data came from the Admin API (the webhook has none); its checklist: every class only.
    expect(await stack.otcs.categoryValuesByName(valveWs.id)).toMatchObject({
      'HS Codes': ['848140'],
      'Countries of Origin': ['US-PA'],
      'Product Class': ['ASME'],
      'Missing Documents': ['Country Labels'],
    });
    const report = await cli(['compliance', 'report', '--json']);
    expect(report.code).toBe(1);
    expect((JSON.parse(report.stdout) as { products: Array<{ productId: string; complete: boolean }> }).products).toEqual([
      expect.objectContaining({ productId: valve.id, complete: false }),
      expect.objectContaining({ productId: product.id, complete: true }),
    ]);
  }, 120_000);
});
