import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, asQueueDb } from '../../store/sqlite/sqlite-store.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { SqliteQueue } from './sqlite-queue.js';

/** The embedded engine's own mechanics (claiming, backoff arithmetic, stale locks) on a virtual clock. */
describe('SQLite queue engine', () => {
  let queue: SqliteQueue;
  let store: SqliteStore;

  beforeEach(async () => {
    const db = openSqlite(':memory:');
    queue = new SqliteQueue(asQueueDb(db), { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0.5 });
    store = new SqliteStore(db, queue);
    await store.migrate();
  });
  afterEach(async () => store.close());

  const add = async (key: string, queueName = `q:${key}`) => {
    const [r] = await queue.enqueue([{ task: 't', payload: key, jobKey: key, queueName }]);
    if (!r) throw new Error('nothing enqueued');
    return r;
  };

  it('never claims two jobs of one queue at once, and keeps their order', async () => {
    const first = await add('a', 'order:1');
    const second = await add('b', 'order:1');
    const other = await add('c', 'order:2');
    const j1 = await queue.claim('w');
    const j2 = await queue.claim('w');
    expect([j1?.id, j2?.id]).toEqual([first.id, other.id]);
    expect(await queue.claim('w')).toBeUndefined();
    await queue.complete(first.id);
    expect((await queue.claim('w'))?.id).toBe(second.id);
  });

  it('retries with exponential backoff and equal jitter, then dead-letters with the last error', async () => {
    const { id } = await add('k');
    const t0 = Date.now() + 1000;
    await queue.claim('w', t0);
    expect(await queue.fail(id, 'boom 1', true, t0)).toBe('queued');
    expect((await queue.counts()).nextRunAt).toBe(t0 + 750); // 1000 ms, equal jitter at 0.5 → 750
    expect(await queue.claim('w', t0 + 749)).toBeUndefined();
    await queue.claim('w', t0 + 750);
    await queue.fail(id, 'boom 2', true, t0 + 750);
    expect((await queue.counts()).nextRunAt).toBe(t0 + 750 + 1500);
    await queue.claim('w', t0 + 10_000);
    expect(await queue.fail(id, 'boom 3', true, t0 + 10_000)).toBe('dead');
    expect(await queue.deadLetters()).toMatchObject([{ id, attempts: 3, reason: 'boom 3' }]);
  });

  it('takes back jobs whose worker stopped refreshing the lock', async () => {
    const { id } = await add('k');
    const t0 = Date.now();
    await queue.claim('dead-worker', t0);
    expect(await queue.recoverStale(30_000, t0 + 10_000)).toBe(0);
    await queue.heartbeat('dead-worker', [id], t0 + 10_000);
    expect(await queue.recoverStale(30_000, t0 + 35_000)).toBe(0);
    expect(await queue.recoverStale(30_000, t0 + 41_000)).toBe(1);
    expect((await queue.claim('new-worker', t0 + 41_000))?.id).toBe(id);
  });
});
