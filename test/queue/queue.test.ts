import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlQueue } from '../../src/queue/sql-queue.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, openTestStore } from '../helpers/backends.js';

describe.each(BACKENDS)('queue conformance (%s)', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let queue: SqlQueue;

  beforeEach(async () => {
    ({ store, cleanup } = await openTestStore(backend));
    queue = new SqlQueue(store.db, { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0.5 });
  });
  afterEach(async () => cleanup());

  it('dedupes by job key', async () => {
    const a = await queue.add({ task: 't', payload: { n: 1 }, jobKey: 'k1' });
    const b = await queue.add({ task: 't', payload: { n: 2 }, jobKey: 'k1' });
    expect(b).toEqual({ id: a.id, duplicate: true });
    expect((await queue.stats()).queued).toBe(1);
  });

  it('never runs two jobs of one queue at once, and keeps their order', async () => {
    const first = await queue.add({ task: 't', payload: 1, queueName: 'order:1' });
    const second = await queue.add({ task: 't', payload: 2, queueName: 'order:1' });
    const other = await queue.add({ task: 't', payload: 3, queueName: 'order:2' });
    const j1 = await queue.claim('w');
    const j2 = await queue.claim('w');
    expect([j1?.id, j2?.id]).toEqual([first.id, other.id]);
    expect(await queue.claim('w')).toBeUndefined();
    await queue.complete(first.id, { ok: true });
    expect((await queue.claim('w'))?.id).toBe(second.id);
  });

  it('retries with exponential backoff, then dead-letters with the last error', async () => {
    const { id } = await queue.add({ task: 't', payload: null });
    const t0 = Date.now() + 1000;
    await queue.claim('w', t0);
    expect(await queue.fail(id, 'boom 1', true, t0)).toBe('queued');
    let [job] = await queue.list({});
    expect(job?.runAt).toBe(t0 + 750); // 1000 ms, equal jitter at 0.5 → 750
    await queue.claim('w', t0 + 750);
    await queue.fail(id, 'boom 2', true, t0 + 750);
    [job] = await queue.list({});
    expect(job?.runAt).toBe(t0 + 750 + 1500);
    await queue.claim('w', t0 + 10_000);
    expect(await queue.fail(id, 'boom 3', true, t0 + 10_000)).toBe('dead');
    [job] = await queue.list({ status: 'dead' });
    expect(job).toMatchObject({ attempts: 3, lastError: 'boom 3', status: 'dead' });
    expect(await queue.retry([id])).toBe(1);
    expect((await queue.claim('w', t0 + 20_000))?.id).toBe(id);
  });

  it('dead-letters a permanent failure at once', async () => {
    const { id } = await queue.add({ task: 't', payload: null });
    await queue.claim('w');
    expect(await queue.fail(id, 'XECM_WORKSPACE_TYPE_UNKNOWN: no such type', false)).toBe('dead');
  });

  it('takes back jobs whose worker stopped refreshing the lock', async () => {
    const { id } = await queue.add({ task: 't', payload: null });
    const t0 = Date.now();
    await queue.claim('dead-worker', t0);
    expect(await queue.recoverStale(30_000, t0 + 10_000)).toBe(0);
    await queue.heartbeat('dead-worker', [id], t0 + 10_000);
    expect(await queue.recoverStale(30_000, t0 + 35_000)).toBe(0);
    expect(await queue.recoverStale(30_000, t0 + 41_000)).toBe(1);
    expect((await queue.claim('new-worker', t0 + 41_000))?.id).toBe(id);
  });

  it('stores a delivery, its change and its jobs in one transaction, once per webhook id', async () => {
    const d = { webhookId: 'w-1', shop: 's.myshopify.com', topic: 'orders/create', apiVersion: '2026-07', eventId: null, triggeredAt: null, receivedAt: Date.now(), body: '{}', handled: true };
    const change = { resourceType: 'order' as const, resourceId: '1', version: 1000, deleted: false };
    const jobs = (id: number) => [{ task: 't', payload: { eventId: id }, jobKey: `k:${id}` }];
    const r1 = await store.acceptDelivery(d, change, jobs);
    const r2 = await store.acceptDelivery(d, change, jobs);
    expect(r1).toMatchObject({ duplicate: false, newEvent: true, jobIds: [expect.any(Number)] });
    expect(r2).toEqual({ duplicate: true, deliveryId: r1.deliveryId, eventId: undefined, newEvent: false, jobIds: [] });
    expect(await store.countDeliveries()).toEqual({ total: 1, duplicates: 1, ignored: 0 });
    // Another delivery of the same change (same resource and version) stores the delivery, not a second event.
    const r3 = await store.acceptDelivery({ ...d, webhookId: 'w-3', topic: 'orders/updated' }, change, jobs);
    expect(r3).toMatchObject({ duplicate: false, eventId: r1.eventId, newEvent: false, jobIds: [] });
    // A failure while enqueueing rolls the delivery back too: nothing half-stored.
    await expect(store.acceptDelivery({ ...d, webhookId: 'w-2' }, { ...change, version: 2000 }, () => { throw new Error('enqueue failed'); })).rejects.toThrow('enqueue failed');
    expect((await store.countDeliveries()).total).toBe(2);
    expect((await store.countEvents()).total).toBe(1);
  });

  it('treats the same change received by sync and by a webhook as one event', async () => {
    const change = { resourceType: 'order' as const, resourceId: '7', version: 5000, deleted: false };
    const jobs = (id: number) => [{ task: 't', payload: { eventId: id }, jobKey: `e:${id}` }];
    const [s1] = await store.acceptSyncChanges('s.myshopify.com', 'sync:orders', [{ change, payload: '{}' }], jobs);
    const w = await store.acceptDelivery({ webhookId: 'w-9', shop: 's.myshopify.com', topic: 'orders/updated', apiVersion: '2026-07', eventId: null, triggeredAt: null, receivedAt: Date.now(), body: '{}', handled: true }, change, jobs);
    const [s2] = await store.acceptSyncChanges('s.myshopify.com', 'sync:orders', [{ change, payload: '{}' }], jobs);
    expect(s1).toMatchObject({ newEvent: true, jobIds: [expect.any(Number)] });
    expect(w).toMatchObject({ newEvent: false, eventId: s1?.eventId, jobIds: [] });
    expect(s2).toEqual({ eventId: s1?.eventId, newEvent: false, jobIds: [] });
    expect((await queue.stats()).queued).toBe(1);
  });

  it('keeps the highest applied version per resource and task', async () => {
    await store.recordApplied('s', 'order', '1', 't', 200, 1);
    await store.recordApplied('s', 'order', '1', 't', 100, 2);
    expect(await store.appliedVersion('s', 'order', '1', 't')).toBe(200);
    await store.recordApplied('s', 'order', '1', 't', 300, 3);
    expect(await store.appliedVersion('s', 'order', '1', 't')).toBe(300);
    expect(await store.appliedVersion('s', 'order', '1', 'other')).toBeUndefined();
  });

  it('remembers sync cursors per shop and resource', async () => {
    expect(await store.getSyncCursor('s', 'orders')).toBeUndefined();
    await store.setSyncCursor('s', 'orders', '2026-07-01T00:00:00Z');
    await store.setSyncCursor('s', 'orders', '2026-07-02T00:00:00Z');
    expect(await store.getSyncCursor('s', 'orders')).toBe('2026-07-02T00:00:00Z');
  });
});
