import { isAbsolute, resolve } from 'node:path';
import { IntegrationError } from '../errors.js';
import type { JobQueue, QueueRunner, RunnerOptions } from '../queue/queue.js';
import { SqliteQueue } from '../queue/sqlite/sqlite-queue.js';
import { SqliteRunner } from '../queue/sqlite/sqlite-runner.js';
import { GraphileQueue } from '../queue/postgres/graphile-queue.js';
import { GraphileRunner } from '../queue/postgres/graphile-runner.js';
import { PostgresStore, openPostgres } from './postgres/postgres-store.js';
import { SqliteStore, asQueueDb, openSqlite } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type { Store } from './store.js';

export interface QueueSettings {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Tests pin the jitter. */
  random?: () => number;
}

/** A store and the queue that enqueues in its transactions: one database, paired by backend. */
export interface Backend {
  store: Store;
  queue: JobQueue;
  /** A runner for this process's worker role. */
  runner(opts: RunnerOptions): QueueRunner;
}

/**
 * Opens the backend named by DATABASE_URL: `sqlite:PATH` (relative to cwd; the store, and the queue in
 * the same file) or `postgres://…` (the store, and graphile-worker in the same database, on one pool of
 * `poolSize` connections; `store.close()` ends it, after the caller stopped the runner).
 */
export function openBackend(databaseUrl: string, queue: QueueSettings, opts: { cwd?: string; poolSize?: number; groupCommit?: boolean } = {}): Backend {
  const storeOpts = opts.groupCommit === undefined ? {} : { groupCommit: opts.groupCommit };
  if (databaseUrl.startsWith('sqlite:')) {
    const raw = databaseUrl.slice('sqlite:'.length);
    const path = raw === ':memory:' || isAbsolute(raw) ? raw : resolve(opts.cwd ?? process.cwd(), raw);
    const db = openSqlite(path);
    const q = new SqliteQueue(asQueueDb(db), queue);
    return { store: new SqliteStore(db, q, storeOpts), queue: q, runner: (o) => new SqliteRunner(q, o) };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { db, pool } = openPostgres(databaseUrl, opts.poolSize === undefined ? {} : { poolSize: opts.poolSize });
    const q = new GraphileQueue(pool, queue);
    return { store: new PostgresStore(db, q, storeOpts), queue: q, runner: (o) => new GraphileRunner(q, o) };
  }
  throw new IntegrationError('CONFIG_INVALID', `DATABASE_URL ${databaseUrl.split(':')[0]}:… is not supported: use sqlite:PATH or postgres://…`);
}
