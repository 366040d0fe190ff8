import type { Deps } from './deps.js';
import { requireXecm } from './deps.js';
import type { QueueRunner } from './queue/queue.js';
import { buildApp } from './server/app.js';
import { syncShop } from './intake/reconcile.js';
import type { SyncReport } from './intake/reconcile.js';
import type { App } from './server/app.js';
import { recheckJobs } from './jobs/product-checklist.js';

export type Role = 'all' | 'web' | 'worker';

export interface Running {
  app: App | undefined;
  worker: QueueRunner | undefined;
  /** http://host:port of the listening app */
  url: string | undefined;
  /** Reconciles every shop that has an Admin API token now (also runs on `sync.intervalMs`). */
  syncNow(): Promise<SyncReport[]>;
  /** Enqueues a re-check of every product workspace's checklist now (also runs on `compliance.recheckIntervalMs`); returns how many. */
  recheckNow(): Promise<number>;
  stop(): Promise<void>;
}

/** How often `serve` removes finished records older than the retention. */
export const PURGE_INTERVAL_MS = 3_600_000;

/** Removes finished deliveries, events and job outcomes older than `privacy.retentionDays`; never throws. */
export async function purgeFinished(deps: Pick<Deps, 'config' | 'store' | 'log'>, now: number = Date.now()): Promise<void> {
  try {
    const removed = await deps.store.purge(now - deps.config.privacy.retentionDays * 86_400_000);
    if (removed.deliveries + removed.events + removed.outcomes > 0) deps.log.info({ removed }, 'finished records past retention removed');
    // Relations that waited for a workspace longer than they may (`waitDays`) are given up.
    const expired = await deps.store.dropExpiredRelations(now);
    if (expired > 0) deps.log.info({ relations: expired }, 'relations that waited too long for their workspace given up');
  } catch (err) {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'purge failed; will try again');
  }
}

/** Starts the chosen role(s): webhook intake and API (web), job execution (worker), or both. */
export async function startConnector(deps: Deps, role: Role = 'all'): Promise<Running> {
  const { config, log } = deps;
  let worker: QueueRunner | undefined;
  if (role !== 'web') {
    requireXecm(deps);
    worker = deps.runner({
      log: log.child({ component: 'worker' }),
      concurrency: config.queue.concurrency,
      taskConcurrency: config.queue.taskConcurrency,
      pollIntervalMs: config.queue.pollIntervalMs,
      lockTimeoutMs: config.queue.lockTimeoutMs,
    });
    worker.start();
  }
  let app: App | undefined;
  let url: string | undefined;
  if (role !== 'worker') {
    const w = worker;
    app = await buildApp({
      config,
      store: deps.store,
      queue: deps.queue,
      log,
      lookup: deps.lookup,
      metrics: deps.metrics,
      ...(w ? { onEnqueued: () => w.notify() } : {}),
    });
    await app.listen({ host: config.server.host, port: config.server.port });
    const addr = app.server.address();
    url = typeof addr === 'object' && addr ? `http://${config.server.host}:${addr.port}` : undefined;
    log.info({ url, role }, 'connector listening');
  }
  // Scheduled reconciliation (DESIGN.md §2 `sync`): never two at once; failures are logged and the
  // next tick tries again.
  let running: Promise<SyncReport[]> | undefined;
  const syncNow = (): Promise<SyncReport[]> => {
    running ??= (async () => {
      const out: SyncReport[] = [];
      for (const shop of config.shops.filter((s) => s.accessToken)) {
        try {
          out.push(...(await syncShop({ store: deps.store, rules: config.rules, archive: config.archive, admin: deps.admin(shop.domain), log }, shop.domain)));
        } catch (err) {
          log.warn({ shop: shop.domain, err: err instanceof Error ? err.message : String(err) }, 'scheduled sync failed; will try again');
        }
      }
      worker?.notify();
      return out;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  let timer: NodeJS.Timeout | undefined;
  if (role !== 'web' && config.sync.intervalMs > 0 && config.shops.some((s) => s.accessToken)) {
    timer = setInterval(() => void syncNow(), config.sync.intervalMs);
    timer.unref();
  }
  // Retention of finished records (privacy.retentionDays): at start, then every hour, by the worker.
  let purging: Promise<void> | undefined;
  const purgeNow = (): Promise<void> => {
    purging ??= purgeFinished(deps).finally(() => {
      purging = undefined;
    });
    return purging;
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  if (role !== 'web') {
    await purgeNow();
    purgeTimer = setInterval(() => void purgeNow(), PURGE_INTERVAL_MS);
    purgeTimer.unref();
  }
  // Job 5: every product workspace's checklist re-checked on `compliance.recheckIntervalMs`, as jobs on
  // each workspace's queue (documents added or expiring in xECM show without a Shopify change).
  const recheckNow = async (): Promise<number> => {
    const interval = config.compliance.recheckIntervalMs;
    const jobs = await recheckJobs(deps, { because: 'schedule', key: `schedule-${interval > 0 ? Math.floor(Date.now() / interval) : Date.now()}` });
    if (jobs.length > 0) {
      await deps.queue.enqueue(jobs);
      worker?.notify();
    }
    return jobs.length;
  };
  let recheckTimer: NodeJS.Timeout | undefined;
  if (role !== 'web' && config.compliance.recheckIntervalMs > 0) {
    recheckTimer = setInterval(() => {
      recheckNow().catch((err: unknown) =>
        log.warn({ err: err instanceof Error ? err.message : String(err) }, 'scheduled compliance re-check failed; will try again'),
      );
    }, config.compliance.recheckIntervalMs);
    recheckTimer.unref();
  }
  return {
    app,
    worker,
    url,
    syncNow,
    recheckNow,
    async stop() {
      clearInterval(timer);
      clearInterval(purgeTimer);
      clearInterval(recheckTimer);
      await running;
      await purging;
      await app?.close();
      await worker?.stop(config.queue.shutdownGraceMs);
    },
  };
}
