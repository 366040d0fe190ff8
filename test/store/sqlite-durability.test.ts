import { join } from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteQueue } from '../../src/queue/sqlite/sqlite-queue.js';
import { SqliteStore, asQueueDb, openSqlite } from '../../src/store/sqlite/sqlite-store.js';
import type { JobsForEvent, NewDelivery } from '../../src/store/store.js';
import { tempDir } from '../helpers/config.js';

/** Records each statement the store sends, in order: pragmas in full, others as `KIND table`. */
class Recorder implements KyselyPlugin {
  readonly seen: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const n = args.node;
    if (n.kind === 'RawNode') this.seen.push(n.sqlFragments.join('?').trim().toLowerCase());
    else if (n.kind === 'InsertQueryNode') this.seen.push(`insert ${n.into?.table.identifier.name ?? ''}`);
    else this.seen.push(n.kind);
    return n;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const delivery = (webhookId: string): NewDelivery => ({
  webhookId,
  shop: 's.myshopify.com',
  topic: 'orders/create',
  apiVersion: '2026-07',
  eventId: null,
  triggeredAt: null,
  receivedAt: Date.now(),
  body: '{"id":1}',
  handled: true,
});
const jobs: JobsForEvent = (id) => [{ task: 'rule', payload: { eventId: id, rule: 'r' }, jobKey: `k:${id}`, queueName: `q:${id}` }];

/** Where the deliveries insert ran: between `pragma synchronous = full` and `= normal`, or not. */
function underFull(seen: string[], statement: string): boolean {
  const at = seen.lastIndexOf(statement);
  if (at < 0) throw new Error(`${statement} was not sent: ${seen.join(', ')}`);
  const before = seen.slice(0, at).filter((s) => s.startsWith('pragma synchronous'));
  const after = seen.slice(at + 1).find((s) => s.startsWith('pragma synchronous'));
  return before.at(-1) === 'pragma synchronous = full' && after === 'pragma synchronous = normal';
}

describe.each([true, false])('SQLite commits (group commit %s)', (groupCommit) => {
  const dir = tempDir('sxecm-sync-');
  const recorder = new Recorder();
  const db = openSqlite(join(dir.dir, 'store.db')).withPlugin(recorder);
  const queue = new SqliteQueue(asQueueDb(db), { maxAttempts: 3, backoffBaseMs: 10, backoffMaxMs: 10 });
  const store = new SqliteStore(db, queue, { groupCommit });
  const synchronous = async (): Promise<number> => (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous ?? -1;

  beforeAll(async () => {
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    dir.cleanup();
  });

  it('commits a delivery with synchronous=FULL (on disk before the 200), and goes back to NORMAL', async () => {
    expect(await synchronous()).toBe(1);
    recorder.seen.length = 0;
    const accepted = await Promise.all(
      ['w-1', 'w-2', 'w-3'].map((id) =>
        store.acceptDelivery(delivery(`${id}-${groupCommit}`), { resourceType: 'order', resourceId: id, version: 1, deleted: false }, jobs),
      ),
    );
    expect(accepted.map((a) => a.duplicate)).toEqual([false, false, false]);
    expect(underFull(recorder.seen, 'insert deliveries')).toBe(true);
    expect(underFull(recorder.seen, 'insert jobs')).toBe(true);
    expect(await synchronous()).toBe(1);
  });

  it("commits the workers' writes with synchronous=NORMAL", async () => {
    recorder.seen.length = 0;
    await store.audit({
      shop: 's.myshopify.com',
      eventId: null,
      jobId: null,
      rule: 'r',
      action: 'create-workspace',
      target: 'shopify_order/1',
      nodeId: 1,
      result: 'ok',
      detail: null,
      durationMs: 1,
    });
    const claimed = await queue.claim('worker-1', Date.now() + 1000, []);
    expect(claimed?.task).toBe('rule');
    expect(recorder.seen).toContain('insert audit');
    expect(recorder.seen.some((s) => s.startsWith('pragma synchronous'))).toBe(false);
    expect(await synchronous()).toBe(1);
  });
});
