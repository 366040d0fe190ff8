import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { awaitChecks, complianceReport, formatReport, requestChecks } from '../../ops/compliance.js';
import { openBackend } from '../../store/index.js';

const USAGE = `usage: shopify-xecm compliance report [--json] [--shop DOMAIN]
       shopify-xecm compliance check [--product ID] [--shop DOMAIN] [--wait] [--timeout MS] [--json]
`;

/**
 * `compliance report`: every regulated product with its gaps (missing, expired documents), from the
 * checklists the connector recorded; exit 1 when any product has a missing or expired document or
 * was never checked. `compliance check`: re-check now (every product workspace, or `--product`), as
 * jobs the worker (`serve`) carries out; `--wait` waits for them and then reports like `report`.
 */
export async function complianceCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'report' && action !== 'check') {
    process.stderr.write(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      shop: { type: 'string' },
      ...(action === 'check' ? { product: { type: 'string' }, wait: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120000' } } : {}),
    },
    strict: true,
  });
  const product = typeof values.product === 'string' ? values.product : undefined;
  if (product !== undefined && !/^\d+$/.test(product)) throw new Error(`--product must be a numeric Shopify product id (got "${product}")`);
  const timeoutMs = Number(values.timeout ?? '120000');
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`--timeout must be a positive number of milliseconds (got "${String(values.timeout)}")`);
  const shop = typeof values.shop === 'string' ? values.shop : undefined;
  const config = loadConfig({ ...(typeof values.config === 'string' ? { path: values.config } : {}), ...(action === 'check' ? { shops: true } : {}) });
  if (shop !== undefined && action === 'check' && !config.shops.some((s) => s.domain === shop)) throw new Error(`--shop ${shop}: not a configured shop`);
  const { store, queue } = openBackend(config.database.url, config.queue);
  try {
    await store.migrate();
    if (action === 'check') {
      const ids = await requestChecks(
        { config, store, queue },
        { ...(shop !== undefined ? { shop } : {}), ...(product !== undefined ? { productId: product } : {}) },
      );
      if (values.wait !== true) {
        const line = `${ids.length} re-check(s) queued; the worker (\`serve\`) carries them out, then \`compliance report\` shows the result.`;
        process.stdout.write(values.json ? `${JSON.stringify({ queued: ids })}\n` : `${line}\n`);
        return 0;
      }
      if (!(await awaitChecks(store, ids, timeoutMs))) {
        process.stderr.write(`the re-checks did not finish within ${timeoutMs} ms: is the worker (\`serve\`) running?\n`);
        return 1;
      }
    }
    const report = await complianceReport(
      { config, store },
      { ...(shop !== undefined ? { shop } : {}), ...(product !== undefined ? { productId: product } : {}) },
    );
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
