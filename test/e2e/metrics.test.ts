import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import { tempDir, testConfig } from '../helpers/config.js';
import { sellShipAndReturn } from '../helpers/merchant.js';
import { parsePromText, samples, total } from '../helpers/prom-text.js';
import type { Family } from '../helpers/prom-text.js';
import { EMU_SECRET, EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';
import { postDelivery, signedHeaders } from '../helpers/webhooks.js';

const METRICS_TOKEN = 'scrape-token-5c1e9';
const P = 'shopify_xecm_';

/**
 * Issue 14's metrics, scraped as Prometheus would: the merchant sells, ships and takes back an order
 * through the Shopify emulator's Admin API (which sends the webhooks), Shopify delivers one of them a
 * second time, and someone posts a delivery signed with the wrong secret. `/metrics` is then read over
 * HTTP and parsed strictly by the text exposition format's rules, and its figures are checked.
 */
describe('GET /metrics after a real flow', () => {
  let stack: ShopStack;
  let families: Map<string, Family>;
  let scrape: Response;
  let text: string;

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 }, metricsToken: METRICS_TOKEN });
    await sellShipAndReturn((q, v) => stack.graphql(q, v), {
      email: 'kim@example.com',
      firstName: 'Kim',
      lastName: 'Osei',
      title: 'Pump housing',
      sku: 'PH-210',
      amount: '640.00',
    });
    await stack.drained();
    // Shopify delivers the order's orders/create a second time (same webhook id, same signed bytes).
    let created: { webhookId: string; body: string } | undefined;
    for (let id = 1; !created && id < 100; id++) {
      const d = await stack.deps.store.getDelivery(id);
      if (d?.topic === 'orders/create') created = d;
    }
    if (!created) throw new Error('no orders/create delivery stored');
    const again = await postDelivery(stack.url, 'orders/create', Buffer.from(created.body), {
      shop: EMU_SHOP,
      secret: EMU_SECRET,
      webhookId: created.webhookId,
    });
    expect(again).toMatchObject({ status: 200, json: { duplicate: true } });
    // Signed with the wrong secret: refused, nothing stored.
    expect((await postDelivery(stack.url, 'orders/create', { id: 1 }, { shop: EMU_SHOP, secret: 'not-the-secret' })).status).toBe(401);
    // An unauthenticated sender's made-up topic never becomes a label of its own.
    expect((await postDelivery(stack.url, 'evil/"topic"\\n', { id: 2 }, { shop: EMU_SHOP, secret: 'not-the-secret' })).status).toBe(401);
    await stack.drained();
    scrape = await fetch(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    text = await scrape.text();
    families = parsePromText(text);
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('answers in the Prometheus text format, with the security headers', () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8$/);
    expect(scrape.headers.get('x-content-type-options')).toBe('nosniff');
    expect(scrape.headers.get('cache-control')).toBe('no-store');
    // Every family of the connector's own, declared whether or not it has samples yet.
    for (const name of [
      'deliveries_total',
      'jobs',
      'queue_lag_seconds',
      'job_runs_total',
      'job_duration_seconds',
      'xecm_calls_total',
      'xecm_call_duration_seconds',
      'shopify_query_cost_total',
      'shopify_throttle_waits_total',
      'shopify_throttle_wait_seconds_total',
    ]) {
      expect(families.get(P + name)?.help, name).toBeTruthy();
    }
    expect(families.get(`${P}job_duration_seconds`)?.type).toBe('histogram');
    expect(families.get(`${P}jobs`)?.type).toBe('gauge');
    expect(families.get(`${P}deliveries_total`)?.type).toBe('counter');
    // The process's default metrics.
    expect(total(families, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(total(families, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts deliveries by topic and outcome: stored, the duplicate, the refused ones', () => {
    const d = (topic: string, outcome: string) => total(families, `${P}deliveries_total`, { topic, outcome });
    expect(d('orders/create', 'stored')).toBeGreaterThanOrEqual(1);
    expect(d('fulfillments/create', 'stored') + d('orders/fulfilled', 'stored') + d('orders/updated', 'stored')).toBeGreaterThanOrEqual(1);
    expect(d('returns/request', 'stored')).toBeGreaterThanOrEqual(1);
    expect(d('orders/create', 'duplicate')).toBe(1);
    expect(d('orders/create', 'refused')).toBe(1);
    expect(d('other', 'refused')).toBe(1);
    const topics = samples(families, `${P}deliveries_total`).map((s) => s.labels.topic ?? '');
    expect(topics.filter((t) => t.includes('evil'))).toEqual([]);
    // The store agrees: every stored delivery was counted as stored or ignored, the duplicate apart.
    const counted = total(families, `${P}deliveries_total`, { outcome: 'stored' }) + total(families, `${P}deliveries_total`, { outcome: 'ignored' });
    expect(counted).toBeGreaterThan(2);
  });

  it('counts job runs by task and result, with their durations, and shows an empty queue after the drain', () => {
    expect(total(families, `${P}job_runs_total`, { result: 'done' })).toBeGreaterThan(0);
    expect(total(families, `${P}job_runs_total`, { task: 'rule', result: 'done' })).toBeGreaterThan(0);
    expect(total(families, `${P}job_runs_total`, { result: 'dead' })).toBe(0);
    for (const s of samples(families, `${P}job_duration_seconds_count`)) {
      expect(s.value, s.labels.task).toBe(total(families, `${P}job_runs_total`, { task: s.labels.task ?? '' }));
    }
    expect(total(families, `${P}job_duration_seconds_sum`)).toBeGreaterThan(0);
    expect(total(families, `${P}jobs`, { state: 'queued' })).toBe(0);
    expect(total(families, `${P}jobs`, { state: 'running' })).toBe(0);
    expect(total(families, `${P}jobs`, { state: 'dead' })).toBe(0);
    expect(samples(families, `${P}queue_lag_seconds`)).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it('counts Content Server calls by operation (ids as :id) and result, with latency buckets', () => {
    const calls = samples(families, `${P}xecm_calls_total`);
    expect(calls.length).toBeGreaterThan(3);
    for (const c of calls) expect(c.labels.operation).toMatch(/^(GET|POST|PUT|DELETE) \/v[12](\/([a-z_]+|:id))*$/);
    expect(total(families, `${P}xecm_calls_total`, { operation: 'POST /v1/auth', result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(total(families, `${P}xecm_calls_total`, { operation: 'POST /v2/businessworkspaces', result: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(
      total(families, `${P}xecm_calls_total`, { operation: 'GET /v2/nodes/:id/nodes' }) +
        total(families, `${P}xecm_calls_total`, { operation: 'POST /v2/nodes' }),
    ).toBeGreaterThan(0);
    const created = samples(families, `${P}xecm_call_duration_seconds_bucket`, { operation: 'POST /v2/businessworkspaces' });
    expect(created.length).toBeGreaterThan(5);
    expect(created.at(-1)?.labels.le).toBe('+Inf');
    expect(created.at(-1)?.value).toBe(total(families, `${P}xecm_calls_total`, { operation: 'POST /v2/businessworkspaces' }));
    expect(total(families, `${P}xecm_call_duration_seconds_sum`, { operation: 'POST /v2/businessworkspaces' })).toBeGreaterThan(0);
  });

  it('counts the Admin API cost the connector used', () => {
    expect(total(families, `${P}shopify_query_cost_total`, { shop: EMU_SHOP })).toBeGreaterThan(0);
    expect(total(families, `${P}shopify_throttle_wait_seconds_total`)).toBeGreaterThanOrEqual(0);
  });

  it('with server.metricsToken set, refuses a scrape without it or with another token', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: METRICS_TOKEN }] as Array<Record<string, string>>) {
      const r = await fetch(`${stack.url}/metrics`, { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = (await r.json()) as { code: string };
      expect(body.code).toBe('API_UNAUTHENTICATED');
    }
  });
});

/** Without a token /metrics is open; intake refusals Fastify makes itself are counted too. */
describe('GET /metrics without server.metricsToken', () => {
  it('is open, and counts a body over the limit and a delivery without its headers', async () => {
    const t = tempDir();
    const deps = await buildDeps(testConfig({ dir: t.dir, overrides: { server: { port: 0, bodyLimitBytes: 1024 } } }), silentLogger);
    const app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger, metrics: deps.metrics });
    try {
      const big = Buffer.from(JSON.stringify({ id: 1, note: 'x'.repeat(4096) }));
      expect(
        (await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(big, { topic: 'orders/create' }), payload: big })).statusCode,
      ).toBe(413);
      const small = Buffer.from('{"id":1}');
      const headers = signedHeaders(small, { topic: 'orders/create' });
      delete headers['x-shopify-webhook-id'];
      expect((await app.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: small })).statusCode).toBe(400);
      const notJson = Buffer.from('not json');
      expect(
        (await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(notJson, { topic: 'orders/create' }), payload: notJson }))
          .statusCode,
      ).toBe(400);
      const ignored = Buffer.from('{"id":3}');
      expect(
        (await app.inject({ method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(ignored, { topic: 'app/scopes_update' }), payload: ignored }))
          .statusCode,
      ).toBe(200);
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      const f = parsePromText(res.body);
      expect(total(f, `${P}deliveries_total`, { topic: 'orders/create', outcome: 'too_large' })).toBe(1);
      expect(total(f, `${P}deliveries_total`, { topic: 'orders/create', outcome: 'malformed' })).toBe(2);
      expect(total(f, `${P}deliveries_total`, { topic: 'app/scopes_update', outcome: 'ignored' })).toBe(1);
      // No worker ran here: the queue is read at the scrape, and nothing is queued.
      expect(total(f, `${P}jobs`, { state: 'queued' })).toBe(0);
    } finally {
      await app.close();
      await deps.close();
      t.cleanup();
    }
  });
});
