import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../src/errors.js';
import type { JobsForEvent, NewDelivery } from '../../src/store/store.js';
import { BACKENDS, execOn, openTestBackend } from '../helpers/backends.js';
import type { TestBackend } from '../helpers/backends.js';

/**
 * Store conformance: what every backend of the Store interface must do, through the interface only.
 * Both backends run it (STORES=sqlite,postgres, the default; test/helpers/backends.ts).
 */
describe.each(BACKENDS)('store conformance (%s)', (kind) => {
  let b: TestBackend;
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
  const emptyArchive = {
    shop: 's',
    orderId: '1',
    orderName: '#1',
    folderId: 1,
    inWorkspace: false,
    orderVersion: 1,
    manifest: { nodeId: 2, version: 1, size: 3, sha256: 'c'.repeat(64) },
    artifacts: [],
    archivedAt: 1,
  };
  const jobs: JobsForEvent = (id) => [{ task: 'rule', payload: { eventId: id, rule: 'r' }, jobKey: `k:${id}`, queueName: 'q:1' }];

  it('answers ping and migrates idempotently', async () => {
    await b.store.ping();
    expect(await b.store.migrate()).toEqual([]);
  });

  it('refuses a store that a newer release migrated, naming what it does not know', async () => {
    await execOn(b.url, `insert into kysely_migration (name, timestamp) values ('9999-from-a-newer-release', '2030-01-01T00:00:00.000Z')`);
    const refused = b.store.migrate();
    await expect(refused).rejects.toBeInstanceOf(IntegrationError);
    await expect(refused).rejects.toMatchObject({
      code: 'STORE_TOO_NEW',
      retryable: false,
      message: expect.stringMatching(/9999-from-a-newer-release.*upgrade the connector/),
    });
  });

  it('stores a delivery, its change and its jobs in one transaction, once per webhook id', async () => {
    const r1 = await b.store.acceptDelivery(delivery(), change, jobs);
    const r2 = await b.store.acceptDelivery(delivery(), change, jobs);
    expect(r1).toMatchObject({ duplicate: false, deliveryId: expect.any(Number), newEvent: true, jobs: [{ id: expect.any(String), duplicate: false }] });
    // A duplicate names the delivery first stored under its webhook id.
    expect(r2).toEqual({ duplicate: true, deliveryId: r1.deliveryId, eventId: undefined, newEvent: false, jobs: [] });
    expect(await b.store.getDelivery(r1.deliveryId)).toMatchObject({ webhookId: 'w-1' });
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

  it('accepts deliveries that arrive together (one group commit) each with its own answer', async () => {
    const c = (id: string, version = 1000) => ({ ...change, resourceId: id, version });
    const failing: JobsForEvent = () => {
      throw new Error('enqueue failed');
    };
    // Arriving in one turn: distinct ones, a webhook id twice, a change twice.
    const [one, two, oneAgain, twoAgain] = await Promise.all([
      b.store.acceptDelivery(delivery({ webhookId: 'g-1' }), c('11'), jobs),
      b.store.acceptDelivery(delivery({ webhookId: 'g-2' }), c('12'), jobs),
      b.store.acceptDelivery(delivery({ webhookId: 'g-1' }), c('11'), jobs),
      b.store.acceptDelivery(delivery({ webhookId: 'g-3', topic: 'orders/updated' }), c('12'), jobs),
    ]);
    expect(one).toMatchObject({ duplicate: false, newEvent: true, jobs: [{ duplicate: false }] });
    expect(two).toMatchObject({ duplicate: false, newEvent: true });
    expect(oneAgain).toEqual({ duplicate: true, deliveryId: one?.deliveryId, eventId: undefined, newEvent: false, jobs: [] });
    expect(twoAgain).toMatchObject({ duplicate: false, eventId: two?.eventId, newEvent: false, jobs: [] });
    // One that fails among others: only it is refused, and only it is missing.
    const settled = await Promise.allSettled([
      b.store.acceptDelivery(delivery({ webhookId: 'g-4' }), c('14'), failing),
      b.store.acceptDelivery(delivery({ webhookId: 'g-5' }), c('15'), jobs),
    ]);
    expect(settled).toEqual([
      { status: 'rejected', reason: new Error('enqueue failed') },
      { status: 'fulfilled', value: expect.objectContaining({ duplicate: false, newEvent: true }) },
    ]);
    const s = await b.store.summary();
    expect(s.deliveries).toEqual({ total: 4, duplicates: 1, ignored: 0 });
    expect(s.events.total).toBe(3);
    expect((await b.queue.counts()).queued).toBe(3);
  });

  it('stores a topic no job follows as an ignored delivery, with no event', async () => {
    const r = await b.store.acceptDelivery(delivery({ topic: 'app/uninstalled', handled: false }), undefined, jobs);
    expect(r).toEqual({ duplicate: false, deliveryId: expect.any(Number), eventId: undefined, newEvent: false, jobs: [] });
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

  it('lists every sync cursor with when it was last moved, by shop and resource', async () => {
    expect(await b.store.syncCursors()).toEqual([]);
    const before = Date.now();
    await b.store.setSyncCursor('t', 'orders', 3);
    await b.store.setSyncCursor('s', 'orders', 2);
    await b.store.setSyncCursor('s', 'companies', 1);
    const all = await b.store.syncCursors();
    expect(all.map((c) => [c.shop, c.resource, c.cursor])).toEqual([
      ['s', 'companies', 1],
      ['s', 'orders', 2],
      ['t', 'orders', 3],
    ]);
    for (const c of all) expect(c.updatedAt).toBeGreaterThanOrEqual(before);
    expect((await b.store.syncCursors({ shop: 't' })).map((c) => c.resource)).toEqual(['orders']);
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

  it('lists the workspaces last made or changed, and the latest deliveries, newest first', async () => {
    const m = { shop: 's', boType: 'shopify_order', boId: '1', nodeId: 100, name: 'Order #1', workspaceType: 'Shopify Order' };
    await b.store.putWorkspace(m);
    await new Promise((r) => setTimeout(r, 5));
    await b.store.putWorkspace({ ...m, boId: '2', nodeId: 102, name: 'Order #2' });
    await new Promise((r) => setTimeout(r, 5));
    await b.store.putWorkspace({ ...m, shop: 'other', boId: '3', nodeId: 103 });
    expect((await b.store.recentWorkspaces(10)).map((w) => w.nodeId)).toEqual([103, 102, 100]);
    expect((await b.store.recentWorkspaces(1, { shop: 's' })).map((w) => w.name)).toEqual(['Order #2']);
    for (const id of ['w-1', 'w-2']) await b.store.acceptDelivery(delivery({ webhookId: id }), undefined, () => []);
    expect((await b.store.recentDeliveries(10)).map((d) => d.topic)).toHaveLength(2);
    const [latest] = await b.store.recentDeliveries(1);
    expect((await b.store.getDelivery(latest?.id ?? 0))?.webhookId).toBe('w-2');
  });

  it('gives the latest change of a resource stably when one version came several ways', async () => {
    const SHOP = 's.myshopify.com';
    const noJobs: JobsForEvent = () => [];
    // One version seen three ways (sync first, then the webhook, then sync again with other JSON):
    // the webhook's payload stands, however many equal versions come in after it.
    const ch = { resourceType: 'return' as const, resourceId: '9', version: 4000, deleted: false };
    await b.store.acceptSyncChanges(SHOP, 'sync:returns', [{ change: ch, payload: '{"via":"sync-1"}' }], noJobs);
    expect(JSON.parse((await b.store.latestEvent(SHOP, 'return', '9'))?.payload ?? '{}')).toEqual({ via: 'sync-1' });
    await b.store.acceptDelivery(delivery({ webhookId: 'r9', topic: 'returns/close', body: '{"via":"webhook"}' }), ch, noJobs);
    await b.store.acceptSyncChanges(SHOP, 'sync:returns', [{ change: ch, payload: '{"via":"sync-2"}' }], noJobs);
    expect(JSON.parse((await b.store.latestEvent(SHOP, 'return', '9'))?.payload ?? '{}')).toEqual({ via: 'webhook' });
  });

  it("keeps each workspace's timeline (once per change, in version order) and each dispute's latest status", async () => {
    const SHOP = 's.myshopify.com';
    const noJobs: JobsForEvent = () => [];
    const at = (id: string, version: number, webhookId: string) =>
      b.store.acceptDelivery(delivery({ webhookId, topic: 'returns/close' }), { resourceType: 'return', resourceId: id, version, deleted: false }, noJobs);
    const late = await at('7', 3000, 'a');
    const early = await at('7', 1000, 'b');
    const ws = { boType: 'shopify_case', boId: 'return-7' };
    for (const e of [late, early, late]) await b.store.addToTimeline(SHOP, ws, e.eventId ?? 0);
    expect((await b.store.timeline(SHOP, ws.boType, ws.boId)).map((e) => e.version)).toEqual([1000, 3000]);
    expect(await b.store.timeline(SHOP, ws.boType, 'return-8')).toEqual([]);
    expect((await b.store.latestEvent(SHOP, 'return', '7'))?.version).toBe(3000);
    expect(await b.store.latestEvent(SHOP, 'return', '8')).toBeUndefined();

    await b.store.recordDispute({ shop: SHOP, disputeId: '1', orderId: '9', status: 'won', open: false, version: 5000 });
    await b.store.recordDispute({ shop: SHOP, disputeId: '1', orderId: '9', status: 'needs_response', open: true, version: 4000 }); // older: ignored
    await b.store.recordDispute({ shop: SHOP, disputeId: '2', orderId: '9', status: 'under_review', open: true, version: 4500 });
    expect((await b.store.disputesOf(SHOP, '9')).map((d) => [d.disputeId, d.status, d.open])).toEqual([
      ['1', 'won', false],
      ['2', 'under_review', true],
    ]);
    // A case's history outlives the retention of finished events.
    expect((await b.store.purge(Date.now() + 60_000)).events).toBe(0);
    expect(await b.store.timeline(SHOP, ws.boType, ws.boId)).toHaveLength(2);
  });

  it('keeps pending relations until they are made', async () => {
    const p = { shop: 's', from: { boType: 'shopify_order', boId: '1' }, to: { boType: 'shopify_account', boId: '9' }, relType: 'parent' as const };
    await b.store.addPendingRelation(p);
    await b.store.addPendingRelation(p);
    expect(await b.store.pendingRelationsTo('s', 'shopify_account', '9')).toEqual([p]);
    await b.store.removePendingRelation(p);
    expect(await b.store.pendingRelationsTo('s', 'shopify_account', '9')).toEqual([]);
  });

  it('keeps a relation with an expiry waiting until it expires or its target is judged to get no workspace', async () => {
    const now = Date.now();
    const order = (boId: string) => ({ boType: 'shopify_order', boId });
    const p = (from: string, to: string, expiresAt?: number) => ({
      shop: 's',
      from: order(from),
      to: { boType: 'shopify_product', boId: to },
      relType: 'parent' as const,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
    await b.store.addPendingRelation(p('1', '7', now + 60_000));
    await b.store.addPendingRelation(p('1', '7', now + 999_999)); // asking again does not extend the wait
    await b.store.addPendingRelation(p('2', '7'));
    await b.store.addPendingRelation(p('3', '8', now - 1)); // expired already
    expect(await b.store.pendingRelationsTo('s', 'shopify_product', '7')).toEqual([p('1', '7', now + 60_000), p('2', '7')]);
    expect(await b.store.pendingRelationsTo('s', 'shopify_product', '8')).toEqual([]);
    // The product was judged: the relations that may end, end; the one without an expiry waits on.
    expect(await b.store.dropWaitingRelationsTo('s', 'shopify_product', '7')).toBe(1);
    expect(await b.store.pendingRelationsTo('s', 'shopify_product', '7')).toEqual([p('2', '7')]);
    expect(await b.store.dropExpiredRelations(now)).toBe(1);
    expect(await b.store.dropExpiredRelations(now)).toBe(0);
    expect(await b.store.pendingRelationsTo('s', 'shopify_product', '7')).toEqual([p('2', '7')]);
  });

  describe('the archive ledger', () => {
    const artifact = (name: string, nodeId: number, version = 1) => ({
      name,
      nodeId,
      version,
      size: 1200 + nodeId,
      sha256: `${nodeId}`.padStart(64, 'a'),
      eventId: 7,
      archivedAt: 1_780_000_000_000 + version,
    });
    const order = (orderId: string, over: Record<string, unknown> = {}) => ({
      shop: 's',
      orderId,
      orderName: `#${orderId}`,
      folderId: 9000,
      inWorkspace: false,
      orderVersion: 1_780_000_000_000,
      manifest: { nodeId: 9100, version: 1, size: 640, sha256: 'f'.repeat(64) },
      artifacts: [artifact(`#${orderId} confirmation.pdf`, 9001), artifact(`#${orderId} payment record.pdf`, 9002)],
      archivedAt: 1_780_000_000_500,
      ...over,
    });

    it('records an order with its artifacts, replaces them on re-archive, and writes its audit in the same transaction', async () => {
      expect(await b.store.archivedOrder('s', '1001')).toBeUndefined();
      const audit = {
        shop: 's',
        eventId: 7,
        jobId: '1',
        rule: 'archive',
        action: 'upload-document',
        target: 'archive/1001/#1001 confirmation.pdf',
        nodeId: 9001,
        result: 'ok' as const,
        detail: null,
        durationMs: 3,
      };
      await b.store.recordArchive(order('1001'), [audit]);
      expect(await b.store.archivedOrder('s', '1001')).toEqual(order('1001'));
      expect((await b.store.listAudit({ limit: 10 })).map((a) => a.target)).toEqual(['archive/1001/#1001 confirmation.pdf']);
      const again = order('1001', {
        artifacts: [artifact('#1001 confirmation.pdf', 9001, 2), artifact('#1001 refund 5.pdf', 9003)],
        manifest: { nodeId: 9100, version: 2, size: 700, sha256: 'e'.repeat(64) },
        orderVersion: 1_780_000_001_000,
      });
      await b.store.recordArchive(again);
      expect(await b.store.archivedOrder('s', '1001')).toEqual(again);
      expect((await b.store.summary()).archived).toBe(1);
    });

    it('pages archived orders by shop and order id, filtered by shop, order and time', async () => {
      for (const id of ['3', '1', '2']) await b.store.recordArchive(order(id, { archivedAt: 1000 * Number(id) }));
      await b.store.recordArchive({ ...order('1'), shop: 't' });
      const first = await b.store.archivedOrders({ limit: 2 });
      expect(first.map((o) => `${o.shop}/${o.orderId}`)).toEqual(['s/1', 's/2']);
      const next = await b.store.archivedOrders({ limit: 2, after: { shop: 's', orderId: '2' } });
      expect(next.map((o) => `${o.shop}/${o.orderId}`)).toEqual(['s/3', 't/1']);
      expect((await b.store.archivedOrders({ limit: 10, shop: 't' })).map((o) => o.orderId)).toEqual(['1']);
      expect((await b.store.archivedOrders({ limit: 10, since: 2000, shop: 's' })).map((o) => o.orderId)).toEqual(['2', '3']);
      expect((await b.store.archivedOrders({ limit: 10, orderId: '2' }))[0]?.artifacts.map((a) => a.name)).toEqual([
        '#2 confirmation.pdf',
        '#2 payment record.pdf',
      ]);
    });

    it('keeps a backfill run’s checkpoint', async () => {
      expect(await b.store.backfillRun('s||')).toBeUndefined();
      const run = { key: 's||', shop: 's', state: { offset: 4096, orders: 100 }, done: false, startedAt: 1, updatedAt: 2 };
      await b.store.saveBackfillRun(run);
      await b.store.saveBackfillRun({ ...run, state: { offset: 8192, orders: 200 }, done: true, updatedAt: 3 });
      expect(await b.store.backfillRun('s||')).toEqual({ ...run, state: { offset: 8192, orders: 200 }, done: true, updatedAt: 3 });
    });
  });

  describe('product compliance', () => {
    const checklist = {
      shop: 's',
      productId: '8123456721429',
      nodeId: 10_042,
      title: 'Solvent Cleaner SC-5',
      classes: ['every', 'hazmat'],
      items: [
        { name: 'Safety Data Sheet', classes: ['hazmat'], status: 'present' as const, documents: [{ id: 10_050, name: 'SDS.pdf', validUntil: '2030-01-31' }] },
        { name: 'UN Transport Declaration', classes: ['hazmat'], status: 'missing' as const, documents: [] },
        {
          name: 'Country Labels',
          classes: ['every'],
          status: 'expired' as const,
          documents: [{ id: 10_051, name: 'Label.pdf', validUntil: '2020-01-01' }],
          expiredOn: '2020-01-01',
        },
      ],
      complete: false,
      checkedAt: 1_780_000_000_000,
    };

    it('keeps each product’s last checklist, replaced by the next, by shop and product', async () => {
      await b.store.putChecklist(checklist);
      await b.store.putChecklist({ ...checklist, productId: '9', title: 'Other' });
      await b.store.putChecklist({ ...checklist, shop: 'other', productId: '9' });
      expect(await b.store.checklists({ shop: 's', productId: checklist.productId })).toEqual([checklist]);
      const done = { ...checklist, items: checklist.items.slice(0, 1), complete: true, checkedAt: checklist.checkedAt + 1 };
      await b.store.putChecklist(done);
      expect(await b.store.checklists({ shop: 's' })).toEqual([{ ...checklist, productId: '9', title: 'Other' }, done]);
      expect(await b.store.checklists()).toHaveLength(3);
      await b.store.redactShop('s');
      expect(await b.store.checklists()).toEqual([{ ...checklist, shop: 'other', productId: '9' }]);
    });

    it('lists the workspaces of one business object type', async () => {
      const m = { shop: 's', boType: 'shopify_product', boId: '10', nodeId: 100, name: 'Valve', workspaceType: 'Shopify Product' };
      await b.store.putWorkspace(m);
      await b.store.putWorkspace({ ...m, boId: '9', nodeId: 101, name: 'Pump' });
      await b.store.putWorkspace({ ...m, boType: 'shopify_order', boId: '1', nodeId: 102 });
      await b.store.putWorkspace({ ...m, shop: 'other', nodeId: 103 });
      expect((await b.store.workspacesOfType('shopify_product', { shop: 's' })).map((w) => [w.boId, w.nodeId])).toEqual([
        ['9', 101],
        ['10', 100],
      ]);
      expect((await b.store.workspacesOfType('shopify_product')).map((w) => [w.shop, w.boId])).toEqual([
        ['other', '10'],
        ['s', '9'],
        ['s', '10'],
      ]);
      expect(await b.store.workspacesOfType('shopify_case', { shop: 's' })).toEqual([]);
    });
  });

  describe('the lookup index', () => {
    const order = {
      shop: 's',
      resourceType: 'order',
      resourceId: '1001',
      version: 2000,
      title: '#1187',
      terms: ['#1187', '1187', 'dana@example.com', 'vlv-x200-ss'],
      links: [
        { resourceType: 'company', resourceId: '77' },
        { resourceType: 'product', resourceId: '5' },
      ],
    };
    const company = { shop: 's', resourceType: 'company', resourceId: '77', version: 1000, title: 'Acme Industrial', terms: ['acme industrial'], links: [] };
    const ret = {
      shop: 's',
      resourceType: 'return',
      resourceId: '31',
      version: 3000,
      title: 'Return #1187-R1',
      terms: ['return-31', '#1187-r1'],
      links: [{ resourceType: 'order', resourceId: '1001' }],
    };
    const plain = ({ terms: _t, links: _l, ...r }: typeof order) => r;

    it('finds resources by an exact term or a prefix, within a shop or across shops, orders first', async () => {
      for (const e of [order, company, ret, { ...order, shop: 'other', title: '#1187 elsewhere' }]) expect(await b.store.indexForLookup(e)).toBe(true);
      expect(await b.store.findForLookup({ term: '1187', prefix: false, shop: 's', limit: 10 })).toEqual([plain(order)]);
      expect((await b.store.findForLookup({ term: '1187', prefix: false, limit: 10 })).map((r) => r.shop)).toEqual(['s', 'other']);
      expect(await b.store.findForLookup({ term: 'acme', prefix: false, shop: 's', limit: 10 })).toEqual([]);
      expect(await b.store.findForLookup({ term: 'acme', prefix: true, shop: 's', limit: 10 })).toEqual([plain(company)]);
      expect((await b.store.findForLookup({ term: '#1187', prefix: true, shop: 's', limit: 10 })).map((r) => r.resourceType)).toEqual(['order', 'return']);
      expect(await b.store.findForLookup({ term: '#1187', prefix: true, shop: 's', limit: 1 })).toHaveLength(1);
      expect(await b.store.lookupResource('s', 'return', '31')).toEqual(plain(ret));
    });

    it('follows links both ways: an order to its company and products, an order back to its cases', async () => {
      for (const e of [order, company, ret]) await b.store.indexForLookup(e);
      // A link to a resource that is not indexed (the product) leads nowhere yet.
      expect(await b.store.lookupLinks('s', 'order', '1001', 'from')).toEqual([plain(company)]);
      expect(await b.store.lookupLinks('s', 'order', '1001', 'to')).toEqual([plain(ret)]);
      expect(await b.store.lookupLinks('other', 'order', '1001', 'to')).toEqual([]);
    });

    it('replaces a resource’s terms and links with a later version, and ignores an earlier one', async () => {
      await b.store.indexForLookup(order);
      expect(await b.store.indexForLookup({ ...order, version: 1999, terms: ['stale'], links: [] })).toBe(false);
      expect(await b.store.findForLookup({ term: 'stale', prefix: false, limit: 10 })).toEqual([]);
      expect(await b.store.indexForLookup({ ...order, version: 2001, title: '#1187 (edited)', terms: ['new@example.com'], links: [] })).toBe(true);
      expect(await b.store.findForLookup({ term: 'dana@example.com', prefix: false, limit: 10 })).toEqual([]);
      expect(await b.store.findForLookup({ term: 'new@example.com', prefix: false, limit: 10 })).toEqual([
        { ...plain(order), version: 2001, title: '#1187 (edited)' },
      ]);
      await b.store.indexForLookup(company);
      expect(await b.store.lookupLinks('s', 'order', '1001', 'from')).toEqual([]);
    });

    it('forgets a shop’s index with the shop, and a redacted customer’s terms and entry', async () => {
      const customer = {
        shop: 's',
        resourceType: 'customer',
        resourceId: '7001',
        version: 1,
        title: 'Dana Whitfield',
        terms: ['dana@example.com', 'dana whitfield'],
        links: [],
      };
      for (const e of [order, company, customer, { ...company, shop: 'other' }]) await b.store.indexForLookup(e);
      await b.store.redactCustomer('s', { customerId: '7001', email: 'Dana@Example.com', orderIds: [] });
      expect(await b.store.lookupResource('s', 'customer', '7001')).toBeUndefined();
      expect(await b.store.findForLookup({ term: 'dana@example.com', prefix: false, limit: 10 })).toEqual([]);
      expect(await b.store.findForLookup({ term: '1187', prefix: false, limit: 10 })).toEqual([plain(order)]);
      await b.store.redactShop('s');
      expect(await b.store.findForLookup({ term: 'acme', prefix: true, limit: 10 })).toEqual([{ ...plain(company), shop: 'other' }]);
    });
  });

  describe('what a port to another database could get wrong', () => {
    const BIG = 2 ** 31 + 7; // beyond a 32-bit integer column
    const EPOCH = 1_780_000_000_123; // epoch ms (2026), beyond 2^40

    it('keeps epoch milliseconds and ids beyond 2^31 exactly, up to 2^53 − 1', async () => {
      const d = await b.store.acceptDelivery(delivery({ triggeredAt: EPOCH - 1, receivedAt: EPOCH }), { ...change, version: Number.MAX_SAFE_INTEGER }, jobs);
      expect(await b.store.getEvent(d.eventId ?? 0)).toMatchObject({ version: Number.MAX_SAFE_INTEGER, receivedAt: EPOCH });
      expect(await b.store.latestEvent('s.myshopify.com', 'order', '1')).toMatchObject({ triggeredAt: EPOCH - 1 });
      const ws = { shop: 's', boType: 'shopify_order', boId: '820982911946154508', nodeId: BIG, name: 'Order', workspaceType: 'Shopify Order' };
      await b.store.putWorkspace(ws);
      expect(await b.store.getWorkspace('s', 'shopify_order', '820982911946154508')).toEqual(ws);
      await b.store.recordApplied('s', 'order', '1', 'rule', EPOCH, BIG);
      expect(await b.store.appliedVersion('s', 'order', '1', 'rule')).toBe(EPOCH);
      await b.store.setSyncCursor('s', 'orders', Number.MAX_SAFE_INTEGER);
      expect(await b.store.getSyncCursor('s', 'orders')).toBe(Number.MAX_SAFE_INTEGER);
      const artifact = { name: 'a.pdf', nodeId: BIG + 1, version: 3, size: 2 ** 33, sha256: 'a'.repeat(64), eventId: BIG, archivedAt: EPOCH };
      const archived = {
        shop: 's',
        orderId: '820982911946154508',
        orderName: '#1',
        folderId: BIG,
        inWorkspace: true,
        orderVersion: EPOCH,
        manifest: { nodeId: BIG + 2, version: 1, size: 2 ** 40, sha256: 'b'.repeat(64) },
        artifacts: [artifact],
        archivedAt: EPOCH,
      };
      await b.store.recordArchive(archived);
      expect(await b.store.archivedOrder('s', '820982911946154508')).toEqual(archived);
      await b.store.audit({
        shop: 's',
        eventId: BIG,
        jobId: '9007199254740993',
        rule: null,
        action: 'relate',
        target: 't',
        nodeId: BIG,
        result: 'ok',
        detail: null,
        durationMs: BIG,
      });
      expect((await b.store.listAudit())[0]).toMatchObject({ eventId: BIG, jobId: '9007199254740993', nodeId: BIG, durationMs: BIG });
      await b.store.recordDispute({ shop: 's', disputeId: '1', orderId: '2', status: 'won', open: false, version: EPOCH });
      expect((await b.store.disputesOf('s', '2'))[0]?.version).toBe(EPOCH);
      const count = await b.store.summary();
      expect(count.deliveries).toEqual({ total: 1, duplicates: 0, ignored: 0 });
    });

    it('keeps the signed bytes of a body as received, and JSON columns as written', async () => {
      // Key order, whitespace, an id beyond 2^53 and escapes: the exact bytes Shopify signed.
      const body = '{ "z": 1,\n  "id": 820982911946154508, "a": "caf\\u00e9 \\"quoted\\"", "total": "10.10", "n": 1.50 }';
      const d = await b.store.acceptDelivery(delivery({ body }), change, jobs);
      expect((await b.store.getDelivery(1))?.body).toBe(body);
      expect((await b.store.getEvent(d.eventId ?? 0))?.payload).toBe(body);
      const [synced] = await b.store.acceptSyncChanges('s', 'sync:orders', [{ change: { ...change, resourceId: '2' }, payload: body }], jobs);
      expect((await b.store.getEvent(synced?.eventId ?? 0))?.payload).toBe(body);

      const value = {
        text: 'Straße, 東京, emoji 🚚, quote " backslash \\ newline \n tab \t',
        big: Number.MAX_SAFE_INTEGER,
        negative: -0.125,
        tiny: 1e-7,
        list: [1, 'two', null, true, { nested: [[]] }],
        empty: {},
        id: '820982911946154508',
      };
      const job = { id: '7', task: 'rule', jobKey: 'k:7', queueName: 'q', payload: value, attempt: 1, maxAttempts: 3 };
      await b.store.recordOutcome({ job, result: { outcome: 'created', value }, finishedAt: EPOCH });
      await b.store.recordOutcome({ job: { ...job, id: '8', jobKey: 'k:8', payload: null }, result: 'plain', finishedAt: EPOCH });
      expect(await b.store.outcomes()).toEqual([
        {
          jobId: '7',
          jobKey: 'k:7',
          task: 'rule',
          queueName: 'q',
          payload: value,
          outcome: 'created',
          result: { outcome: 'created', value },
          attempt: 1,
          finishedAt: EPOCH,
        },
        { jobId: '8', jobKey: 'k:8', task: 'rule', queueName: 'q', payload: null, outcome: 'done', result: 'plain', attempt: 1, finishedAt: EPOCH },
      ]);
      const run = { key: 'k', shop: 's', state: { cursor: 'eyJ\u00e9', value }, done: false, startedAt: EPOCH, updatedAt: EPOCH };
      await b.store.saveBackfillRun(run);
      expect(await b.store.backfillRun('k')).toEqual(run);
      const checklist = {
        shop: 's',
        productId: '9',
        nodeId: BIG,
        title: 'Ü',
        classes: ['hazmat', 'every'],
        items: [{ name: 'SDS "2"', classes: ['hazmat'], status: 'present' as const, documents: [{ id: BIG, name: 'SDS.pdf', validUntil: null }] }],
        complete: true,
        checkedAt: EPOCH,
      };
      await b.store.putChecklist(checklist);
      expect(await b.store.checklists()).toEqual([checklist]);
    });

    it('orders and pages text by code point, as SQLite does', async () => {
      for (const id of ['b', 'B', 'a', 'é', '_', 'A']) await b.store.recordArchive({ ...emptyArchive, orderId: id });
      expect((await b.store.archivedOrders({ limit: 10 })).map((o) => o.orderId)).toEqual(['A', 'B', '_', 'a', 'b', 'é']);
      expect((await b.store.archivedOrders({ limit: 10, after: { shop: 's', orderId: '_' } })).map((o) => o.orderId)).toEqual(['a', 'b', 'é']);
      const entry = { shop: 's', resourceType: 'company', resourceId: '1', version: 1, title: 'x', terms: ['ab', 'a-b', 'a b', 'ac'], links: [] };
      await b.store.indexForLookup(entry);
      await b.store.indexForLookup({ ...entry, resourceId: '2', title: 'y', terms: ['b', 'a~'] });
      expect((await b.store.findForLookup({ term: 'a', prefix: true, limit: 10 })).map((r) => r.resourceId)).toEqual(['1', '2']);
      expect((await b.store.findForLookup({ term: 'a-', prefix: true, limit: 10 })).map((r) => r.resourceId)).toEqual(['1']);
    });

    // Processes sharing a database server race; SQLite's writers take turns on the file's lock (and
    // one process cannot interleave two connections' transactions: better-sqlite3 waits synchronously).
    const oneWriter = kind === 'sqlite';

    it.skipIf(oneWriter)('stores one delivery and one event, and enqueues once, when two processes accept the same webhook or change at once', async () => {
      const other = await b.openAnother();
      const stores = [b.store, other.store, b.store, other.store];
      for (let round = 0; round < 3; round++) {
        const c = { ...change, resourceId: `r${round}` };
        // The same webhook id, delivered to every process at once.
        const same = await Promise.all(stores.map((s) => s.acceptDelivery(delivery({ webhookId: `same-${round}` }), c, jobs)));
        expect(same.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(same.flatMap((r) => r.jobs)).toHaveLength(1);
        // The same change under other webhook ids (orders/create and orders/paid of one state).
        const c2 = { ...change, resourceId: `s${round}` };
        const one = await Promise.all(stores.map((s, i) => s.acceptDelivery(delivery({ webhookId: `other-${round}-${i}` }), c2, jobs)));
        expect(one.filter((r) => r.newEvent)).toHaveLength(1);
        expect(new Set(one.map((r) => r.eventId)).size).toBe(1);
        expect(one.flatMap((r) => r.jobs)).toHaveLength(1);
      }
      const s = await other.store.summary();
      expect(s.deliveries).toEqual({ total: 3 + 12, duplicates: 9, ignored: 0 });
      expect(s.events.total).toBe(6);
      expect((await other.queue.counts()).queued).toBe(6);
    });

    it.skipIf(oneWriter)('keeps the later version when two processes index or apply the same resource at once', async () => {
      const other = await b.openAnother();
      const entry = (version: number) => ({
        shop: 's',
        resourceType: 'order',
        resourceId: '1',
        version,
        title: `v${version}`,
        terms: [`v${version}`, 'shared'],
        links: [{ resourceType: 'company', resourceId: String(version) }],
      });
      const versions = [5, 3, 9, 1, 7, 2, 8];
      await Promise.all(versions.map((v, i) => (i % 2 ? other : b).store.indexForLookup(entry(v))));
      await Promise.all(versions.map((v, i) => (i % 2 ? other : b).store.recordApplied('s', 'order', '1', 'rule', v, v)));
      await Promise.all(
        versions.map((v, i) => (i % 2 ? other : b).store.recordDispute({ shop: 's', disputeId: '1', orderId: '1', status: `v${v}`, open: true, version: v })),
      );
      expect(await b.store.lookupResource('s', 'order', '1')).toMatchObject({ version: 9, title: 'v9' });
      expect((await b.store.findForLookup({ term: 'shared', prefix: false, limit: 10 })).map((r) => r.title)).toEqual(['v9']);
      expect(await b.store.findForLookup({ term: 'v8', prefix: false, limit: 10 })).toEqual([]);
      expect(await b.store.appliedVersion('s', 'order', '1', 'rule')).toBe(9);
      expect((await b.store.disputesOf('s', '1'))[0]?.status).toBe('v9');
    });
  });

  it('stores text holding U+0000 on every backend (PostgreSQL, which refuses it, gets U+FFFD) and finds by it without failing', async () => {
    const nul = 'Acme\u0000 Tools';
    const kept = kind === 'postgres' ? 'Acme\uFFFD Tools' : nul;
    const job = { id: '9', task: 'rule', jobKey: 'k:nul', queueName: 'q', payload: { name: nul }, attempt: 1, maxAttempts: 3 };
    await b.store.recordOutcome({ job, result: { outcome: 'created', name: nul }, finishedAt: 1_780_000_000_000 });
    expect(await b.store.outcomes({ jobIds: ['9'] })).toMatchObject([{ payload: { name: kept }, result: { name: kept } }]);
    await b.store.putWorkspace({ shop: 's', boType: 'shopify_account', boId: '77', nodeId: 7001, name: nul, workspaceType: 'Shopify Customer Account' });
    expect((await b.store.getWorkspace('s', 'shopify_account', '77'))?.name).toBe(kept);
    const entry = { shop: 's', resourceType: 'company', resourceId: '77', version: 1, title: nul, terms: [nul.toLowerCase()], links: [] };
    expect(await b.store.indexForLookup(entry)).toBe(true);
    expect(await b.store.findForLookup({ term: nul.toLowerCase(), prefix: true, limit: 5 })).toMatchObject([{ resourceId: '77', title: kept }]);
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

  describe('privacy', () => {
    const SHOP = 's.myshopify.com';
    const email = 'Dana.Whitfield@example.com';
    const address = { first_name: 'Dana', last_name: 'Whitfield', address1: '400 Foundry Road', city: 'Pittsburgh', zip: '15222' };
    const order = (id: string, customerId: number, mail: string, addr: Record<string, unknown>) =>
      JSON.stringify({
        id: Number(id),
        admin_graphql_api_id: `gid://shopify/Order/${id}`,
        name: '#1001',
        email: mail,
        customer: { id: customerId, email: mail, first_name: addr.first_name, last_name: addr.last_name, default_address: addr },
        billing_address: addr,
        shipping_address: addr,
      });
    const dana = order('101', 7001, email, address);
    const luis = order('202', 7002, 'luis@example.com', { first_name: 'Luis', last_name: 'Ortega', address1: '12 Harbor Street' });
    const orderChange = (id: string) => ({ resourceType: 'order' as const, resourceId: id, version: 1000, deleted: false });
    const noJobs: JobsForEvent = () => [];
    const ref = { customerId: '7001', email: email.toUpperCase(), orderIds: ['101'] };

    async function seed(): Promise<{ danaEvent: number; luisEvent: number }> {
      const a = await b.store.acceptDelivery(delivery({ webhookId: 'd-1', shop: SHOP, body: dana }), orderChange('101'), noJobs);
      const l = await b.store.acceptDelivery(delivery({ webhookId: 'l-1', shop: SHOP, body: luis }), orderChange('202'), noJobs);
      await b.store.putWorkspace({
        shop: SHOP,
        boType: 'shopify_order',
        boId: '101',
        nodeId: 500,
        name: 'Order #1001 – Dana Whitfield',
        workspaceType: 'Shopify Order',
      });
      await b.store.putWorkspace({
        shop: SHOP,
        boType: 'shopify_order',
        boId: '202',
        nodeId: 501,
        name: 'Order #1002 – Luis Ortega',
        workspaceType: 'Shopify Order',
      });
      const audit = { shop: SHOP, jobId: '1', rule: 'r', target: 'shopify_order/101', nodeId: 500, result: 'ok' as const, durationMs: 1 };
      await b.store.audit({
        ...audit,
        eventId: a.eventId ?? null,
        action: 'update-attributes',
        detail: JSON.stringify({ attributes: { Customer: 'Dana Whitfield', 'Customer Email': email } }),
      });
      await b.store.audit({
        ...audit,
        eventId: l.eventId ?? null,
        target: 'shopify_order/202',
        action: 'update-attributes',
        detail: JSON.stringify({ attributes: { Customer: 'Luis Ortega' } }),
      });
      const job = {
        id: '9',
        task: 'rule',
        jobKey: 'k:9',
        queueName: `${SHOP}:ws:order:101`,
        payload: { eventId: a.eventId, rule: 'r' },
        attempt: 1,
        maxAttempts: 3,
      };
      await b.store.recordOutcome({ job, result: { outcome: 'created', steps: [{ step: "ensure workspace 'Order #1001 – Dana Whitfield'" }] }, finishedAt: 1 });
      return { danaEvent: a.eventId ?? 0, luisEvent: l.eventId ?? 0 };
    }

    it('enqueues the jobs of a delivery without a change in the same transaction', async () => {
      const own = (id: number) => [{ task: 'privacy', payload: { deliveryId: id, topic: 'shop/redact' }, jobKey: `p:${id}`, queueName: 'p' }];
      const r = await b.store.acceptDelivery(delivery({ topic: 'shop/redact', handled: true }), undefined, jobs, own);
      expect(r).toMatchObject({ duplicate: false, eventId: undefined, jobs: [{ duplicate: false }] });
      expect((await b.store.summary()).deliveries).toEqual({ total: 1, duplicates: 0, ignored: 0 });
      expect(await b.store.getDelivery(1)).toMatchObject({ id: 1, topic: 'shop/redact', body: '{}', redactedAt: null });
      expect((await b.queue.counts()).queued).toBe(1);
    });

    it('redacts a customer everywhere and leaves other customers alone', async () => {
      const { danaEvent, luisEvent } = await seed();
      const before = await b.store.exportCustomer(SHOP, ref);
      expect(before.deliveries.map((d) => d.id)).toEqual([1]);
      expect(before.events.map((e) => e.id)).toEqual([danaEvent]);
      expect(before.workspaces.map((w) => w.boId)).toEqual(['101']);
      expect(before.audit).toHaveLength(1);
      expect(before.outcomes.map((o) => o.jobKey)).toEqual(['k:9']);
      expect(JSON.stringify(before)).toContain('400 Foundry Road');

      const r = await b.store.redactCustomer(SHOP, ref, 1_780_000_000_000);
      expect(r.rows).toBeGreaterThanOrEqual(5);
      const all = JSON.stringify([
        await b.store.getDelivery(1),
        await b.store.getEvent(danaEvent),
        await b.store.listAudit(),
        await b.store.getWorkspace(SHOP, 'shopify_order', '101'),
        await b.store.outcomes(),
      ]);
      for (const personal of ['dana.whitfield@example.com', 'Dana Whitfield', '400 Foundry Road'])
        expect(all.toLowerCase()).not.toContain(personal.toLowerCase());
      expect(await b.store.getDelivery(1)).toMatchObject({ body: '{"redacted":true}', redactedAt: 1_780_000_000_000 });
      expect(await b.store.getWorkspace(SHOP, 'shopify_order', '101')).toMatchObject({ nodeId: 500, name: 'Order #1001 – [redacted]' });
      expect((await b.store.outcomes())[0]?.result).toMatchObject({ outcome: 'created' });
      // Another customer keeps everything.
      expect((await b.store.getEvent(luisEvent))?.payload).toBe(luis);
      expect(await b.store.getWorkspace(SHOP, 'shopify_order', '202')).toMatchObject({ name: 'Order #1002 – Luis Ortega' });
      expect(JSON.stringify(await b.store.listAudit())).toContain('Luis Ortega');
      // Again: nothing left to change.
      expect(await b.store.redactCustomer(SHOP, ref)).toEqual({ rows: 0 });
      expect((await b.store.exportCustomer(SHOP, ref)).deliveries).toEqual([]);
    });

    it('records privacy conflicts once per workspace', async () => {
      const c = { shop: SHOP, customerId: '7001', boType: 'shopify_order', boId: '101', nodeId: 500, reason: 'retention' };
      await b.store.recordPrivacyConflict(c, 1000);
      await b.store.recordPrivacyConflict(c, 2000);
      await b.store.recordPrivacyConflict({ ...c, shop: 'other.myshopify.com' }, 3000);
      expect(await b.store.privacyConflicts({ shop: SHOP })).toEqual([{ ...c, id: expect.any(Number), recordedAt: 1000 }]);
      expect(await b.store.privacyConflicts()).toHaveLength(2);
    });

    it('erases every row of a shop and nothing of another', async () => {
      await seed();
      await b.store.acceptDelivery(delivery({ webhookId: 'o-1', shop: 'other.myshopify.com' }), orderChange('303'), jobs);
      await b.store.acceptDelivery(delivery({ webhookId: 'd-2', shop: SHOP }), orderChange('404'), () => [
        { task: 'rule', payload: {}, jobKey: 'pending', queueName: `${SHOP}:order:404` },
      ]);
      await b.store.setSyncCursor(SHOP, 'orders', 5);
      await b.store.recordApplied(SHOP, 'order', '101', 'rule', 1, 1);
      await b.store.addPendingRelation({ shop: SHOP, from: { boType: 'a', boId: '1' }, to: { boType: 'b', boId: '2' }, relType: 'parent' });
      await b.store.recordPrivacyConflict({ shop: SHOP, customerId: '7001', boType: 'shopify_order', boId: '101', nodeId: 500, reason: 'retention' });
      expect((await b.queue.counts()).queued).toBe(2);

      const r = await b.store.redactShop(SHOP);
      expect(r.rows).toBeGreaterThanOrEqual(14);
      const s = await b.store.summary();
      expect(s.deliveries.total).toBe(1);
      expect(s.events.total).toBe(1);
      expect(s.workspaces).toEqual({});
      expect(s.outcomes).toEqual({});
      expect(await b.store.listAudit()).toEqual([]);
      expect(await b.store.getSyncCursor(SHOP, 'orders')).toBeUndefined();
      expect(await b.store.appliedVersion(SHOP, 'order', '101', 'rule')).toBeUndefined();
      expect(await b.store.pendingRelationsTo(SHOP, 'b', '2')).toEqual([]);
      expect(await b.store.privacyConflicts()).toEqual([]);
      expect((await b.queue.counts()).queued).toBe(1); // the other shop's job
    });

    it('purges finished deliveries, events and outcomes older than the cut-off, keeping newer and unfinished ones', async () => {
      const old = 1_780_000_000_000;
      const cut = old + 1000;
      const at = (receivedAt: number, webhookId: string) => delivery({ webhookId, receivedAt });
      // Finished (no job holds it), old: goes. Old but a job still waits for it: stays. New: stays.
      const done = await b.store.acceptDelivery(at(old, 'a'), { ...change, resourceId: '1' }, noJobs);
      const pending = await b.store.acceptDelivery(at(old, 'b'), { ...change, resourceId: '2' }, jobs);
      const fresh = await b.store.acceptDelivery(at(cut + 1, 'c'), { ...change, resourceId: '3' }, noJobs);
      await b.store.acceptDelivery(at(old, 'd'), undefined, noJobs); // a topic not followed
      const ownJob = (id: number) => [{ task: 'privacy', payload: { deliveryId: id, topic: 'shop/redact' }, jobKey: `p:${id}`, queueName: 'p' }];
      await b.store.acceptDelivery(at(old, 'e'), undefined, noJobs, ownJob); // its job waits
      const job = { id: '1', task: 'rule', jobKey: 'o1', queueName: 'q', payload: {}, attempt: 1, maxAttempts: 3 };
      await b.store.recordOutcome({ job, result: { outcome: 'created' }, finishedAt: old });
      await b.store.recordOutcome({ job: { ...job, id: '2', jobKey: 'o2' }, result: { outcome: 'updated' }, finishedAt: cut });

      expect(await b.store.purge(cut)).toEqual({ deliveries: 2, events: 1, outcomes: 1 });
      expect(await b.store.getEvent(done.eventId ?? 0)).toBeUndefined();
      expect(await b.store.getEvent(pending.eventId ?? 0)).toBeDefined();
      expect(await b.store.getEvent(fresh.eventId ?? 0)).toBeDefined();
      expect((await b.store.outcomes()).map((o) => o.jobKey)).toEqual(['o2']);
      expect((await b.store.summary()).deliveries.total).toBe(3);
      expect(await b.store.getDelivery(5)).toMatchObject({ webhookId: 'e' });
      expect(await b.store.purge(cut)).toEqual({ deliveries: 0, events: 0, outcomes: 0 });
    });
  });
});
