import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps, requireXecm } from '../../deps.js';
import { createLogger } from '../../log.js';
import { verifyArchive } from '../../ops/verify.js';
import type { VerifyProblem } from '../../ops/verify.js';
import { Nodes } from '../../xecm/nodes.js';

const describe = (p: VerifyProblem): string => {
  const what = `${p.orderName} (order ${p.orderId}, ${p.shop}): ${p.problem}: ${p.name}${p.nodeId === undefined ? '' : ` (node ${p.nodeId})`}`;
  if (p.problem === 'altered' && p.expected && p.actual)
    return `${what}: sha256 ${p.actual.sha256} (${p.actual.size} bytes), archived ${p.expected.sha256} (${p.expected.size} bytes)`;
  return what;
};

/** `verify [--order ID] [--since DATE] [--shop DOMAIN] [--json]`: re-hashes every archived artifact in Content Server; exit 1 when anything is wrong. */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      order: { type: 'string' },
      since: { type: 'string' },
      shop: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.order !== undefined && !/^\d+$/.test(values.order)) throw new Error(`--order must be a numeric order id (got "${values.order}")`);
  const since = values.since === undefined ? undefined : Date.parse(values.since);
  if (since !== undefined && !Number.isFinite(since)) throw new Error(`--since must be an ISO date or time (got "${values.since}")`);
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), xecm: true });
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildDeps(config, log);
  try {
    const nodes = new Nodes(requireXecm(deps).xecm);
    const progress = !values.json && process.stderr.isTTY;
    let seen = 0;
    const report = await verifyArchive(
      { store: deps.store, nodes },
      {
        ...(values.shop !== undefined ? { shop: values.shop.toLowerCase() } : {}),
        ...(values.order !== undefined ? { orderId: values.order } : {}),
        ...(since !== undefined ? { since } : {}),
        concurrency: Math.max(1, Math.min(8, config.xecm?.maxConcurrency ?? 4)),
      },
      (_o, problems) => {
        seen++;
        if (!values.json) for (const p of problems) process.stdout.write(`${describe(p)}\n`);
        if (progress && seen % 100 === 0) process.stderr.write(`\rverified ${seen} orders…`);
      },
    );
    if (progress && seen >= 100) process.stderr.write('\n');
    const ok = report.problems.length === 0;
    if (values.json) process.stdout.write(`${JSON.stringify({ ok, ...report })}\n`);
    else
      process.stdout.write(
        `${report.orders} archived order(s), ${report.artifacts} artifact(s) checked: ${report.intact} intact, ` +
          `${report.problems.filter((p) => p.problem === 'missing').length} missing, ${report.problems.filter((p) => p.problem === 'altered').length} altered, ` +
          `${report.problems.filter((p) => p.problem === 'unexpected').length} unexpected${ok ? ' — the archive is intact' : ''}\n`,
      );
    return ok ? 0 : 1;
  } finally {
    await deps.close();
  }
}
