import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { tempDir, testConfig } from '../helpers/config.js';
import { fixture, signedHeaders } from '../helpers/webhooks.js';

/** The intake path through Fastify's inject(): no sockets, no worker, no xECM. */
describe('POST /webhooks/shopify', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;
  const order = fixture('orders-create.b2b-high-value.json');
  const raw = Buffer.from(JSON.stringify(order.body));

  beforeEach(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    deps = await buildDeps(testConfig({ dir: t.dir, overrides: { server: { port: 0, bodyLimitBytes: 64 * 1024 } } }), silentLogger);
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger });
  });
  afterEach(async () => {
    await app.close();
    await deps.close();
    cleanup();
  });

  const rows = async () => ({ deliveries: (await deps.store.summary()).deliveries.total, jobs: (await deps.queue.counts()).queued });

  it('stores a signed delivery with its job and answers 200', async () => {
    const res = await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(raw, { topic: 'orders/create' }), payload: raw });
    expect(res.statusCode).toBe(200);
    expect(await rows()).toEqual({ deliveries: 1, jobs: 1 });
    expect(await deps.store.getEvent(1)).toMatchObject({
      shop: 'acme-industrial.myshopify.com',
      resourceType: 'order',
      resourceId: '5931282661421',
      source: 'webhook',
      payload: raw.toString('utf8'),
    });
  });

  it('dedupes by X-Shopify-Webhook-Id', async () => {
    const headers = signedHeaders(raw, { topic: 'orders/create', webhookId: 'same-id' });
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: raw })).statusCode).toBe(200);
    expect(await rows()).toEqual({ deliveries: 1, jobs: 1 });
    expect((await deps.store.summary()).deliveries.duplicates).toBe(2);
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: signedHeaders(raw, { topic: 'orders/create', secret: 'wrong-secret' }),
      payload: raw,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('refuses a body changed after signing with 401', async () => {
    const tampered = Buffer.from(raw.toString().replace('14632.80', '1.00'));
    const res = await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(raw, { topic: 'orders/create' }), payload: tampered });
    expect(res.statusCode).toBe(401);
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('refuses a missing signature with 401 and stores nothing', async () => {
    const headers = signedHeaders(raw, { topic: 'orders/create' });
    delete headers['x-shopify-hmac-sha256'];
    expect((await app.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: raw })).statusCode).toBe(401);
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('refuses a shop that is not configured with 401', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: signedHeaders(raw, { topic: 'orders/create', shop: 'other.myshopify.com' }),
      payload: raw,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'WEBHOOK_SHOP_UNKNOWN' });
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('answers 400 to a correctly signed body that is not JSON', async () => {
    const bad = Buffer.from('{"id": 1, "name": ');
    const res = await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(bad, { topic: 'orders/create' }), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'WEBHOOK_BODY_MALFORMED' });
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('answers 413 above the size limit and stores nothing', async () => {
    const big = Buffer.from(JSON.stringify({ ...order.body, note: 'x'.repeat(70 * 1024) }));
    const res = await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(big, { topic: 'orders/create' }), payload: big });
    expect(res.statusCode).toBe(413);
    expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
  });

  it('accepts and counts a topic no job handles', async () => {
    const res = await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(raw, { topic: 'app/uninstalled' }), payload: raw });
    expect(res.statusCode).toBe(200);
    expect((await deps.store.summary()).deliveries).toEqual({ total: 1, duplicates: 0, ignored: 1 });
    expect((await rows()).jobs).toBe(0);
  });

  it('serves several shops, each with its own secret', async () => {
    const t = tempDir();
    const two = await buildDeps(
      testConfig({
        dir: t.dir,
        overrides: {
          shops: [
            { domain: 'acme-industrial.myshopify.com', apiSecret: 'secret-a' },
            { domain: 'other-shop.myshopify.com', apiSecret: 'secret-b', externalSystemId: 'shopify_eu' },
          ],
        },
      }),
      silentLogger,
    );
    const app2 = await buildApp({ config: two.config, store: two.store, queue: two.queue, log: silentLogger });
    try {
      const post = (shop: string, secret: string) =>
        app2.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(raw, { topic: 'orders/create', shop, secret }), payload: raw });
      expect((await post('other-shop.myshopify.com', 'secret-b')).statusCode).toBe(200);
      expect((await post('acme-industrial.myshopify.com', 'secret-a')).statusCode).toBe(200);
      // Shop A's secret does not open shop B.
      expect((await post('other-shop.myshopify.com', 'secret-a')).statusCode).toBe(401);
      expect((await two.store.summary()).deliveries.total).toBe(2);
      const shops = [(await two.store.getEvent(1))?.shop, (await two.store.getEvent(2))?.shop].sort();
      expect(shops).toEqual(['acme-industrial.myshopify.com', 'other-shop.myshopify.com']);
    } finally {
      await app2.close();
      await two.close();
      t.cleanup();
    }
  });

  it('answers health and readiness', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready', store: 'sqlite', queued: 0, deadLetters: 0 });
  });

  it('answers unknown routes with a documented code', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'no route GET /nope', code: 'ROUTE_NOT_FOUND' });
  });
});
