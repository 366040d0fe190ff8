import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Generated, Kysely, Selectable, SqlBool } from 'kysely';
import { backoffDelay } from '../../util/backoff.js';
import type { DeadLetter, Enqueued, Job, JobId, JobQueue, JobSpec, QueueCounts, QueueHousekeeping, TransactionalEnqueue } from '../queue.js';

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

/** What names a lease: the job and the attempt it was claimed for (the worker is named beside it). */
export type JobLease = Pick<Job, 'id' | 'attempt'>;

/** SQL over a jobs row: its attempts are spent. */
const SPENT = sql<SqlBool>`attempts >= max_attempts`;
/** SQL: the reason of a job dead-lettered at claim (a row left queued with its attempts spent). */
const SPENT_AT_CLAIM = sql<string>`'attempts spent (' || attempts || ' of ' || max_attempts || ')' || coalesce('; last error: ' || last_error, '')`;
/** SQL: the reason of a job dead-lettered at stale-lock recovery, its worker lost on its last attempt. */
const SPENT_AT_RECOVERY = sql<string>`'worker lost (lock expired) after ' || attempts || ' attempts: the job may be killing its process'`;

/** The row `workerId` holds for the attempt it claimed: running, locked by it, at that attempt. */
const heldBy =
  (workerId: string, job: JobLease) =>
  (eb: ExpressionBuilder<QueueSchema, 'jobs'>): Expression<SqlBool> =>
    eb.and([eb('id', '=', rowId(job.id)), eb('status', '=', 'running'), eb('locked_by', '=', workerId), eb('attempts', '=', job.attempt)]);

/**
 * The job queue on the connector's own SQLite file, with graphile-worker's semantics: job keys,
 * queue names that serialise, backoff with jitter, max attempts, dead letters with their reason,
 * stale-lock recovery. Finished jobs are deleted (their outcome lives in the Store). Claiming is a
 * single UPDATE … RETURNING guarded by the row's status, so two claimers never take the same job.
 */
export class SqliteQueue implements JobQueue, TransactionalEnqueue<Kysely<QueueSchema>>, QueueHousekeeping<Kysely<QueueSchema>> {
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

  async payloadNumbersIn(db: Kysely<QueueSchema>, field: string): Promise<number[]> {
    const path = `$.${field}`;
    const rows = await sql<{ v: unknown }>`select distinct json_extract(payload, ${path}) as v from jobs
      where json_valid(payload) and json_type(payload, ${path}) = 'integer'`.execute(db);
    return rows.rows.map((r) => Number(r.v)).filter((n) => Number.isSafeInteger(n));
  }

  async removeWaitingIn(db: Kysely<QueueSchema>, prefix: string): Promise<number> {
    const r = await db
      .deleteFrom('jobs')
      .where('status', '!=', 'running')
      .where(sql<string>`substr(queue_name, 1, ${prefix.length})`, '=', prefix)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
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

  async counts(now = Date.now()): Promise<QueueCounts> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select([
        'status',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.min<number>('run_at').as('next'),
        sql<number | null>`min(case when run_at <= ${now} then run_at end)`.as('due'),
      ])
      .groupBy('status')
      .execute();
    const c: QueueCounts = { queued: 0, running: 0, dead: 0, nextRunAt: undefined, oldestDueAt: undefined };
    for (const r of rows) {
      c[r.status] = Number(r.n);
      if (r.status === 'queued') {
        c.nextRunAt = Number(r.next);
        c.oldestDueAt = r.due === null ? undefined : Number(r.due);
      }
    }
    return c;
  }

  // The runner's side (sqlite-runner.ts); an engine such as graphile-worker does these itself.
  //
  // Leases. A claimed job is leased to one worker for one attempt: status `running`, `locked_by` the
  // worker, `attempts` the attempt it was claimed for. Stale-lock recovery can take a job back from a
  // worker that seems dead (its lock expired) and another worker, or the same one, can claim it
  // again. So every call that ends or refreshes a job names its lease, changes the row only while
  // the lease is still held, and reports whether it was.

  /**
   * Takes the oldest runnable job whose queue is not busy and leases it to `workerId`. A job whose
   * attempts are already spent is never claimed: it becomes a dead letter (and its queue moves on).
   */
  async claim(workerId: string, now = Date.now(), skipTasks: readonly string[] = []): Promise<Job | undefined> {
    for (;;) {
      const row = await this.#claimOrBury(workerId, now, skipTasks);
      if (!row) return undefined;
      if (row.status === 'running') return toJob(row);
    }
  }

  /**
   * One statement, so two claimers never take the same job: the candidate is leased, or, when its
   * attempts are spent, made a dead letter (then claim() tries the next candidate).
   */
  async #claimOrBury(workerId: string, now: number, skipTasks: readonly string[]): Promise<Row | undefined> {
    return this.#db
      .updateTable('jobs')
      .set({
        status: sql<JobStatus>`case when ${SPENT} then 'dead' else 'running' end`,
        attempts: sql<number>`case when ${SPENT} then attempts else attempts + 1 end`,
        locked_at: sql<number | null>`case when ${SPENT} then null else ${now} end`,
        locked_by: sql<string | null>`case when ${SPENT} then null else ${workerId} end`,
        last_error: sql<string | null>`case when ${SPENT} then ${SPENT_AT_CLAIM} else last_error end`,
        updated_at: now,
      })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs as j')
          .select('j.id')
          .where('j.status', '=', 'queued')
          .where('j.run_at', '<=', now)
          .$if(skipTasks.length > 0, (q) => q.where('j.task', 'not in', [...skipTasks]))
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
  }

  /** Refreshes the locks of the worker's running jobs; returns the ids whose lease the worker still holds. */
  async heartbeat(workerId: string, ids: JobId[], now = Date.now()): Promise<JobId[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .updateTable('jobs')
      .set({ locked_at: now })
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .where('id', 'in', ids.map(rowId))
      .returning('id')
      .execute();
    return rows.map((r) => String(r.id));
  }

  /** Whether `workerId` still holds the lease it was given when it claimed `job` (that attempt). */
  async stillHeld(workerId: string, job: JobLease): Promise<boolean> {
    const row = await this.#db.selectFrom('jobs').select('id').where(heldBy(workerId, job)).executeTakeFirst();
    return row !== undefined;
  }

  /** A finished job leaves the queue (its outcome was recorded in the Store first). false: the lease was lost, nothing changed. */
  async complete(workerId: string, job: JobLease): Promise<boolean> {
    const res = await this.#db.deleteFrom('jobs').where(heldBy(workerId, job)).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /**
   * Records the failure: retried later with backoff when `retryable` and attempts remain, else a
   * dead letter. `'lost'`: the worker no longer held the lease, nothing changed.
   */
  async fail(workerId: string, job: JobLease, error: string, retryable: boolean, now = Date.now(), minDelayMs = 0): Promise<'queued' | 'dead' | 'lost'> {
    const row = await this.#db.selectFrom('jobs').select(['attempts', 'max_attempts']).where(heldBy(workerId, job)).executeTakeFirst();
    if (!row) return 'lost';
    const dead = !retryable || row.attempts >= row.max_attempts;
    const status = dead ? 'dead' : 'queued';
    // The failure may say when trying again makes sense (Retry-After, a circuit's cool-down).
    const runAt = dead ? now : now + Math.max(minDelayMs, backoffDelay(row.attempts, this.#opts.backoffBaseMs, this.#opts.backoffMaxMs, this.#opts.random));
    const res = await this.#db
      .updateTable('jobs')
      .set({ status, run_at: runAt, locked_at: null, locked_by: null, last_error: error.slice(0, 4000), updated_at: now })
      .where(heldBy(workerId, job))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? status : 'lost';
  }

  /**
   * Takes back running jobs whose lock is older than `lockTimeoutMs` (their worker died or stalled):
   * back to queued, or a dead letter when their attempts are spent, since a job that keeps killing
   * its process would otherwise be retried forever.
   */
  async recoverStale(lockTimeoutMs: number, now = Date.now()): Promise<{ requeued: JobId[]; dead: JobId[] }> {
    const rows = await this.#db
      .updateTable('jobs')
      .set({
        status: sql<JobStatus>`case when ${SPENT} then 'dead' else 'queued' end`,
        last_error: sql<string>`case when ${SPENT} then ${SPENT_AT_RECOVERY} else 'worker lost (lock expired); retried' end`,
        locked_at: null,
        locked_by: null,
        run_at: now,
        updated_at: now,
      })
      .where('status', '=', 'running')
      .where('locked_at', '<', now - lockTimeoutMs)
      .returning(['id', 'status'])
      .execute();
    const ids = (status: JobStatus) => rows.filter((r) => r.status === status).map((r) => String(r.id));
    return { requeued: ids('queued'), dead: ids('dead') };
  }
}
