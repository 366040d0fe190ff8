import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildXecmEmulator, startXecmEmulator } from './index.js';
import { API, form, FORM, login } from './test-helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('xECM emulator: authentication', () => {
  it('answers ping without a ticket', async () => {
    app = await buildXecmEmulator();
    const res = await app.inject({ method: 'GET', url: `${API}/v1/ping` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toHaveProperty('version');
  });

  it('issues a base64 ticket for the right credentials and echoes it in OTCSTicket', async () => {
    app = await buildXecmEmulator();
    const ticket = await login(app);
    expect(ticket).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(ticket.length).toBeGreaterThan(40);
    const me = await app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { OTCSTICKET: ticket } });
    expect(me.statusCode).toBe(200);
    expect(me.headers.otcsticket).toBe(ticket);
    expect(me.json()).toMatchObject({ data: { id: 1000, name: 'Admin', display_name: 'Admin' } });
  });

  it('accepts multipart credentials and configurable user/password', async () => {
    app = await buildXecmEmulator({ user: 'svc', password: 's3cret' });
    const fd = new FormData();
    fd.append('username', 'svc');
    fd.append('password', 's3cret');
    const req = new Request('http://x/', { method: 'POST', body: fd });
    const res = await app.inject({
      method: 'POST',
      url: `${API}/v1/auth`,
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      payload: Buffer.from(await req.arrayBuffer()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('ticket');
  });

  it('rejects a wrong password with 401 and a missing field with 500', async () => {
    app = await buildXecmEmulator();
    const wrong = await app.inject({ method: 'POST', url: `${API}/v1/auth`, headers: FORM, payload: form({ username: 'Admin', password: 'nope' }) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: expect.any(String) });
    const missing = await app.inject({ method: 'POST', url: `${API}/v1/auth`, headers: FORM, payload: form({ username: 'Admin' }) });
    expect(missing.statusCode).toBe(500);
    expect(missing.json()).toEqual({ error: 'Argument password is required' });
    const none = await app.inject({ method: 'POST', url: `${API}/v1/auth`, headers: FORM, payload: '' });
    expect(none.statusCode).toBe(500);
    expect(none.json()).toEqual({ error: 'Argument username is required' });
  });

  it('requires a valid ticket on other routes', async () => {
    app = await buildXecmEmulator();
    const none = await app.inject({ method: 'GET', url: `${API}/v2/nodes/2000` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'Authentication Required' });
    const bogus = await app.inject({ method: 'GET', url: `${API}/v2/nodes/2000`, headers: { otcsticket: 'bogus' } });
    expect(bogus.statusCode).toBe(401);
  });

  it('logout invalidates the ticket', async () => {
    app = await buildXecmEmulator();
    const ticket = await login(app);
    const out = await app.inject({ method: 'DELETE', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
    expect(out.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
    expect(after.statusCode).toBe(401);
  });

  it('the expire switch makes current tickets 401; a new login works', async () => {
    app = await buildXecmEmulator();
    const ticket = await login(app);
    const sw = await app.inject({ method: 'POST', url: '/emulator/tickets/expire' });
    expect(sw.json()).toEqual({ expired: 1 });
    const expired = await app.inject({ method: 'GET', url: `${API}/v2/nodes/2000`, headers: { otcsticket: ticket } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toEqual({ error: 'Authentication Required' });
    const fresh = await login(app);
    expect(fresh).not.toBe(ticket);
    const ok = await app.inject({ method: 'GET', url: `${API}/v2/nodes/2000`, headers: { otcsticket: fresh } });
    expect(ok.statusCode).toBe(200);
  });

  it('expires a ticket after ticketIdleMs without use, and use keeps it alive', async () => {
    app = await buildXecmEmulator({ ticketIdleMs: 150 });
    const ticket = await login(app);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 60));
      const res = await app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
      expect(res.statusCode).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 250));
    const res = await app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
    expect(res.statusCode).toBe(401);
  });

  it('answers unknown REST paths with 404 {error}', async () => {
    app = await buildXecmEmulator();
    const ticket = await login(app);
    const res = await app.inject({ method: 'GET', url: `${API}/v2/nope`, headers: { otcsticket: ticket } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: expect.any(String) });
  });

  it('answers REST requests no sooner than latencyMs after they arrive', async () => {
    app = await buildXecmEmulator({ latencyMs: 80 });
    const t0 = Date.now();
    await app.inject({ method: 'GET', url: `${API}/v1/ping` });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
  });

  it('startXecmEmulator listens on 127.0.0.1 with a free port', async () => {
    const em = await startXecmEmulator({ port: 0 });
    try {
      expect(em.url).toBe(`http://127.0.0.1:${em.port}/otcs/cs.exe`);
      expect(em.port).toBeGreaterThan(0);
      const res = await fetch(`${em.url}/api/v1/ping`);
      expect(res.status).toBe(200);
      expect(await res.json()).toHaveProperty('version');
    } finally {
      await em.close();
    }
  });
});
