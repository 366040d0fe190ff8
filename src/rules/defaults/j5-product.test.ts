import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planRule } from '../plan.js';
import type { PlanModel } from '../plan.js';
import { ruleSchema } from '../schema.js';
import { J1_ORDER_RULES } from './j1-order.js';
import { J5_PRODUCT_RULES } from './j5-product.js';

const MODEL: PlanModel = {
  order: { boType: 'shopify_order', workspaceType: 'Shopify Order' },
  case: { boType: 'shopify_case', workspaceType: 'Shopify Case' },
  account: { boType: 'shopify_account', workspaceType: 'Shopify Customer Account' },
  exception: { boType: 'shopify_order_exception', workspaceType: 'Shopify Order Exception' },
  product: { boType: 'shopify_product', workspaceType: 'Shopify Product' },
};
const SHOP = 'acme-industrial.myshopify.com';
const product = ruleSchema.parse(J5_PRODUCT_RULES['product-workspace']);
const order = ruleSchema.parse(J1_ORDER_RULES['order-workspace']);

/** The products/update sample: the webhook's payload, without inventory items or metafields. */
const webhook = (
  JSON.parse(readFileSync(new URL('../../../test/fixtures/shopify/products-update.json', import.meta.url), 'utf8')) as { body: Record<string, unknown> }
).body;

/** The same product as the Admin API gives it in full (intake/read-product.ts). */
const full = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...webhook,
  variants: [
    { sku: 'VLV-X200-SS', harmonized_system_code: '848180', country_code_of_origin: 'DE', province_code_of_origin: null },
    { sku: 'VLV-X200-DX', harmonized_system_code: '848180', country_code_of_origin: 'US', province_code_of_origin: 'PA' },
    { sku: '', harmonized_system_code: null, country_code_of_origin: null, province_code_of_origin: null },
  ],
  metafields: [],
  ...over,
});

const plan = (payload: unknown, rule = product) => planRule('product-workspace', rule, payload, { shop: SHOP, model: MODEL });

describe('job 5 product rule (j5-product.ts)', () => {
  it('makes a CE-marked product a "Shopify Product" workspace with its facts, classes and customs data, and the checklist as follow-up', async () => {
    const p = await plan(full());
    expect(p.applies).toBe(true);
    expect(p.trace.filter((t) => t.held).map((t) => t.criterion)).toEqual(['compliance tag', 'hazmat tag']);
    expect(p.steps).toEqual([
      {
        op: 'ensure-workspace',
        workspace: { kind: 'product', boType: 'shopify_product', boId: '8123456789013' },
        name: 'Industrial Valve X200',
        merge: [],
        attributes: {
          'Product Title': 'Industrial Valve X200',
          'Product Type': 'Valves',
          Vendor: 'Acme Industrial',
          SKUs: ['VLV-X200-SS', 'VLV-X200-DX'],
          'HS Codes': ['848180'],
          'Countries of Origin': ['DE', 'US-PA'],
          // hazmat:none regulates, but is no hazard class.
          'Hazmat Class': null,
          'Compliance Marks': ['CE', 'PED'],
          Tags: ['compliance:CE', 'compliance:PED', 'hazmat:none'],
          'Product Class': ['CE', 'PED'],
          Shop: SHOP,
        },
      },
      ...['Safety Data Sheets', 'Certifications', 'Labeling', 'Import Documentation'].map((folder) => ({
        op: 'ensure-folder',
        workspace: { kind: 'product', boType: 'shopify_product', boId: '8123456789013' },
        folder,
      })),
    ]);
    expect(product.followUps).toEqual(['product-checklist']);
  });

  it('leaves the customs data as it is when the payload has none (a webhook read without the Admin API)', async () => {
    const attrs = (await plan(webhook)).steps[0];
    expect(attrs?.op === 'ensure-workspace' && Object.keys(attrs.attributes)).not.toContain('HS Codes');
    expect(attrs?.op === 'ensure-workspace' && attrs.attributes.SKUs).toEqual(['VLV-X200-SS', 'VLV-X200-DX']);
  });

  it('derives the hazard class from a hazmat tag (or the compliance.hazmat_class metafield)', async () => {
    const attrs = async (over: Record<string, unknown>) => {
      const s = (await plan(full(over))).steps[0];
      return s?.op === 'ensure-workspace' ? s.attributes : {};
    };
    expect(await attrs({ tags: 'regulated, hazmat:class-3' })).toMatchObject({ 'Hazmat Class': '3', 'Product Class': ['hazmat'], 'Compliance Marks': [] });
    expect(
      await attrs({ tags: 'regulated', metafields: [{ namespace: 'compliance', key: 'hazmat_class', type: 'single_line_text_field', value: '9' }] }),
    ).toMatchObject({ 'Hazmat Class': '9', 'Product Class': ['hazmat'] });
    expect(await attrs({ tags: 'Regulated' })).toMatchObject({ 'Hazmat Class': null, 'Product Class': [] });
  });

  it('is not regulated without the tags; a product type or metafield criterion is the merchant’s to add', async () => {
    expect((await plan(full({ tags: 'valves, stainless' }))).applies).toBe(false);
    const byType = ruleSchema.parse({
      ...J5_PRODUCT_RULES['product-workspace'],
      criteria: {
        ...J5_PRODUCT_RULES['product-workspace'].criteria,
        metafield: "$count(metafields[namespace = 'compliance' and key = 'regulated' and value = 'true']) > 0",
      },
    });
    const flagged = full({ tags: '', metafields: [{ namespace: 'compliance', key: 'regulated', type: 'boolean', value: 'true' }] });
    expect((await plan(flagged, byType)).applies).toBe(true);
  });
});

describe('job 1 order rule: relations to the products of its line items', () => {
  it('plans one relation per distinct product, each waiting at most 30 days for the product’s workspace', async () => {
    const payload = {
      admin_graphql_api_id: 'gid://shopify/Order/5001',
      name: '#5001',
      total_price: '9000.00',
      tags: '',
      line_items: [{ product_id: 8123456789013 }, { product_id: 8123456789013 }, { product_id: null, title: 'Custom item' }, { product_id: 8123456789099 }],
    };
    const p = await planRule('order-workspace', order, payload, { shop: SHOP, model: MODEL });
    expect(p.steps.filter((s) => s.op === 'relate')).toEqual([
      {
        op: 'relate',
        workspace: { kind: 'order', boType: 'shopify_order', boId: '5001' },
        to: { kind: 'product', boType: 'shopify_product', boId: '8123456789013' },
        relType: 'parent',
        waitDays: 30,
      },
      {
        op: 'relate',
        workspace: { kind: 'order', boType: 'shopify_order', boId: '5001' },
        to: { kind: 'product', boType: 'shopify_product', boId: '8123456789099' },
        relType: 'parent',
        waitDays: 30,
      },
    ]);
    // One product: one relation (JSONata gives a single value, not a list).
    const one = await planRule('order-workspace', order, { ...payload, line_items: [{ product_id: 7 }] }, { shop: SHOP, model: MODEL });
    expect(one.steps.filter((s) => s.op === 'relate').map((s) => s.op === 'relate' && s.to.boId)).toEqual(['7']);
  });
});
