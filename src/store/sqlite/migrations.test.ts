import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteQueue } from '../../queue/sqlite/sqlite-queue.js';
import { MIGRATIONS, SqliteStore, asQueueDb, openSqlite } from './sqlite-store.js';

/** A store written by an earlier release keeps everything when 0005 runs. */
describe('SQLite migration 0005 (outcomes in the store, epoch-ms times)', () => {
  const db = openSqlite(':memory:');
  afterEach(async () => db.destroy());

  it('moves finished jobs to job_outcomes and converts ISO times and job ids, losing nothing', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
    expect((await migrator.migrateTo('0004-pending-relations')).error).toBeUndefined();
    const t = 1_780_000_000_000;
    await sql`insert into deliveries (webhook_id, shop, topic, api_version, event_id, triggered_at, received_at, body, status)
      values ('w1', 's', 'orders/create', '2026-07', null, '2026-07-01T10:00:00.250Z', ${t}, '{}', 'queued'),
             ('w2', 's', 'orders/create', '2026-07', null, null, ${t}, '{}', 'queued')`.execute(db);
    await sql`insert into jobs (task, queue_name, job_key, payload, status, attempts, max_attempts, run_at, result, created_at, updated_at)
      values ('rule', 's:order:1', 'k1', '{"eventId":1,"rule":"order-workspace"}', 'done', 2, 10, ${t}, '{"outcome":"created","rule":"order-workspace"}', ${t}, ${t + 5}),
             ('rule', 's:order:2', 'k2', '{"eventId":2,"rule":"order-workspace"}', 'queued', 0, 10, ${t}, null, ${t}, ${t})`.execute(db);
    await sql`insert into sync_cursors (shop, resource, cursor, updated_at) values ('s', 'orders', '2026-07-02T00:00:00.000Z', ${t})`.execute(db);
    await sql`insert into audit (at, shop, event_id, job_id, rule, action, target, node_id, result, detail, duration_ms)
      values (${t}, 's', 1, 1, 'order-workspace', 'create-workspace', 'shopify_order/1', 100, 'ok', null, 12)`.execute(db);

    const queue = new SqliteQueue(asQueueDb(db), { maxAttempts: 10, backoffBaseMs: 1000, backoffMaxMs: 10_000 });
    const store = new SqliteStore(db, queue);
    expect(await store.migrate()).toEqual([
      '0005-outcomes-and-epoch-times',
      '0006-privacy',
      '0007-timelines',
      '0008-archive',
      '0009-product-compliance',
      '0010-lookup',
    ]);

    expect(await store.outcomes()).toEqual([
      {
        jobId: '1',
        jobKey: 'k1',
        task: 'rule',
        queueName: 's:order:1',
        payload: { eventId: 1, rule: 'order-workspace' },
        outcome: 'created',
        result: { outcome: 'created', rule: 'order-workspace' },
        attempt: 2,
        finishedAt: t + 5,
      },
    ]);
    expect(await queue.counts()).toMatchObject({ queued: 1, running: 0, dead: 0 });
    expect(await store.getSyncCursor('s', 'orders')).toBe(Date.parse('2026-07-02T00:00:00.000Z'));
    const triggered = await sql<{ t: number | null }>`select triggered_at as t from deliveries order by id`.execute(db);
    expect(triggered.rows).toEqual([{ t: Date.parse('2026-07-01T10:00:00.250Z') }, { t: null }]);
    expect((await store.listAudit())[0]).toMatchObject({ jobId: '1', action: 'create-workspace' });
    expect((await store.summary()).outcomes).toEqual({ created: 1 });
  });
});
