import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { BACKENDS, createDatabase } from '../helpers/backends.js';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

type Line = Record<string, unknown> & { msg: string };

const sample = fixture('orders-create.b2b-high-value.json');
/** The fixture's customer: the body never reaches a log line. */
const PERSONAL = ['dana.whitfield@keystone-process.example', 'Whitfield', 'Keystone'];

/**
 * Issue 14: every log line of a delivery's path carries its ids, on each backend's runner. The
 * intake's lines name the webhook, the stored delivery and its change (event); every line of the jobs
 * that carry the change out names the job and the event, the xECM client's lines (made for a job)
 * included. An operator follows one delivery with one filter, without reading the database.
 */
describe.each(BACKENDS)('log lines of one delivery carry its ids (%s)', (kind) => {
  let stack: Stack;
  let db: Awaited<ReturnType<typeof createDatabase>>;
  const chunks: string[] = [];
  /** The lines written from chunk `from` on (pino writes whole lines). */
  const lines = (from = 0): Line[] =>
    chunks
      .slice(from)
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    db = await createDatabase(kind);
    const destination = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        chunks.push(chunk.toString());
        cb();
      },
    });
    stack = await startStack({ overrides: { database: { url: db.url } }, log: createLogger({ level: 'trace', destination }) });
  }, 60_000);
  afterAll(async () => {
    await stack.stop();
    await db.drop();
  });

  it('names webhook, delivery and event at intake, and job and event on every line of the work', async () => {
    const started = chunks.length;
    const posted = await postDelivery(stack.url, sample.topic, sample.body);
    expect(posted.status).toBe(200);
    await stack.drained();
    const path = lines(started);

    const intake = path.find((l) => l.msg === 'delivery stored; work enqueued');
    expect(intake).toMatchObject({
      webhookId: posted.webhookId,
      shopifyEventId: expect.any(String),
      deliveryId: expect.any(Number),
      eventId: expect.any(Number),
      topic: 'orders/create',
    });
    const eventId = intake?.eventId;
    expect(await stack.deps.store.getEvent(Number(eventId))).toMatchObject({ deliveryId: intake?.deliveryId });

    // The work: the worker's lines and the clients' (graphile-worker's own chatter aside: its engine's lines name its worker).
    const work = path.filter((l) => (l.component === 'worker' || l.component === 'xecm') && l.queueEngine === undefined);
    expect(work.filter((l) => l.component === 'xecm').length).toBeGreaterThan(5);
    expect(work.filter((l) => l.msg === 'job done').map((l) => l.task)).toEqual(expect.arrayContaining(['rule.route', 'rule']));
    for (const l of work) {
      expect(l, JSON.stringify(l)).toMatchObject({ jobId: expect.stringMatching(/^\d+$/), task: expect.any(String), eventId });
    }
    // The job the intake enqueued is the one that routed the change.
    expect(work.filter((l) => l.task === 'rule.route').map((l) => l.jobId)).toEqual([...new Set(intake?.jobs as string[])]);
    const text = chunks.slice(started).join('');
    for (const p of PERSONAL) expect(text).not.toContain(p);
  }, 60_000);

  it('names the delivery first stored under a webhook id when the same webhook comes again', async () => {
    const posted = await postDelivery(stack.url, 'orders/updated', { ...sample.body, updated_at: '2026-07-15T09:00:00-04:00' });
    await stack.drained();
    const first = lines().find((l) => l.webhookId === posted.webhookId && l.msg === 'delivery stored; work enqueued');
    expect(first).toMatchObject({ deliveryId: expect.any(Number), eventId: expect.any(Number) });
    const again = await postDelivery(stack.url, 'orders/updated', { ...sample.body, updated_at: '2026-07-15T09:00:00-04:00' }, { webhookId: posted.webhookId });
    expect(again.json).toEqual({ ok: true, duplicate: true });
    expect(lines().find((l) => l.webhookId === posted.webhookId && l.msg === 'duplicate delivery ignored')).toMatchObject({ deliveryId: first?.deliveryId });
  }, 60_000);
});
