import type { LogFields, Logger } from '../log.js';

/**
 * The job queue, split the way an established engine (graphile-worker, pg-boss) divides it:
 * producers enqueue, read dead letters and retry them; a runner claims and runs jobs. Finished jobs
 * are the engine's business (graphile-worker deletes them, pg-boss archives them): a job's outcome is
 * recorded in the Store, never read back from the queue. See docs/decisions/0007-queue-interface.md.
 */

/** A job's id as its engine assigns it: text, since engines differ (bigint, uuid, rowid). */
export type JobId = string;

/** A job to enqueue (graphile-worker's TaskSpec, reduced to what the connector uses). */
export interface JobSpec {
  task: string;
  payload: unknown;
  /** Dedupe: a job whose key was enqueued before is not added again. */
  jobKey: string;
  /** Serialises work: jobs sharing a queue name run one at a time, in the order they were added. */
  queueName: string;
  /** epoch ms (Default: now) */
  runAt?: number;
  /** (Default: queue.maxAttempts from the configuration) */
  maxAttempts?: number;
}

export interface Enqueued {
  id: JobId;
  /** true when a job with the same key already existed (nothing was added). */
  duplicate: boolean;
}

/** A job as its handler receives it. */
export interface Job {
  id: JobId;
  task: string;
  jobKey: string;
  queueName: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** A job that will not run again by itself: its error was permanent or its attempts are spent. */
export interface DeadLetter {
  id: JobId;
  task: string;
  jobKey: string;
  queueName: string;
  payload: unknown;
  attempts: number;
  /** `CODE: message` of the last failure, for a person to act on. */
  reason: string;
  /** epoch ms */
  failedAt: number;
}

export interface QueueCounts {
  /** Waiting to run, due now or later. */
  queued: number;
  running: number;
  dead: number;
  /** Soonest run time among queued jobs (epoch ms). */
  nextRunAt: number | undefined;
  /**
   * The run time (epoch ms) of the oldest queued job that is due (its run time passed), whether or not
   * it waits behind a running job of its queue: now minus this is the queue's lag. undefined: none due.
   */
  oldestDueAt: number | undefined;
}

/**
 * What producers need. Intake and sync enqueue through the Store, inside the transaction that
 * records the delivery (see TransactionalEnqueue); follow-up work and replays use `enqueue`.
 */
export interface JobQueue {
  enqueue(jobs: JobSpec[]): Promise<Enqueued[]>;
  deadLetters(opts?: { limit?: number }): Promise<DeadLetter[]>;
  /** Dead letters (all, or those named) back to the queue with fresh attempts. Returns how many. */
  retry(ids?: JobId[]): Promise<number>;
  counts(): Promise<QueueCounts>;
}

/**
 * The engine's side of "enqueue inside the caller's store transaction": the store backend calls this
 * with its own transaction handle (SQLite: the Kysely transaction; graphile-worker:
 * `graphile_worker.add_job()` on the same client; pg-boss: `send()` with that client as `db`).
 */
export interface TransactionalEnqueue<Tx> {
  enqueueIn(tx: Tx, jobs: JobSpec[], now: number): Promise<Enqueued[]>;
}

/**
 * The engine's side of the store's housekeeping, on the store's transaction: which stored records the
 * jobs it still holds will read (so `Store.purge` keeps them), and dropping a shop's waiting jobs
 * (`Store.redactShop`). graphile-worker: `payload->>field` over `graphile_worker.jobs`, and a delete
 * by `queue_name`; pg-boss: the same over its job table.
 */
export interface QueueHousekeeping<Tx> {
  /** The numbers in payload field `field` of every job not finished (queued, running or dead). */
  payloadNumbersIn(tx: Tx, field: string): Promise<number[]>;
  /** Removes the jobs not running whose queue name starts with `prefix`; returns how many. */
  removeWaitingIn(tx: Tx, prefix: string): Promise<number>;
}

/** What a finished job produced; the runner hands it to the Store (`recordOutcome`). */
export interface FinishedJob {
  job: Job;
  result: unknown;
  finishedAt: number;
}

/** A task handler; what it returns is recorded as the job's outcome. */
export type TaskHandler = (job: Job, ctx: { log: Logger; signal: AbortSignal }) => Promise<unknown>;

export interface RunnerOptions {
  handlers: Readonly<Record<string, TaskHandler>>;
  log: Logger;
  /** Jobs at once in this process. */
  concurrency: number;
  /**
   * Most jobs of one task at once in this process (e.g. follow-ups that call the Admin API), so that
   * one failing dependency can never hold every slot. Tasks not named share `concurrency`.
   */
  taskConcurrency?: Readonly<Record<string, number>>;
  pollIntervalMs: number;
  /** A running job whose worker has not been heard from for this long is taken back. */
  lockTimeoutMs: number;
  /** Records a finished job's outcome (Store.recordOutcome) before the engine forgets the job. */
  onFinished: (f: FinishedJob) => Promise<void>;
  /**
   * Ids a job's log lines carry besides its id, task and attempt (those its payload names: the
   * stored change's, the delivery's); never the payload's contents. Every line written while the
   * handler runs carries them, the clients' too (`withLogFields`).
   */
  logFields?: (job: Pick<Job, 'task' | 'payload'>) => LogFields;
}

/** Runs jobs until stopped (the engine's worker: the SQLite poller here, graphile-worker's `run()` on PostgreSQL). */
export interface QueueRunner {
  start(): void;
  /** New work may be available (the webhook route calls this after enqueueing). */
  notify(): void;
  /** Stops claiming; waits for running jobs (up to `graceMs`), then aborts them. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves true when nothing is due or running (demo and tests); `includeDelayed` waits for retries too. */
  drained(opts?: { timeoutMs?: number; includeDelayed?: boolean }): Promise<boolean>;
}
