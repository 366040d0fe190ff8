import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.js';
import { AdminClient } from './client.js';
import type { FetchFn, Operation } from './client.js';
import { CostThrottle } from './throttle.js';

const shop = { domain: 'acme.myshopify.com', accessToken: 'shpat_test', apiVersion: '2026-07', adminUrl: 'http://127.0.0.1:9999' };
const op: Operation<{ shop: { name: string } }> = { name: 'ShopName', document: 'query ShopName { shop { name } }', estimatedCost: 1 };
const cost = (available: number, actual: number | null = 1) => ({
  cost: { requestedQueryCost: 1, actualQueryCost: actual, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: available, restoreRate: 100 } },
});
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function scripted(responses: Array<() => Response>): { fetch: FetchFn; urls: string[]; headers: Headers[] } {
  const urls: string[] = [];
  const headers: Headers[] = [];
  const f: FetchFn = async (input, init) => {
    urls.push(String(input));
    headers.push(new Headers(init?.headers));
    const r = responses.shift();
    if (!r) throw new Error('unexpected request');
    return r();
  };
  return { fetch: f, urls, headers };
}

const fastThrottle = () => new CostThrottle({ sleep: async () => undefined });

describe('AdminClient', () => {
  it('sends the pinned version and token to the configured admin URL', async () => {
    const s = scripted([() => json({ data: { shop: { name: 'Acme' } }, extensions: cost(999) })]);
    const c = new AdminClient({ shop, log: silentLogger, fetch: s.fetch, throttle: fastThrottle() });
    expect((await c.request(op)).data.shop.name).toBe('Acme');
    expect(s.urls).toEqual(['http://127.0.0.1:9999/admin/api/2026-07/graphql.json']);
    expect(s.headers[0]?.get('x-shopify-access-token')).toBe('shpat_test');
  });

  it('waits out THROTTLED (an HTTP 200) and counts it', async () => {
    const s = scripted([
      () => json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions: cost(0, null) }),
      () => json({ data: { shop: { name: 'Acme' } }, extensions: cost(10) }),
    ]);
    const c = new AdminClient({ shop, log: silentLogger, fetch: s.fetch, throttle: fastThrottle() });
    expect((await c.request(op)).data.shop.name).toBe('Acme');
    expect(c.throttledCount).toBe(1);
  });

  it('keeps waiting out THROTTLED beyond its attempts, as when another process of the app drains the same bucket', async () => {
    const throttled = () => json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions: cost(0, null) });
    const s = scripted([...Array.from({ length: 8 }, () => throttled), () => json({ data: { shop: { name: 'Acme' } }, extensions: cost(10) })]);
    const c = new AdminClient({ shop, log: silentLogger, fetch: s.fetch, throttle: fastThrottle(), maxAttempts: 3 });
    expect((await c.request(op)).data.shop.name).toBe('Acme');
    expect(c.throttledCount).toBe(8);
  });

  it('tells the cost Shopify charged and each throttled wait (metrics)', async () => {
    const s = scripted([
      () => json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions: cost(0, null) }),
      () => json({ data: { shop: { name: 'Acme' } }, extensions: cost(10, 7) }),
    ]);
    const costs: number[] = [];
    const waits: number[] = [];
    const c = new AdminClient({
      shop,
      log: silentLogger,
      fetch: s.fetch,
      throttle: fastThrottle(),
      onCost: (p) => costs.push(p),
      onThrottle: (ms) => waits.push(ms),
    });
    await c.request(op);
    expect(costs).toEqual([7]);
    // The wait after THROTTLED (Shopify's figures: 1 point short at 100/s, plus up to 105 ms of jitter), and any wait for the bucket after it.
    expect(waits[0]).toBeGreaterThanOrEqual(10);
    expect(waits[0]).toBeLessThanOrEqual(10 + 105);
    expect(waits.every((ms) => ms > 0)).toBe(true);
  });

  it('retries 429 and 5xx, but not a bad token', async () => {
    const s = scripted([
      () => json({ errors: 'slow down' }, 429, { 'retry-after': '0.01' }),
      () => json({ errors: 'oops' }, 503),
      () => json({ data: { shop: { name: 'Acme' } }, extensions: cost(999) }),
    ]);
    const c = new AdminClient({ shop, log: silentLogger, fetch: s.fetch, throttle: fastThrottle() });
    expect((await c.request(op)).data.shop.name).toBe('Acme');
    const bad = scripted([() => json({ errors: '[API] Invalid API key or access token' }, 401)]);
    const c2 = new AdminClient({ shop, log: silentLogger, fetch: bad.fetch, throttle: fastThrottle() });
    await expect(c2.request(op)).rejects.toMatchObject({ code: 'SHOPIFY_AUTH_FAILED', retryable: false });
  });

  it('reports a query Shopify rejects as a user error', async () => {
    const s = scripted([() => json({ errors: [{ message: "Field 'nope' doesn't exist on type 'Shop'", extensions: { code: 'undefinedField' } }] })]);
    const c = new AdminClient({ shop, log: silentLogger, fetch: s.fetch, throttle: fastThrottle() });
    await expect(c.request(op)).rejects.toMatchObject({ code: 'SHOPIFY_QUERY_INVALID', retryable: false });
  });
});

describe('AdminClient and redirects', () => {
  it('never follows a redirect, so the access token never reaches another origin', async () => {
    const { createServer } = await import('node:http');
    const seen: Array<string | undefined> = [];
    const thief = createServer((req, res) => {
      seen.push(req.headers['x-shopify-access-token'] as string | undefined);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"shop":{"name":"stolen"}}}');
    });
    await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r));
    const thiefPort = (thief.address() as { port: number }).port;
    const admin = createServer((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${thiefPort}/admin/api/2026-07/graphql.json?x=1` }).end());
    await new Promise<void>((r) => admin.listen(0, '127.0.0.1', r));
    const adminPort = (admin.address() as { port: number }).port;
    try {
      const c = new AdminClient({ shop: { ...shop, adminUrl: `http://127.0.0.1:${adminPort}` }, log: silentLogger, throttle: fastThrottle() });
      await expect(c.request(op)).rejects.toMatchObject({
        code: 'SHOPIFY_REDIRECT_REFUSED',
        retryable: false,
        message: expect.stringContaining(`http://127.0.0.1:${thiefPort}`),
      });
      expect(seen).toEqual([]);
    } finally {
      thief.close();
      admin.close();
    }
  });
});
