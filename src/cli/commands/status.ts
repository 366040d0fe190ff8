import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { collectStatus } from '../../status/summary.js';

/** `status [--json]`: what the connector has done, and the privacy requests kept from xECM. */
export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig(values.config ? { path: values.config } : {});
  const deps = await buildDeps(config, createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }));
  try {
    const status = await collectStatus(deps);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(status)}\n`);
      return 0;
    }
    const s = status.summary;
    const lines = [
      `deliveries: ${s.deliveries} (duplicates ${s.duplicates}, topics not followed ${s.ignoredTopics})`,
      `workspaces: ${Object.entries(s.workspaces)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
      `jobs: created ${s.created}, updated ${s.updated}, skipped ${s.skipped}, pending ${s.pending}, dead letters ${s.deadLetters}`,
      `privacy conflicts: ${status.privacyConflicts.length}`,
      ...status.privacyConflicts.map(
        (c) =>
          `  ${new Date(c.recordedAt).toISOString()}  ${c.shop}  customer ${c.customerId}  ${c.boType}/${c.boId}${c.nodeId !== null ? ` (node ${c.nodeId})` : ''}: ${c.reason}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
