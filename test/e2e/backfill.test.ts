import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';
import { PlainOtcs } from '../helpers/otcs.js';
import { EMU_SECRET, EMU_SHOP, EMU_TOKEN } from '../helpers/shop-stack.js';

/** `npm test` runs a bounded slice; `npm run test:backfill` the 2,000 orders (about 7 minutes on 2 cores). */
const ORDERS = Number(process.env.BACKFILL_ORDERS ?? 150);

interface VerifyJson {
  ok: boolean;
  orders: number;
  artifacts: number;
  intact: number;
  problems: Array<{ orderId: string; orderName: string; name: string; problem: string }>;
}

/**
 * Issue 11: `backfill` archives a seeded shop's history through a bulk operation, through the real
 * CLI; interrupted by SIGINT and by SIGKILL and run again it finishes with every document once and
 * one version each; `verify` then finds the archive intact, and names exactly the one document an
 * administrator changed in Content Server.
 */
describe(`backfill and verify (${ORDERS} orders)`, () => {
  const tmp = tempDir();
  let shopify: Awaited<ReturnType<typeof startShopifyEmulator>>;
  let xecm: Awaited<ReturnType<typeof startXecmEmulator>>;
  let otcs: PlainOtcs;
  const env = (): NodeJS.ProcessEnv => ({ SHOPIFY_XECM_CONFIG: join(tmp.dir, 'shopify-xecm.yaml'), LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, orders: ORDERS, seed: 7 });
    xecm = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    otcs = new PlainOtcs(xecm.url);
    writeFileSync(
      join(tmp.dir, 'shopify-xecm.yaml'),
      [
        'shops:',
        `  - domain: ${EMU_SHOP}`,
        `    apiSecret: ${EMU_SECRET}`,
        `    accessToken: ${EMU_TOKEN}`,
        `    adminUrl: ${shopify.url}`,
        'xecm:',
        `  url: ${xecm.url}`,
        '  username: Admin',
        '  password: livelink',
        'database:',
        `  url: sqlite:${join(tmp.dir, 'connector.db')}`,
        'queue:',
        '  concurrency: 8',
        '  pollIntervalMs: 20',
        // Jobs a killed run held are taken back once their lock expires.
        '  lockTimeoutMs: 3000',
        'model:',
        '  classificationId: 3200',
        // The archive alone: order and exception workspaces have suites of their own.
        'rules:',
        '  order-workspace:',
        '    enabled: false',
        '  exception-order:',
        '    enabled: false',
        '',
      ].join('\n'),
    );
  }, 120_000);
  afterAll(async () => {
    await shopify?.close();
    await xecm?.close();
    tmp.cleanup();
  });

  /** Runs backfill and stops it with `signal` once it has stored some orders. */
  const interrupted = (signal: NodeJS.Signals, afterOrders: number): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawnCli(['backfill'], env());
      let out = '';
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        // A progress line: orders stored, or the jobs of stored orders still pending.
        const stored = [...out.matchAll(/(?:orders|finishing) (\d+)\/?\d* orders/g)].map((m) => Number(m[1]));
        if (stored.some((n) => n >= afterOrders) && !child.killed) child.kill(signal);
      });
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  /** Every document of the archive tree: name, node, versions. */
  const archiveDocuments = async (): Promise<Array<{ folder: number; name: string; id: number; versions: number }>> => {
    const root = await otcs.child(2000, 'Shopify Archive');
    if (!root) return [];
    const out: Array<{ folder: number; name: string; id: number; versions: number }> = [];
    const walk = async (id: number): Promise<void> => {
      const all: Array<{ id: number; name: string; type: number }> = [];
      for (let page = 1; ; page++) {
        const r = await otcs.get<{ results: Array<{ data: { properties: { id: number; name: string; type: number } } }> }>(
          `/v2/nodes/${id}/nodes?limit=500&page=${page}`,
        );
        all.push(...r.body.results.map((x) => x.data.properties));
        if (r.body.results.length < 500) break;
      }
      for (const c of all) {
        if (c.type === 0) await walk(c.id);
        else {
          const v = await otcs.get<{ results: unknown[] }>(`/v2/nodes/${c.id}/versions`);
          out.push({ folder: id, name: c.name, id: c.id, versions: v.body.results.length });
        }
      }
    };
    await walk(root.id);
    return out;
  };

  it('interrupted by SIGINT and by SIGKILL, then run again, archives every order once; verify finds it intact, then names the one changed document', async () => {
    // SIGINT: a clean stop (exit 130) that a second run resumes.
    // Each stops at its first stored batch, while that batch's jobs are still pending.
    const first = await interrupted('SIGINT', 1);
    expect(first.code, first.stderr).toBe(130);
    // SIGKILL: no chance to clean up; the checkpoint and the queue carry on.
    const second = await interrupted('SIGKILL', 1);
    expect(second.code, second.stderr).toBeNull();
    const done = await runCli(['backfill'], env(), undefined, 600_000);
    // Warnings of the recovery (a create that went through before the kill, jobs taken back) are expected; errors are not.
    expect(done.stderr).not.toMatch(/"level":(50|60)/);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/backfilled \(resumed\)/);

    const verified = await runCli(['verify', '--json'], env(), undefined, 600_000);
    const report = JSON.parse(verified.stdout) as VerifyJson;
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(verified.code).toBe(0);
    // Every order in an archived state is there (the seeded shop: most are paid and fulfilled).
    expect(report.orders).toBeGreaterThan(ORDERS / 3);

    // Each document once, each with one version, whatever the interruptions did.
    const docs = await archiveDocuments();
    const byPlace = new Set(docs.map((d) => `${d.folder}/${d.name}`));
    expect(byPlace.size).toBe(docs.length);
    expect(docs.filter((d) => d.versions !== 1)).toEqual([]);
    expect(docs.length).toBe(report.artifacts);

    // An administrator replaces one archived confirmation with other bytes.
    const target = docs.find((d) => d.name.endsWith(' confirmation.pdf'));
    if (!target) throw new Error('no archived confirmation');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4 not the original')], { type: 'application/pdf' }), 'x.pdf');
    const res = await fetch(`${xecm.url}/api/v2/nodes/${target.id}/versions`, { method: 'POST', headers: { OTCSTicket: await otcs.ticket() }, body: form });
    expect(res.status).toBe(200);

    const again = await runCli(['verify', '--json'], env(), undefined, 600_000);
    expect(again.code).toBe(1);
    const bad = JSON.parse(again.stdout) as VerifyJson;
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([
      expect.objectContaining({ name: target.name, problem: 'altered', orderName: target.name.replace(/ confirmation\.pdf$/, '') }),
    ]);
    const human = await runCli(['verify'], env(), undefined, 600_000);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`altered: ${target.name}`);
  }, 900_000);
});
