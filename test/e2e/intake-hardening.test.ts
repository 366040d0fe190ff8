import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { TEST_SECRET, tempDir, testConfig } from '../helpers/config.js';
import { fixture, signedHeaders } from '../helpers/webhooks.js';

/** Issue 9, intake hardening: the webhook route through Fastify's inject() (and one real socket). */
describe('webhook intake hardening', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;
  const order = fixture('orders-create.b2b-high-value.json');
  const raw = Buffer.from(JSON.stringify(order.body));

  async function start(overrides: Record<string, unknown> = {}): Promise<void> {
    const t = tempDir();
    cleanup = t.cleanup;
    deps = await buildDeps(testConfig({ dir: t.dir, overrides: { server: { port: 0, bodyLimitBytes: 64 * 1024 }, ...overrides } }), silentLogger);
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger });
  }
  afterEach(async () => {
    await app.close();
    await deps.close();
    cleanup();
  });

  const rows = async () => ({ deliveries: (await deps.store.summary()).deliveries.total, jobs: (await deps.queue.counts()).queued });
  const post = (payload: Buffer, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload });

  describe('shop domains compare case-insensitively', () => {
    it('accepts a lower-case header for a shop configured in mixed case, and stores the lower-case domain', async () => {
      await start({ shops: [{ domain: 'Acme-Industrial.myshopify.com', apiSecret: TEST_SECRET }] });
      expect(deps.config.shops[0]?.domain).toBe('acme-industrial.myshopify.com');
      const res = await post(raw, signedHeaders(raw, { topic: 'orders/create', shop: 'acme-industrial.myshopify.com' }));
      expect(res.statusCode).toBe(200);
      expect(await rows()).toEqual({ deliveries: 1, jobs: 1 });
      expect((await deps.store.getEvent(1))?.shop).toBe('acme-industrial.myshopify.com');
    });

    it('accepts a mixed-case header for a shop configured in lower case, and stores the lower-case domain', async () => {
      await start();
      const res = await post(raw, signedHeaders(raw, { topic: 'orders/create', shop: 'ACME-Industrial.MyShopify.com' }));
      expect(res.statusCode).toBe(200);
      expect((await deps.store.getEvent(1))?.shop).toBe('acme-industrial.myshopify.com');
    });
  });

  describe('X-Shopify-Triggered-At far in the future', () => {
    beforeEach(() => start());
    const dispute = fixture('disputes-create.json');

    it('cannot freeze the version of a resource whose payload has no updated_at', async () => {
      // A genuine signed body (disputes carry no updated_at), replayed with a forged, unsigned header.
      const replayed = Buffer.from(JSON.stringify(dispute.body));
      const forged = { ...signedHeaders(replayed, { topic: 'disputes/create' }), 'x-shopify-triggered-at': '2099-01-01T00:00:00Z' };
      expect((await post(replayed, forged)).statusCode).toBe(200);

      // Then the dispute really changes.
      const later = Buffer.from(JSON.stringify({ ...dispute.body, status: 'under_review' }));
      const genuine = { ...signedHeaders(later, { topic: 'disputes/update' }), 'x-shopify-triggered-at': new Date(Date.now() + 1000).toISOString() };
      expect((await post(later, genuine)).statusCode).toBe(200);

      const first = await deps.store.getEvent(1);
      const second = await deps.store.getEvent(2);
      expect(first?.resourceId).toBe(second?.resourceId);
      expect(first?.version).toBeLessThan(Date.parse('2099-01-01T00:00:00Z'));
      expect(second?.version).toBeGreaterThan(first?.version ?? Infinity);

      // What a job does with them (last writer wins): the genuine change is the newer one.
      if (!first || !second) throw new Error('events missing');
      await deps.store.recordApplied(first.shop, first.resourceType, first.resourceId, 'rule:x', first.version, first.id);
      await deps.store.recordApplied(second.shop, second.resourceType, second.resourceId, 'rule:x', second.version, second.id);
      expect(await deps.store.appliedVersion(second.shop, second.resourceType, second.resourceId, 'rule:x')).toBe(second.version);
    });
  });

  describe('topics named like Object prototype members', () => {
    beforeEach(() => start());
    const topics = [
      'constructor/create',
      'constructor/delete',
      '__proto__/update',
      '__proto__/delete',
      'toString',
      'toString/delete',
      'hasOwnProperty/x',
      'valueOf/delete',
    ];

    it.each(topics)('%s is an unknown topic: stored, counted as ignored, answered 200', async (topic) => {
      const res = await post(raw, signedHeaders(raw, { topic }));
      expect(res.statusCode).toBe(200);
      expect((await deps.store.summary()).deliveries).toEqual({ total: 1, duplicates: 0, ignored: 1 });
      expect((await rows()).jobs).toBe(0);
    });
  });

  describe('a body that is not valid UTF-8', () => {
    beforeEach(() => start());

    it('is refused with 400 WEBHOOK_BODY_MALFORMED even when correctly signed, and nothing is stored', async () => {
      const bad = Buffer.concat([Buffer.from('{"id": 1, "note": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      const res = await post(bad, signedHeaders(bad, { topic: 'orders/create' }));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'WEBHOOK_BODY_MALFORMED' });
      expect((res.json() as { error: string }).error).toMatch(/UTF-8/);
      expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
    });

    it('stores a valid UTF-8 body byte for byte', async () => {
      const text = Buffer.from(JSON.stringify({ ...order.body, note: 'Ventil für Ölleitung — 配送 🚚' }));
      expect((await post(text, signedHeaders(text, { topic: 'orders/create' }))).statusCode).toBe(200);
      const stored = await deps.store.getEvent(1);
      expect(Buffer.from(stored?.payload ?? '', 'utf8').equals(text)).toBe(true);
    });
  });

  describe('headers and shop are checked before the body is read', () => {
    beforeEach(() => start());

    /** A payload that records whether anyone read it (inject() pulls a stream payload only when the request is read). */
    function watchedPayload(body: Buffer): { stream: Readable; wasRead: () => boolean } {
      let read = false;
      const stream = new Readable({
        read() {
          read = true;
          this.push(body);
          this.push(null);
        },
      });
      return { stream, wasRead: () => read };
    }

    const cases: Array<{ name: string; headers: () => Record<string, string>; status: number; code: string }> = [
      {
        name: 'no HMAC header',
        headers: () => {
          const h = signedHeaders(raw, { topic: 'orders/create' });
          delete h['x-shopify-hmac-sha256'];
          return h;
        },
        status: 401,
        code: 'WEBHOOK_SIGNATURE_INVALID',
      },
      {
        name: 'unknown shop',
        headers: () => signedHeaders(raw, { topic: 'orders/create', shop: 'other.myshopify.com' }),
        status: 401,
        code: 'WEBHOOK_SHOP_UNKNOWN',
      },
      {
        name: 'a required header missing',
        headers: () => {
          const h = signedHeaders(raw, { topic: 'orders/create' });
          delete h['x-shopify-topic'];
          return h;
        },
        status: 400,
        code: 'WEBHOOK_HEADERS_MISSING',
      },
    ];

    it.each(cases)('$name: answered $status without reading the body, nothing stored', async ({ headers, status, code }) => {
      const payload = watchedPayload(raw);
      const res = await app.inject({
        method: 'POST',
        url: '/webhooks/shopify',
        headers: { ...headers(), 'content-length': String(raw.length) },
        payload: payload.stream,
      });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ code });
      expect(payload.wasRead()).toBe(false);
      expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
    });

    it('still reads the body of a delivery that passes the header checks', async () => {
      const payload = watchedPayload(raw);
      const res = await app.inject({
        method: 'POST',
        url: '/webhooks/shopify',
        headers: { ...signedHeaders(raw, { topic: 'orders/create' }), 'content-length': String(raw.length) },
        payload: payload.stream,
      });
      expect(res.statusCode).toBe(200);
      expect(payload.wasRead()).toBe(true);
      expect(await rows()).toEqual({ deliveries: 1, jobs: 1 });
    });

    it('over a real socket, answers an unknown shop before the body is sent', async () => {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const headers = signedHeaders(raw, { topic: 'orders/create', shop: 'other.myshopify.com' });
      const head = [
        'POST /webhooks/shopify HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        `Content-Length: ${raw.length}`,
        '',
        '',
      ].join('\r\n');
      // Only the head is sent; the body never is. An answer can only come from a check that did not wait for it.
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(head));
        let got = '';
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no answer within 3 s (got ${JSON.stringify(got)})`));
        }, 3000);
        socket.on('data', (d: Buffer) => {
          got += d.toString('utf8');
          if (got.includes('\r\n\r\n') && got.includes('}')) {
            clearTimeout(timer);
            socket.destroy();
            resolve(got);
          }
        });
        socket.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
      expect(answer).toContain('WEBHOOK_SHOP_UNKNOWN');
      expect(await rows()).toEqual({ deliveries: 0, jobs: 0 });
    });
  });
});
