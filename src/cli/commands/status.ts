import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { collectStatus } from '../../status/summary.js';
import type { Status } from '../../status/summary.js';
import { probeXecm } from '../../status/xecm-probe.js';

/** One line of text, at most `max` characters (a reason can run long or span lines). */
const oneLine = (text: string, max = 240): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The human form of `status`: the same facts as `--json`, a line each. */
export function statusLines(status: Status): string[] {
  const s = status.summary;
  const q = status.queue;
  const x = status.xecm;
  const dl = status.deadLetters;
  return [
    `deliveries: ${s.deliveries} (duplicates ${s.duplicates}, topics not followed ${s.ignoredTopics})`,
    `workspaces: ${Object.entries(s.workspaces)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `jobs: created ${s.created}, updated ${s.updated}, skipped ${s.skipped}, pending ${s.pending}, dead letters ${s.deadLetters}`,
    `queue: queued ${q.queued}, running ${q.running}, dead ${q.dead}; lag ${q.lagSeconds} s${q.oldestDueAt ? ` (oldest due since ${q.oldestDueAt})` : ''}${
      q.nextRunAt && q.nextRunAt !== q.oldestDueAt ? `; next run ${q.nextRunAt}` : ''
    }`,
    `dead letters: ${dl.total}${dl.shown.length < dl.total ? ` (the oldest ${dl.shown.length} below; \`replay --dead\` retries them all)` : ''}`,
    ...dl.shown.map((d) => `  job ${d.id}  ${d.task}  queue ${d.queue}  attempts ${d.attempts}  failed ${d.failedAt}  ${oneLine(d.reason)}`),
    `last sync:${status.sync.length === 0 ? ' no shop' : ''}`,
    ...status.sync.map(
      (p) =>
        `  ${p.shop}  ${p.lastRunAt === null ? 'never' : p.lastRunAt}${
          p.resources.length > 0 ? `  (${p.resources.map((r) => `${r.resource} from ${r.cursor}`).join(', ')})` : ''
        }`,
    ),
    !x.configured
      ? 'xECM: not configured'
      : !x.reachable
        ? `xECM: unreachable at ${x.url}: ${oneLine(x.error ?? '')}`
        : x.authenticated
          ? `xECM: reachable and authenticated at ${x.url}; ${x.latencyMs} ms`
          : `xECM: reachable at ${x.url} (ping ${x.latencyMs} ms) but not authenticated: ${oneLine(x.error ?? '')}`,
    `privacy conflicts: ${status.privacyConflicts.length}`,
    ...status.privacyConflicts.map(
      (c) =>
        `  ${new Date(c.recordedAt).toISOString()}  ${c.shop}  customer ${c.customerId}  ${c.boType}/${c.boId}${c.nodeId !== null ? ` (node ${c.nodeId})` : ''}: ${c.reason}`,
    ),
  ];
}

/**
 * `status [--json]`: what the connector has done, the queue and its dead letters, the last sync per
 * shop, Content Server's reachability, and the privacy requests kept from xECM. Exit 0 whatever
 * Content Server does; only a store that does not answer fails the command.
 */
export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig(values.config ? { path: values.config } : {});
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildDeps(config, log);
  try {
    // What the probe finds is in the report; its client's own warnings would only repeat it on stderr.
    const status = await collectStatus({ ...deps, probeXecm: () => probeXecm(config.xecm, log.child({}, { level: 'error' })) });
    process.stdout.write(values.json ? `${JSON.stringify(status)}\n` : `${statusLines(status).join('\n')}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
