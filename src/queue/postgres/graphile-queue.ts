import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Pool } from 'pg';
import { Logger as GraphileLogger, makeWorkerUtils, runMigrations } from 'graphile-worker';
import type { LogFunctionFactory, WorkerUtils } from 'graphile-worker';
import type { Logger } from '../../log.js';
import type { DeadLetter, Enqueued, JobId, JobQueue, JobSpec, QueueCounts, QueueHousekeeping, TransactionalEnqueue } from '../queue.js';

export interface GraphileQueueOptions {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Tests pin the jitter. */
  random?: () => number;
}

/** graphile-worker's own schema (its default); one connector per database. */
export const WORKER_SCHEMA = 'graphile_worker';

/** The flag every job carries so that a process can leave a task's jobs alone while it runs enough of them (taskConcurrency). */
export const taskFlag = (task: string): string => `task:${task}`;

/** A job's id: graphile-worker's bigint, as text whichever type parser the pool has. */
const jobId = (v: unknown): JobId => String(v);
const ids = (list: readonly JobId[]): string[] => list.filter((id) => /^\d+$/.test(id));

/** Routes graphile-worker's own log lines into the connector's logger (its debug chatter stays at debug). */
export function graphileLogger(log: Logger): GraphileLogger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    const fields = {
      queueEngine: 'graphile-worker',
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.jobId ? { jobId: String(scope.jobId) } : {}),
    };
    // A task's failure is logged by the runner, once, with its code and what happens next.
    if (meta?.failure === true) log.debug(fields, message);
    else if (level === 'error') log.error({ ...fields, ...(meta && 'error' in meta ? { err: meta.error } : {}) }, message);
    else if (level === 'warning') log.warn(fields, message);
    else log.debug(fields, message);
  };
  return new GraphileLogger(factory);
}

/**
 * The job queue on PostgreSQL: graphile-worker (docs/decisions/0015-queue-on-postgresql.md). Jobs are
 * added with its `add_job()` SQL function, on the store's transaction when the store enqueues (one
 * commit records the delivery and its jobs). A job key dedupes (`unsafe_dedupe`: a job whose key is in
 * the table, waiting, running or dead, is not added again, as in the SQLite queue); a queue name
 * serialises, across every process, the jobs of one workspace. graphile-worker keeps a job whose
 * attempts are spent ("permanently failed"): those are the dead letters.
 *
 * Reads go through graphile-worker's public `jobs` view; only the payload (which the view leaves
 * out) is read from its jobs table, for the dead letters and the store's housekeeping.
 */
export class GraphileQueue implements JobQueue, TransactionalEnqueue<Kysely<object>>, QueueHousekeeping<Kysely<object>> {
  readonly pool: Pool;
  readonly opts: Readonly<GraphileQueueOptions>;
  readonly #db: Kysely<object>;
  #utils: Promise<WorkerUtils> | undefined;

  /** `pool`: the process's pool, on node-postgres's default type parsers (graphile-worker reads its own rows; the store passes its own per query). */
  constructor(pool: Pool, opts: GraphileQueueOptions) {
    this.pool = pool;
    this.opts = Object.freeze({ ...opts });
    this.#db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  }

  /** Installs or upgrades graphile-worker's schema, and the table its runners beat their hearts in. */
  async migrate(log?: Logger): Promise<void> {
    await runMigrations({ pgPool: this.pool, schema: WORKER_SCHEMA, ...(log ? { logger: graphileLogger(log) } : {}) });
    // Which worker pools are alive (graphile-worker-runner.ts): jobs locked by a pool that stopped
    // beating are unlocked by the others (graphile-worker itself would wait four hours).
    // Processes starting together run this at once: `if not exists` alone races in PostgreSQL.
    await this.#db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('shopify-xecm: queue migrate'))`.execute(trx);
      await sql`create table if not exists ${sql.id(WORKER_SCHEMA)}.connector_pools (
        pool_id text primary key,
        process text not null,
        started_at timestamptz not null default now(),
        beat_at timestamptz not null default now()
      )`.execute(trx);
    });
  }

  /** graphile-worker's utilities on the same pool (reschedule, fail, unlock, clean up). */
  utils(): Promise<WorkerUtils> {
    this.#utils ??= makeWorkerUtils({ pgPool: this.pool, schema: WORKER_SCHEMA });
    return this.#utils;
  }

  async close(): Promise<void> {
    const u = this.#utils;
    this.#utils = undefined;
    if (u) await (await u).release();
  }

  /** Adds the jobs on the given handle (the store's transaction); a job whose key is known is not added. */
  async enqueueIn<DB>(db: Kysely<DB>, jobs: JobSpec[], _now?: number): Promise<Enqueued[]> {
    const out: Enqueued[] = [];
    for (const job of jobs) {
      const runAt = job.runAt === undefined ? null : new Date(job.runAt).toISOString();
      const { rows } = await sql<{ id: unknown; revision: unknown }>`select id, revision from ${sql.id(WORKER_SCHEMA, 'add_job')}(
          identifier => ${job.task},
          payload => ${JSON.stringify(job.payload ?? null)}::json,
          queue_name => ${job.queueName},
          run_at => ${runAt}::timestamptz,
          max_attempts => ${job.maxAttempts ?? this.opts.maxAttempts}::int,
          job_key => ${job.jobKey},
          flags => ${[taskFlag(job.task)]}::text[],
          job_key_mode => 'unsafe_dedupe'
        )`.execute(db);
      const row = rows[0];
      if (!row) throw new Error(`graphile-worker add_job returned no row for job key ${job.jobKey}`);
      // A new job has revision 0; a known key bumps the existing job's revision and adds nothing.
      out.push({ id: jobId(row.id), duplicate: Number(row.revision) > 0 });
    }
    return out;
  }

  async enqueue(jobs: JobSpec[]): Promise<Enqueued[]> {
    return this.#db.transaction().execute((trx) => this.enqueueIn(trx, jobs));
  }

  async payloadNumbersIn<DB>(db: Kysely<DB>, field: string): Promise<number[]> {
    const { rows } = await sql<{ v: unknown }>`select distinct (payload->>${field})::bigint as v
      from ${sql.id(WORKER_SCHEMA, '_private_jobs')}
      where json_typeof(payload) = 'object' and json_typeof(payload->${field}) = 'number' and (payload->>${field}) ~ '^[0-9]{1,15}$'`.execute(db);
    return rows.map((r) => Number(r.v)).filter((n) => Number.isSafeInteger(n));
  }

  async removeWaitingIn<DB>(db: Kysely<DB>, prefix: string): Promise<number> {
    const { rows } = await sql<{ id: unknown }>`select id from ${sql.id(WORKER_SCHEMA, 'complete_jobs')}(array(
        select id from ${sql.id(WORKER_SCHEMA, 'jobs')} where locked_at is null and substr(queue_name, 1, ${prefix.length}) = ${prefix}
      ))`.execute(db);
    return rows.length;
  }

  async deadLetters(opts: { limit?: number } = {}): Promise<DeadLetter[]> {
    const { rows } = await sql<{
      id: unknown;
      task: string;
      job_key: string | null;
      queue_name: string | null;
      payload: unknown;
      attempts: number;
      last_error: string | null;
      failed_at: number;
    }>`select j.id, j.task_identifier as task, j.key as job_key, j.queue_name, p.payload, j.attempts, j.last_error,
        extract(epoch from j.updated_at) * 1000 as failed_at
      from ${sql.id(WORKER_SCHEMA, 'jobs')} j join ${sql.id(WORKER_SCHEMA, '_private_jobs')} p on p.id = j.id
      where j.attempts >= j.max_attempts and j.locked_at is null
      order by j.id limit ${opts.limit ?? 1000}`.execute(this.#db);
    return rows.map((r) => ({
      id: jobId(r.id),
      task: r.task,
      jobKey: r.job_key ?? '',
      queueName: r.queue_name ?? '',
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
      attempts: r.attempts,
      reason: r.last_error ?? '',
      failedAt: Math.round(Number(r.failed_at)),
    }));
  }

  /** Dead letters back to the queue with fresh attempts (at least the configured number: a permanent failure left the job one). */
  async retry(list?: JobId[]): Promise<number> {
    const { rows: dead } = await sql<{ id: unknown; max_attempts: number }>`select id, max_attempts from ${sql.id(WORKER_SCHEMA, 'jobs')}
      where attempts >= max_attempts and locked_at is null ${list ? sql`and id = any(${ids(list)}::bigint[])` : sql``}`.execute(this.#db);
    const byMax = new Map<number, string[]>();
    for (const r of dead) {
      const max = Math.max(r.max_attempts, this.opts.maxAttempts);
      byMax.set(max, [...(byMax.get(max) ?? []), jobId(r.id)]);
    }
    let n = 0;
    for (const [max, group] of byMax) {
      const { rows } = await sql<{ id: unknown }>`select id from ${sql.id(WORKER_SCHEMA, 'reschedule_jobs')}(
          ${group}::bigint[], run_at => now(), attempts => 0, max_attempts => ${max}::int)`.execute(this.#db);
      n += rows.length;
    }
    return n;
  }

  async counts(): Promise<QueueCounts> {
    const { rows } = await sql<{ queued: unknown; running: unknown; dead: unknown; next: unknown; due: unknown }>`select
        count(*) filter (where locked_at is null and attempts < max_attempts) as queued,
        count(*) filter (where locked_at is not null) as running,
        count(*) filter (where locked_at is null and attempts >= max_attempts) as dead,
        extract(epoch from min(run_at) filter (where locked_at is null and attempts < max_attempts)) * 1000 as next,
        extract(epoch from min(run_at) filter (where locked_at is null and attempts < max_attempts and run_at <= now())) * 1000 as due
      from ${sql.id(WORKER_SCHEMA, 'jobs')}`.execute(this.#db);
    const r = rows[0];
    const epoch = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Math.round(Number(v)));
    return {
      queued: Number(r?.queued ?? 0),
      running: Number(r?.running ?? 0),
      dead: Number(r?.dead ?? 0),
      nextRunAt: epoch(r?.next),
      oldestDueAt: epoch(r?.due),
    };
  }

  // ---- The runner's side (graphile-runner.ts) -----------------------------------------------------

  /** A failed job (unlocked by graphile-worker) is due again at `runAt`: the connector's backoff, not graphile-worker's e^attempts seconds. */
  async rescheduleAt(id: JobId, runAt: number): Promise<boolean> {
    const { rows } = await sql<{ id: unknown }>`select id from ${sql.id(WORKER_SCHEMA, 'reschedule_jobs')}(
        array[${ids([id])[0] ?? '-1'}::bigint], run_at => ${new Date(runAt).toISOString()}::timestamptz)`.execute(this.#db);
    return rows.length > 0;
  }

  /**
   * A job whose failure was permanent (graphile-worker recorded it as an ordinary failure, with its
   * message): it will not run again, its attempts as they are (max_attempts lowered to them).
   */
  async markDead(id: JobId, attempts: number): Promise<boolean> {
    const { rows } = await sql<{ id: unknown }>`select id from ${sql.id(WORKER_SCHEMA, 'reschedule_jobs')}(
        array[${ids([id])[0] ?? '-1'}::bigint], max_attempts => ${attempts}::int)`.execute(this.#db);
    return rows.length > 0;
  }

  /** Jobs that will not run again, with the reason a person acts on (their attempts counted as spent). */
  async failPermanently(list: JobId[], reason: string): Promise<number> {
    if (list.length === 0) return 0;
    const { rows } = await sql<{ id: unknown }>`select id from ${sql.id(WORKER_SCHEMA, 'permanently_fail_jobs')}(
        ${ids(list)}::bigint[], ${reason.slice(0, 4000)})`.execute(this.#db);
    return rows.length;
  }

  /**
   * Records that a worker pool is alive (its heartbeat). Answers false when the pool's row was gone
   * after its first beat: another process's sweep took this pool for dead and released its jobs.
   */
  async beat(poolId: string, processName: string, first: boolean): Promise<boolean> {
    const { rows } = await sql<{ pool_id: string }>`update ${sql.id(WORKER_SCHEMA, 'connector_pools')} set beat_at = now()
      where pool_id = ${poolId} returning pool_id`.execute(this.#db);
    if (rows.length > 0) return true;
    await sql`insert into ${sql.id(WORKER_SCHEMA, 'connector_pools')} (pool_id, process) values (${poolId}, ${processName})
      on conflict (pool_id) do update set beat_at = now()`.execute(this.#db);
    return first;
  }

  async forgetPool(poolId: string): Promise<void> {
    await sql`delete from ${sql.id(WORKER_SCHEMA, 'connector_pools')} where pool_id = ${poolId}`.execute(this.#db);
  }

  /**
   * Unlocks the jobs of worker pools that stopped beating for `staleMs` (their process died), and of
   * pools that never beat whose locks are that old. Jobs whose attempts are spent become dead
   * letters that say so: a job that keeps killing its process is not retried forever.
   */
  async recoverStale(staleMs: number): Promise<{ pools: string[]; requeued: JobId[]; dead: JobId[] }> {
    return this.#db.transaction().execute(async (trx) => {
      const { rows: stale } = await sql<{ pool_id: string }>`
        select pool_id from ${sql.id(WORKER_SCHEMA, 'connector_pools')} where beat_at < now() - make_interval(secs => ${staleMs / 1000})
        union
        select distinct locked_by from ${sql.id(WORKER_SCHEMA, 'jobs')} j
          where locked_by is not null and locked_at < now() - make_interval(secs => ${staleMs / 1000})
          and not exists (select 1 from ${sql.id(WORKER_SCHEMA, 'connector_pools')} p where p.pool_id = j.locked_by)`.execute(trx);
      const pools = stale.map((r) => r.pool_id);
      if (pools.length === 0) return { pools, requeued: [], dead: [] };
      const { rows: jobs } = await sql<{ id: unknown; spent: boolean }>`select id, attempts >= max_attempts as spent
        from ${sql.id(WORKER_SCHEMA, 'jobs')} where locked_by = any(${pools}::text[])`.execute(trx);
      await sql`select ${sql.id(WORKER_SCHEMA, 'force_unlock_workers')}(${pools}::text[])`.execute(trx);
      await sql`delete from ${sql.id(WORKER_SCHEMA, 'connector_pools')} where pool_id = any(${pools}::text[])`.execute(trx);
      const dead = jobs.filter((j) => j.spent).map((j) => jobId(j.id));
      if (dead.length > 0)
        await sql`select ${sql.id(WORKER_SCHEMA, 'permanently_fail_jobs')}(${dead}::bigint[],
          ${'worker lost (its process stopped) on the last attempt: the job may be killing its process'})`.execute(trx);
      return { pools, requeued: jobs.filter((j) => !j.spent).map((j) => jobId(j.id)), dead };
    });
  }

  /** Jobs no handler here knows, waiting: dead letters (graphile-worker would leave them waiting for a worker that knows the task). */
  async buryUnknownTasks(known: readonly string[]): Promise<Array<{ id: JobId; task: string }>> {
    const { rows } = await sql<{ id: unknown; task: string }>`select id, task_identifier as task from ${sql.id(WORKER_SCHEMA, 'jobs')}
      where locked_at is null and attempts < max_attempts and run_at <= now() and not (task_identifier = any(${[...known]}::text[]))`.execute(this.#db);
    const out: Array<{ id: JobId; task: string }> = [];
    for (const r of rows) {
      const id = jobId(r.id);
      if ((await this.failPermanently([id], `JOB_TASK_UNKNOWN: no handler for task ${r.task}`)) > 0) out.push({ id, task: r.task });
    }
    return out;
  }
}
