import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../src/status/summary.js';
import { BACKENDS, createDatabase } from '../helpers/backends.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';
import { EMU_SECRET, EMU_SHOP, EMU_TOKEN, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

/**
 * Issue 14: `status --json` through the real command, on each backend, after a real run: a sync of
 * the emulated shop (its cursors), the jobs it started done, and one job that is a dead letter; then
 * Content Server reachable (authenticated, with its latency) and not (reported, exit 0).
 */
describe.each(BACKENDS)('status (%s)', (kind) => {
  let stack: ShopStack;
  let db: Awaited<ReturnType<typeof createDatabase>>;
  const cwd = tempDir();
  let syncedAt = 0;
  const env = (xecmUrl: string): NodeJS.ProcessEnv => ({
    DATABASE_URL: db.url,
    SHOPIFY_SHOP_DOMAIN: EMU_SHOP,
    SHOPIFY_API_SECRET: EMU_SECRET,
    SHOPIFY_ACCESS_TOKEN: EMU_TOKEN,
    XECM_URL: xecmUrl,
    XECM_USERNAME: 'Admin',
    XECM_PASSWORD: 'livelink',
    LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    db = await createDatabase(kind);
    stack = await startShopStack({ shopify: { orders: 2, seed: 14 }, databaseUrl: db.url, subscribe: false });
    syncedAt = Date.now();
    await stack.running.syncNow();
    // A job whose payload its task refuses: a dead letter at once, with its reason.
    await stack.deps.queue.enqueue([{ task: 'rule', payload: { eventId: -1, rule: 'order-workspace' }, jobKey: 'status-test:bad', queueName: 'status-test' }]);
    stack.running.worker?.notify();
    await stack.drained();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await db.drop();
    cwd.cleanup();
  });

  it('reports the queue, the dead letters with their reasons, the last sync per shop and Content Server with its latency', async () => {
    const r = await runCli(['status', '--json'], env(stack.xecmUrl), cwd.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout) as Status;
    expect(s.summary.deliveries).toBe(0);
    expect(s.summary.created).toBeGreaterThan(0);
    expect(s.queue).toEqual({ queued: 0, running: 0, dead: 1, lagSeconds: 0, oldestDueAt: null, nextRunAt: null });
    expect(s.deadLetters.total).toBe(1);
    expect(s.deadLetters.shown).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        task: 'rule',
        queue: 'status-test',
        attempts: 1,
        reason: expect.stringMatching(/^PAYLOAD_INVALID: task rule: payload eventId: /),
        failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    // The payload stays out of the report.
    expect(JSON.stringify(s.deadLetters)).not.toContain('order-workspace');
    expect(s.sync).toHaveLength(1);
    const [shop] = s.sync;
    expect(shop?.shop).toBe(EMU_SHOP);
    expect(Date.parse(shop?.lastRunAt ?? '')).toBeGreaterThanOrEqual(syncedAt - 1000);
    expect(shop?.resources.map((x) => x.resource)).toEqual(expect.arrayContaining(['orders', 'companies', 'customers', 'products']));
    for (const x of shop?.resources ?? []) {
      expect(Date.parse(x.cursor)).not.toBeNaN();
      expect(Date.parse(x.ranAt)).toBeLessThanOrEqual(Date.parse(shop?.lastRunAt ?? ''));
    }
    expect(s.xecm).toEqual({ configured: true, url: stack.xecmUrl, reachable: true, authenticated: true, latencyMs: expect.any(Number), error: null });
    if (s.xecm.configured) expect(s.xecm.latencyMs).toBeGreaterThanOrEqual(0);
    expect(s.privacyConflicts).toEqual([]);
  }, 60_000);

  it('reports an unreachable Content Server as such and still exits 0; the human form says the same', async () => {
    // A port nothing listens on (the emulator's, once it is known to be free, would race): port 1 on loopback.
    const down = 'http://127.0.0.1:1/otcs/cs.exe';
    const started = Date.now();
    const r = await runCli(['status', '--json'], env(down), cwd.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    const s = JSON.parse(r.stdout) as Status;
    expect(s.xecm).toEqual({
      configured: true,
      url: down,
      reachable: false,
      authenticated: false,
      latencyMs: null,
      error: expect.stringMatching(/^XECM_UNAVAILABLE: GET \/v1\/ping failed/),
    });
    expect(s.deadLetters.total).toBe(1);

    const human = await runCli(['status'], env(down), cwd.dir);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^queue: queued 0, running 0, dead 1; lag 0 s$/m);
    expect(human.stdout).toMatch(/^dead letters: 1$/m);
    expect(human.stdout).toMatch(/^ {2}job \d+ {2}rule {2}queue status-test {2}attempts 1 {2}failed \S+ {2}PAYLOAD_INVALID: /m);
    expect(human.stdout).toMatch(new RegExp(`^ {2}${EMU_SHOP.replace(/\./g, '\\.')} {2}\\d{4}-\\S+ {2}\\(.*orders from \\d{4}-`, 'm'));
    expect(human.stdout).toMatch(/^xECM: unreachable at http:\/\/127\.0\.0\.1:1\/otcs\/cs\.exe: XECM_UNAVAILABLE: /m);

    const up = await runCli(['status'], env(stack.xecmUrl), cwd.dir);
    expect(up.stdout).toMatch(/^xECM: reachable and authenticated at http:\/\/127\.0\.0\.1:\d+\/otcs\/cs\.exe; \d+ ms$/m);
  }, 90_000);
});
