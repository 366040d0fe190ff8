import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { listSubscriptions, registerSubscriptions } from '../../ops/webhooks.js';

export async function webhooksCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'register' && action !== 'list') {
    process.stderr.write('usage: shopify-xecm webhooks register|list [--shop DOMAIN] [--url https://host/webhooks/shopify]\n');
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { config: { type: 'string' }, shop: { type: 'string' }, url: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), shops: true });
  const shops = values.shop ? config.shops.filter((s) => s.domain === values.shop) : config.shops;
  if (shops.length === 0) throw new Error(`--shop ${values.shop}: not a configured shop`);
  const callback = values.url ?? (config.server.publicUrl ? `${config.server.publicUrl.replace(/\/+$/, '')}/webhooks/shopify` : undefined);
  if (action === 'register' && !callback) throw new Error('webhooks register needs the address Shopify should call: --url, or server.publicUrl (PUBLIC_URL)');
  const deps = await buildDeps(config, createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }));
  try {
    let failed = 0;
    for (const shop of shops) {
      const admin = deps.admin(shop.domain);
      if (action === 'list') {
        const subs = await listSubscriptions(admin);
        if (values.json) process.stdout.write(`${JSON.stringify({ shop: shop.domain, subscriptions: subs })}\n`);
        else for (const s of subs) process.stdout.write(`${shop.domain} ${s.topic.padEnd(40)} ${s.uri}\n`);
      } else {
        const r = await registerSubscriptions(admin, callback ?? '');
        failed += r.failed.length;
        if (values.json) process.stdout.write(`${JSON.stringify({ shop: shop.domain, ...r })}\n`);
        else {
          process.stdout.write(`${shop.domain}: ${r.created.length} created, ${r.existing.length} already there, ${r.failed.length} failed\n`);
          for (const f of r.failed) process.stdout.write(`  ${f.topic}: ${f.message}\n`);
        }
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await deps.close();
  }
}
