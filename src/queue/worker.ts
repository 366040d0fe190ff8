import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import { coerceError, ERROR_CODES, IntegrationError } from '../errors.js';
import type { Job, Queue } from './queue.js';

/** A task handler; what it returns is stored as the job's result (its outcome). */
export type TaskHandler = (job: Job, ctx: { log: Logger; signal: AbortSignal }) => Promise<unknown>;

export interface WorkerOptions {
  queue: Queue;
  handlers: Record<string, TaskHandler>;
  log: Logger;
  /** Jobs at once. */
  concurrency: number;
  pollIntervalMs: number;
  lockTimeoutMs: number;
}

/**
 * Runs jobs until stopped: claims up to `concurrency` at once, refreshes their locks while they run,
 * takes back jobs of dead workers, and records every failure as data (retry with backoff, or dead
 * letter with the reason).
 */
export class Worker {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly #o: WorkerOptions;
  readonly #running = new Map<number, Promise<void>>();
  readonly #abort = new AbortController();
  #stopped = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #timers: NodeJS.Timeout[] = [];

  constructor(opts: WorkerOptions) {
    this.#o = opts;
  }

  start(): void {
    const { queue, lockTimeoutMs, log } = this.#o;
    const beat = setInterval(() => {
      queue.heartbeat(this.id, [...this.#running.keys()]).catch((err: unknown) => log.warn({ err }, 'job heartbeat failed'));
    }, Math.max(250, Math.floor(lockTimeoutMs / 3)));
    const sweep = setInterval(() => {
      queue
        .recoverStale(lockTimeoutMs)
        .then((n) => n > 0 && log.warn({ jobs: n }, 'took back jobs whose worker stopped'))
        .catch((err: unknown) => log.warn({ err }, 'stale lock sweep failed'));
    }, lockTimeoutMs);
    beat.unref();
    sweep.unref();
    this.#timers = [beat, sweep];
    this.#loop = this.#run();
  }

  /** New work may be available (the webhook route calls this after enqueueing). */
  notify(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    const { queue, concurrency, pollIntervalMs, log } = this.#o;
    await queue.recoverStale(this.#o.lockTimeoutMs).catch((err: unknown) => log.warn({ err }, 'stale lock sweep failed'));
    while (!this.#stopped) {
      let claimed = false;
      if (this.#running.size < concurrency) {
        try {
          const job = await queue.claim(this.id);
          if (job) {
            claimed = true;
            const p = this.#execute(job).finally(() => {
              this.#running.delete(job.id);
              this.notify();
            });
            this.#running.set(job.id, p);
          }
        } catch (err) {
          log.error({ err }, 'claiming a job failed');
        }
      }
      if (!claimed && !this.#stopped) {
        const next = await queue.nextRunAt().catch(() => undefined);
        const wait = next === undefined ? pollIntervalMs : Math.min(pollIntervalMs, Math.max(0, next - Date.now()));
        await new Promise<void>((res) => {
          const t = setTimeout(res, wait);
          this.#wake = () => {
            clearTimeout(t);
            res();
          };
        });
        this.#wake = undefined;
      }
    }
  }

  async #execute(job: Job): Promise<void> {
    const log = this.#o.log.child({ jobId: job.id, task: job.task, attempt: job.attempts });
    const handler = this.#o.handlers[job.task];
    const started = performance.now();
    try {
      if (!handler) {
        throw new IntegrationError(`no handler for task ${job.task}`, { code: ERROR_CODES.JOB_TASK_UNKNOWN, kind: 'unexpected', retryable: false });
      }
      const result = await handler(job, { log, signal: this.#abort.signal });
      await this.#o.queue.complete(job.id, result);
      log.debug({ ms: Math.round(performance.now() - started), result }, 'job done');
    } catch (raw) {
      const err = coerceError(raw);
      const message = `${err.code}: ${err.message}`;
      const status = await this.#o.queue.fail(job.id, message, err.retryable);
      const level = status === 'dead' ? 'error' : 'warn';
      log[level]({ code: err.code, kind: err.kind, retryable: err.retryable, status, ms: Math.round(performance.now() - started), err: err.message }, status === 'dead' ? 'job failed: dead letter' : 'job failed: will retry');
    }
  }

  /** Stops claiming; waits for running jobs to finish (or until `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    this.notify();
    for (const t of this.#timers) clearInterval(t);
    await this.#loop;
    const all = Promise.allSettled([...this.#running.values()]);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((res) => {
        timer = setTimeout(() => res(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) this.#abort.abort();
  }

  /** Resolves when nothing is queued-and-due or running (demo and tests). */
  async drained(opts: { timeoutMs?: number; includeDelayed?: boolean } = {}): Promise<boolean> {
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      const s = await this.#o.queue.stats();
      const next = await this.#o.queue.nextRunAt();
      const dueQueued = s.queued > 0 && (opts.includeDelayed || (next !== undefined && next <= Date.now()));
      if (s.running === 0 && !dueQueued && this.#running.size === 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }
}
