import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.js';
import { CircuitBreaker } from './circuit.js';
import { AdminClient } from './client.js';
import type { FetchFn, Operation } from './client.js';
import { CostThrottle } from './throttle.js';

const op: Operation<{ shop: { name: string } }> = { name: 'ShopName', document: 'query ShopName { shop { name } }', estimatedCost: 1 };
const shop = { domain: 'acme.myshopify.com', accessToken: 'shpat_test', apiVersion: '2026-07', adminUrl: 'http://127.0.0.1:9' };

describe('the Admin API circuit breaker', () => {
  it('after three failures in a row fails calls at once, without the network, until the cool-down ends; a good trial closes it', async () => {
    let t = 1_000_000;
    let calls = 0;
    let down = true;
    const fetchFn: FetchFn = async () => {
      calls++;
      if (down) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ data: { shop: { name: 'Acme' } } }), { headers: { 'content-type': 'application/json' } });
    };
    const c = new AdminClient({
      shop,
      log: silentLogger,
      fetch: fetchFn,
      throttle: new CostThrottle({ sleep: async () => undefined }),
      circuit: new CircuitBreaker({ now: () => t }),
    });
    // Each request tries twice (short in-job retries): two requests make 4 failures, the circuit opens at the 3rd.
    await expect(c.request(op)).rejects.toMatchObject({ code: 'SHOPIFY_UNAVAILABLE', retryable: true });
    await expect(c.request(op)).rejects.toMatchObject({ code: 'SHOPIFY_UNAVAILABLE' });
    const before = calls;
    expect(before).toBe(3);
    await expect(c.request(op)).rejects.toMatchObject({
      code: 'SHOPIFY_UNAVAILABLE',
      message: expect.stringContaining('backed off for 30 s'),
      details: { retryAfterMs: 30_000 },
    });
    expect(calls).toBe(before);
    down = false;
    t += 30_001;
    expect((await c.request(op)).data.shop.name).toBe('Acme');
    expect(c.circuit.open).toBe(false);
  });
});
