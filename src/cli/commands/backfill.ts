import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../../config/load.js';
import { outboundHosts } from '../../config/outbound.js';
import { buildDeps, privacyExportDir, requireXecm } from '../../deps.js';
import { createLogger } from '../../log.js';
import { backfill } from '../../ops/backfill.js';
import type { BackfillProgress } from '../../ops/backfill.js';
import { dirname } from 'node:path';

/** A date (`2025-01-01`) or time given on the command line, as ISO; `end` makes a bare date the end of its day. */
function isoOf(flag: string, v: string | undefined, end: boolean): string | undefined {
  if (v === undefined) return undefined;
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ms = Date.parse(bare ? `${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : v);
  if (!Number.isFinite(ms)) throw new Error(`--${flag} must be a date (YYYY-MM-DD) or an ISO time (got "${v}")`);
  return new Date(ms).toISOString();
}

/**
 * `backfill [--from DATE] [--to DATE] [--shop DOMAIN]`: archives historical orders (and builds the
 * workspaces the rules call for) through a bulk operation, with a progress bar on a terminal and
 * plain progress lines otherwise. SIGINT or SIGTERM stops it cleanly; run it again to go on.
 */
export async function backfillCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, shop: { type: 'string' } },
    strict: true,
  });
  const from = isoOf('from', values.from, false);
  const to = isoOf('to', values.to, true);
  if (from && to && from > to) throw new Error('--from is after --to');
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), shops: true, xecm: true });
  const shops = values.shop ? config.shops.filter((s) => s.domain === values.shop?.toLowerCase()) : config.shops;
  if (shops.length === 0) throw new Error(`--shop ${values.shop}: not a configured shop (${config.shops.map((s) => s.domain).join(', ')})`);
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildDeps(config, log);
  requireXecm(deps);
  const runner = deps.runner({
    log: log.child({ component: 'worker' }),
    concurrency: config.queue.concurrency,
    taskConcurrency: config.queue.taskConcurrency,
    pollIntervalMs: config.queue.pollIntervalMs,
    lockTimeoutMs: config.queue.lockTimeoutMs,
  });
  runner.start();
  const stop = new AbortController();
  const onSignal = (s: NodeJS.Signals) => {
    process.stderr.write(`\n${s}: stopping after the current batch; run the same backfill again to go on\n`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new SingleBar({ format: 'backfill [{bar}] {value}/{total} orders · {rate}/s · ETA {eta_formatted} · {pending} jobs pending', hideCursor: true })
    : undefined;
  let interrupted = false;
  try {
    for (const shop of shops) {
      const started = Date.now();
      let lastLine = 0;
      let barStarted = false;
      let stored = 0;
      const progress = (p: BackfillProgress) => {
        // A stored batch brings jobs: the runner need not wait for its next poll.
        if (p.phase === 'orders') runner.notify();
        stored = Math.max(stored, p.orders);
        const secs = (Date.now() - started) / 1000;
        const rate = secs > 0 ? Math.round(p.orders / secs) : 0;
        if (bar) {
          if (!barStarted && p.total !== undefined) {
            bar.start(p.total, p.orders, { rate, pending: p.pending });
            barStarted = true;
          } else if (barStarted) bar.update(p.orders, { rate, pending: p.pending });
          return;
        }
        // A line per stored batch; while waiting (bulk query, finishing), one every 2 s.
        if (Date.now() - lastLine < 2000 && p.phase !== 'orders') return;
        lastLine = Date.now();
        const eta = p.total !== undefined && rate > 0 ? `, ETA ${Math.round((p.total - p.orders) / rate)} s` : '';
        process.stdout.write(
          `${shop.domain}: ${p.phase} ${p.orders}${p.total !== undefined ? `/${p.total}` : ''} orders, ${rate}/s${eta}, ${p.pending} jobs pending\n`,
        );
      };
      const r = await backfill(
        {
          store: deps.store,
          queue: deps.queue,
          admin: deps.admin(shop.domain),
          rules: config.rules,
          archive: config.archive,
          log,
          dataDir: dirname(privacyExportDir(config, process.cwd())),
          outbound: outboundHosts(config),
        },
        {
          shop: shop.domain,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          signal: stop.signal,
          onProgress: progress,
          drained: async () => {
            for (;;) {
              if (stop.signal.aborted) return false;
              if (await runner.drained({ includeDelayed: true, timeoutMs: 1000 })) return true;
              const c = await deps.queue.counts();
              progress({ phase: 'finishing', orders: stored, total: undefined, pending: c.queued + c.running });
            }
          },
        },
      );
      bar?.stop();
      const dead = (await deps.queue.counts()).dead;
      process.stdout.write(
        `${shop.domain}: ${r.orders} order(s) of ${r.total ?? '?'} ${r.interrupted ? 'stored before the stop' : 'backfilled'}${r.resumed ? ' (resumed)' : ''}${dead > 0 ? `; ${dead} dead letter(s): see \`status\`` : ''}\n`,
      );
      if (r.interrupted) {
        interrupted = true;
        break;
      }
    }
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runner.stop(30_000);
    await deps.close();
  }
  return interrupted ? 130 : 0;
}
