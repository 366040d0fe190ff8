import { createReadStream } from 'node:fs';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loadAdminSchema } from '../../src/shopify/admin/schema/index.js';
import { createBulkRunner } from './bulk.js';
import { LeakyBucket } from './cost.js';
import { addFulfillmentEvent, DomainError, openDispute, updateDispute } from './domain.js';
import { GraphqlExecutor } from './graphql/execute.js';
import { createRoot, idOf } from './graphql/root.js';
import type { Emit } from './graphql/root.js';
import { createViews } from './graphql/views.js';
import { restDispute, restFulfillment, restFulfillmentEvent, restOrder } from './payloads.js';
import { sleep } from '../../src/util/sleep.js';
import { createPrng } from './prng.js';
import { seedShop } from './seed.js';
import { emptyShopData, ShopState } from './state.js';
import type { DisputeRec, ShopData } from './types.js';
import { NO_FAULTS, parseWebhookFaults, WebhookDispatcher } from './webhooks.js';
import type { WebhookFaults } from './webhooks.js';

/** Every topic the emulator sends (an app-level `webhookUrl` subscribes to all of them). */
export const EMITTED_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'refunds/create',
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/cancel',
  'returns/close',
  'returns/reopen',
  'returns/process',
  'disputes/create',
  'disputes/update',
  'fulfillments/create',
  'fulfillments/update',
  'fulfillment_events/create',
  'fulfillment_orders/placed_on_hold',
  'fulfillment_orders/hold_released',
  'fulfillment_holds/added',
  'fulfillment_holds/released',
  'products/create',
  'products/update',
  'inventory_items/update',
  'customers/create',
  'customers/update',
  'companies/create',
  'companies/update',
  'company_locations/create',
  'company_contacts/create',
  'bulk_operations/finish',
] as const;

export interface ResolvedOptions {
  shop: string;
  apiSecret: string;
  accessToken: string;
  seed: number;
  orders: number;
  apiVersion: string;
  restoreRate: number;
  bucketSize: number;
  dbPath: string;
  logger: boolean | Logger;
  webhookFaults: WebhookFaults;
  retrySchedule: number[];
  webhookTimeoutMs: number;
  webhookLogLimit: number;
  webhookUrl: string | null;
  removeFailingSubscriptions: boolean;
  latencyMs: number;
  now: () => number;
}

/** The running shop: state plus the handles tests and control routes use. */
export interface ShopHandle {
  state: ShopState;
  webhooks: WebhookDispatcher;
  bucket: LeakyBucket;
  stats: { requests: number; throttled: number };
  /** Resolves when all pending webhook deliveries (retries included) have settled. */
  flushWebhooks(): Promise<void>;
  /** Resolves when no bulk operation is running. */
  bulkIdle(): Promise<void>;
  /** Regenerates the seeded shop (or an empty one) and clears deliveries and counters. */
  reset(opts?: { seed?: number; orders?: number; empty?: boolean }): void;
  /** Opens a dispute on an order, or moves an existing one to `status` (disputes/create|update). */
  dispute(input: {
    orderId?: string | number;
    disputeId?: string | number;
    status?: string;
    type?: string;
    reason?: string;
    amount?: string;
    networkReasonCode?: string;
  }): DisputeRec;
  /** A carrier event on an order's (or a given) fulfillment (fulfillment_events/create). */
  fulfillmentEvent(input: {
    orderId?: string | number;
    fulfillmentId?: string | number;
    status: string;
    message?: string;
    estimatedDeliveryAt?: string;
  }): Record<string, unknown>;
  setWebhookFaults(spec: string | Partial<WebhookFaults>, uri?: string): WebhookFaults;
}

const SHOP_ID = 64_822_001_709;

/** ShopifyPaymentsDispute statuses (DisputeStatus, lower-case as the webhooks carry them). */
const DISPUTE_STATUSES: readonly DisputeRec['status'][] = ['needs_response', 'under_review', 'charge_refunded', 'accepted', 'won', 'lost', 'prevented'];

function numericId(v: string | number | undefined, type: string): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  return /^\d+$/.test(v) ? Number(v) : idOf(v, type);
}

export async function buildApp(o: ResolvedOptions): Promise<{ app: FastifyInstance; shop: ShopHandle }> {
  const app: FastifyInstance =
    typeof o.logger === 'boolean'
      ? Fastify({ logger: o.logger, bodyLimit: 10 * 1024 * 1024 })
      : (Fastify({ loggerInstance: o.logger as FastifyBaseLogger, bodyLimit: 10 * 1024 * 1024 }) as FastifyInstance);
  const schema = loadAdminSchema();

  const seeded = (seed: number, orders: number, empty = false): ShopData => {
    const tmp = new ShopState(o.shop, o.now, emptyShopData());
    if (!empty) seedShop(tmp, { seed, orders });
    return tmp.data;
  };
  const state = new ShopState(o.shop, o.now, emptyShopData(), o.dbPath);
  if (!state.restored) state.replace(seeded(o.seed, o.orders));
  const appLevelSubs = (): void => {
    if (!o.webhookUrl) return;
    for (const topic of EMITTED_TOPICS) {
      if (state.data.webhookSubscriptions.some((w) => w.appLevel && w.topic === topic && w.uri === o.webhookUrl)) continue;
      const at = state.now();
      state.webhookSubscriptions.insert({
        id: state.nextId('WebhookSubscription'),
        topic,
        uri: o.webhookUrl,
        name: null,
        filter: null,
        includeFields: [],
        appLevel: true,
        createdAt: at,
        updatedAt: at,
      });
    }
  };
  appLevelSubs();

  /** Where the emulator listens (bulk result URLs point here). */
  const listeningUrl = (): string => {
    const addr = app.server.address();
    if (!addr || typeof addr !== 'object') return 'http://127.0.0.1';
    return `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  };
  const bucket = new LeakyBucket(o.bucketSize, o.restoreRate, o.now);
  const stats = { requests: 0, throttled: 0 };
  const webhooks = new WebhookDispatcher({
    shopDomain: o.shop,
    apiSecret: o.apiSecret,
    apiVersion: o.apiVersion,
    retrySchedule: o.retrySchedule,
    timeoutMs: o.webhookTimeoutMs,
    logLimit: o.webhookLogLimit,
    faults: o.webhookFaults,
    rng: createPrng((o.seed ^ 0x5bd1e995) >>> 0),
    subscriptions: () => state.data.webhookSubscriptions,
    onExhausted: (id) => {
      if (o.removeFailingSubscriptions) state.webhookSubscriptions.remove(id);
    },
    ...(typeof o.logger === 'object' ? { logger: o.logger } : {}),
  });
  const action = (): Emit => {
    const eventId = webhooks.newEventId();
    return (topic, payload) => void webhooks.emit(topic, payload, eventId, state.now());
  };

  const views = createViews(state, { shopDomain: o.shop, apiVersion: o.apiVersion, baseUrl: listeningUrl, bulkResult: (id) => bulk.result(id) !== null });
  let searchWarnings: unknown[] = [];
  const bulk = createBulkRunner({ s: state, schema, executor: () => executor, rootValue: () => root.query, views, action });
  const root = createRoot({
    s: state,
    views,
    action,
    shopId: SHOP_ID,
    shopDomain: o.shop,
    runBulkQuery: (query) => bulk.run(query),
    searchWarning: (path, query, warnings) => searchWarnings.push({ path: [path], query, parsed: {}, warnings }),
  });
  const executor = new GraphqlExecutor({
    schema,
    rootValue: root,
    bucket,
    onThrottled: () => void stats.throttled++,
    takeSearchWarnings: () => {
      const w = searchWarnings;
      searchWarnings = [];
      return w;
    },
  });

  const shop: ShopHandle = {
    state,
    webhooks,
    bucket,
    stats,
    flushWebhooks: () => webhooks.flush(),
    bulkIdle: () => bulk.idle(),
    reset(opts = {}) {
      webhooks.clear();
      bulk.reset();
      state.replace(seeded(opts.seed ?? o.seed, opts.orders ?? o.orders, opts.empty));
      appLevelSubs();
      bucket.set(bucket.maximumAvailable);
      stats.requests = 0;
      stats.throttled = 0;
    },
    dispute(input) {
      const at = state.now();
      const emit = action();
      const status = input.status?.toLowerCase() as DisputeRec['status'] | undefined;
      if (status !== undefined && !DISPUTE_STATUSES.includes(status)) throw new DomainError(`Dispute status must be one of ${DISPUTE_STATUSES.join(', ')}`);
      const type = input.type?.toLowerCase() as DisputeRec['type'] | undefined;
      if (type !== undefined && type !== 'chargeback' && type !== 'inquiry') throw new DomainError('Dispute type must be chargeback or inquiry');
      if (input.disputeId !== undefined) {
        const d = state.disputes.get(numericId(input.disputeId, 'ShopifyPaymentsDispute') ?? -1);
        if (!d) throw new DomainError('Dispute does not exist');
        updateDispute(d, status ?? 'under_review', at);
        state.save();
        emit('disputes/update', restDispute(d));
        return d;
      }
      const order = state.orders.get(numericId(input.orderId, 'Order') ?? -1);
      if (!order) throw new DomainError('Order does not exist');
      const d = openDispute(
        state,
        order,
        {
          ...(type ? { type } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.amount ? { amountCents: Math.round(Number(input.amount) * 100) } : {}),
          ...(input.networkReasonCode ? { networkReasonCode: input.networkReasonCode } : {}),
          ...(status ? { status } : {}),
        },
        at,
      );
      state.save();
      emit('disputes/create', restDispute(d));
      return d;
    },
    fulfillmentEvent(input) {
      const at = state.now();
      let f = input.fulfillmentId === undefined ? undefined : state.fulfillments.get(numericId(input.fulfillmentId, 'Fulfillment') ?? -1);
      if (!f && input.orderId !== undefined) {
        const fs = state.fulfillmentsOf(numericId(input.orderId, 'Order') ?? -1);
        f = fs[fs.length - 1];
      }
      if (!f) throw new DomainError('No fulfillment found for that order or id (fulfill the order first)');
      const ev = addFulfillmentEvent(
        state,
        f,
        { status: input.status, message: input.message ?? null, estimatedDeliveryAt: input.estimatedDeliveryAt ? Date.parse(input.estimatedDeliveryAt) : null },
        at,
      );
      state.save();
      const emit = action();
      const payload = restFulfillmentEvent(state, f, ev, SHOP_ID);
      emit('fulfillment_events/create', payload);
      emit('fulfillments/update', restFulfillment(state, f, true));
      const order = state.orders.get(f.orderId);
      if (order) emit('orders/updated', restOrder(state, order));
      return payload;
    },
    setWebhookFaults(spec, uri) {
      const base = uri ? (webhooks.faultsByUri.get(uri) ?? NO_FAULTS) : webhooks.faults;
      const next = typeof spec === 'string' ? parseWebhookFaults(spec) : { ...base, ...spec };
      if (uri) webhooks.faultsByUri.set(uri, next);
      else webhooks.faults = next;
      return next;
    },
  };

  app.addHook('onClose', async () => {
    webhooks.close();
    await bulk.close();
    state.close();
  });
  app.addContentTypeParser('application/graphql', { parseAs: 'string' }, (_req, body, done) => done(null, { query: body }));

  app.post<{ Params: { version: string } }>('/admin/api/:version/graphql.json', async (req, reply) => {
    if (o.latencyMs > 0) await sleep(o.latencyMs);
    const token = req.headers['x-shopify-access-token'];
    if ((Array.isArray(token) ? token[0] : token) !== o.accessToken) {
      return reply.status(401).send({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    stats.requests++;
    // Unknown versions "fall forward" on Shopify; this emulator serves one schema.
    reply.header('X-Shopify-API-Version', o.apiVersion);
    reply.header('X-Request-Id', webhooks.newEventId());
    const res = await executor.run(req.body, { bulk: false });
    return reply.status(res.status).send(res.body);
  });

  app.get<{ Params: { id: string } }>('/emulator/bulk/:id', async (req, reply) => {
    const file = bulk.result(Number(req.params.id.replace(/\.jsonl$/, '')));
    if (!file) return reply.status(404).send({ error: 'Not Found' });
    // Streamed from disk: a result can be far larger than the emulator's memory (or a JS string).
    // `connection: close`: a client can have read all `content-length` bytes before the file stream
    // has ended the response; a keep-alive socket still busy at that moment would hold app.close()
    // until the keep-alive timeout.
    return reply.type('application/jsonl').header('content-length', String(file.size)).header('connection', 'close').send(createReadStream(file.path));
  });

  const bad = (reply: { status(n: number): { send(b: unknown): unknown } }, err: unknown) => {
    if (err instanceof DomainError || err instanceof Error) return reply.status(422).send({ error: err.message });
    throw err;
  };

  app.post<{ Body: Parameters<ShopHandle['dispute']>[0] }>('/emulator/disputes', async (req, reply) => {
    try {
      const d = shop.dispute(req.body ?? {});
      return { dispute: restDispute(d), id: `gid://shopify/ShopifyPaymentsDispute/${d.id}` };
    } catch (err) {
      return bad(reply, err);
    }
  });
  /** A staff member's timeline comment on an order (the admin UI does this; the Admin API cannot). */
  app.post<{ Params: { id: string }; Body: { message?: string; author?: string } | undefined }>('/emulator/orders/:id/comments', async (req, reply) => {
    const o = state.data.orders.find((x) => String(x.id) === req.params.id.replace(/^gid:\/\/shopify\/Order\//, ''));
    if (!o) return reply.status(404).send({ error: `order ${req.params.id} not found` });
    const message = req.body?.message;
    if (typeof message !== 'string' || message.trim() === '') return reply.status(422).send({ error: 'message is required' });
    const c = { id: state.nextId('CommentEvent'), message, author: req.body?.author ?? 'Store Staff', createdAt: state.now() };
    (o.comments ??= []).push(c);
    state.save();
    return { id: `gid://shopify/CommentEvent/${c.id}`, createdAt: new Date(c.createdAt).toISOString() };
  });
  app.post<{ Body: Parameters<ShopHandle['fulfillmentEvent']>[0] }>('/emulator/fulfillment-events', async (req, reply) => {
    try {
      return { fulfillment_event: shop.fulfillmentEvent(req.body ?? { status: 'delayed' }) };
    } catch (err) {
      return bad(reply, err);
    }
  });
  app.post<{ Body: { seed?: number; orders?: number; empty?: boolean } | undefined }>('/emulator/reset', async (req) => {
    shop.reset(req.body ?? {});
    return { ok: true, counts: state.counts() };
  });
  /** `{spec}` or separate fields; with `uri`, only deliveries to that subscription address are affected. */
  app.post<{ Body: { spec?: string; drop?: number; duplicate?: number; reorder?: boolean; uri?: string } | undefined }>(
    '/emulator/webhook-faults',
    async (req, reply) => {
      try {
        const b = req.body ?? {};
        return {
          faults: shop.setWebhookFaults(
            typeof b.spec === 'string'
              ? b.spec
              : {
                  ...(b.drop !== undefined ? { drop: b.drop } : {}),
                  ...(b.duplicate !== undefined ? { duplicate: b.duplicate } : {}),
                  ...(b.reorder !== undefined ? { reorder: b.reorder } : {}),
                },
            b.uri,
          ),
        };
      } catch (err) {
        return bad(reply, err);
      }
    },
  );
  app.post<{ Body: { currentlyAvailable?: number } | undefined }>('/emulator/throttle', async (req) => {
    bucket.set(req.body?.currentlyAvailable ?? 0);
    return { throttleStatus: bucket.status() };
  });
  /** What the faults did: deliveries dropped, duplicated, reordered (per address and in all), THROTTLED answers. */
  app.get('/emulator/faults', async () => ({
    webhooks: { faults: webhooks.faults, faultsByUri: Object.fromEntries(webhooks.faultsByUri), ...webhooks.counts() },
    throttled: stats.throttled,
    throttleStatus: bucket.status(),
  }));
  app.post('/emulator/flush', async () => {
    await shop.flushWebhooks();
    return { ok: true, webhooks: webhooks.summary() };
  });
  app.get<{ Querystring: { limit?: string } }>('/emulator/state', async (req) => {
    const limit = Math.max(0, Number(req.query.limit ?? 200) || 200);
    return {
      shop: o.shop,
      apiVersion: o.apiVersion,
      counts: state.counts(),
      requests: stats.requests,
      throttled: stats.throttled,
      throttleStatus: bucket.status(),
      webhooks: { summary: webhooks.summary(), faults: webhooks.faults, deliveries: webhooks.log.slice(-limit) },
    };
  });
  return { app, shop };
}
