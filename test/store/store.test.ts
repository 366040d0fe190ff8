import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/store/index.js';
import type { JobsForEvent, NewDelivery } from '../../src/store/store.js';
import { BACKENDS, openTestBackend } from '../helpers/backends.js';

/**
 * Store conformance: what every backend of the Store interface must do, through the interface only.
 * The PostgreSQL backend runs this file unchanged (STORES=sqlite,postgres).
 */
describe.each(BACKENDS)('store conformance (%s)', (kind) => {
  let b: Backend & { cleanup: () => Promise<void> };
  beforeEach(async () => {
    b = await openTestBackend(kind);
  });
  afterEach(async () => b.cleanup());

  const delivery = (over: Partial<NewDelivery> = {}): NewDelivery => ({
    webhookId: 'w-1',
    shop: 's.myshopify.com',
    topic: 'orders/create',
    apiVersion: '2026-07',
    eventId: null,
    triggeredAt: Date.parse('2026-07-01T10:00:00Z'),
    receivedAt: Date.now(),
    body: '{}',
    handled: true,
    ...over,
  });
  const change = { resourceType: 'order' as const, resourceId: '1', version: 1000, deleted: false };
  const jobs: JobsForEvent = (id) => [{ task: 'rule', payload: { eventId: id, rule: 'r' }, jobKey: `k:${id}`, queueName: 'q:1' }];

  it('answers ping and migrates idempotently', async () => {
    await b.store.ping();
    expect(await b.store.migrate()).toEqual([]);
  });

  it('stores a delivery, its change and its jobs in one transaction, once per webhook id', async () => {
    const r1 = await b.store.acceptDelivery(delivery(), change, jobs);
    const r2 = await b.store.acceptDelivery(delivery(), change, jobs);
    expect(r1).toMatchObject({ duplicate: false, newEvent: true, jobs: [{ id: expect.any(String), duplicate: false }] });
    expect(r2).toEqual({ duplicate: true, eventId: undefined, newEvent: false, jobs: [] });
    expect((await b.store.summary()).deliveries).toEqual({ total: 1, duplicates: 1, ignored: 0 });
    // Another delivery of the same change stores the delivery, not a second event.
    const r3 = await b.store.acceptDelivery(delivery({ webhookId: 'w-3', topic: 'orders/updated' }), change, jobs);
    expect(r3).toMatchObject({ duplicate: false, eventId: r1.eventId, newEvent: false, jobs: [] });
    // A failure while enqueueing rolls the delivery back too: nothing half-stored.
    const failing: JobsForEvent = () => {
      throw new Error('enqueue failed');
    };
    await expect(b.store.acceptDelivery(delivery({ webhookId: 'w-2' }), { ...change, version: 2000 }, failing)).rejects.toThrow('enqueue failed');
    const s = await b.store.summary();
    expect(s.deliveries.total).toBe(2);
    expect(s.events).toEqual({ total: 1, bySource: { webhook: 1 } });
    expect((await b.queue.counts()).queued).toBe(1);
  });

  it('stores a topic no job follows as an ignored delivery, with no event', async () => {
    const r = await b.store.acceptDelivery(delivery({ topic: 'app/uninstalled', handled: false }), undefined, jobs);
    expect(r).toEqual({ duplicate: false, eventId: undefined, newEvent: false, jobs: [] });
    expect((await b.store.summary()).deliveries).toEqual({ total: 1, duplicates: 0, ignored: 1 });
  });

  it('treats the same change received by sync and by a webhook as one event', async () => {
    const c = { ...change, resourceId: '7', version: 5000 };
    const [s1] = await b.store.acceptSyncChanges('s.myshopify.com', 'sync:orders', [{ change: c, payload: '{}' }], jobs);
    const w = await b.store.acceptDelivery(delivery({ webhookId: 'w-9', topic: 'orders/updated' }), c, jobs);
    const [s2] = await b.store.acceptSyncChanges('s.myshopify.com', 'sync:orders', [{ change: c, payload: '{}' }], jobs);
    expect(s1).toMatchObject({ newEvent: true, jobs: [{ duplicate: false }] });
    expect(w).toMatchObject({ newEvent: false, eventId: s1?.eventId, jobs: [] });
    expect(s2).toEqual({ eventId: s1?.eventId, newEvent: false, jobs: [] });
    expect((await b.store.summary()).events).toEqual({ total: 1, bySource: { sync: 1 } });
    expect(await b.store.getEvent(s1?.eventId ?? 0)).toMatchObject({
      shop: 's.myshopify.com',
      resourceType: 'order',
      resourceId: '7',
      version: 5000,
      deleted: false,
      source: 'sync',
      deliveryId: null,
      payload: '{}',
    });
    expect(await b.store.getEvent(999_999)).toBeUndefined();
  });

  it('keeps the highest applied version per resource and task', async () => {
    await b.store.recordApplied('s', 'order', '1', 't', 200, 1);
    await b.store.recordApplied('s', 'order', '1', 't', 100, 2);
    expect(await b.store.appliedVersion('s', 'order', '1', 't')).toBe(200);
    await b.store.recordApplied('s', 'order', '1', 't', 300, 3);
    expect(await b.store.appliedVersion('s', 'order', '1', 't')).toBe(300);
    expect(await b.store.appliedVersion('s', 'order', '1', 'other')).toBeUndefined();
  });

  it('keeps epoch-millisecond times beyond 2^31 exactly (sync cursors)', async () => {
    expect(await b.store.getSyncCursor('s', 'orders')).toBeUndefined();
    await b.store.setSyncCursor('s', 'orders', Date.parse('2026-07-01T00:00:00Z'));
    await b.store.setSyncCursor('s', 'orders', Date.parse('2026-07-02T00:00:00.123Z'));
    expect(await b.store.getSyncCursor('s', 'orders')).toBe(Date.parse('2026-07-02T00:00:00.123Z'));
    expect(await b.store.getSyncCursor('s', 'companies')).toBeUndefined();
  });

  it('maps workspaces by shop and business object, and counts them by type', async () => {
    const m = { shop: 's', boType: 'shopify_order', boId: '1', nodeId: 100, name: 'Order #1', workspaceType: 'Shopify Order' };
    await b.store.putWorkspace(m);
    await b.store.putWorkspace({ ...m, nodeId: 101, name: 'Order #1 (renamed)' });
    await b.store.putWorkspace({ ...m, boType: 'shopify_account', boId: '9', nodeId: 200, workspaceType: 'Shopify Customer Account' });
    expect(await b.store.getWorkspace('s', 'shopify_order', '1')).toEqual({ ...m, nodeId: 101, name: 'Order #1 (renamed)' });
    expect(await b.store.getWorkspace('other', 'shopify_order', '1')).toBeUndefined();
    expect((await b.store.summary()).workspaces).toEqual({ shopify_order: 1, shopify_account: 1 });
  });

  it('keeps pending relations until they are made', async () => {
    const p = { shop: 's', from: { boType: 'shopify_order', boId: '1' }, to: { boType: 'shopify_account', boId: '9' }, relType: 'parent' as const };
    await b.store.addPendingRelation(p);
    await b.store.addPendingRelation(p);
    expect(await b.store.pendingRelationsTo('s', 'shopify_account', '9')).toEqual([p]);
    await b.store.removePendingRelation(p);
    expect(await b.store.pendingRelationsTo('s', 'shopify_account', '9')).toEqual([]);
  });

  it('keeps the audit log in order, filtered by event', async () => {
    const e = {
      shop: 's',
      eventId: 1,
      jobId: '17',
      rule: 'r',
      action: 'create-workspace',
      target: 'shopify_order/1',
      nodeId: 100,
      result: 'ok' as const,
      detail: null,
      durationMs: 12,
    };
    await b.store.audit(e);
    await b.store.audit({ ...e, eventId: 2, action: 'upload-document' });
    expect(await b.store.listAudit()).toMatchObject([{ ...e, id: expect.any(Number), at: expect.any(Number) }, { eventId: 2 }]);
    expect(await b.store.listAudit({ eventId: 2 })).toHaveLength(1);
  });

  it('records job outcomes once per job key and counts them for the summary', async () => {
    const job = { id: '5', task: 'rule', jobKey: 'k:5', queueName: 'q', payload: { eventId: 5, rule: 'r' }, attempt: 1, maxAttempts: 3 };
    await b.store.recordOutcome({ job, result: { outcome: 'created', rule: 'r' }, finishedAt: 1_780_000_000_000 });
    await b.store.recordOutcome({ job: { ...job, id: '6', jobKey: 'k:6' }, result: { filed: 2 }, finishedAt: 1_780_000_000_001 });
    await b.store.recordOutcome({ job: { ...job, attempt: 2 }, result: { outcome: 'updated' }, finishedAt: 1_780_000_000_002 });
    expect(await b.store.outcomes({ jobIds: ['5'] })).toEqual([
      {
        jobId: '5',
        jobKey: 'k:5',
        task: 'rule',
        queueName: 'q',
        payload: { eventId: 5, rule: 'r' },
        outcome: 'updated',
        result: { outcome: 'updated' },
        attempt: 2,
        finishedAt: 1_780_000_000_002,
      },
    ]);
    expect((await b.store.outcomes({ task: 'rule' })).map((o) => o.outcome)).toEqual(['updated', 'done']);
    expect((await b.store.summary()).outcomes).toEqual({ updated: 1, done: 1 });
  });
});
