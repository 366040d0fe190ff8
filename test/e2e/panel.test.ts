import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import { signInTicket } from '../../src/server/auth.js';
import type { App } from '../../src/server/app.js';
import { TEST_SECRET, TEST_SHOP, tempDir, testConfig } from '../helpers/config.js';

const API_TOKEN = 'panel-api-token-9c2e';
const CLIENT_ID = 'panel-client-id';

async function sessionToken(expIn = 60): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ dest: `https://${TEST_SHOP}` })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(`https://${TEST_SHOP}/admin`)
    .setAudience(CLIENT_ID)
    .setSubject('7')
    .setNotBefore(now - 1)
    .setExpirationTime(now + expIn)
    .sign(new TextEncoder().encode(TEST_SECRET));
}

/** The agent panel's door, pages and operations (Fastify's inject(); the browser suite drives it in Chromium). */
describe('GET /panel: sign-in, pages and operations', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;
  let deadJob: string;

  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    deps = await buildDeps(
      testConfig({
        dir: t.dir,
        overrides: {
          shops: [{ domain: TEST_SHOP, apiSecret: TEST_SECRET, clientId: CLIENT_ID }],
          server: { port: 0, apiToken: API_TOKEN },
          lookup: { frameAncestors: ['https://acme.zendesk.com'] },
        },
      }),
      silentLogger,
    );
    await deps.store.indexForLookup({
      shop: TEST_SHOP,
      resourceType: 'order',
      resourceId: '1001',
      version: 1,
      title: '#1187 <b>bold</b>',
      terms: ['#1187', '1187'],
      links: [],
    });
    // A dead letter: a job of a task no handler knows fails for good at once.
    const [e] = await deps.queue.enqueue([{ task: 'no.such.task', payload: {}, jobKey: 'k-dead', queueName: 'q-dead' }]);
    deadJob = String(e?.id);
    const runner = deps.runner({ log: silentLogger, concurrency: 1, pollIntervalMs: 20, lockTimeoutMs: 5000 });
    runner.start();
    await runner.drained({ timeoutMs: 5000 });
    await runner.stop();
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger, lookup: deps.lookup });
  });
  afterAll(async () => {
    await app.close();
    await deps.close();
    cleanup();
  });

  const cookieOf = (setCookie: string | string[] | undefined): string => {
    const c = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return (c ?? '').split(';')[0] ?? '';
  };
  const signIn = async (): Promise<string> => cookieOf((await app.inject({ method: 'GET', url: `/panel?token=${API_TOKEN}` })).headers['set-cookie']);

  it('asks to sign in (401) without credentials, with the security headers and the allowed frame ancestors', async () => {
    const r = await app.inject({ method: 'GET', url: '/panel?q=1187' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('<form method="post" action="/panel/sign-in"');
    expect(r.body).not.toContain('#1187');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://admin.shopify.com');
    expect(csp).toContain('https://acme.zendesk.com');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('turns the ?token= link into a session cookie and drops the token from the address', async () => {
    const r = await app.inject({ method: 'GET', url: `/panel?token=${API_TOKEN}&q=1187` });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/panel?q=1187');
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).not.toContain(API_TOKEN);
    const page = await app.inject({ method: 'GET', url: '/panel?q=1187', headers: { cookie: cookieOf(r.headers['set-cookie']) } });
    expect(page.statusCode).toBe(200);
    // The label is text, escaped: no markup from the data reaches the page.
    expect(page.body).toContain('#1187 &lt;b&gt;bold&lt;/b&gt;');
    expect(page.body).not.toContain('<b>bold</b>');
    expect((await app.inject({ method: 'GET', url: '/panel?token=wrong' })).statusCode).toBe(401);
  });

  it('signs in once with a one-time link that does not carry the token, and never again with it', async () => {
    const ticket = signInTicket(deps.config) ?? '';
    expect(ticket).not.toContain(API_TOKEN);
    const first = await app.inject({ method: 'GET', url: `/panel?signin=${ticket}` });
    expect(first.statusCode).toBe(303);
    expect(String(first.headers['set-cookie'])).toContain('sx_panel=');
    const again = await app.inject({ method: 'GET', url: `/panel?signin=${ticket}` });
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('used already');
    const tampered = `${ticket.slice(0, -3)}AAA`;
    expect((await app.inject({ method: 'GET', url: `/panel?signin=${tampered}` })).statusCode).toBe(401);
    const expired = signInTicket(deps.config, Date.now() - 3_600_000) ?? '';
    expect((await app.inject({ method: 'GET', url: `/panel?signin=${expired}` })).body).toContain('expired');
  });

  it('refuses a forged or tampered cookie and an expired session token', async () => {
    const good = await signIn();
    const [name, value] = good.split('=');
    for (const cookie of [`sx_panel=token|99999999999999`, `${name}=${(value ?? '').slice(0, -2)}xx`]) {
      expect((await app.inject({ method: 'GET', url: '/panel', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'GET', url: `/panel?id_token=${await sessionToken(-120)}` })).statusCode).toBe(401);
  });

  it('serves an embedded admin by its session token: its own shop, the token carried in the form, no operations', async () => {
    const token = await sessionToken();
    const r = await app.inject({ method: 'GET', url: `/panel?q=1187&id_token=${token}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(TEST_SHOP);
    expect(r.body).toContain(`name="id_token" value="${token}"`);
    expect((await app.inject({ method: 'GET', url: '/panel/ops', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
  });

  it('lists dead letters with their reason for the operator, and retries one from its form (same origin only)', async () => {
    const cookie = await signIn();
    const ops = await app.inject({ method: 'GET', url: '/panel/ops', headers: { cookie } });
    expect(ops.statusCode).toBe(200);
    expect(ops.body).toContain(`data-job="${deadJob}"`);
    expect(ops.body).toContain('JOB_TASK_UNKNOWN');
    const form = `job=${deadJob}`;
    const cross = await app.inject({
      method: 'POST',
      url: '/panel/ops/retry',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(cross.statusCode).toBe(403);
    expect((await deps.queue.counts()).dead).toBe(1);
    const retry = await app.inject({
      method: 'POST',
      url: '/panel/ops/retry',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(retry.statusCode).toBe(303);
    expect(retry.headers.location).toBe(`/panel/ops?retried=${deadJob}`);
    expect(await deps.queue.counts()).toMatchObject({ dead: 0, queued: 1 });
    expect(
      (await app.inject({ method: 'POST', url: '/panel/ops/retry', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
        .statusCode,
    ).toBe(401);
  });
});
