import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { collectStatus } from '../../src/status/summary.js';
import { runCli } from '../helpers/cli.js';
import { TEST_SHOP } from '../helpers/config.js';
import { demoOrder } from '../helpers/orders.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { postDelivery } from '../helpers/webhooks.js';

/** Dana's order (B2C, high value: a workspace named after her) and Luis's, at another address. */
const dana = demoOrder(0, { total: '7250.00' });
const luis = JSON.parse(JSON.stringify(demoOrder(1, { total: '8100.00' })).replaceAll('400 Foundry Road', '12 Harbor Street')) as Record<string, unknown>;
const DANA_ORDER = String(dana.id);
const DANA_CUSTOMER = (dana.customer as { id: number }).id;
const DANA_EMAIL = 'dana.whitfield@example.com';
const DANA_PERSONAL = [DANA_EMAIL, 'Dana Whitfield', 'Whitfield', '400 Foundry Road'];

/** Every text cell of every table of the store's SQLite file, as `table.column: value`. */
function everyText(dbPath: string): string[] {
  const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as Array<{ name: string }>;
    const out: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`select * from "${name}"`).all() as Array<Record<string, unknown>>) {
        for (const [col, v] of Object.entries(row)) if (typeof v === 'string') out.push(`${name}.${col}: ${v}`);
      }
    }
    return out;
  } finally {
    db.close();
  }
}

const holding = (cells: string[], s: string): string[] => cells.filter((c) => c.toLowerCase().includes(s.toLowerCase()));

/**
 * The mandatory compliance webhooks, delivered signed through the real route to a running connector
 * (xECM emulator, SQLite, worker): the requests are carried out on the connector's own data.
 */
describe('privacy (compliance webhooks)', () => {
  let stack: Stack;
  let dbPath: string;
  const logLines: string[] = [];
  beforeAll(async () => {
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    stack = await startStack({
      overrides: { model: { classificationId: 3200 }, log: { level: 'info' } },
      log: createLogger({ level: 'info', destination: out }),
    });
    dbPath = stack.config.database.url.slice('sqlite:'.length);
    for (const order of [dana, luis]) expect((await postDelivery(stack.url, 'orders/create', order)).status).toBe(200);
    await stack.drained();
  }, 300_000);
  afterAll(async () => stack.stop());

  it('processed both orders into workspaces first (the store holds Dana’s data)', async () => {
    expect(await stack.otcs.workspacesFor('shopify_order', DANA_ORDER)).toHaveLength(1);
    const cells = everyText(dbPath);
    for (const p of DANA_PERSONAL) expect(holding(cells, p).length).toBeGreaterThan(0);
  });

  it('customers/data_request writes an export file with the customer’s data and logs where, without personal data', async () => {
    const request = {
      shop_id: 954889,
      shop_domain: TEST_SHOP,
      orders_requested: [dana.id],
      customer: { id: DANA_CUSTOMER, email: DANA_EMAIL, phone: null },
      data_request: { id: 9999 },
    };
    expect((await postDelivery(stack.url, 'customers/data_request', request)).status).toBe(200);
    await stack.drained();
    const exportDir = join(dirname(dbPath), 'privacy-exports');
    const path = join(exportDir, `${TEST_SHOP}-data-request-9999.json`);
    expect(readdirSync(exportDir)).toEqual([`${TEST_SHOP}-data-request-9999.json`]);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as {
      customerId: string;
      events: Array<{ resourceId: string; payload: { email: string } }>;
      workspaces: Array<{ boId: string }>;
    };
    expect(exported.customerId).toBe(String(DANA_CUSTOMER));
    expect(exported.events.map((e) => e.resourceId)).toContain(DANA_ORDER);
    expect(exported.events.find((e) => e.resourceId === DANA_ORDER)?.payload.email).toBe(DANA_EMAIL);
    expect(exported.workspaces.map((w) => w.boId)).toEqual([DANA_ORDER]);
    expect(JSON.stringify(exported)).not.toContain('Luis');
    const line = logLines.find((l) => l.includes('customer data export written'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ path });
    for (const p of DANA_PERSONAL) expect(line?.toLowerCase()).not.toContain(p.toLowerCase());
  });

  it('customers/redact leaves no table holding the customer’s email, name or address, and status shows the workspace kept under retention', async () => {
    const [ws] = await stack.otcs.workspacesFor('shopify_order', DANA_ORDER);
    const request = { shop_id: 954889, shop_domain: TEST_SHOP, customer: { id: DANA_CUSTOMER, email: DANA_EMAIL, phone: null }, orders_to_redact: [dana.id] };
    const r = await postDelivery(stack.url, 'customers/redact', request);
    expect(r.status).toBe(200);
    await stack.drained();

    const cells = everyText(dbPath);
    for (const p of DANA_PERSONAL) expect(holding(cells, p)).toEqual([]);
    // Nothing else was lost: Luis's order is as it was.
    expect(holding(cells, 'Luis Ortega').length).toBeGreaterThan(0);
    expect(holding(cells, '12 Harbor Street').length).toBeGreaterThan(0);
    // The redact delivery itself keeps a marker.
    expect(cells).toContain('deliveries.body: {"redacted":true}');

    const status = await collectStatus(stack.deps);
    expect(status.privacyConflicts).toEqual([
      {
        id: expect.any(Number),
        shop: TEST_SHOP,
        customerId: String(DANA_CUSTOMER),
        boType: 'shopify_order',
        boId: DANA_ORDER,
        nodeId: ws?.id,
        reason: expect.stringContaining('retention'),
        recordedAt: expect.any(Number),
      },
    ]);
    // The CLI shows the same (another process on the same database).
    const cli = await runCli(['status', '--json'], { DATABASE_URL: stack.config.database.url, LOG_LEVEL: 'silent' }, dirname(dbPath));
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { privacyConflicts: unknown[] }).privacyConflicts).toEqual([
      expect.objectContaining({ boId: DANA_ORDER, nodeId: ws?.id, reason: expect.stringContaining('retention') }),
    ]);
    // Nothing was deleted in xECM.
    expect(await stack.otcs.workspacesFor('shopify_order', DANA_ORDER)).toHaveLength(1);
    expect((await stack.deps.store.outcomes({ task: 'privacy' })).map((o) => o.outcome)).toEqual(['exported', 'redacted']);
  });

  it('shop/redact empties the shop’s rows and its exports', async () => {
    expect((await postDelivery(stack.url, 'shop/redact', { shop_id: 954889, shop_domain: TEST_SHOP })).status).toBe(200);
    await stack.drained();
    const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
    try {
      for (const table of ['deliveries', 'events', 'workspaces', 'audit', 'resource_versions', 'sync_cursors', 'pending_relations', 'privacy_conflicts']) {
        expect({ table, rows: (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n }).toEqual({ table, rows: 0 });
      }
      // Only the outcome of the erasure itself is left.
      expect(db.prepare(`select task, outcome from job_outcomes`).all()).toEqual([{ task: 'privacy', outcome: 'erased' }]);
      expect((db.prepare(`select count(*) as n from jobs`).get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
    expect(existsSync(join(dirname(dbPath), 'privacy-exports', `${TEST_SHOP}-data-request-9999.json`))).toBe(false);
    expect(holding(everyText(dbPath), 'Luis Ortega')).toEqual([]);
  });
});
