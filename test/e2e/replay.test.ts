import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder } from '../helpers/orders.js';
import { replay } from '../../src/ops/replay.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { postDelivery } from '../helpers/webhooks.js';

const EVENTS = 1000;

/** Issue 5: replaying the same 1,000 events produces no second write of any kind (audit log). */
describe('replaying 1,000 events', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ overrides: { queue: { concurrency: 8, backoffBaseMs: 50, backoffMaxMs: 500, pollIntervalMs: 20, lockTimeoutMs: 10_000 } } });
  });
  afterAll(async () => stack.stop());

  it('writes nothing the second time', async () => {
    // 1,000 changes: 400 orders created, then 600 updates of them (a new updated_at each).
    const bodies: Array<{ topic: string; body: Record<string, unknown> }> = [];
    for (let i = 0; i < 400; i++) {
      const kind = i % 5;
      bodies.push({
        topic: 'orders/create',
        body: demoOrder(i, { total: kind === 0 ? '7400.00' : kind === 1 ? '120.00' : '640.00', b2b: kind === 2, tags: kind === 3 ? ['custom'] : [] }),
      });
    }
    for (let j = 0; j < EVENTS - 400; j++) {
      const i = (j * 7) % 400;
      const kind = i % 5;
      bodies.push({
        topic: 'orders/updated',
        body: demoOrder(i, {
          total: kind === 0 ? '7400.00' : kind === 1 ? '120.00' : '640.00',
          b2b: kind === 2,
          tags: kind === 3 ? ['custom', `u${j}`] : [`u${j}`],
          financialStatus: j % 2 ? 'paid' : 'pending',
          updatedAt: new Date(Date.UTC(2026, 7, 1) + j * 1000).toISOString(),
        }),
      });
    }
    for (let k = 0; k < bodies.length; k += 25) {
      const rs = await Promise.all(bodies.slice(k, k + 25).map((b) => postDelivery(stack.url, b.topic, b.body)));
      expect(rs.every((r) => r.status === 200)).toBe(true);
    }
    await stack.drained();
    expect((await stack.deps.store.summary()).events.total).toBe(EVENTS);
    const first = await stack.deps.store.listAudit();
    const writes = first.filter((a) => a.result === 'ok');
    expect(writes.length).toBeGreaterThan(400);
    // Template folders come with the workspace, so no folder needs creating here.
    expect(new Set(writes.map((a) => a.action))).toEqual(new Set(['create-workspace', 'update-attributes', 'upload-document', 'add-version']));
    expect((await stack.deps.queue.counts()).dead).toBe(0);

    const done = await stack.deps.store.outcomes();
    const r = await replay(stack.deps, { jobIds: done.map((j) => j.jobId) });
    expect(r.copied).toBe(done.length);
    stack.running.worker?.notify();
    await stack.drained();
    const second = await stack.deps.store.listAudit();
    expect(second.length).toBe(first.length);
    expect(await stack.deps.store.outcomes()).toHaveLength(2 * done.length);
  }, 600_000);
});
