import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { IntegrationError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { openSqlite, asQueueDb, SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { TaskHandler } from '../queue.js';
import { SqliteQueue } from './sqlite-queue.js';
import { SqliteRunner } from './sqlite-runner.js';

interface LogLine {
  level: number;
  msg: string;
  jobId?: string;
  task?: string;
  [k: string]: unknown;
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The embedded runner around its leases: a worker that lost a job records nothing, and a failing bookkeeping call never stops the worker. */
describe('SQLite queue runner', () => {
  let queue: SqliteQueue;
  let store: SqliteStore;
  let lines: LogLine[];
  let log: Logger;
  const runners: SqliteRunner[] = [];

  beforeEach(async () => {
    const db = openSqlite(':memory:');
    queue = new SqliteQueue(asQueueDb(db), { maxAttempts: 3, backoffBaseMs: 10, backoffMaxMs: 20, random: () => 0.5 });
    store = new SqliteStore(db, queue);
    await store.migrate();
    lines = [];
    log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop(1000);
    vi.restoreAllMocks();
    await store.close();
  });

  const start = (handlers: Record<string, TaskHandler>, lockTimeoutMs: number, concurrency = 2): SqliteRunner => {
    const r = new SqliteRunner(queue, {
      handlers,
      log,
      concurrency,
      pollIntervalMs: 10,
      lockTimeoutMs,
      onFinished: (f) => store.recordOutcome(f),
    });
    runners.push(r);
    r.start();
    return r;
  };
  const enqueue = async (key: string): Promise<string> => {
    const [r] = await queue.enqueue([{ task: 't', payload: null, jobKey: key, queueName: `q:${key}` }]);
    if (!r) throw new Error('nothing enqueued');
    return r.id;
  };

  it('a worker that lost its lease records no outcome and leaves the job to the worker that holds it', async () => {
    const id = await enqueue('k');
    let release: (v: unknown) => void = () => undefined;
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    start(
      {
        t: () => {
          started();
          return new Promise((r) => (release = r));
        },
      },
      60_000,
      // One slot, held by the hung handler: this runner cannot claim the job back itself.
      1,
    );
    await running;
    // The worker seems dead (its lock expired): the job is taken back and another worker claims it.
    const later = Date.now() + 1;
    await queue.recoverStale(0, later);
    // Recovery makes the job due at `later`: claim it on the same clock.
    const other = await queue.claim('other', later);
    expect(other?.id).toBe(id);
    release({ outcome: 'created' });
    await waitFor(() => lines.some((l) => l.jobId === id && (l.level >= 40 || l.msg === 'job done')));

    expect(await store.outcomes()).toEqual([]);
    expect(await queue.counts()).toMatchObject({ queued: 0, running: 1, dead: 0 });
    expect(lines.filter((l) => l.level === 40)).toMatchObject([{ jobId: id, task: 't', msg: expect.stringMatching(/lease lost/) as unknown }]);
    if (other) expect(await queue.complete('other', other)).toBe(true);
    expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('a failure to record a failure is logged, the worker keeps running, and stale-lock recovery runs the job again', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const id = await enqueue('k');
      vi.spyOn(queue, 'fail').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));
      let calls = 0;
      start(
        {
          t: async () => {
            if (++calls === 1) throw new IntegrationError('XECM_UNAVAILABLE', 'down');
            return { outcome: 'created' };
          },
        },
        200,
      );
      await waitFor(async () => (await store.outcomes()).length > 0);
      expect(await store.outcomes()).toMatchObject([{ jobKey: 'k', outcome: 'created', attempt: 2 }]);
      expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, dead: 0 });
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
      expect(lines.filter((l) => l.level === 50)).toMatchObject([{ jobId: id, task: 't', err: { message: 'SQLITE_BUSY: database is locked' } }]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
