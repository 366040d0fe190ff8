import type { JobStatus } from '../store/types.js';

/** A job to enqueue (graphile-worker's TaskSpec, reduced to what we use). */
export interface NewJob {
  task: string;
  payload: unknown;
  /** Dedupe: a second job with the same key is not added. */
  jobKey?: string;
  /** Serialises work: jobs sharing a queue name never run concurrently. */
  queueName?: string;
  /** epoch ms (Default: now) */
  runAt?: number;
  /** (Default: queue.maxAttempts from the configuration) */
  maxAttempts?: number;
}

export interface Job {
  id: number;
  task: string;
  queueName: string | null;
  jobKey: string | null;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  lastError: string | null;
  result: unknown;
}

export interface QueueStats {
  queued: number;
  running: number;
  done: number;
  dead: number;
}

export interface Queue {
  add(job: NewJob): Promise<{ id: number; duplicate: boolean }>;
  /** Takes the next runnable job (its queue name not busy) and marks it running under `workerId`. */
  claim(workerId: string, now?: number): Promise<Job | undefined>;
  /** Refreshes the lock of the worker's running jobs. */
  heartbeat(workerId: string, jobIds: number[], now?: number): Promise<void>;
  complete(id: number, result: unknown): Promise<void>;
  /** Records the failure; retries later with backoff when `retryable` and attempts remain, else dead letter. */
  fail(id: number, error: string, retryable: boolean, now?: number): Promise<JobStatus>;
  /** Running jobs whose lock is older than `lockTimeoutMs` go back to queued (their worker died). */
  recoverStale(lockTimeoutMs: number, now?: number): Promise<number>;
  /** Dead letters (or one job) back to queued with fresh attempts. */
  retry(ids?: number[]): Promise<number>;
  stats(): Promise<QueueStats>;
  list(filter: { status?: JobStatus; task?: string; limit?: number }): Promise<Job[]>;
  /** Soonest run_at among queued jobs, to sleep exactly as long as needed. */
  nextRunAt(): Promise<number | undefined>;
}
