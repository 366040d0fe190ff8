import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { TEST_SHOP, tempDir, testConfig } from '../helpers/config.js';
import { fixture, signedHeaders } from '../helpers/webhooks.js';

const API_TOKEN = 'headers-api-token-91c2';
const METRICS_TOKEN = 'headers-metrics-token-3f70';

/**
 * Issue 14: every answer of the connector, HTML or API, right or wrong, carries the security headers;
 * the panel keeps its own policy, which lets Shopify's admin frame it and nothing else.
 */
describe('security headers on every answer', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    deps = await buildDeps(testConfig({ dir: t.dir, overrides: { server: { port: 0, apiToken: API_TOKEN, metricsToken: METRICS_TOKEN } } }), silentLogger);
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger, lookup: deps.lookup, metrics: deps.metrics });
  });
  afterAll(async () => {
    await app.close();
    await deps.close();
    cleanup();
  });

  const order = fixture('orders-create.b2b-high-value.json');
  const raw = JSON.stringify(order.body);
  const bearer = { authorization: `Bearer ${API_TOKEN}` };
  const requests: Array<{ name: string; method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string; status: number }> = [
    { name: 'health', method: 'GET', url: '/healthz', status: 200 },
    { name: 'readiness', method: 'GET', url: '/readyz', status: 200 },
    { name: 'a signed delivery', method: 'POST', url: '/webhooks/shopify', headers: signedHeaders(raw, { topic: 'orders/create' }), payload: raw, status: 200 },
    {
      name: 'a wrongly signed delivery',
      method: 'POST',
      url: '/webhooks/shopify',
      headers: signedHeaders(raw, { topic: 'orders/create', secret: 'not-the-secret' }),
      payload: raw,
      status: 401,
    },
    {
      name: 'a delivery without headers',
      method: 'POST',
      url: '/webhooks/shopify',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
      status: 401,
    },
    {
      name: 'a malformed delivery',
      method: 'POST',
      url: '/webhooks/shopify',
      headers: signedHeaders('{not json', { topic: 'orders/create' }),
      payload: '{not json',
      status: 400,
    },
    { name: 'a lookup', method: 'GET', url: '/api/lookup?q=%231001', headers: bearer, status: 200 },
    { name: 'a lookup without a token', method: 'GET', url: '/api/lookup?q=%231001', status: 401 },
    {
      name: 'a Flow action without a signature',
      method: 'POST',
      url: '/flow/actions/ensure-workspace',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
      status: 401,
    },
    { name: 'an unknown route', method: 'GET', url: '/no/such/route', status: 404 },
    { name: 'the panel', method: 'GET', url: '/panel', headers: bearer, status: 200 },
    { name: 'the panel without a credential', method: 'GET', url: '/panel', status: 401 },
    { name: 'the metrics', method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` }, status: 200 },
    { name: 'the metrics without their token', method: 'GET', url: '/metrics', status: 401 },
  ];

  it.each(requests)('$name ($method $url → $status)', async (r) => {
    const res = await app.inject({ method: r.method, url: r.url, headers: r.headers ?? {}, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
    expect(res.statusCode).toBe(r.status);
    const h = res.headers;
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['strict-transport-security']).toMatch(/^max-age=\d{8}/);
    expect(h['cache-control']).toBe('no-store');
    const csp = String(h['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    if (r.url.startsWith('/panel')) {
      // Shopify's admin (and configured help desks) may frame the panel; nobody else.
      expect(csp).toMatch(/frame-ancestors 'self' https:\/\/admin\.shopify\.com https:\/\/\*\.myshopify\.com/);
    } else {
      expect(csp).toContain("frame-ancestors 'none'");
      expect(h['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('keeps the shop of the signed delivery (the requests above really reached the routes)', async () => {
    expect((await deps.store.summary()).deliveries.total).toBe(1);
    expect(TEST_SHOP).toMatch(/myshopify\.com$/);
  });
});
