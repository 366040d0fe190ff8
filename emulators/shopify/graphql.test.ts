import { createAdminApiClient } from '@shopify/admin-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShopifyEmulator, startShopifyEmulator } from './index.js';
import { at, gql, TOKEN } from './test-helpers.js';
import type { FastifyInstance } from 'fastify';

describe('Shopify emulator: Admin GraphQL endpoint', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildShopifyEmulator({ accessToken: TOKEN, seed: 3 }));
  });
  afterAll(() => app.close());

  it('requires the access token', async () => {
    const res = await gql(app, '{ shop { name } }', {}, 'wrong');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('validates every document against the 2026-07 schema', async () => {
    const res = await gql(app, '{ orders(first: 1) { nodes { id colour } } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]).toMatchObject({
      message: "Field 'colour' doesn't exist on type 'Order'",
      extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'colour' },
    });
    const syntax = await gql(app, '{ orders(first: 1) { nodes { id }');
    expect(syntax.body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('pages every order exactly once with opaque cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await gql(
        app,
        'query($after: String) { orders(first: 7, after: $after, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } edges { cursor node { id updatedAt } } } }',
        { after },
      );
      expect(res.body.errors).toBeUndefined();
      const edges = at<Array<{ node: { id: string } }>>(res.body.data, 'orders.edges');
      seen.push(...edges.map((e) => e.node.id));
      if (!at<boolean>(res.body.data, 'orders.pageInfo.hasNextPage')) break;
      after = at<string>(res.body.data, 'orders.pageInfo.endCursor');
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });

  it('filters with updated_at:> and tag:, and reads B2B orders', async () => {
    const all = await gql(app, '{ orders(first: 250, sortKey: UPDATED_AT) { nodes { id updatedAt tags purchasingEntity { __typename } } } }');
    const nodes = at<Array<{ id: string; updatedAt: string; tags: string[]; purchasingEntity: { __typename: string } }>>(all.body.data, 'orders.nodes');
    const pivot = nodes[30]?.updatedAt ?? '';
    const res = await gql(app, 'query($q: String) { orders(first: 250, query: $q) { nodes { id updatedAt } } }', { q: `updated_at:>'${pivot}'` });
    const newer = at<Array<{ updatedAt: string }>>(res.body.data, 'orders.nodes');
    expect(newer.length).toBe(nodes.filter((n) => n.updatedAt > pivot).length);
    expect(newer.every((n) => n.updatedAt > pivot)).toBe(true);
    const b2b = await gql(
      app,
      '{ orders(first: 100, query: "tag:B2B") { nodes { poNumber paymentTerms { paymentTermsName } purchasingEntity { ... on PurchasingCompany { company { id name } location { id } contact { id } } } } } }',
    );
    const b2bNodes = at<Array<{ poNumber: string; purchasingEntity: { company: { id: string } } }>>(b2b.body.data, 'orders.nodes');
    expect(b2bNodes.length).toBeGreaterThan(5);
    expect(b2bNodes.every((n) => n.poNumber.startsWith('PO-') && n.purchasingEntity.company.id.startsWith('gid://shopify/Company/'))).toBe(true);
    expect(nodes.filter((n) => n.purchasingEntity?.__typename === 'PurchasingCompany').length).toBe(b2bNodes.length);
  });

  it('resolves nodes, companies, products with metafields and disputes', async () => {
    const res = await gql(
      app,
      `{
      companies(first: 10) { nodes { id name externalId mainContact { id customer { email } } locations(first: 5) { nodes { id name buyerExperienceConfiguration { paymentTermsTemplate { name } } } } contacts(first: 5) { nodes { id title } } } }
      products(first: 20, query: "tag:regulated") { nodes { id title tags productType vendor variants(first: 5) { nodes { sku price } } metafields(first: 5) { nodes { namespace key value } } } }
      disputes(first: 10) { nodes { id status type amount { amount } reasonDetails { reason } order { id name } } }
      shopifyPaymentsAccount { disputes(first: 10) { nodes { id } } }
    }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(at<unknown[]>(res.body.data, 'companies.nodes')).toHaveLength(5);
    const products = at<Array<{ tags: string[]; metafields: { nodes: unknown[] } }>>(res.body.data, 'products.nodes');
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((p) => p.tags.includes('regulated') && p.metafields.nodes.length > 0)).toBe(true);
    const disputes = at<Array<{ id: string; order: { id: string } }>>(res.body.data, 'disputes.nodes');
    expect(disputes.length).toBeGreaterThan(0);
    const ids = [disputes[0]?.id, disputes[0]?.order.id, 'gid://shopify/Order/1'];
    const nodes = await gql(app, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
    expect(at<unknown[]>(nodes.body.data, 'nodes')).toEqual([{ __typename: 'ShopifyPaymentsDispute', id: ids[0] }, { __typename: 'Order', id: ids[1] }, null]);
  });

  it('reports extensions.cost on every response, as Shopify calculates it', async () => {
    const res = await gql(app, '{ shop { name } orders(first: 10) { edges { node { id customer { id } lineItems(first: 5) { nodes { id } } } } } }');
    // shop 1; orders: 2 + 10 × (order 1 + customer 1 + lineItems (2 + 5 × 1)) = 92
    expect(res.body.extensions?.cost).toMatchObject({ requestedQueryCost: 93, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
    const actual = res.body.extensions?.cost?.actualQueryCost ?? 0;
    expect(actual).toBeGreaterThan(0);
    expect(actual).toBeLessThanOrEqual(93);
    const mutation = await gql(app, 'mutation { webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { userErrors { message } } }');
    expect(mutation.body.extensions?.cost?.requestedQueryCost).toBe(10);
  });

  it('answers MAX_COST_EXCEEDED above 1000', async () => {
    const res = await gql(app, '{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_COST_EXCEEDED', cost: 2 + 250 * (1 + 2 + 10), maxCost: 1000 });
  });
});

describe('Shopify emulator: leaky bucket', () => {
  it('drains, throttles with Shopify’s shape, counts THROTTLED and restores over time', async () => {
    let now = 1_000_000;
    const { app, shop } = await buildShopifyEmulator({ accessToken: TOKEN, bucketSize: 100, restoreRate: 10, now: () => now, orders: 5 });
    const q = '{ orders(first: 20) { nodes { id } } }'; // 2 + 20 × 1 = 22; 5 orders exist, so actual 2 + 5 = 7
    const first = await gql(app, q);
    expect(first.body.extensions?.cost).toMatchObject({ requestedQueryCost: 22, actualQueryCost: 7 });
    expect(first.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(93);
    now += 300; // +3 points
    expect((await gql(app, q)).body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(89);
    shop.bucket.set(15);
    const throttled = await gql(app, q);
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
      extensions: {
        cost: { requestedQueryCost: 22, actualQueryCost: null, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 15, restoreRate: 10 } },
      },
    });
    expect(shop.stats.throttled).toBeGreaterThan(0);
    const state = (await app.inject({ method: 'GET', url: '/emulator/state' })).json<{ throttled: number }>();
    expect(state.throttled).toBe(shop.stats.throttled);
    now += 1_000; // 1 s × 10 points/s: 25 ≥ 22
    const restored = await gql(app, q);
    expect(restored.body.errors).toBeUndefined();
    await app.close();
  });
});

describe('Shopify emulator: @shopify/admin-api-client', () => {
  it('queries the emulator through customFetchApi', async () => {
    const emu = await startShopifyEmulator({ accessToken: TOKEN, orders: 5 });
    try {
      const client = createAdminApiClient({
        storeDomain: 'acme.myshopify.com',
        apiVersion: '2026-07',
        accessToken: TOKEN,
        customFetchApi: (url, init) => fetch(String(url).replace('https://acme.myshopify.com', emu.url), init),
      });
      const res = await client.request('query { shop { myshopifyDomain } orders(first: 2) { nodes { id name } } }');
      expect(res.errors).toBeUndefined();
      expect(at<string>(res.data, 'shop.myshopifyDomain')).toBe('acme.myshopify.com');
      expect(at<unknown[]>(res.data, 'orders.nodes')).toHaveLength(2);
      expect(res.extensions).toMatchObject({ cost: { requestedQueryCost: 5 } });
    } finally {
      await emu.close();
    }
  });
});
