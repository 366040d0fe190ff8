import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { syncShop } from '../../intake/reconcile.js';

export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, since: { type: 'string' }, shop: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.since !== undefined && !Number.isFinite(Date.parse(values.since))) throw new Error(`--since must be an ISO date or time (got "${values.since}")`);
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), shops: true });
  const shops = values.shop ? config.shops.filter((s) => s.domain === values.shop) : config.shops;
  if (shops.length === 0) throw new Error(`--shop ${values.shop}: not a configured shop (${config.shops.map((s) => s.domain).join(', ')})`);
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildDeps(config, log);
  try {
    const all = [];
    for (const shop of shops) {
      const reports = await syncShop(
        { store: deps.store, rules: config.rules, archive: config.archive, admin: deps.admin(shop.domain), log },
        shop.domain,
        values.since ? { since: new Date(values.since).toISOString() } : {},
      );
      all.push(...reports);
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ reports: all })}\n`);
    else
      for (const r of all)
        process.stdout.write(
          `${r.shop} ${r.resource.padEnd(10)} seen ${r.seen}, new changes ${r.newChanges}, jobs ${r.jobs}${r.cursor ? `, cursor ${r.cursor}` : ''}\n`,
        );
    process.stdout.write(values.json ? '' : 'Work enqueued; `serve` (worker role) carries it out.\n');
    return 0;
  } finally {
    await deps.close();
  }
}
