import { randomUUID } from 'node:crypto';
import { coerceError, IntegrationError } from '../../errors.js';
import { sleep } from '../../util/sleep.js';
import { withLogFields } from '../../log.js';
import type { Logger } from '../../log.js';
import type { Job, JobId, QueueRunner, RunnerOptions } from '../queue.js';
import type { SqliteQueue } from './sqlite-queue.js';

/** What a job's log line says of its result: the `outcome` word a handler returns, never the rest. */
function outcomeOf(result: unknown): string | undefined {
  if (result === null || typeof result !== 'object' || !('outcome' in result)) return undefined;
  return typeof result.outcome === 'string' ? result.outcome : undefined;
}

/** A job this runner is running: its lease, as far as the runner knows. */
interface RunningJob {
  task: string;
  /** Settles when the run and its bookkeeping are over; never rejects. */
  done: Promise<void>;
  /** The handler returned: completing or failing the job may remove its lease at any moment. */
  settling: boolean;
  /** A heartbeat found the lease gone (logged once). */
  lost: boolean;
}

/**
 * The embedded queue's worker: claims up to `concurrency` jobs at once, refreshes their locks while
 * they run, takes back jobs of dead workers, records each finished job's outcome through
 * `onFinished` before the job leaves the queue, and records every failure as data (retry with
 * backoff, or a dead letter with the reason).
 *
 * Each claim is a lease (see SqliteQueue). A worker whose lease was lost, because the job was taken
 * back after its lock expired, discards what its handler produced: it records no outcome and neither
 * completes nor fails the job, which belongs to its new holder. When recording the end of a job
 * fails (the store busy or full), the worker logs it and goes on; the job stays running until its
 * lock expires and stale-lock recovery takes it back.
 */
export class SqliteRunner implements QueueRunner {
  readonly id = `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly #queue: SqliteQueue;
  readonly #o: RunnerOptions;
  readonly #running = new Map<JobId, RunningJob>();
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
    const { lockTimeoutMs } = this.#o;
    const beat = setInterval(() => void this.#heartbeat(), Math.max(250, Math.floor(lockTimeoutMs / 3)));
    const sweep = setInterval(() => void this.#recoverStale(), lockTimeoutMs);
    beat.unref();
    sweep.unref();
    this.#timers = [beat, sweep];
    this.#loop = this.#run();
  }

  notify(): void {
    this.#wake?.();
  }

  async #heartbeat(): Promise<void> {
    const { log } = this.#o;
    const ids = [...this.#running.keys()];
    try {
      const held = new Set(await this.#queue.heartbeat(this.id, ids));
      for (const id of ids) {
        const r = this.#running.get(id);
        if (held.has(id) || !r || r.settling || r.lost) continue;
        r.lost = true;
        log.warn({ jobId: id, task: r.task }, 'job lease lost while it runs: the job was taken back after its lock expired; its result will be discarded');
      }
    } catch (err) {
      log.warn({ err }, 'job heartbeat failed');
    }
  }

  async #recoverStale(): Promise<void> {
    const { log } = this.#o;
    try {
      const { requeued, dead } = await this.#queue.recoverStale(this.#o.lockTimeoutMs);
      if (requeued.length > 0) log.warn({ jobIds: requeued }, 'took back jobs whose worker stopped');
      if (dead.length > 0) log.error({ jobIds: dead }, 'dead-lettered jobs whose worker was lost on their last attempt: they may be killing their process');
    } catch (err) {
      log.warn({ err }, 'stale lock sweep failed');
    }
  }

  /** Tasks that already run as many jobs as `taskConcurrency` allows: not claimed now. */
  #tasksAtTheirLimit(): string[] {
    const limits = this.#o.taskConcurrency ?? {};
    const out: string[] = [];
    for (const [task, limit] of Object.entries(limits)) {
      let n = 0;
      for (const r of this.#running.values()) if (r.task === task) n++;
      if (n >= limit) out.push(task);
    }
    return out;
  }

  async #run(): Promise<void> {
    const { concurrency, pollIntervalMs, log } = this.#o;
    await this.#recoverStale();
    while (!this.#stopped) {
      let claimed = false;
      if (this.#running.size < concurrency) {
        try {
          const job = await this.#queue.claim(this.id, Date.now(), this.#tasksAtTheirLimit());
          if (job) {
            claimed = true;
            const r: RunningJob = { task: job.task, done: Promise.resolve(), settling: false, lost: false };
            this.#running.set(job.id, r);
            r.done = this.#track(job, r);
          }
        } catch (err) {
          log.error({ err }, 'claiming a job failed');
        }
      }
      if (!claimed && !this.#stopped) {
        // Every slot busy: a finishing job wakes the loop. Else nothing was claimable: wake when the
        // next delayed job falls due. A job due already but not claimed waits behind a running job
        // of its queue, whose end wakes the loop too; the poll interval bounds every wait (work
        // enqueued by another process).
        const now = Date.now();
        const next = this.#running.size < concurrency ? (await this.#queue.counts().catch(() => undefined))?.nextRunAt : undefined;
        const wait = next !== undefined && next > now ? Math.min(pollIntervalMs, next - now) : pollIntervalMs;
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

  /** Runs the job and then forgets it; whatever fails in between is logged, never thrown. */
  async #track(job: Job, r: RunningJob): Promise<void> {
    try {
      await this.#execute(job, r);
    } catch (err) {
      this.#o.log.error({ err, jobId: job.id, task: job.task }, 'running a job failed unexpectedly');
    } finally {
      // The same job may have been taken back and claimed again by this runner: forget only this run.
      if (this.#running.get(job.id) === r) this.#running.delete(job.id);
      this.notify();
    }
  }

  async #execute(job: Job, r: RunningJob): Promise<void> {
    const fields = { jobId: job.id, task: job.task, attempt: job.attempt, ...this.#o.logFields?.(job) };
    const log = this.#o.log.child(fields);
    const handler = this.#o.handlers[job.task];
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let result: unknown;
    let failure: IntegrationError | undefined;
    try {
      if (!handler) throw new IntegrationError('JOB_TASK_UNKNOWN', `no handler for task ${job.task}`);
      result = await withLogFields(fields, () => handler(job, { log, signal: this.#abort.signal }));
    } catch (raw) {
      // Aborted by stop() past its grace: released to run again, whatever the handler threw.
      failure = this.#abort.signal.aborted
        ? new IntegrationError('JOB_INTERRUPTED', 'the worker stopped before the job finished; it runs again', { cause: raw })
        : coerceError(raw);
    }
    r.settling = true;
    try {
      if (failure) await this.#failed(job, failure, log, ms);
      else await this.#finished(job, result, log, ms);
    } catch (err) {
      // The store or the queue could not record the end of the job (busy, disk full, …). The job
      // stays running under this worker's lock, which is no longer refreshed once this run is
      // forgotten: stale-lock recovery takes the job back and it runs again.
      log.error({ err, ms: ms() }, 'recording the end of the job failed: it stays running until its lock expires, then it is taken back');
    }
  }

  async #finished(job: Job, result: unknown, log: Logger, ms: () => number): Promise<void> {
    // The lease is checked just before the outcome is recorded, and the job is deleted only under
    // it: a worker that lost its lease records nothing and changes nothing. One window remains: the
    // job taken back between this check and the delete. Then this outcome is recorded, the delete
    // changes nothing, and the new holder records its own outcome later; outcomes are upserted by
    // job key, so the double record is harmless.
    if (!(await this.#queue.stillHeld(this.id, job))) {
      log.warn({ ms: ms() }, 'job lease lost: the job was taken back after its lock expired; result discarded, no outcome recorded');
      return;
    }
    await this.#o.onFinished({ job, result, finishedAt: Date.now() });
    if (!(await this.#queue.complete(this.id, job))) {
      log.warn({ ms: ms() }, 'job lease lost while its outcome was recorded: the job is left to the worker that took it back');
      return;
    }
    // The result itself stays out of the log: it can carry names (a workspace's, a step's text).
    // Its outcome is kept in the store by onFinished.
    log.debug({ ms: ms(), outcome: outcomeOf(result) }, 'job done');
  }

  async #failed(job: Job, err: IntegrationError, log: Logger, ms: () => number): Promise<void> {
    const facts = { code: err.code, kind: err.kind, retryable: err.retryable, ms: ms(), err: err.message };
    const hint = err.details.retryAfterMs;
    const status = await this.#queue.fail(
      this.id,
      job,
      `${err.code}: ${err.message}`,
      err.retryable,
      Date.now(),
      typeof hint === 'number' && Number.isFinite(hint) ? hint : 0,
    );
    if (status === 'lost') log.warn(facts, 'job lease lost: the job was taken back after its lock expired; failure discarded');
    else if (status === 'dead') log.error({ ...facts, status }, 'job failed: dead letter');
    else log.warn({ ...facts, status }, 'job failed: will retry');
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    this.notify();
    for (const t of this.#timers) clearInterval(t);
    await this.#loop;
    const all = Promise.allSettled([...this.#running.values()].map((r) => r.done));
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
