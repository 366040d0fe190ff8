import { afterEach, describe, expect, it } from 'vitest';
import { PRODUCT_FULL } from '../../src/shopify/admin/operations/product-full.js';
import { at, gql, subscribedEmulator } from './test-helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const PRODUCT_SET = `mutation($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier) {
    product { id variants(first: 5) { nodes { id title sku inventoryItem { id sku harmonizedSystemCode countryCodeOfOrigin provinceCodeOfOrigin } } } }
    userErrors { field message code }
  }
}`;
const VARIANTS_UPDATE = `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id inventoryItem { harmonizedSystemCode } } userErrors { field message code } }
}`;
const VARIANTS_CREATE = `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: REMOVE_STANDALONE_VARIANT) { product { variants(first: 5) { nodes { title } } } userErrors { field message code } }
}`;
const INVENTORY_ITEM_UPDATE = `mutation($id: ID!, $input: InventoryItemInput!) {
  inventoryItemUpdate(id: $id, input: $input) { inventoryItem { id harmonizedSystemCode countryCodeOfOrigin provinceCodeOfOrigin variants(first: 1) { nodes { product { id } } } } userErrors { field message } }
}`;

async function emulator() {
  const e = await subscribedEmulator(['PRODUCTS_CREATE', 'PRODUCTS_UPDATE', 'INVENTORY_ITEMS_UPDATE'], { orders: 0, seed: 3 });
  closers.push(e.close);
  return e;
}

describe('Shopify emulator: products, variants and their inventory items (customs data, job 5)', () => {
  it('productSet creates a product whose variant’s inventory item carries its HS code and origin; products/create carries none of them', async () => {
    const { app, deliveries } = await emulator();
    const res = await gql(app, PRODUCT_SET, {
      input: {
        title: 'Solvent Drum SD-200',
        productType: 'Chemicals',
        tags: ['hazmat:class-3'],
        productOptions: [{ name: 'Size', values: [{ name: '200 L' }] }],
        variants: [
          {
            optionValues: [{ optionName: 'Size', name: '200 L' }],
            price: '890.00',
            inventoryItem: { sku: 'SD-200', harmonizedSystemCode: '381400', countryCodeOfOrigin: 'US', provinceCodeOfOrigin: 'OH' },
          },
        ],
      },
    });
    expect(at<unknown[]>(res.body.data, 'productSet.userErrors')).toEqual([]);
    expect(at<unknown>(res.body.data, 'productSet.product.variants.nodes.0')).toMatchObject({
      title: '200 L',
      sku: 'SD-200',
      inventoryItem: { sku: 'SD-200', harmonizedSystemCode: '381400', countryCodeOfOrigin: 'US', provinceCodeOfOrigin: 'OH' },
    });
    const id = at<string>(res.body.data, 'productSet.product.id');
    // The connector's own read (ProductFull) validates and sees the same.
    const full = await gql(app, PRODUCT_FULL.document, { id });
    expect(full.body.errors).toBeUndefined();
    expect(at<unknown>(full.body.data, 'product.variants.nodes.0.inventoryItem')).toMatchObject({ harmonizedSystemCode: '381400', countryCodeOfOrigin: 'US' });
    const [[topic, body] = ['', {}]] = await deliveries();
    expect(topic).toBe('products/create');
    expect(body).toMatchObject({ admin_graphql_api_id: id, tags: 'hazmat:class-3', variants: [{ sku: 'SD-200' }] });
    expect(Object.keys((body.variants as Array<Record<string, unknown>>)[0] ?? {})).not.toContain('harmonized_system_code');
  });

  it('productVariantsBulkUpdate changes an inventory item through its variant (products/update), refusing an HS code that is not 6–13 digits', async () => {
    const { app, deliveries } = await emulator();
    const p = await gql(
      app,
      '{ products(first: 1, query: "tag:regulated") { nodes { id variants(first: 1) { nodes { id inventoryItem { harmonizedSystemCode } } } } } }',
    );
    const productId = at<string>(p.body.data, 'products.nodes.0.id');
    const variantId = at<string>(p.body.data, 'products.nodes.0.variants.nodes.0.id');
    // The seeded regulated products carry realistic customs data.
    expect(at<string>(p.body.data, 'products.nodes.0.variants.nodes.0.inventoryItem.harmonizedSystemCode')).toMatch(/^\d{6}$/);
    const bad = await gql(app, VARIANTS_UPDATE, { productId, variants: [{ id: variantId, inventoryItem: { harmonizedSystemCode: '12' } }] });
    expect(at<unknown[]>(bad.body.data, 'productVariantsBulkUpdate.userErrors')).toEqual([
      {
        field: ['variants', '0', 'inventoryItem', 'harmonizedSystemCode'],
        message: 'Harmonized system code must be a number between 6 and 13 digits',
        code: 'INVALID_INPUT',
      },
    ]);
    const good = await gql(app, VARIANTS_UPDATE, { productId, variants: [{ id: variantId, inventoryItem: { harmonizedSystemCode: '8481.80.90' } }] });
    expect(at<string>(good.body.data, 'productVariantsBulkUpdate.productVariants.0.inventoryItem.harmonizedSystemCode')).toBe('84818090');
    const unknown = await gql(app, VARIANTS_UPDATE, { productId, variants: [{ id: 'gid://shopify/ProductVariant/1', price: '1.00' }] });
    expect(at<Array<{ code: string }>>(unknown.body.data, 'productVariantsBulkUpdate.userErrors')[0]?.code).toBe('PRODUCT_VARIANT_DOES_NOT_EXIST');
    expect((await deliveries()).map(([t]) => t)).toEqual(['products/update']);
  });

  it('inventoryItemUpdate sends inventory_items/update (no products/update) with the REST inventory item', async () => {
    const { app, deliveries } = await emulator();
    const created = await gql(app, PRODUCT_SET, {
      input: { title: 'Plain Part', variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], price: '5.00' }] },
    });
    const item = at<string>(created.body.data, 'productSet.product.variants.nodes.0.inventoryItem.id');
    const productId = at<string>(created.body.data, 'productSet.product.id');
    const res = await gql(app, INVENTORY_ITEM_UPDATE, {
      id: item,
      input: { harmonizedSystemCode: '731815', countryCodeOfOrigin: 'DE', provinceCodeOfOrigin: null },
    });
    expect(at<unknown>(res.body.data, 'inventoryItemUpdate')).toEqual({
      inventoryItem: {
        id: item,
        harmonizedSystemCode: '731815',
        countryCodeOfOrigin: 'DE',
        provinceCodeOfOrigin: null,
        variants: { nodes: [{ product: { id: productId } }] },
      },
      userErrors: [],
    });
    const missing = await gql(app, INVENTORY_ITEM_UPDATE, { id: 'gid://shopify/InventoryItem/1', input: { countryCodeOfOrigin: 'DE' } });
    expect(at<unknown[]>(missing.body.data, 'inventoryItemUpdate.userErrors')).toEqual([{ field: ['id'], message: 'Inventory item does not exist' }]);
    const got = await deliveries();
    expect(got.map(([t]) => t)).toEqual(['products/create', 'inventory_items/update']);
    expect(got[1]?.[1]).toMatchObject({
      admin_graphql_api_id: item,
      harmonized_system_code: '731815',
      country_code_of_origin: 'DE',
      province_code_of_origin: null,
      tracked: true,
    });
  });

  it('productVariantsBulkCreate replaces the standalone variant; productSet with an identifier replaces the variant list', async () => {
    const { app } = await emulator();
    const created = await gql(app, PRODUCT_SET, {
      input: { title: 'Hose', variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], price: '9.00' }] },
    });
    const productId = at<string>(created.body.data, 'productSet.product.id');
    const more = await gql(app, VARIANTS_CREATE, {
      productId,
      variants: [
        { optionValues: [{ optionName: 'Length', name: '5 m' }], price: '9.00' },
        { optionValues: [{ optionName: 'Length', name: '10 m' }], price: '15.00' },
      ],
    });
    expect(at<Array<{ title: string }>>(more.body.data, 'productVariantsBulkCreate.product.variants.nodes').map((v) => v.title)).toEqual(['5 m', '10 m']);
    const set = await gql(app, PRODUCT_SET, {
      identifier: { id: productId },
      input: { variants: [{ optionValues: [{ optionName: 'Length', name: '20 m' }], price: '25.00', inventoryItem: { sku: 'HOSE-20' } }] },
    });
    expect(at<Array<{ title: string; sku: string }>>(set.body.data, 'productSet.product.variants.nodes')).toMatchObject([{ title: '20 m', sku: 'HOSE-20' }]);
  });
});
