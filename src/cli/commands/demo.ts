import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startXecmEmulator } from '../../../emulators/xecm/index.js';
import { loadConfig } from '../../config/load.js';
import { deliverWebhook } from '../../demo/deliver.js';
import type { Delivery } from '../../demo/deliver.js';
import { demoCompany, demoOrder } from '../../demo/orders.js';
import type { DemoOrderOptions } from '../../demo/orders.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { startConnector } from '../../runtime.js';
import { collectSummary } from '../../status/summary.js';
import type { Summary } from '../../status/summary.js';
import { untilSignal } from '../signals.js';

const DEMO_SHOP = 'demo-shop.myshopify.com';

/** The order mix: above and below the default criteria (5,000 / B2B / tag "custom"). */
function orderOptions(i: number): DemoOrderOptions {
  switch (i % 6) {
    case 0:
      return { total: (7250 + i * 10).toFixed(2) };
    case 2:
      return { total: '1840.00', b2b: true };
    case 4:
      return { total: '980.00', tags: ['custom', 'engraving'] };
    default:
      return { total: (49 + i * 37).toFixed(2) };
  }
}

function printSummary(s: Summary, out: NodeJS.WritableStream): void {
  out.write(
    [
      'Summary',
      `  deliveries   ${s.deliveries} received (${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'})`,
      `  workspaces   ${s.created} created, ${s.updated} updated  (order: ${s.workspaces.order}, account: ${s.workspaces.account})`,
      `  skipped      ${s.skipped} below the criteria`,
      `  failed       ${s.failed}`,
      '',
    ].join('\n'),
  );
}

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { orders: { type: 'string', default: '6' }, once: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, config: { type: 'string' } },
    strict: true,
  });
  const n = Number(values.orders);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`--orders must be a whole number from 1 to 100000 (got "${values.orders}")`);
  const out = process.stdout;
  const say = (line: string) => {
    if (!values.json) out.write(`${line}\n`);
  };

  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
  const secret = randomBytes(24).toString('base64url');
  // The demo starts from an empty store each run so its summary describes this run only.
  const dbPath = resolve(process.env.DEMO_DATABASE ?? './data/demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const config = loadConfig({
    ...(values.config ? { path: values.config } : {}),
    env: { ...process.env, SHOPIFY_SHOP_DOMAIN: DEMO_SHOP, SHOPIFY_API_SECRET: secret, XECM_URL: emu.url, XECM_USERNAME: 'Admin', XECM_PASSWORD: 'livelink', DATABASE_URL: `sqlite:${dbPath}`, PORT: process.env.PORT ?? '0' },
    // The emulator seeds the transaction-records classification as node 3200.
    overrides: { queue: { backoffBaseMs: 250 }, model: { classificationId: 3200 } },
  });
  const deps = await buildDeps(config, log);
  const running = await startConnector(deps, 'all');
  const url = running.url ?? '';
  say(`shopify-xecm demo`);
  say(`  xECM emulator  ${emu.url}  (Admin / livelink)`);
  say(`  connector      ${url}  (POST /webhooks/shopify, GET /readyz)`);

  const deliveries: Delivery[] = [];
  for (let i = 0; i < n; i++) deliveries.push({ topic: 'orders/create', body: demoOrder(i, orderOptions(i)) });
  const first = deliveries[0];
  let exitCode = 0;
  try {
    const sent: string[] = [];
    for (const d of deliveries) {
      const r = await deliverWebhook(url, DEMO_SHOP, secret, d);
      if (r.status !== 200) throw new Error(`connector answered ${r.status} to a signed delivery`);
      sent.push(r.webhookId);
    }
    // Shopify delivers at least once: resend the first delivery with its webhook id…
    if (first) await deliverWebhook(url, DEMO_SHOP, secret, { ...first, webhookId: sent[0] ?? '' });
    // …and a later change to a B2B order arrives as orders/updated.
    const b2bIndex = deliveries.findIndex((_d, i) => i % 6 === 2);
    if (b2bIndex >= 0) {
      await deliverWebhook(url, DEMO_SHOP, secret, { topic: 'orders/updated', body: demoOrder(b2bIndex, { ...orderOptions(b2bIndex), financialStatus: 'paid', updatedAt: '2026-07-20T09:00:00Z' }) });
    }
    // The B2B orders' companies (job 3); their orders are related to them as the accounts appear.
    const companies = deliveries.map((_d, i) => i).filter((i) => i % 6 === 2);
    for (const i of companies) await deliverWebhook(url, DEMO_SHOP, secret, { topic: 'companies/create', body: demoCompany(i) });
    say(`  sent ${n} orders, ${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}, 1 duplicate delivery${b2bIndex >= 0 ? ', 1 order update' : ''}; waiting for the queue to drain…`);
    const drained = (await running.worker?.drained({ includeDelayed: true, timeoutMs: 120_000 })) ?? false;
    const summary = await collectSummary(deps);
    if (values.json) out.write(`${JSON.stringify({ ...summary, drained, xecmUrl: emu.url, connectorUrl: url })}\n`);
    else printSummary(summary, out);
    if (!drained || summary.failed > 0) exitCode = 1;
    if (!values.once) {
      say('Running; press Ctrl-C to stop.');
      await untilSignal();
    }
  } finally {
    await running.stop();
    await deps.close();
    await emu.close();
  }
  return exitCode;
}
