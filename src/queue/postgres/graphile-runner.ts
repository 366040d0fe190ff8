import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { run } from 'graphile-worker';
import type { Job as GraphileJob, JobHelpers, Runner, Task, TaskList, WorkerEvents, WorkerPool } from 'graphile-worker';
import { coerceError, IntegrationError } from '../../errors.js';
import { withLogFields } from '../../log.js';
import type { Logger } from '../../log.js';
import { backoffDelay } from '../../util/backoff.js';
import { sleep } from '../../util/sleep.js';
import type { Job, JobId, QueueRunner, RunnerOptions } from '../queue.js';
import { graphileLogger, taskFlag, WORKER_SCHEMA } from './graphile-queue.js';
import type { GraphileQueue } from './graphile-queue.js';

/** How often a runner collects graphile-worker's job queues that no job uses any more (one per workspace). */
const GC_INTERVAL_MS = 10 * 60_000;

/** What a job's log line says of its result: the `outcome` word a handler returns, never the rest. */
function outcomeOf(result: unknown): string | undefined {
  if (result === null || typeof result !== 'object' || !('outcome' in result)) return undefined;
  return typeof result.outcome === 'string' ? result.outcome : undefined;
}

/** Whether `p` settles within `ms`; the timer is cleared either way, so that it never keeps the process alive. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p.then(() => true),
      new Promise<boolean>((res) => {
        timer = setTimeout(() => res(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a job of this process failed, kept until graphile-worker has written the failure back. */
interface Failure {
  err: IntegrationError;
  ms: number;
  log: Logger;
}

/**
 * The worker on PostgreSQL: graphile-worker's `run()` (its worker pool, LISTEN/NOTIFY and named
 * queues) with the connector's rules on top, so that it behaves as the SQLite runner does:
 * - a finished job's outcome is recorded (`onFinished`) before graphile-worker deletes the job; when
 *   recording fails, the job fails and runs again;
 * - a failure is retried with the connector's backoff (the failed job is rescheduled once
 *   graphile-worker has unlocked it) or, when permanent, becomes a dead letter at once;
 * - a task capped by `taskConcurrency` is skipped (graphile-worker's forbidden flags) while this
 *   process runs as many of its jobs as allowed;
 * - each pool beats its heart in `connector_pools`; the jobs of a pool that stopped beating for
 *   `lockTimeoutMs` (its process died) are unlocked for the others, since graphile-worker would wait
 *   four hours; jobs of a task that no handler here knows become dead letters.
 */
export class GraphileRunner implements QueueRunner {
  readonly #queue: GraphileQueue;
  readonly #o: RunnerOptions;
  readonly #running = new Map<JobId, string>();
  readonly #failures = new Map<JobId, Failure>();
  /** Reschedules and dead-letterings in flight (after graphile-worker wrote a failure back). */
  readonly #after = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  readonly #process = `${hostname()}:${process.pid}`;
  #runner: Promise<Runner | undefined> | undefined;
  #pool: WorkerPool | undefined;
  #timers: NodeJS.Timeout[] = [];
  #stopped = false;
  #beaten = false;

  constructor(queue: GraphileQueue, opts: RunnerOptions) {
    this.#queue = queue;
    this.#o = opts;
  }

  start(): void {
    this.#runner = this.#start().catch((err: unknown) => {
      this.#o.log.error({ err }, 'the job runner could not start');
      return undefined;
    });
  }

  async #start(): Promise<Runner> {
    const { log, lockTimeoutMs, concurrency, pollIntervalMs, handlers } = this.#o;
    const events: WorkerEvents = new EventEmitter();
    events.on('pool:create', ({ workerPool }) => {
      this.#pool = workerPool;
      void this.#beat();
    });
    events.on('job:complete', ({ job, error }) => {
      if (error === null || error === undefined) return;
      const p = this.#afterFailure(job, error).finally(() => this.#after.delete(p));
      this.#after.add(p);
    });
    const taskList: TaskList = {};
    for (const name of Object.keys(handlers)) taskList[name] = this.#task(name);
    const runner = await run({
      pgPool: this.#queue.pool,
      schema: WORKER_SCHEMA,
      taskList,
      concurrency,
      pollInterval: pollIntervalMs,
      noHandleSignals: true,
      logger: graphileLogger(log),
      events,
      forbiddenFlags: () => this.#tasksAtTheirLimit(),
      // Every job asks for its queue's name (Job.queueName), and the connector's queues are one per
      // resource and workspace, so most names are new: graphile-worker's default batches these
      // look-ups over a 50 ms window, which every such job spent holding its slot, idle.
      preset: { worker: { getQueueNameBatchDelay: 0 } },
    });
    const beat = setInterval(() => void this.#beat(), Math.max(250, Math.floor(lockTimeoutMs / 3)));
    const sweep = setInterval(() => void this.#sweep(), lockTimeoutMs);
    const gc = setInterval(() => void this.#collectQueues(), GC_INTERVAL_MS);
    for (const t of [beat, sweep, gc]) t.unref();
    this.#timers = [beat, sweep, gc];
    void this.#sweep();
    return runner;
  }

  #task(name: string): Task {
    return async (payload: unknown, helpers: JobHelpers) => {
      const g = helpers.job;
      const job: Job = {
        id: String(g.id),
        task: name,
        jobKey: g.key ?? '',
        queueName: (await helpers.getQueueName()) ?? '',
        payload,
        attempt: g.attempts,
        maxAttempts: g.max_attempts,
      };
      const fields = { jobId: job.id, task: job.task, attempt: job.attempt, ...this.#o.logFields?.(job) };
      const log = this.#o.log.child(fields);
      const handler = this.#o.handlers[name];
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      this.#running.set(job.id, name);
      try {
        if (!handler) throw new IntegrationError('JOB_TASK_UNKNOWN', `no handler for task ${name}`);
        let result: unknown;
        try {
          result = await withLogFields(fields, () => handler(job, { log, signal: AbortSignal.any([helpers.abortSignal, this.#abort.signal]) }));
        } catch (raw) {
          // Aborted by stop() past its grace: released to run again, whatever the handler threw.
          if (this.#abort.signal.aborted || helpers.abortSignal.aborted)
            throw new IntegrationError('JOB_INTERRUPTED', 'the worker stopped before the job finished; it runs again', { cause: raw });
          throw coerceError(raw);
        }
        try {
          await this.#o.onFinished({ job, result, finishedAt: Date.now() });
        } catch (raw) {
          // The job ran but its outcome is not recorded: it runs again (its handlers are idempotent).
          const cause = coerceError(raw);
          throw new IntegrationError('STORE_UNAVAILABLE', `recording the job's outcome failed (${cause.code}: ${cause.message}); it runs again`, {
            cause: raw,
          });
        }
        // The result itself stays out of the log: it can carry names. Its outcome is in the store.
        log.debug({ ms: ms(), outcome: outcomeOf(result) }, 'job done');
      } catch (raw) {
        const err = coerceError(raw);
        this.#failures.set(job.id, { err, ms: ms(), log });
        // graphile-worker records this message as the job's last error: the dead letter's reason.
        throw new Error(`${err.code}: ${err.message}`, { cause: raw });
      } finally {
        this.#running.delete(job.id);
      }
    };
  }

  /** graphile-worker wrote a failure back (the job unlocked): retry with the connector's backoff, or bury it. */
  async #afterFailure(job: GraphileJob, error: unknown): Promise<void> {
    const id = String(job.id);
    const f = this.#failures.get(id);
    this.#failures.delete(id);
    // No failure of ours: graphile-worker released the job itself (a forced shutdown).
    const err = f?.err ?? coerceError(error);
    const log =
      f?.log ??
      this.#o.log.child({
        jobId: id,
        task: job.task_identifier,
        attempt: job.attempts,
        ...this.#o.logFields?.({ task: job.task_identifier, payload: job.payload }),
      });
    const facts = { code: err.code, kind: err.kind, retryable: err.retryable, ms: f?.ms, err: err.message };
    try {
      if (!err.retryable) {
        await this.#onceUnlocked(() => this.#queue.markDead(id, job.attempts));
        log.error({ ...facts, status: 'dead' }, 'job failed: dead letter');
      } else if (job.attempts >= job.max_attempts) {
        log.error({ ...facts, status: 'dead' }, 'job failed: dead letter');
      } else {
        // The failure may say when trying again makes sense (Retry-After, a circuit's cool-down).
        const hint = err.details.retryAfterMs;
        const min = typeof hint === 'number' && Number.isFinite(hint) ? hint : 0;
        const delay =
          f === undefined
            ? 0
            : Math.max(min, backoffDelay(job.attempts, this.#queue.opts.backoffBaseMs, this.#queue.opts.backoffMaxMs, this.#queue.opts.random));
        const at = Date.now() + delay;
        await this.#onceUnlocked(() => this.#queue.rescheduleAt(id, at));
        log.warn({ ...facts, status: 'queued' }, 'job failed: will retry');
      }
    } catch (e) {
      // graphile-worker's own backoff (e^attempts seconds) stands; a permanent failure runs again and fails again.
      log.warn({ ...facts, failure: coerceError(e).message }, 'rescheduling a failed job failed: graphile-worker retries it on its own schedule');
    }
  }

  /**
   * graphile-worker writes a failure back in batches, after its `job:complete` event: until then the
   * job is still locked and cannot be rescheduled. Tries again for a while (a few ms as a rule).
   */
  async #onceUnlocked(change: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 10_000;
    while (!(await change())) {
      if (Date.now() > until) throw new Error('the failed job is still locked');
      await sleep(10);
    }
  }

  /** Flags of the tasks that already run as many jobs here as `taskConcurrency` allows: not fetched now. */
  #tasksAtTheirLimit(): string[] {
    const limits = this.#o.taskConcurrency ?? {};
    const out: string[] = [];
    for (const [task, limit] of Object.entries(limits)) {
      let n = 0;
      for (const t of this.#running.values()) if (t === task) n++;
      if (n >= limit) out.push(taskFlag(task));
    }
    return out;
  }

  async #beat(): Promise<void> {
    const id = this.#pool?.id;
    if (!id || this.#stopped) return;
    try {
      const first = !this.#beaten;
      this.#beaten = true;
      if (!(await this.#queue.beat(id, this.#process, first)))
        this.#o.log.error(
          { pool: id, running: [...this.#running.keys()], lockTimeoutMs: this.#o.lockTimeoutMs },
          'this worker was not heard from for queue.lockTimeoutMs and was taken for dead: its running jobs were released to other workers and may run twice (a stalled process or an overloaded database; raise queue.lockTimeoutMs)',
        );
    } catch (err) {
      this.#o.log.warn({ err }, 'job runner heartbeat failed');
    }
  }

  async #sweep(): Promise<void> {
    const { log, lockTimeoutMs, handlers } = this.#o;
    try {
      const { pools, requeued, dead } = await this.#queue.recoverStale(lockTimeoutMs);
      if (pools.length > 0) log.warn({ pools, jobIds: requeued }, 'took back jobs whose worker stopped');
      if (dead.length > 0) log.error({ jobIds: dead }, 'dead-lettered jobs whose worker was lost on their last attempt: they may be killing their process');
      const unknown = await this.#queue.buryUnknownTasks(Object.keys(handlers));
      for (const u of unknown) log.error({ jobId: u.id, task: u.task, code: 'JOB_TASK_UNKNOWN' }, 'job failed: dead letter (no handler for its task)');
    } catch (err) {
      log.warn({ err }, 'stale lock sweep failed');
    }
  }

  async #collectQueues(): Promise<void> {
    try {
      await (await this.#queue.utils()).cleanup({ tasks: ['GC_JOB_QUEUES'] });
    } catch (err) {
      this.#o.log.warn({ err }, 'collecting unused job queues failed');
    }
  }

  notify(): void {
    this.#pool?.nudge(1);
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    for (const t of this.#timers) clearInterval(t);
    const runner = await this.#runner;
    if (!runner) return;
    const stopping = runner.stop('the connector is stopping').then(
      () => true,
      (err: unknown) => {
        this.#o.log.warn({ err }, 'the job runner stopped with errors');
        return true;
      },
    );
    // Running jobs get `graceMs` to finish; then they are aborted, and graphile-worker releases
    // (fails) what still runs so that another worker takes it.
    let finished = await within(stopping, graceMs);
    if (!finished) {
      this.#abort.abort();
      finished = await within(stopping, 2_000);
      if (!finished) await runner.kill('the connector stopped before its jobs finished').catch(() => undefined);
    }
    await Promise.allSettled([...this.#after]);
    const id = this.#pool?.id;
    if (id) await this.#queue.forgetPool(id).catch(() => undefined);
  }

  async drained(opts: { timeoutMs?: number; includeDelayed?: boolean } = {}): Promise<boolean> {
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      const c = await this.#queue.counts();
      const dueQueued = c.queued > 0 && (opts.includeDelayed === true || (c.nextRunAt !== undefined && c.nextRunAt <= Date.now()));
      if (c.running === 0 && !dueQueued && this.#running.size === 0 && this.#after.size === 0) return true;
      await sleep(50);
    }
    return false;
  }
}
