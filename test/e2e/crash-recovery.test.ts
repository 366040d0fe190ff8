import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { openBackend } from '../../src/store/index.js';
import { spawnCli, waitForOutput } from '../helpers/cli.js';
import { TEST_SECRET, TEST_SHOP, tempDir } from '../helpers/config.js';
import { PlainOtcs } from '../helpers/otcs.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

/** A Content Server that accepts connections and never answers: the job hangs in flight. */
async function blackHole(): Promise<{ port: number; connected: Promise<void>; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((r) => (onConnect = r));
  const server: Server = createServer((s) => {
    sockets.push(s);
    onConnect();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    connected,
    close: () =>
      new Promise((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}

async function poll<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('crash between acknowledging a delivery and finishing its job', () => {
  const children: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    children.forEach((c) => c.kill('SIGKILL'));
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('loses nothing: after SIGKILL and restart the job completes and one workspace exists', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const cfgPath = join(tmp.dir, 'shopify-xecm.yaml');
    writeFileSync(cfgPath, 'queue:\n  lockTimeoutMs: 1500\n  pollIntervalMs: 100\n');
    const db = join(tmp.dir, 'connector.db');
    const env = (xecmUrl: string) => ({
      SHOPIFY_XECM_CONFIG: cfgPath,
      SHOPIFY_SHOP_DOMAIN: TEST_SHOP,
      SHOPIFY_API_SECRET: TEST_SECRET,
      XECM_URL: xecmUrl,
      XECM_USERNAME: 'Admin',
      XECM_PASSWORD: 'livelink',
      DATABASE_URL: `sqlite:${db}`,
      PORT: '0',
      LOG_LEVEL: 'info',
    });

    // 1. The connector acknowledges the delivery, then hangs talking to Content Server.
    const hole = await blackHole();
    cleanups.push(hole.close);
    const first = spawnCli(['serve'], env(`http://127.0.0.1:${hole.port}/otcs/cs.exe`));
    children.push(first);
    const url = (await waitForOutput(first, /http:\/\/127\.0\.0\.1:\d+/)).trim();
    const order = fixture('orders-create.b2b-high-value.json').body;
    expect((await postDelivery(url, 'orders/create', order)).status).toBe(200);
    await hole.connected;
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const QUEUE = { maxAttempts: 10, backoffBaseMs: 1000, backoffMaxMs: 10_000 };
    const before = openBackend(`sqlite:${db}`, QUEUE);
    const stuck = await before.queue.counts();
    await before.store.close();
    expect(stuck).toMatchObject({ queued: 0, running: 1, dead: 0 });

    // 2. Restarted against a working Content Server, the job is taken back and completes.
    const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => emu.close());
    const second = spawnCli(['serve'], env(emu.url));
    children.push(second);
    const otcs = new PlainOtcs(emu.url);
    const found = await poll(async () => {
      const ws = await otcs.workspacesFor('shopify_order', '5931282661421');
      return ws.length > 0 ? ws : undefined;
    }, 30_000);
    expect(found).toHaveLength(1);
    expect(found[0]?.name).toBe('Order #1187 – Keystone Process Systems LLC');
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    const after = openBackend(`sqlite:${db}`, QUEUE);
    const left = await after.queue.counts();
    const outcomes = (await after.store.outcomes({ task: 'rule' })).filter((o) => (o.payload as { rule?: string }).rule === 'order-workspace');
    await after.store.close();
    expect(left).toMatchObject({ queued: 0, running: 0, dead: 0 });
    expect(outcomes).toMatchObject([{ task: 'rule', outcome: 'created', attempt: 2 }]);
  }, 90_000);
});
