import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import type { StartedXecmEmulator } from '../../emulators/xecm/index.js';
import { buildDeps } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import { startConnector } from '../../src/runtime.js';
import { XecmClient } from '../../src/xecm/client.js';
import type { FetchFn } from '../../src/xecm/client.js';
import { tempDir, testConfig } from '../helpers/config.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

/** Node's fetch, counting the sign-ins (POST …/api/v1/auth) that reach the emulator; `password` swaps the one sent. */
function countingFetch(): { fetch: FetchFn; signIns: () => number; sendPassword: (p: string | undefined) => void } {
  let n = 0;
  let swap: string | undefined;
  const f: FetchFn = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (init?.method === 'POST' && url.pathname.endsWith('/api/v1/auth')) {
      n++;
      if (swap !== undefined && init.body instanceof URLSearchParams) {
        const b = new URLSearchParams(init.body);
        b.set('password', swap);
        return fetch(url, { ...init, body: b });
      }
    }
    return fetch(url, init);
  };
  return { fetch: f, signIns: () => n, sendPassword: (p) => (swap = p) };
}

function memoryLog(): { lines: Array<Record<string, unknown>>; log: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write: (chunk: Buffer, _e, cb) => {
      for (const l of chunk.toString().split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, log: createLogger({ level: 'trace', destination }) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a refused xECM sign-in is not tried again (OTDS lockout)', () => {
  let emu: StartedXecmEmulator;
  beforeAll(async () => {
    emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => emu.close());

  const config = (password: string, authRetryAfterMs?: number) => ({
    url: emu.url,
    username: 'Admin',
    password,
    timeoutMs: 5000,
    maxConcurrency: 4,
    retries: 3,
    retryBaseMs: 1,
    ...(authRetryAfterMs === undefined ? {} : { authRetryAfterMs }),
  });

  it('a wrong password: one sign-in reaches Content Server, every later call fails fast, one error line', async () => {
    const f = countingFetch();
    const { lines, log } = memoryLog();
    const c = new XecmClient({ config: config('wrong-password'), log, fetch: f.fetch });
    await expect(c.request('GET', '/v2/nodes/2000')).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    await expect(Promise.all([1, 2, 3, 4, 5].map((i) => c.request('GET', `/v2/nodes/${i}`)))).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    for (let i = 0; i < 5; i++) {
      await expect(c.verifySession()).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED', retryable: false, message: expect.stringMatching(/authRetryAfterMs/) });
    }
    expect(f.signIns()).toBe(1);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(/sign-in refused/);
    expect(JSON.stringify(lines)).not.toContain('wrong-password');
    await c.logout();
  });

  it('after the cool-down one new sign-in is tried; a good one clears the latch', async () => {
    const f = countingFetch();
    const c = new XecmClient({ config: config('livelink', 150), log: memoryLog().log, fetch: f.fetch });
    f.sendPassword('wrong');
    await expect(c.verifySession()).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    await expect(c.verifySession()).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    expect(f.signIns()).toBe(1);
    await sleep(200);
    f.sendPassword(undefined);
    await c.verifySession();
    expect(f.signIns()).toBe(2);
    await c.logout();
  });

  it('a renewal refused after a ticket expired latches too (no sign-in per 401)', async () => {
    const f = countingFetch();
    const c = new XecmClient({ config: config('livelink'), log: memoryLog().log, fetch: f.fetch });
    await c.verifySession();
    expect(f.signIns()).toBe(1);
    // The password was changed in the directory; the current ticket expires.
    f.sendPassword('changed-elsewhere');
    await fetch(`${new URL(emu.url).origin}/emulator/tickets/expire`, { method: 'POST' });
    await expect(c.request('GET', '/v2/nodes/2000')).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    await expect(Promise.all([1, 2, 3].map((i) => c.request('GET', `/v2/nodes/${i}`)))).rejects.toMatchObject({ code: 'XECM_AUTH_FAILED' });
    expect(f.signIns()).toBe(2);
    await c.logout();
  });

  it('jobs of a connector with a wrong password: one sign-in for all of them', async () => {
    const tmp = tempDir();
    const cfg = testConfig({
      dir: tmp.dir,
      xecmUrl: emu.url,
      overrides: { queue: { maxAttempts: 3, backoffBaseMs: 10, backoffMaxMs: 20, pollIntervalMs: 20 } },
    });
    const f = countingFetch();
    f.sendPassword('wrong');
    const deps = await buildDeps(cfg, memoryLog().log, { fetch: f.fetch });
    const running = await startConnector(deps, 'all');
    try {
      const fx = fixture('orders-create.b2b-high-value.json');
      for (let i = 0; i < 4; i++) {
        const body = { ...fx.body, id: 5_000_000 + i, admin_graphql_api_id: `gid://shopify/Order/${5_000_000 + i}` };
        expect((await postDelivery(running.url ?? '', fx.topic, body)).status).toBe(200);
      }
      expect(await running.worker?.drained({ includeDelayed: true, timeoutMs: 30_000 })).toBe(true);
      expect(f.signIns()).toBe(1);
    } finally {
      await running.stop();
      await deps.close();
      tmp.cleanup();
    }
  });
});
