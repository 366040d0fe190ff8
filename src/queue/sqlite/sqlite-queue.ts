import { sql } from 'kysely';
import type { Generated, Kysely, Selectable } from 'kysely';
import { backoffDelay } from '../../util/backoff.js';
import type { DeadLetter, Enqueued, Job, JobId, JobQueue, JobSpec, QueueCounts, TransactionalEnqueue } from '../queue.js';

export type JobStatus = 'queued' | 'running' | 'dead';

/** The embedded queue's table, in the store's SQLite file (created by the store's migrations). */
export interface JobsTable {
  id: Generated<number>;
  task: string;
  /** Jobs with the same queue name never run at the same time, and run in id order. */
  queue_name: string;
  /** Dedupe key: adding a job whose key is in the table does nothing. */
  job_key: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  /** epoch ms */
  run_at: number;
  locked_at: number | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface QueueSchema {
  jobs: JobsTable;
}

export interface SqliteQueueOptions {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  random?: () => number;
}

type Row = Selectable<JobsTable>;

function toJob(r: Row): Job {
  return {
    id: String(r.id),
    task: r.task,
    jobKey: r.job_key,
    queueName: r.queue_name,
    payload: JSON.parse(r.payload) as unknown,
    attempt: r.attempts,
    maxAttempts: r.max_attempts,
  };
}

const rowId = (id: JobId): number => (/^\d+$/.test(id) ? Number(id) : -1);

/**
 * The job queue on the connector's own SQLite file, with graphile-worker's semantics: job keys,
 * queue names that serialise, backoff with jitter, max attempts, dead letters with their reason,
 * stale-lock recovery. Finished jobs are deleted (their outcome lives in the Store). Claiming is a
 * single UPDATE … RETURNING guarded by the row's status, so two claimers never take the same job.
 */
export class SqliteQueue implements JobQueue, TransactionalEnqueue<Kysely<QueueSchema>> {
  readonly #db: Kysely<QueueSchema>;
  readonly #opts: SqliteQueueOptions;

  constructor(db: Kysely<QueueSchema>, opts: SqliteQueueOptions) {
    this.#db = db;
    this.#opts = Object.freeze({ ...opts });
  }

  /** Inserts jobs on the given handle (the store's transaction); jobs whose key exists are skipped. */
  async enqueueIn(db: Kysely<QueueSchema>, jobs: JobSpec[], now = Date.now()): Promise<Enqueued[]> {
    const out: Enqueued[] = [];
    for (const job of jobs) {
      const row = await db
        .insertInto('jobs')
        .values({
          task: job.task,
          queue_name: job.queueName,
          job_key: job.jobKey,
          payload: JSON.stringify(job.payload ?? null),
          status: 'queued',
          attempts: 0,
          max_attempts: job.maxAttempts ?? this.#opts.maxAttempts,
          run_at: job.runAt ?? now,
          locked_at: null,
          locked_by: null,
          last_error: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('job_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) out.push({ id: String(row.id), duplicate: false });
      else {
        const existing = await db.selectFrom('jobs').select('id').where('job_key', '=', job.jobKey).executeTakeFirstOrThrow();
        out.push({ id: String(existing.id), duplicate: true });
      }
    }
    return out;
  }

  async enqueue(jobs: JobSpec[]): Promise<Enqueued[]> {
    return this.#db.transaction().execute((trx) => this.enqueueIn(trx, jobs));
  }

  async deadLetters(opts: { limit?: number } = {}): Promise<DeadLetter[]> {
    const rows = await this.#db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'dead')
      .orderBy('id')
      .limit(opts.limit ?? 1000)
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      task: r.task,
      jobKey: r.job_key,
      queueName: r.queue_name,
      payload: JSON.parse(r.payload) as unknown,
      attempts: r.attempts,
      reason: r.last_error ?? '',
      failedAt: r.updated_at,
    }));
  }

  async retry(ids?: JobId[]): Promise<number> {
    const now = Date.now();
    let q = this.#db.updateTable('jobs').set({ status: 'queued', attempts: 0, run_at: now, updated_at: now }).where('status', '=', 'dead');
    if (ids) q = q.where('id', 'in', ids.length > 0 ? ids.map(rowId) : [-1]);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async counts(): Promise<QueueCounts> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('run_at').as('next')])
      .groupBy('status')
      .execute();
    const c: QueueCounts = { queued: 0, running: 0, dead: 0, nextRunAt: undefined };
    for (const r of rows) {
      c[r.status] = Number(r.n);
      if (r.status === 'queued') c.nextRunAt = Number(r.next);
    }
    return c;
  }

  // The runner's side (sqlite-runner.ts); an engine such as graphile-worker does these itself.

  /** Takes the oldest runnable job whose queue is not busy and marks it running under `workerId`. */
  async claim(workerId: string, now = Date.now()): Promise<Job | undefined> {
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
            w.not(
              w.exists(
                w
                  .selectFrom('jobs as r')
                  .select('r.id')
                  .whereRef('r.queue_name', '=', 'j.queue_name')
                  .where((x) => x.or([x('r.status', '=', 'running'), x.and([x('r.status', '=', 'queued'), x('r.id', '<', x.ref('j.id'))])])),
              ),
            ),
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

  /** Refreshes the lock of the worker's running jobs. */
  async heartbeat(workerId: string, ids: JobId[], now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    await this.#db
      .updateTable('jobs')
      .set({ locked_at: now })
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .where('id', 'in', ids.map(rowId))
      .execute();
  }

  /** A finished job leaves the queue (its outcome was recorded in the Store first). */
  async complete(id: JobId): Promise<void> {
    await this.#db.deleteFrom('jobs').where('id', '=', rowId(id)).execute();
  }

  /** Records the failure: retried later with backoff when `retryable` and attempts remain, else a dead letter. */
  async fail(id: JobId, error: string, retryable: boolean, now = Date.now()): Promise<'queued' | 'dead'> {
    const job = await this.#db.selectFrom('jobs').select(['attempts', 'max_attempts']).where('id', '=', rowId(id)).executeTakeFirst();
    if (!job) return 'dead';
    const dead = !retryable || job.attempts >= job.max_attempts;
    const status = dead ? 'dead' : 'queued';
    const runAt = dead ? now : now + backoffDelay(job.attempts, this.#opts.backoffBaseMs, this.#opts.backoffMaxMs, this.#opts.random);
    await this.#db
      .updateTable('jobs')
      .set({ status, run_at: runAt, locked_at: null, locked_by: null, last_error: error.slice(0, 4000), updated_at: now })
      .where('id', '=', rowId(id))
      .execute();
    return status;
  }

  /** Running jobs whose lock is older than `lockTimeoutMs` go back to queued (their worker died). */
  async recoverStale(lockTimeoutMs: number, now = Date.now()): Promise<number> {
    const res = await this.#db
      .updateTable('jobs')
      .set({ status: 'queued', locked_at: null, locked_by: null, run_at: now, last_error: 'worker lost (lock expired); retried', updated_at: now })
      .where('status', '=', 'running')
      .where('locked_at', '<', now - lockTimeoutMs)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}
