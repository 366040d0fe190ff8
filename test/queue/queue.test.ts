import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { FinishedJob, Job, QueueRunner, RunnerOptions, TaskHandler } from '../../src/queue/queue.js';
import type { Backend } from '../../src/store/index.js';
import { BACKENDS, openTestBackend } from '../helpers/backends.js';

/**
 * Queue conformance, through the interfaces only (JobQueue for producers, QueueRunner for workers):
 * what any engine behind them must do. Runs against every backend in BACKENDS.
 */
describe.each(BACKENDS)('queue conformance (%s)', (kind) => {
  let b: Backend & { cleanup: () => Promise<void> };
  let runner: QueueRunner | undefined;
  const finished: FinishedJob[] = [];

  beforeEach(async () => {
    b = await openTestBackend(kind, { maxAttempts: 3, backoffBaseMs: 20, backoffMaxMs: 40 });
    finished.length = 0;
  });
  afterEach(async () => {
    await runner?.stop(1000);
    runner = undefined;
    await b.cleanup();
  });

  const run = (handlers: Record<string, TaskHandler>, concurrency = 4, opts: Partial<RunnerOptions> = {}) => {
    runner = b.runner({
      handlers,
      log: silentLogger,
      concurrency,
      pollIntervalMs: 20,
      lockTimeoutMs: 10_000,
      onFinished: async (f) => {
        finished.push(f);
        await b.store.recordOutcome(f);
      },
      ...opts,
    });
    runner.start();
    return runner;
  };

  it('dedupes by job key', async () => {
    const [a] = await b.queue.enqueue([{ task: 't', payload: { n: 1 }, jobKey: 'k1', queueName: 'q' }]);
    const [c] = await b.queue.enqueue([{ task: 't', payload: { n: 2 }, jobKey: 'k1', queueName: 'q' }]);
    expect(c).toEqual({ id: a?.id, duplicate: true });
    expect((await b.queue.counts()).queued).toBe(1);
  });

  it('counts jobs by state, with the run time of the oldest due job (the queue lag) and of the next one', async () => {
    expect(await b.queue.counts()).toEqual({ queued: 0, running: 0, dead: 0, nextRunAt: undefined, oldestDueAt: undefined });
    const now = Date.now();
    // Only a job not yet due: no lag.
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'later', queueName: 'q3', runAt: now + 3_600_000 }]);
    expect(await b.queue.counts()).toMatchObject({ queued: 1, oldestDueAt: undefined, nextRunAt: expect.any(Number) });
    await b.queue.enqueue([
      { task: 't', payload: null, jobKey: 'due-old', queueName: 'q1', runAt: now - 60_000 },
      { task: 't', payload: null, jobKey: 'due-new', queueName: 'q2', runAt: now - 5_000 },
    ]);
    const c = await b.queue.counts();
    expect(c).toMatchObject({ queued: 3, running: 0, dead: 0 });
    // Epoch ms through each engine's clock and types: equal within a millisecond.
    expect(Math.abs((c.oldestDueAt ?? 0) - (now - 60_000))).toBeLessThanOrEqual(1);
    expect(Math.abs((c.nextRunAt ?? 0) - (now - 60_000))).toBeLessThanOrEqual(1);
  });

  it('runs the jobs of one queue name one at a time, in order, and others beside them', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxSameQueue = 0;
    const handler: TaskHandler = async (job: Job) => {
      const p = job.payload as { q: string; n: number };
      if (p.q === 'order:1') maxSameQueue = Math.max(maxSameQueue, ++inFlight);
      await new Promise((r) => setTimeout(r, 15));
      if (p.q === 'order:1') inFlight--;
      log.push(`${p.q}#${p.n}`);
      return { outcome: 'done' };
    };
    await b.queue.enqueue([0, 1, 2, 3].map((n) => ({ task: 't', payload: { q: 'order:1', n }, jobKey: `o1-${n}`, queueName: 'order:1' })));
    await b.queue.enqueue([{ task: 't', payload: { q: 'order:2', n: 0 }, jobKey: 'o2-0', queueName: 'order:2' }]);
    expect(await run({ t: handler }).drained({ timeoutMs: 10_000 })).toBe(true);
    expect(maxSameQueue).toBe(1);
    expect(log.filter((l) => l.startsWith('order:1'))).toEqual(['order:1#0', 'order:1#1', 'order:1#2', 'order:1#3']);
    expect(finished).toHaveLength(5);
    expect(await b.store.outcomes()).toHaveLength(5);
  });

  it('retries a transient failure and records the outcome of the attempt that succeeded', async () => {
    let calls = 0;
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'k', queueName: 'q' }]);
    const r = run({
      t: async () => {
        if (++calls < 3) throw new IntegrationError('XECM_UNAVAILABLE', `flaky ${calls}`);
        return { outcome: 'created' };
      },
    });
    expect(await r.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.store.outcomes()).toMatchObject([{ jobKey: 'k', outcome: 'created', attempt: 3 }]);
    expect(await b.queue.deadLetters()).toEqual([]);
  });

  it('dead-letters a permanent failure at once with its reason, and retry() brings it back', async () => {
    let fixed = false;
    await b.queue.enqueue([{ task: 't', payload: { x: 1 }, jobKey: 'k', queueName: 'q' }]);
    const r = run({
      t: async () => {
        if (!fixed) throw new IntegrationError('XECM_WORKSPACE_TYPE_UNKNOWN', 'workspace type "X" does not exist');
        return { outcome: 'created' };
      },
    });
    expect(await r.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    const [dead] = await b.queue.deadLetters();
    expect(dead).toMatchObject({
      task: 't',
      jobKey: 'k',
      queueName: 'q',
      payload: { x: 1 },
      attempts: 1,
      reason: 'XECM_WORKSPACE_TYPE_UNKNOWN: workspace type "X" does not exist',
    });
    expect((await b.queue.counts()).dead).toBe(1);
    fixed = true;
    expect(await b.queue.retry([dead?.id ?? ''])).toBe(1);
    r.notify();
    expect(await r.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.queue.deadLetters()).toEqual([]);
    expect(await b.store.outcomes()).toMatchObject([{ outcome: 'created' }]);
  });

  it('dead-letters once the attempts are spent', async () => {
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'k', queueName: 'q' }]);
    const r = run({ t: () => Promise.reject(new IntegrationError('XECM_UNAVAILABLE', 'down')) });
    expect(await r.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.queue.deadLetters()).toMatchObject([{ attempts: 3, reason: 'XECM_UNAVAILABLE: down' }]);
  });

  it('runs a job again when its outcome could not be recorded, and keeps working meanwhile', async () => {
    let storeDown = true;
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'k1', queueName: 'q1' }]);
    const r = run({ t: async () => ({ outcome: 'created' }) }, 4, {
      lockTimeoutMs: 500,
      onFinished: async (f) => {
        if (storeDown) {
          storeDown = false;
          throw new Error('database or disk is full');
        }
        await b.store.recordOutcome(f);
      },
    });
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'k2', queueName: 'q2' }]);
    r.notify();
    expect(await r.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.queue.deadLetters()).toEqual([]);
    const outcomes = await b.store.outcomes();
    expect(outcomes.map((o) => [o.jobKey, o.attempt]).sort()).toEqual([
      ['k1', 2],
      ['k2', 1],
    ]);
  });

  it('releases a job still running when the worker stops past its grace, and another worker runs it again', async () => {
    await b.queue.enqueue([{ task: 't', payload: null, jobKey: 'slow', queueName: 'q' }]);
    let started!: () => void;
    const running = new Promise<void>((res) => (started = res));
    // A handler that only ends when aborted (a hung call): the first worker must give it up.
    const first = run({
      t: (_job, { signal }) =>
        new Promise((_res, rej) => {
          started();
          signal.addEventListener('abort', () => rej(new Error('aborted')));
        }),
    });
    await running;
    await first.stop(100);
    runner = undefined;
    expect(await b.queue.deadLetters()).toEqual([]);
    const second = run({ t: async () => ({ outcome: 'created' }) });
    expect(await second.drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.store.outcomes()).toMatchObject([{ jobKey: 'slow', outcome: 'created', attempt: 2 }]);
  });

  it('dead-letters a job whose task has no handler', async () => {
    await b.queue.enqueue([{ task: 'nobody', payload: null, jobKey: 'k', queueName: 'q' }]);
    expect(await run({}).drained({ includeDelayed: true, timeoutMs: 10_000 })).toBe(true);
    expect(await b.queue.deadLetters()).toMatchObject([{ reason: 'JOB_TASK_UNKNOWN: no handler for task nobody' }]);
  });
});
