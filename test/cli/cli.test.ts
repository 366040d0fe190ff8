import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';

describe('shopify-xecm CLI', () => {
  it('exits non-zero on an invalid configuration, listing every problem', async () => {
    const t = tempDir();
    const p = join(t.dir, 'bad.yaml');
    writeFileSync(p, 'shops:\n  - domain: nope\n    apiSecret: ${NOT_SET_ANYWHERE}\nserver:\n  port: -1\nxecm:\n  url: not-a-url\n  username: Admin\n');
    const r = await runCli(['serve', '--config', p], {});
    t.cleanup();
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('Invalid configuration');
    for (const fragment of ['NOT_SET_ANYWHERE is not set', 'shops[0].domain', 'server.port', 'xecm.url', 'xecm.password']) expect(r.stderr).toContain(fragment);
  });

  // The demo's merchant, through the Shopify emulator's Admin API (seed 1): 6 orderCreate (high value,
  // B2B, custom tag, and 3 below the criteria; the 5 consumer orders are PAID so orders/create and
  // orders/paid arrive, the B2B one on Net terms only orders/create), one orderUpdate of the B2B order
  // delivered twice, then companyCreate, companyLocationCreate and companyContactCreate (with the
  // buyer's customers/create): 16 deliveries and 1 duplicate. orders/paid carries the same order as
  // orders/create and starts no work. Order workspaces: 3 created, 1 updated; the company's account
  // workspace: created, then updated by its location and its contact; skipped: the 3 small orders and
  // the buyer (not tagged b2b).
  it('demo --once --json plays the merchant through the Shopify emulator and exits 0 with the summary', async () => {
    const t = tempDir();
    const r = await runCli(['demo', '--once', '--json'], { DEMO_DATABASE: join(t.dir, 'demo.db') }, t.dir);
    t.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({
      created: 4,
      updated: 3,
      skipped: 4,
      failed: 0,
      deadLetters: 0,
      pending: 0,
      drained: true,
      workspaces: { order: 3, case: 0, account: 1, exception: 0, product: 0 },
    });
    expect(summary.duplicates).toBeGreaterThanOrEqual(1);
    expect(summary.shopifyAdminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.xecmUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/otcs\/cs\.exe$/);
    expect(summary.connectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 120_000);

  it("demo --once prints the emulators, the connector, the merchant's actions and the summary", async () => {
    const t = tempDir();
    const r = await runCli(['demo', '--once'], { DEMO_DATABASE: join(t.dir, 'demo.db') }, t.dir);
    t.cleanup();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Shopify emulator +http:\/\/127\.0\.0\.1:\d+ +\(SHOPIFY_ADMIN_URL/m);
    expect(r.stdout).toMatch(/^ {2}xECM emulator +http:\/\/127\.0\.0\.1:\d+\/otcs\/cs\.exe/m);
    expect(r.stdout).toMatch(/^ {2}connector +http:\/\/127\.0\.0\.1:\d+/m);
    expect(r.stdout.match(/^ {2}orderCreate +#\d+/gm)).toHaveLength(6);
    for (const m of ['orderUpdate', 'companyCreate', 'companyLocationCreate', 'companyContactCreate']) expect(r.stdout).toMatch(new RegExp(`^ {2}${m} `, 'm'));
    expect(r.stdout).toMatch(/^ {2}deliveries +\d+ received \([1-9]\d* duplicates?\)$/m);
    expect(r.stdout).toContain('workspaces   4 created, 3 updated  (order: 3, account: 1)');
    expect(r.stdout).toMatch(/^ {2}failed +0$/m);
  }, 120_000);

  it('rejects an unknown command with usage', async () => {
    const r = await runCli(['frobnicate'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});
