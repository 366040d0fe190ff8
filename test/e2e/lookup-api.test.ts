import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { TEST_SECRET, TEST_SHOP, tempDir, testConfig } from '../helpers/config.js';

const API_TOKEN = 'lookup-api-token-4f1c9e';
const CLIENT_ID = 'app-client-id-31d7';
const OTHER_SHOP = 'other-shop.myshopify.com';

/** A Shopify admin session token as the admin's App Bridge would present it (HS256 over the app secret). */
async function sessionToken(o: { shop?: string; secret?: string; aud?: string; expIn?: number; nbfIn?: number } = {}): Promise<string> {
  const shop = o.shop ?? TEST_SHOP;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: 'session-1' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(o.aud ?? CLIENT_ID)
    .setSubject('42')
    .setIssuedAt(now)
    .setNotBefore(now + (o.nbfIn ?? -1))
    .setExpirationTime(now + (o.expIn ?? 60))
    .sign(new TextEncoder().encode(o.secret ?? TEST_SECRET));
}

/** `GET /api/lookup`'s door: who may ask, what they see, and how often (Fastify's inject(): no sockets). */
describe('GET /api/lookup: authentication, scope and rate limit', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    deps = await buildDeps(
      testConfig({
        dir: t.dir,
        overrides: {
          shops: [
            { domain: TEST_SHOP, apiSecret: TEST_SECRET, clientId: CLIENT_ID },
            { domain: OTHER_SHOP, apiSecret: 'other-secret', clientId: 'other-client' },
          ],
          server: { port: 0, apiToken: API_TOKEN },
          lookup: { ratePerMinute: 30 },
        },
      }),
      silentLogger,
    );
    // The index as the route job keeps it: one order number in both shops.
    for (const shop of [TEST_SHOP, OTHER_SHOP])
      await deps.store.indexForLookup({ shop, resourceType: 'order', resourceId: '1001', version: 1, title: '#1187', terms: ['#1187', '1187'], links: [] });
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger, lookup: deps.lookup });
  });
  afterAll(async () => {
    await app.close();
    await deps.close();
    cleanup();
  });

  const get = (q: string, authorization?: string) =>
    app.inject({ method: 'GET', url: `/api/lookup?q=${encodeURIComponent(q)}`, headers: authorization ? { authorization } : {} });
  const shopsOf = (body: string) => (JSON.parse(body) as { matches: Array<{ shop: string }> }).matches.map((m) => m.shop);

  it('answers 401 with a Bearer challenge without a credential or with a wrong API token, and finds nothing then', async () => {
    for (const auth of [undefined, 'Bearer not-the-token', 'Basic dXNlcjpwYXNz', `Bearer ${API_TOKEN}x`]) {
      const r = await get('1187', auth);
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(r.json()).toMatchObject({ code: 'API_UNAUTHENTICATED' });
      expect(r.body).not.toContain('#1187');
    }
  });

  it('gives the API token every shop (narrowed by ?shop=), a session token only its own shop', async () => {
    const all = await get('1187', `Bearer ${API_TOKEN}`);
    expect(all.statusCode).toBe(200);
    expect(all.headers['cache-control']).toBe('no-store');
    expect(shopsOf(all.body).sort()).toEqual([TEST_SHOP, OTHER_SHOP].sort());
    const one = await app.inject({ method: 'GET', url: `/api/lookup?q=1187&shop=${OTHER_SHOP}`, headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(shopsOf(one.body)).toEqual([OTHER_SHOP]);

    const session = await get('#1187', `Bearer ${await sessionToken()}`);
    expect(session.statusCode).toBe(200);
    expect(shopsOf(session.body)).toEqual([TEST_SHOP]);
    const across = await app.inject({
      method: 'GET',
      url: `/api/lookup?q=1187&shop=${OTHER_SHOP}`,
      headers: { authorization: `Bearer ${await sessionToken()}` },
    });
    expect(across.statusCode).toBe(401);
  });

  it('refuses a forged, expired, not yet valid, other-app or unknown-shop session token, saying why', async () => {
    const cases: Array<[string, Promise<string>, RegExp]> = [
      ['forged', sessionToken({ secret: 'not-the-app-secret' }), /not signed by this app/],
      ['expired', sessionToken({ expIn: -60 }), /expired/],
      ['not yet valid', sessionToken({ nbfIn: 120 }), /nbf/],
      ['another app', sessionToken({ aud: 'someone-elses-app' }), /aud/],
      ['unknown shop', sessionToken({ shop: 'stranger.myshopify.com' }), /does not serve/],
    ];
    for (const [what, token, reason] of cases) {
      const r = await get('1187', `Bearer ${await token}`);
      expect(r.statusCode, what).toBe(401);
      expect((r.json() as { error: string }).error, what).toMatch(reason);
    }
    // Signed with the secret of the shop it names, but that shop's own secret is another: refused too.
    const crossSigned = await sessionToken({ shop: OTHER_SHOP, secret: TEST_SECRET, aud: 'other-client' });
    expect((await get('1187', `Bearer ${crossSigned}`)).statusCode).toBe(401);
  });

  it('answers 400 to a query too short or missing, and 429 with Retry-After past the rate', async () => {
    const auth = `Bearer ${API_TOKEN}`;
    expect((await get('1', auth)).json()).toMatchObject({ code: 'REQUEST_INVALID' });
    expect((await app.inject({ method: 'GET', url: '/api/lookup', headers: { authorization: auth } })).statusCode).toBe(400);
    let last = await get('1187', auth);
    for (let i = 0; i < 40 && last.statusCode !== 429; i++) last = await get('1187', auth);
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ code: 'API_RATE_LIMITED' });
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // A session caller has a budget of its own.
    expect((await get('1187', `Bearer ${await sessionToken()}`)).statusCode).toBe(200);
  });
});
