import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, formatFaultSpec, parseFaultSpec } from './index.js';
import { API, form, FORM, login, session } from './test-helpers.js';
import type { Session } from './test-helpers.js';

const ORDER = DEFAULT_MODEL.workspaceTypes[0];
if (!ORDER) throw new Error('no order type');

let s: Session | undefined;
afterEach(async () => {
  await s?.app.close();
  s = undefined;
});

const state = async (sess: Session): Promise<{ counts: { workspaces: number }; faults: { injected: Record<string, number> } }> =>
  (await sess.app.inject({ method: 'GET', url: '/emulator/state' })).json() as { counts: { workspaces: number }; faults: { injected: Record<string, number> } };

describe('xECM emulator: fault spec', () => {
  it('parses global, per-endpoint and ticket-expiry entries', () => {
    const spec = parseFaultSpec('5xx=0.1, timeout=0.02,ticket-expiry=30000,html=0.01;POST /v2/nodes:5xx=0.3;GET /v2/nodes/{id}/versions:timeout=1');
    expect(spec.global).toEqual({ '5xx': 0.1, timeout: 0.02, html: 0.01 });
    expect(spec.ticketExpiryMs).toBe(30000);
    expect(spec.endpoints).toEqual([
      { method: 'POST', path: '/v2/nodes', raw: '/v2/nodes', rates: { '5xx': 0.3 } },
      { method: 'GET', path: '/v2/nodes/:/versions', raw: '/v2/nodes/{id}/versions', rates: { timeout: 1 } },
    ]);
    expect(parseFaultSpec('')).toEqual({ global: {}, endpoints: [] });
  });

  it('parses latency as N or MIN..MAX milliseconds, global only', () => {
    expect(parseFaultSpec('latency=20..80').latencyMs).toEqual({ min: 20, max: 80 });
    expect(parseFaultSpec('latency=15').latencyMs).toEqual({ min: 15, max: 15 });
    expect(formatFaultSpec(parseFaultSpec('5xx=0.1,latency=5..60'))).toBe('5xx=0.1,latency=5..60');
    expect(() => parseFaultSpec('latency=80..20')).toThrow('"latency=80..20"');
    expect(() => parseFaultSpec('latency=fast')).toThrow('"latency=fast"');
    expect(() => parseFaultSpec('GET /v2/nodes:latency=5')).toThrow('GET /v2/nodes:latency=5');
  });

  it('a bad spec throws, naming the offending entry', () => {
    expect(() => parseFaultSpec('5xx=0.1,5xx=2')).toThrow('"5xx=2"');
    expect(() => parseFaultSpec('timeout=0.1,bogus=0.5')).toThrow('"bogus=0.5"');
    expect(() => parseFaultSpec('5xx')).toThrow('"5xx"');
    expect(() => parseFaultSpec('POST /v2/nodes:ticket-expiry=5')).toThrow('POST /v2/nodes:ticket-expiry=5');
    expect(() => parseFaultSpec('FETCH /v2/nodes:5xx=1')).toThrow('FETCH');
  });
});

describe('xECM emulator: injected faults', () => {
  it('with 5xx=1 every REST call but ping and auth fails 5xx and nothing is written', async () => {
    s = await session({ faults: '5xx=1' });
    const ping = await s.app.inject({ method: 'GET', url: `${API}/v1/ping` });
    expect(ping.statusCode).toBe(200);
    const ticket = await login(s.app);
    expect(ticket).toBeTruthy();
    const create = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'X' });
    expect([500, 502, 503]).toContain(create.status);
    expect(create.body).toHaveProperty('error');
    const get = await s.get('/v2/nodes/2000');
    expect([500, 502, 503]).toContain(get.status);
    const me = await s.get('/v1/auth');
    expect(me.status).toBeGreaterThanOrEqual(500);
    const st = await state(s);
    expect(st.counts.workspaces).toBe(0);
    const injected = st.faults.injected;
    expect((injected.status500 ?? 0) + (injected.status502 ?? 0) + (injected.status503 ?? 0)).toBe(3);
  });

  it('html=1 makes the 5xx answers HTML pages', async () => {
    s = await session({ faults: '5xx=1,html=1' });
    const res = await s.app.inject({ method: 'GET', url: `${API}/v2/nodes/2000`, headers: { otcsticket: s.ticket } });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/^<!DOCTYPE html>/);
  });

  it('with timeout=1 a create is performed although the answer is 504', async () => {
    s = await session({ faults: 'timeout=1', timeoutHoldMs: 30 });
    const t0 = Date.now();
    const res = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'Written anyway' });
    expect(res.status).toBe(504);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    const st = await state(s);
    expect(st.counts.workspaces).toBe(1);
    expect(st.faults.injected.timeout).toBe(1);
  });

  it('per-endpoint rates apply only to that route; the control route switches faults at run time', async () => {
    s = await session();
    const set = await s.app.inject({ method: 'POST', url: '/emulator/faults', payload: { spec: 'POST /v2/businessworkspaces:5xx=1' } });
    expect(set.statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/emulator/faults' })).json()).toMatchObject({ spec: 'POST /v2/businessworkspaces:5xx=1' });
    expect((await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'A' })).status).toBeGreaterThanOrEqual(500);
    expect((await s.get('/v2/businessworkspacetypes')).status).toBe(200);
    const bad = await s.app.inject({ method: 'POST', url: '/emulator/faults', payload: { spec: '5xx=7' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: expect.stringContaining('"5xx=7"') });
    await s.app.inject({ method: 'POST', url: '/emulator/faults', payload: {} });
    expect((await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'A' })).status).toBe(200);
  });

  it('the same seed gives the same fault sequence', async () => {
    const run = async (): Promise<number[]> => {
      const sess = await session({ faults: '5xx=0.5', seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await sess.get('/v2/nodes/2000')).status);
      await sess.app.close();
      return out;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.some((x) => x === 200)).toBe(true);
    expect(a.some((x) => x >= 500)).toBe(true);
  });

  it('latency delays every answer by a drawn MIN..MAX ms, counted, without shifting the other faults', async () => {
    s = await session({ faults: 'latency=30..60' });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      expect((await s.get('/v2/nodes/2000')).status).toBe(200);
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(29);
    const { slow = 0, slowMs = 0 } = (await state(s)).faults.injected;
    expect(slow).toBeGreaterThanOrEqual(5);
    expect(slowMs).toBeGreaterThanOrEqual(30 * slow);
    expect(slowMs).toBeLessThanOrEqual(60 * slow);
    await s.app.close();
    // The same seed's 5xx sequence with and without latency.
    const run = async (spec: string): Promise<number[]> => {
      const sess = await session({ faults: spec, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 10; i++) out.push((await sess.get('/v2/nodes/2000')).status);
      await sess.app.close();
      return out;
    };
    expect(await run('5xx=0.5,latency=0..3')).toEqual(await run('5xx=0.5'));
    s = undefined;
  });

  it('ticket-expiry makes an existing ticket 401 after N ms; a new login works', async () => {
    s = await session({ faults: 'ticket-expiry=150' });
    const ticket = await login(s.app);
    const ok = await s.app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
    expect(ok.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const expired = await s.app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: ticket } });
    expect(expired.statusCode).toBe(401);
    expect((await state(s)).faults.injected.ticketExpiry).toBeGreaterThanOrEqual(1);
    const fresh = await login(s.app);
    const res = await s.app.inject({ method: 'GET', url: `${API}/v1/auth`, headers: { otcsticket: fresh } });
    expect(res.statusCode).toBe(200);
    const auth = await s.app.inject({ method: 'POST', url: `${API}/v1/auth`, headers: FORM, payload: form({ username: 'Admin', password: 'livelink' }) });
    expect(auth.statusCode).toBe(200);
  });
});
