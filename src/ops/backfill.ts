import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { get as httpGet } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { ArchiveRule } from '../rules/schema.js';
import type { Rules } from '../rules/schema.js';
import { IntegrationError } from '../errors.js';
import { checkOutbound } from '../config/outbound.js';
import { restOrderFullFromGraphql } from '../intake/from-graphql.js';
import { jobsForEvent } from '../intake/route-delivery.js';
import { workspaceQueue } from '../jobs/route-to-workspace.js';
import { taskJob } from '../jobs/tasks.js';
import type { Logger } from '../log.js';
import type { JobQueue } from '../queue/queue.js';
import { archiveApplies, BACKFILL_TOPIC } from '../rules/archive.js';
import type { AdminClient } from '../shopify/admin/client.js';
import { BULK_RUN, BULK_STATUS, bulkArchiveOrdersQuery } from '../shopify/admin/operations/bulk.js';
import type { FullRefund, OrderFullNode } from '../shopify/admin/operations/order-full.js';
import { SYNC_REFUNDS } from '../shopify/admin/operations/refunds.js';
import { parseGid } from '../shopify/ids.js';
import type { ResourceChange } from '../store/change.js';
import type { Store } from '../store/store.js';
import { sleep } from '../util/sleep.js';

/** A backfill run's checkpoint (store.backfillRun): where it is, so that a run started again goes on. */
interface RunState {
  from: string;
  to: string;
  bulkId?: string;
  /** The JSONL result, downloaded whole (its size once complete). */
  file?: string;
  fileBytes?: number;
  /** Bytes of the file whose orders are stored with their jobs. */
  offset: number;
  orders: number;
  total?: number;
}

export interface BackfillProgress {
  phase: 'bulk' | 'download' | 'orders' | 'finishing';
  orders: number;
  total: number | undefined;
  /** Jobs still waiting or running. */
  pending: number;
}

export interface BackfillDeps {
  store: Store;
  queue: JobQueue;
  admin: AdminClient;
  rules: Rules;
  archive: ArchiveRule;
  log: Logger;
  /** Where the bulk result is downloaded (the data folder). */
  dataDir: string;
  /** The hosts a bulk result may be fetched from (config/outbound.ts). */
  outbound: ReadonlySet<string>;
}

export interface BackfillResult {
  orders: number;
  total: number | undefined;
  resumed: boolean;
  interrupted: boolean;
}

/** Orders per store transaction (one commit each), and the most jobs left waiting before reading on. */
const BATCH = 100;
const HIGH_WATER = 400;

type Obj = Record<string, unknown>;

/**
 * `backfill`: historical orders through one bulk operation. The JSONL result is downloaded to disk as
 * it streams, then read line by line (never whole); each order, rebuilt from its lines, is stored as a
 * change with its jobs (the rules' jobs, and the archive's with the order's comments) a batch per
 * transaction, and the checkpoint moves on. The queue's runner (started by the caller) does the work;
 * reading waits while many jobs are pending, so memory stays flat. Interrupted at any point, a run
 * started again with the same range goes on from its checkpoint: stored orders are known changes
 * (nothing twice), stored jobs still run, documents are filed by content hash.
 */
export async function backfill(
  deps: BackfillDeps,
  opts: {
    shop: string;
    from?: string;
    to?: string;
    signal?: AbortSignal;
    onProgress?: (p: BackfillProgress) => void;
    pollMs?: number;
    /** Waits until the queue has done the run's work; the run is finished (a new one starts afresh) only then. */
    drained: () => Promise<boolean>;
  },
): Promise<BackfillResult> {
  const from = opts.from ?? '1970-01-01T00:00:00Z';
  const to = opts.to ?? new Date().toISOString();
  // The range as asked for: a run without --to resumes the run that was started without it.
  const key = `${opts.shop}|${opts.from ?? ''}|${opts.to ?? ''}`;
  const now = Date.now();
  const saved = await deps.store.backfillRun(key);
  const resumed = saved !== undefined && !saved.done;
  const state: RunState = resumed ? (saved.state as RunState) : { from, to, offset: 0, orders: 0 };
  // A resumed run keeps the range it started with (its bulk query's).
  const startedAt = resumed ? saved.startedAt : now;
  const save = (done = false) => deps.store.saveBackfillRun({ key, shop: opts.shop, state, done, startedAt, updatedAt: Date.now() });
  const pending = async () => {
    const c = await deps.queue.counts();
    return c.queued + c.running;
  };
  const report = async (phase: BackfillProgress['phase']) => opts.onProgress?.({ phase, orders: state.orders, total: state.total, pending: await pending() });
  const stopped = () => opts.signal?.aborted === true;
  if (resumed) deps.log.info({ key, orders: state.orders, offset: state.offset }, 'backfill resumes');

  // 1. The bulk operation.
  if (state.bulkId === undefined) {
    const r = await deps.admin.request(BULK_RUN, { query: bulkArchiveOrdersQuery(state.from, state.to) });
    const op = r.data.bulkOperationRunQuery;
    if (!op.bulkOperation) throw new IntegrationError('SHOPIFY_QUERY_INVALID', `bulk query refused: ${op.userErrors.map((e) => e.message).join('; ')}`);
    state.bulkId = op.bulkOperation.id;
    await save();
  }
  // 2. Its result, downloaded whole (a partial download is fetched again).
  if (state.file === undefined || state.fileBytes === undefined || (await stat(state.file).catch(() => undefined))?.size !== state.fileBytes) {
    let url: string | null;
    for (;;) {
      if (stopped()) return { orders: state.orders, total: state.total, resumed, interrupted: true };
      const { data } = await deps.admin.request(BULK_STATUS, { id: state.bulkId });
      const op = data.node;
      if (!op)
        throw new IntegrationError('SHOPIFY_NOT_FOUND', `bulk operation ${state.bulkId} is gone; start the backfill again with other dates or after a day`);
      state.total = Number(op.rootObjectCount);
      if (op.status === 'COMPLETED') {
        url = op.url;
        break;
      }
      if (op.status === 'FAILED' || op.status === 'CANCELED' || op.status === 'EXPIRED')
        throw new IntegrationError('SHOPIFY_UNAVAILABLE', `bulk operation ${state.bulkId} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ''}`);
      await report('bulk');
      await sleep(opts.pollMs ?? 1000);
    }
    await mkdir(deps.dataDir, { recursive: true });
    const file = join(deps.dataDir, `backfill-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.jsonl`);
    if (url !== null) {
      await report('download');
      await download(checkOutbound(url, deps.outbound, 'bulk operation result').href, `${file}.part`);
      await rename(`${file}.part`, file);
    } else {
      // No orders in the range: an empty result.
      await pipeline(Readable.from([]), createWriteStream(file));
    }
    state.file = file;
    state.fileBytes = (await stat(file)).size;
    state.offset = 0;
    await save();
  }

  // 3. The orders, a batch at a time, from the checkpoint on.
  const file = state.file;
  let offset = state.offset;
  let batch: Array<{ order: OrderFullNode; end: number }> = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await storeBatch(
      deps,
      opts.shop,
      batch.map((b) => b.order),
    );
    state.orders += batch.length;
    state.offset = batch[batch.length - 1]?.end ?? state.offset;
    batch = [];
    await save();
    await report('orders');
    while (!stopped() && (await pending()) > HIGH_WATER) await sleep(100);
  };
  let current: { root: Obj; children: Obj[] } | undefined;
  const lines = createInterface({ input: createReadStream(file, { start: state.offset, encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const lineEnd = offset + Buffer.byteLength(line, 'utf8') + 1;
      if (line.trim() !== '') {
        const obj = JSON.parse(line) as Obj;
        if (typeof obj.__parentId === 'string') current?.children.push(obj);
        else {
          // A new order: the previous one is complete (its lines end where this one starts).
          if (current) batch.push({ order: assemble(current.root, current.children), end: offset });
          current = { root: obj, children: [] };
          if (batch.length >= BATCH) await flush();
          if (stopped()) break;
        }
      }
      offset = lineEnd;
    }
  } finally {
    lines.close();
  }
  if (stopped()) {
    await flush();
    return { orders: state.orders, total: state.total, resumed, interrupted: true };
  }
  if (current) batch.push({ order: assemble(current.root, current.children), end: offset });
  await flush();
  await report('finishing');
  const done = await opts.drained();
  if (done && !stopped()) await save(true);
  return { orders: state.orders, total: state.total, resumed, interrupted: !done || stopped() };
}

/**
 * Streams a bulk result (an HTTPS URL Shopify signs, on its storage host) to a file. Node's own
 * http client rather than fetch: a server that closes the connection while the file write holds the
 * body back is a normal end here (undici's fetch asserts in that case).
 */
async function download(url: string, file: string): Promise<void> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsGet : httpGet)(url, resolve);
    req.on('error', reject);
  });
  if (res.statusCode !== 200) {
    res.resume();
    throw new IntegrationError('SHOPIFY_UNAVAILABLE', `bulk result download answered ${res.statusCode ?? '?'}`);
  }
  await pipeline(res, createWriteStream(file));
}

/** An order rebuilt from its JSONL lines, in ORDER_FULL's shape. */
function assemble(root: Obj, children: Obj[]): OrderFullNode {
  const of = (types: (t: string) => boolean) => children.filter((c) => types(String(c.__typename ?? '')));
  const strip = (o: Obj): Obj => {
    const rest: Obj = { ...o };
    delete rest.__parentId;
    return rest;
  };
  const order = { ...root } as Obj;
  order.lineItems = { nodes: of((t) => t === 'LineItem').map(strip), pageInfo: { hasNextPage: false, endCursor: null } };
  order.shippingLines = { nodes: of((t) => t === 'ShippingLine').map(strip) };
  order.discountApplications = { nodes: of((t) => t.endsWith('DiscountApplication')).map(strip) };
  order.events = of((t) => t.endsWith('Event')).map(strip);
  const terms = root.paymentTerms as Obj | null | undefined;
  order.paymentTerms = terms ? { ...terms, paymentSchedules: { nodes: [] } } : null;
  const refunds = Array.isArray(root.refunds) ? (root.refunds as Obj[]) : [];
  order.refunds = refunds.map((r) => ({ ...r, refundLineItems: { nodes: [] }, transactions: { nodes: [] } }));
  return order as unknown as OrderFullNode;
}

/**
 * The refunds of a batch's refunded orders in full (their lines and transactions, which the bulk
 * query cannot carry besides the order's own connections): ten orders a request, as `sync` reads them.
 */
async function refundsOf(admin: AdminClient, orders: OrderFullNode[]): Promise<Map<string, FullRefund[]>> {
  const out = new Map<string, FullRefund[]>();
  const refunded = orders.filter((o) => o.refunds.length > 0);
  for (let i = 0; i < refunded.length; i += 10) {
    const ids = refunded
      .slice(i, i + 10)
      .map((o) => parseGid(o.id)?.id)
      .filter((id): id is string => id !== undefined);
    const { data } = await admin.request(SYNC_REFUNDS, { first: 10, query: ids.map((id) => `id:${id}`).join(' OR ') });
    for (const n of data.orders.nodes) out.set(n.id, n.refunds);
  }
  return out;
}

async function storeBatch(deps: BackfillDeps, shop: string, bulkOrders: OrderFullNode[]): Promise<void> {
  const refunds = await refundsOf(deps.admin, bulkOrders);
  // An order whose refunds could not be read in full here is read in full by its archive job.
  const orders = bulkOrders.map((o) => {
    const full = refunds.get(o.id);
    return full ? { ...o, refunds: full } : o;
  });
  const items: Array<{ change: ResourceChange; payload: string }> = [];
  const archived = new Map<string, { comments: Array<{ id: string; createdAt: string; author: string | null; message: string }> }>();
  for (const o of orders) {
    const id = parseGid(o.id)?.id;
    const version = Date.parse(o.updatedAt);
    if (id === undefined || !Number.isFinite(version)) continue;
    const payload = restOrderFullFromGraphql(o);
    // Payment terms come without their schedule.
    if (o.refunds.length > 0 && !refunds.has(o.id)) delete payload.transactions;
    const events = (o as unknown as { events: Array<{ __typename: string; id: string; createdAt: string; message: string; author?: { name: string } }> })
      .events;
    if (await archiveApplies(deps.archive, payload, shop))
      archived.set(id, {
        comments: events
          .filter((e) => e.__typename === 'CommentEvent')
          .map((e) => ({ id: e.id, createdAt: e.createdAt, author: e.author?.name ?? null, message: e.message })),
      });
    items.push({ change: { resourceType: 'order', resourceId: id, version, deleted: false }, payload: JSON.stringify(payload) });
  }
  const routed = jobsForEvent(shop, deps.rules, deps.archive);
  await deps.store.acceptSyncChanges(shop, BACKFILL_TOPIC, items, (eventId, change, key) => {
    const a = archived.get(change.resourceId);
    return [
      ...routed(eventId, change, key),
      // The archive's job, with the comments the bulk query read (the route leaves backfilled orders to it).
      ...(a
        ? [
            taskJob(
              'order.archive',
              { eventId, comments: a.comments },
              { jobKey: `${key}:archive`, queueName: workspaceQueue(shop, { kind: 'order', boId: change.resourceId }) },
            ),
          ]
        : []),
    ];
  });
}
