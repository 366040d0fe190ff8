import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openSqlite, asQueueDb } from '../../store/sqlite/sqlite-store.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Job } from '../queue.js';
import { SqliteQueue } from './sqlite-queue.js';
import type { QueueSchema } from './sqlite-queue.js';

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('expected a value');
  return v;
}

/** The embedded engine's own mechanics (claiming, backoff arithmetic, stale locks, leases) on a virtual clock. */
describe('SQLite queue engine', () => {
  let db: Kysely<QueueSchema>;
  let queue: SqliteQueue;
  let store: SqliteStore;

  beforeEach(async () => {
    const sqlite = openSqlite(':memory:');
    db = asQueueDb(sqlite);
    queue = new SqliteQueue(db, { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0.5 });
    store = new SqliteStore(sqlite, queue);
    await store.migrate();
  });
  afterEach(async () => store.close());

  const add = async (key: string, queueName = `q:${key}`) => {
    const [r] = await queue.enqueue([{ task: 't', payload: key, jobKey: key, queueName }]);
    if (!r) throw new Error('nothing enqueued');
    return r;
  };
  const claim = async (workerId: string, now?: number): Promise<Job> => must(await queue.claim(workerId, now));

  it('never claims two jobs of one queue at once, and keeps their order', async () => {
    const first = await add('a', 'order:1');
    const second = await add('b', 'order:1');
    const other = await add('c', 'order:2');
    const j1 = await claim('w');
    const j2 = await claim('w');
    expect([j1.id, j2.id]).toEqual([first.id, other.id]);
    expect(await queue.claim('w')).toBeUndefined();
    expect(await queue.complete('w', j1)).toBe(true);
    expect((await queue.claim('w'))?.id).toBe(second.id);
  });

  it('retries with exponential backoff and equal jitter, then dead-letters with the last error', async () => {
    const { id } = await add('k');
    const t0 = Date.now() + 1000;
    expect(await queue.fail('w', await claim('w', t0), 'boom 1', true, t0)).toBe('queued');
    expect((await queue.counts()).nextRunAt).toBe(t0 + 750); // 1000 ms, equal jitter at 0.5 → 750
    expect(await queue.claim('w', t0 + 749)).toBeUndefined();
    await queue.fail('w', await claim('w', t0 + 750), 'boom 2', true, t0 + 750);
    expect((await queue.counts()).nextRunAt).toBe(t0 + 750 + 1500);
    expect(await queue.fail('w', await claim('w', t0 + 10_000), 'boom 3', true, t0 + 10_000)).toBe('dead');
    expect(await queue.deadLetters()).toMatchObject([{ id, attempts: 3, reason: 'boom 3' }]);
  });

  it('takes back jobs whose worker stopped refreshing the lock', async () => {
    const { id } = await add('k');
    const t0 = Date.now();
    await claim('dead-worker', t0);
    expect(await queue.recoverStale(30_000, t0 + 10_000)).toEqual({ requeued: [], dead: [] });
    expect(await queue.heartbeat('dead-worker', [id], t0 + 10_000)).toEqual([id]);
    expect(await queue.recoverStale(30_000, t0 + 35_000)).toEqual({ requeued: [], dead: [] });
    expect(await queue.recoverStale(30_000, t0 + 41_000)).toEqual({ requeued: [id], dead: [] });
    expect((await queue.claim('new-worker', t0 + 41_000))?.id).toBe(id);
  });

  it('completes, fails and heart-beats a job only for the worker that still holds its lease', async () => {
    const { id } = await add('k');
    const t0 = Date.now();
    const lost = await claim('w', t0);
    expect(await queue.stillHeld('w', lost)).toBe(true);
    expect(await queue.recoverStale(30_000, t0 + 31_000)).toEqual({ requeued: [id], dead: [] });
    // Taken back: the first worker's lease is gone, whatever it reports changes nothing.
    expect(await queue.stillHeld('w', lost)).toBe(false);
    expect(await queue.heartbeat('w', [id], t0 + 31_000)).toEqual([]);
    expect(await queue.complete('w', lost)).toBe(false);
    expect(await queue.fail('w', lost, 'late failure', false, t0 + 31_000)).toBe('lost');
    const held = await claim('other', t0 + 31_000);
    expect(held).toMatchObject({ id, attempt: 2 });
    expect(await queue.complete('w', lost)).toBe(false);
    expect(await queue.fail('w', lost, 'late failure', false, t0 + 31_000)).toBe('lost');
    expect(await queue.heartbeat('w', [id], t0 + 31_000)).toEqual([]);
    expect(await queue.counts()).toMatchObject({ queued: 0, running: 1, dead: 0 });
    // The same worker claiming the job again holds a new lease (its attempt); the old one stays lost.
    await queue.recoverStale(30_000, t0 + 62_000);
    const again = await claim('other', t0 + 62_000);
    expect(again).toMatchObject({ id, attempt: 3 });
    expect(await queue.complete('other', held)).toBe(false);
    expect(await queue.fail('other', held, 'late failure', false, t0 + 62_000)).toBe('lost');
    expect(await queue.heartbeat('other', [id], t0 + 70_000)).toEqual([id]);
    expect(await queue.complete('other', again)).toBe(true);
    expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('dead-letters at stale-lock recovery a job whose attempts are spent: it may be killing its process', async () => {
    const { id } = await add('k');
    const t0 = Date.now();
    for (let n = 0; n < 3; n++) {
      const t = t0 + n * 31_000;
      expect(await claim('w', t)).toMatchObject({ id, attempt: n + 1 });
      await queue.recoverStale(30_000, t + 31_000);
    }
    expect(await queue.deadLetters()).toMatchObject([
      { id, attempts: 3, reason: 'worker lost (lock expired) after 3 attempts: the job may be killing its process' },
    ]);
    expect(await queue.counts()).toMatchObject({ queued: 0, running: 0, dead: 1 });
    expect(await queue.claim('w', t0 + 200_000)).toBeUndefined();
  });

  it('never claims a job whose attempts are spent: it becomes a dead letter and its queue moves on', async () => {
    // A row left queued with its attempts spent (as an earlier release's stale-lock recovery did).
    const spent = await add('a', 'order:1');
    const next = await add('b', 'order:1');
    await db.updateTable('jobs').set({ attempts: 3, last_error: 'worker lost (lock expired); retried' }).where('id', '=', Number(spent.id)).execute();
    expect(await claim('w')).toMatchObject({ id: next.id, attempt: 1 });
    expect(await queue.deadLetters()).toMatchObject([
      { id: spent.id, attempts: 3, reason: 'attempts spent (3 of 3); last error: worker lost (lock expired); retried' },
    ]);
  });
});
