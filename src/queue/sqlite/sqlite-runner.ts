import { randomUUID } from 'node:crypto';
import { coerceError, IntegrationError } from '../../errors.js';
import { sleep } from '../../util/sleep.js';
import type { Job, JobId, QueueRunner, RunnerOptions } from '../queue.js';
import type { SqliteQueue } from './sqlite-queue.js';

/**
 * The embedded queue's worker: claims up to `concurrency` jobs at once, refreshes their locks while
 * they run, takes back jobs of dead workers, records each finished job's outcome through
 * `onFinished` before the job leaves the queue, and records every failure as data (retry with
 * backoff, or a dead letter with the reason).
 */
export class SqliteRunner implements QueueRunner {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly #queue: SqliteQueue;
  readonly #o: RunnerOptions;
  readonly #running = new Map<JobId, Promise<void>>();
  readonly #abort = new AbortController();
  #stopped = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #timers: NodeJS.Timeout[] = [];

  constructor(queue: SqliteQueue, opts: RunnerOptions) {
    this.#queue = queue;
    this.#o = opts;
  }

  start(): void {
    const { lockTimeoutMs, log } = this.#o;
    const beat = setInterval(
      () => {
        this.#queue.heartbeat(this.id, [...this.#running.keys()]).catch((err: unknown) => log.warn({ err }, 'job heartbeat failed'));
      },
      Math.max(250, Math.floor(lockTimeoutMs / 3)),
    );
    const sweep = setInterval(() => {
      this.#queue
        .recoverStale(lockTimeoutMs)
        .then((n) => n > 0 && log.warn({ jobs: n }, 'took back jobs whose worker stopped'))
        .catch((err: unknown) => log.warn({ err }, 'stale lock sweep failed'));
    }, lockTimeoutMs);
    beat.unref();
    sweep.unref();
    this.#timers = [beat, sweep];
    this.#loop = this.#run();
  }

  notify(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    const { concurrency, pollIntervalMs, log } = this.#o;
    await this.#queue.recoverStale(this.#o.lockTimeoutMs).catch((err: unknown) => log.warn({ err }, 'stale lock sweep failed'));
    while (!this.#stopped) {
      let claimed = false;
      if (this.#running.size < concurrency) {
        try {
          const job = await this.#queue.claim(this.id);
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
        const next = (await this.#queue.counts().catch(() => undefined))?.nextRunAt;
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
    const log = this.#o.log.child({ jobId: job.id, task: job.task, attempt: job.attempt });
    const handler = this.#o.handlers[job.task];
    const started = performance.now();
    try {
      if (!handler) throw new IntegrationError('JOB_TASK_UNKNOWN', `no handler for task ${job.task}`);
      const result = await handler(job, { log, signal: this.#abort.signal });
      await this.#o.onFinished({ job, result, finishedAt: Date.now() });
      await this.#queue.complete(job.id);
      log.debug({ ms: Math.round(performance.now() - started), result }, 'job done');
    } catch (raw) {
      const err = coerceError(raw);
      const message = `${err.code}: ${err.message}`;
      const status = await this.#queue.fail(job.id, message, err.retryable);
      const level = status === 'dead' ? 'error' : 'warn';
      log[level](
        { code: err.code, kind: err.kind, retryable: err.retryable, status, ms: Math.round(performance.now() - started), err: err.message },
        status === 'dead' ? 'job failed: dead letter' : 'job failed: will retry',
      );
    }
  }

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

  async drained(opts: { timeoutMs?: number; includeDelayed?: boolean } = {}): Promise<boolean> {
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      const c = await this.#queue.counts();
      const dueQueued = c.queued > 0 && (opts.includeDelayed === true || (c.nextRunAt !== undefined && c.nextRunAt <= Date.now()));
      if (c.running === 0 && !dueQueued && this.#running.size === 0) return true;
      await sleep(50);
    }
    return false;
  }
}
