import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database, JobsTable, JobStatus } from '../store/types.js';
import type { QueueConfig } from '../config/schema.js';
import { backoffDelay } from './backoff.js';
import type { Job, NewJob, Queue, QueueStats } from './queue.js';

type Executor = Kysely<Database>;

export interface SqlQueueOptions {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  random?: () => number;
}

export function queueOptionsFrom(cfg: QueueConfig): SqlQueueOptions {
  return { maxAttempts: cfg.maxAttempts, backoffBaseMs: cfg.backoffBaseMs, backoffMaxMs: cfg.backoffMaxMs };
}

/** Inserts jobs inside the caller's transaction; jobs whose key exists are skipped. */
export async function insertJobs(db: Executor, jobs: NewJob[], maxAttempts: number, now = Date.now()): Promise<Array<{ id: number; duplicate: boolean }>> {
  const out: Array<{ id: number; duplicate: boolean }> = [];
  for (const job of jobs) {
    const row = await db
      .insertInto('jobs')
      .values({
        task: job.task,
        queue_name: job.queueName ?? null,
        job_key: job.jobKey ?? null,
        payload: JSON.stringify(job.payload ?? null),
        status: 'queued',
        attempts: 0,
        max_attempts: job.maxAttempts ?? maxAttempts,
        run_at: job.runAt ?? now,
        locked_at: null,
        locked_by: null,
        last_error: null,
        result: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('job_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) {
      out.push({ id: row.id, duplicate: false });
    } else {
      const existing = await db.selectFrom('jobs').select('id').where('job_key', '=', job.jobKey ?? '').executeTakeFirstOrThrow();
      out.push({ id: existing.id, duplicate: true });
    }
  }
  return out;
}

function toJob(r: Selectable<JobsTable>): Job {
  return {
    id: r.id,
    task: r.task,
    queueName: r.queue_name,
    jobKey: r.job_key,
    payload: JSON.parse(r.payload) as unknown,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    lastError: r.last_error,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}

/**
 * The job queue on the connector's own database (graphile-worker's semantics: job keys, backoff,
 * max attempts, dead letters as data, stale-lock recovery). Claiming is a single UPDATE … RETURNING
 * guarded by the row's status, so two claimers can never take the same job.
 */
export class SqlQueue implements Queue {
  readonly #db: Executor;
  readonly #opts: SqlQueueOptions;

  constructor(db: Executor, opts: SqlQueueOptions) {
    this.#db = db;
    this.#opts = Object.freeze({ ...opts });
  }

  async add(job: NewJob): Promise<{ id: number; duplicate: boolean }> {
    const [r] = await insertJobs(this.#db, [job], this.#opts.maxAttempts);
    if (!r) throw new Error('insertJobs returned nothing');
    return r;
  }

  async claim(workerId: string, now = Date.now()): Promise<Job | undefined> {
    // Oldest runnable job whose queue is not busy. Ordering by id keeps a resource's jobs in arrival order.
    const row = await this.#db
      .updateTable('jobs')
      .set({ status: 'running', locked_at: now, locked_by: workerId, attempts: sql<number>`attempts + 1`, updated_at: now })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs as j')
          .select('j.id')
          .where('j.status', '=', 'queued')
          .where('j.run_at', '<=', now)
          .where((w) =>
            w.or([
              w('j.queue_name', 'is', null),
              w.not(
                w.exists(
                  w
                    .selectFrom('jobs as r')
                    .select('r.id')
                    .whereRef('r.queue_name', '=', 'j.queue_name')
                    .where((x) => x.or([x('r.status', '=', 'running'), x.and([x('r.status', '=', 'queued'), x('r.id', '<', x.ref('j.id'))])])),
                ),
              ),
            ]),
          )
          .orderBy('j.run_at')
          .orderBy('j.id')
          .limit(1),
      )
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async heartbeat(workerId: string, jobIds: number[], now = Date.now()): Promise<void> {
    if (jobIds.length === 0) return;
    await this.#db
      .updateTable('jobs')
      .set({ locked_at: now })
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .where('id', 'in', jobIds)
      .execute();
  }

  async complete(id: number, result: unknown): Promise<void> {
    await this.#db
      .updateTable('jobs')
      .set({ status: 'done', locked_at: null, locked_by: null, result: JSON.stringify(result ?? null), updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
  }

  async fail(id: number, error: string, retryable: boolean, now = Date.now()): Promise<JobStatus> {
    const job = await this.#db.selectFrom('jobs').select(['attempts', 'max_attempts']).where('id', '=', id).executeTakeFirst();
    if (!job) return 'dead';
    const dead = !retryable || job.attempts >= job.max_attempts;
    const status: JobStatus = dead ? 'dead' : 'queued';
    const runAt = dead ? now : now + backoffDelay(job.attempts, this.#opts.backoffBaseMs, this.#opts.backoffMaxMs, this.#opts.random);
    await this.#db
      .updateTable('jobs')
      .set({ status, run_at: runAt, locked_at: null, locked_by: null, last_error: error.slice(0, 4000), updated_at: now })
      .where('id', '=', id)
      .execute();
    return status;
  }

  async recoverStale(lockTimeoutMs: number, now = Date.now()): Promise<number> {
    const res = await this.#db
      .updateTable('jobs')
      .set({ status: 'queued', locked_at: null, locked_by: null, run_at: now, last_error: 'worker lost (lock expired); retried', updated_at: now })
      .where('status', '=', 'running')
      .where('locked_at', '<', now - lockTimeoutMs)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async retry(ids?: number[]): Promise<number> {
    let q = this.#db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: Date.now(), updated_at: Date.now() })
      .where('status', '=', 'dead');
    if (ids) q = q.where('id', 'in', ids.length > 0 ? ids : [-1]);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async stats(): Promise<QueueStats> {
    const rows = await this.#db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const s: QueueStats = { queued: 0, running: 0, done: 0, dead: 0 };
    for (const r of rows) s[r.status] = Number(r.n);
    return s;
  }

  async list(filter: { status?: JobStatus; task?: string; limit?: number }): Promise<Job[]> {
    let q = this.#db.selectFrom('jobs').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.task) q = q.where('task', '=', filter.task);
    const rows = await q.orderBy('id').limit(filter.limit ?? 100).execute();
    return rows.map(toJob);
  }

  async nextRunAt(): Promise<number | undefined> {
    const r = await this.#db.selectFrom('jobs').select((eb) => eb.fn.min<number>('run_at').as('t')).where('status', '=', 'queued').executeTakeFirst();
    return r?.t ?? undefined;
  }
}
