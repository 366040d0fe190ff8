import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import type { StartedXecmEmulator } from '../../emulators/xecm/index.js';
import type { Config } from '../../src/config/schema.js';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { createLogger } from '../../src/log.js';
import { startConnector } from '../../src/runtime.js';
import type { Running } from '../../src/runtime.js';
import type { JobQueue } from '../../src/queue/queue.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { PlainOtcs } from '../helpers/otcs.js';
import { TEST_SECRET, tempDir, testConfig } from '../helpers/config.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

const sample = fixture('orders-create.b2b-high-value.json');
const ORDER_ID = '5931282661421';
/** Personal data in the fixture that no log line may carry. */
const PERSONAL = ['dana.whitfield@keystone-process.example', 'Dana', 'Whitfield', 'Keystone', '+14125550147', '412-555-0147', 'Foundry Road'];

/**
 * Issue 9, secrets and personal data: an order run end to end with every log line captured at
 * `trace`, under xECM faults so the failure and retry lines are written too.
 */
describe('logs of an order run carry ids, not personal data or secrets', () => {
  let emu: StartedXecmEmulator;
  let tmp: ReturnType<typeof tempDir>;
  let config: Readonly<Config>;
  let deps: Deps;
  let running: Running;
  const chunks: string[] = [];
  beforeAll(async () => {
    tmp = tempDir();
    emu = await startXecmEmulator({ host: '127.0.0.1', port: 0, faults: '5xx=0.25', seed: 7 });
    config = testConfig({ dir: tmp.dir, xecmUrl: emu.url, overrides: { log: { level: 'trace' } } });
    const destination = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        chunks.push(chunk.toString());
        cb();
      },
    });
    deps = await buildDeps(config, createLogger({ level: 'trace', destination }));
    running = await startConnector(deps, 'all');
  });
  afterAll(async () => {
    await running.stop();
    await deps.close();
    await emu.close();
    tmp.cleanup();
  });

  it('files the order, and no log line names the customer or carries a secret', async () => {
    expect((await postDelivery(running.url ?? '', sample.topic, sample.body)).status).toBe(200);
    const updated = { ...sample.body, financial_status: 'paid', updated_at: '2026-07-15T09:00:00-04:00' };
    expect((await postDelivery(running.url ?? '', 'orders/updated', updated)).status).toBe(200);
    expect(await running.worker?.drained({ includeDelayed: true, timeoutMs: 60_000 })).toBe(true);
    expect(await new PlainOtcs(emu.url).workspacesFor('shopify_order', ORDER_ID)).toHaveLength(1);

    const text = chunks.join('');
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(20);
    expect(text).toContain(ORDER_ID);
    for (const p of PERSONAL) expect(lines.filter((l) => l.includes(p))).toEqual([]);
    for (const s of [TEST_SECRET, 'livelink']) expect(lines.filter((l) => l.includes(s))).toEqual([]);
  });
});

describe('/readyz does not echo internal error text', () => {
  it('answers 503 with a fixed message and logs the reason', async () => {
    const t = tempDir();
    const chunks: string[] = [];
    const destination = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        chunks.push(chunk.toString());
        cb();
      },
    });
    const config = testConfig({ dir: t.dir });
    const failing = 'SQLITE_IOERR: disk I/O error at /srv/secret-path/shopify-xecm.db (password=hunter2)';
    const store = {
      kind: 'sqlite',
      ping: async () => {
        throw new Error(failing);
      },
    } as unknown as Store;
    const queue = { counts: async () => ({ queued: 0, running: 0, delayed: 0, dead: 0 }) } as unknown as JobQueue;
    const app = await buildApp({ config, store, queue, log: createLogger({ level: 'info', destination }) });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'store unavailable', code: 'STORE_UNAVAILABLE' });
      expect(res.body).not.toContain('secret-path');
      expect(res.body).not.toContain('hunter2');
      expect(chunks.join('')).toContain('SQLITE_IOERR');
    } finally {
      await app.close();
      t.cleanup();
    }
  });
});
