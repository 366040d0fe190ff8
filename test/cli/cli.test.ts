import { writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, waitForOutput } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';

/** Known secrets the demo runs on (its emulators and the connector take them from the environment). */
const SECRETS = {
  SHOPIFY_API_SECRET: 'hmac-secret-Zq81vT0pLw',
  SHOPIFY_ACCESS_TOKEN: 'shpat_known_4Kx9mB2rTq',
  XECM_PASSWORD: 'xecm-pass-Wn63jR0dYs',
  API_TOKEN: 'api-token-Hc27fP5uLe',
};

/** A secret as it could leak: as is, URL- and JSON-escaped, base64, and in a Basic credential. */
const encodings = (s: string): string[] => [
  s,
  encodeURIComponent(s),
  JSON.stringify(s).slice(1, -1),
  Buffer.from(s).toString('base64'),
  Buffer.from(s).toString('base64url'),
  Buffer.from(`Admin:${s}`).toString('base64'),
];

/** An HTTP answer as text: status, headers and body. */
async function answerText(r: Response): Promise<string> {
  return `${r.status}\n${[...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await r.text()}`;
}

/** Every row of every table of a SQLite store, as text. */
function storeText(path: string): { text: string; rows: number } {
  const db = new SQLite(path, { readonly: true });
  try {
    let text = '';
    let rows = 0;
    for (const { name } of db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>)
      for (const row of db.prepare(`select * from "${name}"`).all()) {
        rows++;
        text += `${JSON.stringify(row)}\n`;
      }
    return { text, rows };
  } finally {
    db.close();
  }
}

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

  // The demo's six orders (high value, B2B, custom tag, and 3 below the criteria), the B2B order's
  // update delivered twice, a new company with its location and contact, then after-sales: the first
  // small order shipped, a defective unit returned and a goodwill refund (two cases; the order gets its
  // workspace), a chargeback on the high-value order (a case), a carrier delay on the second small
  // order and a hold then its release on the third (two exceptions, each order given its workspace),
  // and the custom order cancelled with a refund (an exception and a refund case). Before the orders,
  // a new hazardous product (productSet) and a seeded one given a CE mark (productUpdate). So: 6 order
  // workspaces, 4 cases, 1 account, 3 exceptions, 2 products (neither with its documents yet).
  it('demo --once --json plays the merchant through the Shopify emulator and exits 0 with the summary', async () => {
    const t = tempDir();
    const r = await runCli(['demo', '--once', '--json'], { DEMO_DATABASE: join(t.dir, 'demo.db') }, t.dir);
    t.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({
      failed: 0,
      deadLetters: 0,
      pending: 0,
      drained: true,
      workspaces: { order: 6, case: 4, account: 1, exception: 3, product: 2 },
      compliance: { products: 2, complete: 0 },
    });
    expect(summary.created).toBeGreaterThanOrEqual(8);
    expect(summary.duplicates).toBeGreaterThanOrEqual(1);
    expect(summary.shopifyAdminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary.xecmUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/otcs\/cs\.exe$/);
    expect(summary.connectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 120_000);

  it("demo prints the emulators, the connector, the merchant's actions, the summary and a panel sign-in link; the panel lists every demo workspace; no secret reaches a log line, an answer or the store", async () => {
    const t = tempDir();
    const dbPath = join(t.dir, 'demo.db');
    const child = spawnCli(['demo'], { DEMO_DATABASE: dbPath, LOG_LEVEL: 'debug', ...SECRETS }, t.dir);
    const answers: string[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitForOutput(child, /Running; press Ctrl-C to stop\./, 110_000);
      // The one-time link signs the browser in; the panel's home lists the workspaces the demo made.
      const m = /^ {2}agent panel +(http:\/\/127\.0\.0\.1:\d+\/panel) +sign in once with (http:\/\/\S+)$/m.exec(stdout);
      expect(m, stdout).not.toBeNull();
      const signIn = await fetch(m?.[2] ?? '', { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const home = await fetch(m?.[1] ?? '', { headers: { cookie } });
      expect(home.status).toBe(200);
      const body = await home.text();
      expect(body.match(/<li data-node="\d+"/g), body).toHaveLength(16);
      expect((await fetch(m?.[1] ?? '')).status).toBe(401);
      answers.push(await answerText(signIn), body);
      // Every kind of answer the connector gives, right and wrong, is kept for the secret scan.
      const base = /^ {2}connector +(http:\/\/127\.0\.0\.1:\d+)/m.exec(stdout)?.[1] ?? '';
      const bearer = { authorization: `Bearer ${SECRETS.API_TOKEN}` };
      for (const [path, init] of [
        ['/healthz', {}],
        ['/readyz', {}],
        ['/api/lookup?q=%231001', { headers: bearer }],
        ['/api/lookup?q=acme', { headers: bearer }],
        ['/api/lookup?q=%231001', {}],
        ['/api/lookup?q=%231001', { headers: { authorization: 'Bearer wrong' } }],
        ['/panel/ops', { headers: { cookie } }],
        ['/panel?q=%231001', { headers: { cookie } }],
        ['/no-such-route', {}],
        ['/webhooks/shopify', { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' }, body: '{}' }],
        ['/flow/actions/ensure-workspace', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
      ] as Array<[string, RequestInit]>)
        answers.push(await answerText(await fetch(`${base}${path}`, { ...init, redirect: 'manual' })));
    } finally {
      child.kill('SIGINT');
    }
    const code = await exited;
    const store = storeText(dbPath);
    t.cleanup();
    // The secrets were used (the demo ran on them) and appear nowhere: not in a log line (debug level),
    // an error, an answer of the connector, or any row of the store.
    const logLines = `${stdout}\n${stderr}`.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(200);
    expect(answers.length).toBe(13);
    expect(store.rows).toBeGreaterThan(100);
    for (const [name, secret] of Object.entries(SECRETS))
      for (const form of encodings(secret)) {
        expect(`${stdout}\n${stderr}`.includes(form), `${name} in the demo's output or logs`).toBe(false);
        expect(
          answers.some((a) => a.includes(form)),
          `${name} in an HTTP answer`,
        ).toBe(false);
        expect(store.text.includes(form), `${name} in the store`).toBe(false);
      }
    const r = { code, stdout, stderr };
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Shopify emulator +http:\/\/127\.0\.0\.1:\d+ +\(SHOPIFY_ADMIN_URL/m);
    expect(r.stdout).toMatch(/^ {2}xECM emulator +http:\/\/127\.0\.0\.1:\d+\/otcs\/cs\.exe/m);
    expect(r.stdout).toMatch(/^ {2}connector +http:\/\/127\.0\.0\.1:\d+/m);
    expect(r.stdout.match(/^ {2}orderCreate +#\d+/gm)).toHaveLength(6);
    for (const m of [
      'productSet',
      'productUpdate',
      'orderUpdate',
      'companyCreate',
      'companyLocationCreate',
      'companyContactCreate',
      'returnRequest',
      'refundCreate',
      'fulfillmentEventCreate',
      'fulfillmentOrderHold',
      'fulfillmentOrderReleaseHold',
      'orderCancel',
    ])
      expect(r.stdout).toMatch(new RegExp(`^ {2}${m} `, 'm'));
    expect(r.stdout).toMatch(/^ {2}deliveries +\d+ received \([1-9]\d* duplicates?\)$/m);
    expect(r.stdout).toMatch(/^ {2}workspaces +\d+ created, \d+ updated {2}\(order: 6, case: 4, account: 1, exception: 3, product: 2\)$/m);
    expect(r.stdout).toMatch(/^ {2}compliance +2 regulated products, 0 with every required document/m);
    expect(r.stdout).toMatch(/^ {2}failed +0$/m);
  }, 120_000);

  it('rejects an unknown command with usage', async () => {
    const r = await runCli(['frobnicate'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});
