import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS, silentLogger } from '../log.js';
import { XecmClient } from './client.js';
import type { FetchFn } from './client.js';
import { mapXecmFailure, XecmError } from './errors.js';

const cfg = {
  url: 'http://cs.test/otcs/cs.exe',
  username: 'Admin',
  password: 'sup3r-s3cret-pw',
  timeoutMs: 1000,
  maxConcurrency: 2,
  retries: 2,
  retryBaseMs: 1,
};

/** A scripted Content Server: each handler answers one request, in order; unused handlers fail the test. */
function scripted(handlers: Array<(url: URL, init: RequestInit | undefined) => Response>): {
  fetch: FetchFn;
  seen: Array<{ url: URL; init: RequestInit | undefined }>;
  left: () => number;
} {
  const seen: Array<{ url: URL; init: RequestInit | undefined }> = [];
  const queue = [...handlers];
  const f: FetchFn = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    seen.push({ url, init });
    const h = queue.shift();
    if (!h) throw new Error(`unexpected request ${init?.method} ${url.pathname}`);
    return h(url, init);
  };
  return { fetch: f, seen, left: () => queue.length };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const ticketOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('otcsticket');

describe('XecmClient', () => {
  it('logs in once, sends the ticket, and adopts a refreshed OTCSTicket response header', async () => {
    const s = scripted([() => json({ ticket: 'T1' }), () => json({ results: {} }, 200, { OTCSTicket: 'T2' }), () => json({ results: {} })]);
    const c = new XecmClient({ config: cfg, log: silentLogger, fetch: s.fetch });
    await c.request('GET', '/v2/nodes/1');
    await c.request('GET', '/v2/nodes/2');
    expect(s.seen.map((x) => `${x.init?.method} ${x.url.pathname}`)).toEqual([
      'POST /otcs/cs.exe/api/v1/auth',
      'GET /otcs/cs.exe/api/v2/nodes/1',
      'GET /otcs/cs.exe/api/v2/nodes/2',
    ]);
    expect(String(s.seen[0]?.init?.body)).toBe('username=Admin&password=sup3r-s3cret-pw');
    expect([ticketOf(s.seen[1]?.init), ticketOf(s.seen[2]?.init)]).toEqual(['T1', 'T2']);
    expect(s.left()).toBe(0);
  });

  it('re-authenticates once on 401, single-flight across concurrent calls', async () => {
    let logins = 0;
    const f: FetchFn = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/v1/auth')) return json({ ticket: `T${++logins}` });
      return ticketOf(init) === 'T1' ? json({ error: 'Authentication Required' }, 401) : json({ results: {} });
    };
    const c = new XecmClient({ config: cfg, log: silentLogger, fetch: f });
    await c.request('GET', '/v2/nodes/0');
    await Promise.all([1, 2, 3, 4, 5].map((i) => c.request('GET', `/v2/nodes/${i}`)));
    expect(logins).toBe(2);
  });

  it('renews a ticket that expires again under the call, and past three renewals fails as transient, never as a bad password', async () => {
    let logins = 0;
    let rejections = 2;
    const f: FetchFn = async (input) => {
      if (new URL(String(input)).pathname.endsWith('/v1/auth')) return json({ ticket: `T${++logins}` });
      return rejections-- > 0 ? json({ error: 'Authentication Required' }, 401) : json({ results: {} });
    };
    const c = new XecmClient({ config: cfg, log: silentLogger, fetch: f });
    await expect(c.request('GET', '/v2/nodes/1')).resolves.toEqual({ results: {} });
    expect(logins).toBe(3);
    rejections = 99;
    await expect(c.request('GET', '/v2/nodes/2')).rejects.toMatchObject({ code: 'XECM_UNAVAILABLE', retryable: true, status: 401 });
  });

  it('retries transient failures of idempotent calls only', async () => {
    const s = scripted([
      () => json({ ticket: 'T' }),
      () => json({ error: 'busy' }, 503),
      () => new Response('<html>proxy</html>', { status: 502 }),
      () => json({ results: { ok: 1 } }),
    ]);
    const c = new XecmClient({ config: cfg, log: silentLogger, fetch: s.fetch });
    expect(await c.request('GET', '/v2/nodes/1')).toEqual({ results: { ok: 1 } });
    const p = scripted([() => json({ ticket: 'T' }), () => json({ error: 'busy' }, 503)]);
    const post = new XecmClient({ config: cfg, log: silentLogger, fetch: p.fetch });
    await expect(post.request('POST', '/v2/nodes', { body: { kind: 'body-json', value: {} } })).rejects.toMatchObject({
      code: 'XECM_UNAVAILABLE',
      retryable: true,
    });
    expect(p.left()).toBe(0);
  });

  it('treats a 200 whose body is not JSON as transient', async () => {
    const s = scripted([() => json({ ticket: 'T' }), () => new Response('<html>starting</html>', { status: 200 }), () => json({ results: {} })]);
    const c = new XecmClient({ config: cfg, log: silentLogger, fetch: s.fetch });
    await expect(c.request('GET', '/v2/nodes/1')).resolves.toEqual({ results: {} });
  });

  it('logs a request id and timing for every call, and never the password or ticket', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const s = scripted([() => json({ ticket: 'TICKET-abc/+=' }), () => json({ results: {} }), () => json({ error: 'Could not get a node for 9' }, 400)]);
    const c = new XecmClient({ config: cfg, log, fetch: s.fetch });
    await c.request('GET', '/v2/nodes/1');
    await expect(c.request('GET', '/v2/nodes/9')).rejects.toBeInstanceOf(XecmError);
    const all = lines.join('');
    expect(all).not.toContain('sup3r-s3cret-pw');
    expect(all).not.toContain('TICKET-abc');
    const calls = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string; ms?: number; path?: string }).filter((l) => l.msg === 'xECM call');
    expect(calls.map((l) => l.path)).toEqual(['/v1/auth', '/v2/nodes/1', '/v2/nodes/9']);
    for (const l of calls) expect(l).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), ms: expect.any(Number) });
  });
});

describe('mapXecmFailure (otcs-api.md §6.1)', () => {
  const m = (status: number, body: string) => mapXecmFailure('POST', '/v2/nodes', status, body, 'rid');
  it.each([
    [500, '{"error":"An item with the name \'a\' already exists."}', 'XECM_ALREADY_EXISTS', false],
    [500, '{"error":"Could not get a node for 5"}', 'XECM_NOT_FOUND', false],
    [400, '{"error":"Could not get a node for 5"}', 'XECM_NOT_FOUND', false],
    [404, '{"error":"not here"}', 'XECM_NOT_FOUND', false],
    [500, '{"error":"Internal error"}', 'XECM_UNAVAILABLE', true],
    [502, '<html><body>Bad gateway</body></html>', 'XECM_UNAVAILABLE', true],
    [400, '{"error":"Subtype 999 not registered"}', 'XECM_BAD_REQUEST', false],
    [401, '{"error":"Authentication Required"}', 'XECM_AUTH_FAILED', false],
    [403, '{"error":"forbidden"}', 'XECM_FORBIDDEN', false],
    [409, '{"error":"edit conflict"}', 'XECM_CONFLICT', true],
  ])('%i %s → %s (retry: %s)', (status, body, code, retryable) => {
    expect(m(status, body)).toMatchObject({ code, retryable, status });
  });
  it('keeps the method, path, status and Content Server text in the message', () => {
    expect(m(500, '{"error":"An item with the name \'a\' already exists."}').message).toBe("POST /v2/nodes → 500: An item with the name 'a' already exists.");
    expect(m(502, '<html/>').message).toBe('POST /v2/nodes → 502 (HTML body)');
  });
});

describe('XecmClient onCall (metrics)', () => {
  it('tells each request its operation (ids as :id), result and time, retries and failures included', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const s = scripted([
      () => json({ ticket: 'T1' }),
      () => json({ results: [] }),
      () => json({ error: 'busy' }, 503),
      () => json({ results: {} }),
      () => json({ error: 'bad' }, 400),
      () => json({ error: 'no' }, 403),
      () => {
        throw timeout;
      },
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    const calls: Array<{ operation: string; result: string; ms: number }> = [];
    const c = new XecmClient({ config: { ...cfg, retries: 1 }, log: silentLogger, fetch: s.fetch, onCall: (x) => calls.push(x) });
    await c.request('GET', '/v2/nodes/2000/nodes');
    await c.request('GET', '/v2/businessworkspaces/77/roles/-3/members?where_name=x');
    await expect(c.request('POST', '/v2/nodes', { body: { kind: 'body-json', value: {} } })).rejects.toMatchObject({ code: 'XECM_BAD_REQUEST' });
    await expect(c.request('POST', '/v2/nodes/5/categories')).rejects.toMatchObject({ code: 'XECM_FORBIDDEN' });
    await expect(c.request('POST', '/v1/holds')).rejects.toMatchObject({ code: 'XECM_UNAVAILABLE' });
    await expect(c.request('POST', '/v1/holds')).rejects.toMatchObject({ code: 'XECM_UNAVAILABLE' });
    expect(calls.map((x) => `${x.operation} ${x.result}`)).toEqual([
      'POST /v1/auth ok',
      'GET /v2/nodes/:id/nodes ok',
      'GET /v2/businessworkspaces/:id/roles/:id/members server_error',
      'GET /v2/businessworkspaces/:id/roles/:id/members ok',
      'POST /v2/nodes client_error',
      'POST /v2/nodes/:id/categories auth',
      'POST /v1/holds timeout',
      'POST /v1/holds network',
    ]);
    expect(calls.every((x) => x.ms >= 0 && Number.isFinite(x.ms))).toBe(true);
  });

  it('never lets an observer that throws fail the call', async () => {
    const s = scripted([() => json({ ticket: 'T1' }), () => json({ results: {} })]);
    const c = new XecmClient({
      config: cfg,
      log: silentLogger,
      fetch: s.fetch,
      onCall: () => {
        throw new Error('observer broke');
      },
    });
    await expect(c.request('GET', '/v2/nodes/1')).resolves.toEqual({ results: {} });
  });
});
