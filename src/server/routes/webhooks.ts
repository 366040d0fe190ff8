import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config, ShopConfig } from '../../config/schema.js';
import { normalizeWebhook, trustedTriggeredAt } from '../../intake/normalize.js';
import { jobsForDelivery, jobsForEvent } from '../../intake/route-delivery.js';
import type { Logger } from '../../log.js';
import { readEnvelope } from '../../shopify/webhooks/headers.js';
import { COMPLIANCE_TOPICS, FOLLOWED_TOPICS } from '../../shopify/webhooks/topics.js';
import type { WebhookEnvelope } from '../../shopify/webhooks/headers.js';
import { verifyHmac } from '../../shopify/webhooks/verify.js';
import type { Store } from '../../store/store.js';
import { sendError } from '../errors.js';
import type { HttpErrorCode } from '../errors.js';

/** Strict UTF-8: the stored body must be the signed bytes, and `Buffer.toString` would replace bad sequences. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Admission = { ok: true; envelope: WebhookEnvelope; shop: ShopConfig } | { ok: false; code: HttpErrorCode; message: string; log?: string };

/** What the headers alone decide: the envelope is complete, the shop is configured, a signature is present. */
function admit(config: Readonly<Config>, headers: IncomingHttpHeaders): Admission {
  const env = readEnvelope(headers);
  if (!env.ok) {
    // Without the HMAC header the request is unauthenticated; with it but other headers missing it is malformed.
    return headers['x-shopify-hmac-sha256'] === undefined
      ? { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID', message: 'missing X-Shopify-Hmac-Sha256' }
      : { ok: false, code: 'WEBHOOK_HEADERS_MISSING', message: `missing headers: ${env.missing.join(', ')}` };
  }
  const e = env.envelope;
  // readEnvelope lower-cases the header and the config keeps domains in lower case; compare lower-cased anyway.
  const shop = config.shops.find((s) => s.domain.toLowerCase() === e.shop);
  if (!shop) return { ok: false, code: 'WEBHOOK_SHOP_UNKNOWN', message: 'unknown shop', log: 'webhook refused: shop not configured' };
  if (e.hmac === undefined) return { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID', message: 'missing X-Shopify-Hmac-Sha256' };
  return { ok: true, envelope: e, shop };
}

/** What became of a delivery at intake (metrics: `deliveries_total{topic,outcome}`). */
export type DeliveryOutcome = 'stored' | 'duplicate' | 'ignored' | 'refused' | 'malformed' | 'too_large' | 'store_unavailable';

const KNOWN_TOPICS: ReadonlySet<string> = new Set<string>([...FOLLOWED_TOPICS, ...COMPLIANCE_TOPICS]);

/**
 * The topic as a metric label. The topic header is not covered by the signature: a topic Shopify
 * knows and the connector follows is named; another is named only once the body's signature
 * checked out and when it looks like a topic; anything else is `other`. An unauthenticated sender
 * thus cannot grow the number of series.
 */
export function topicLabel(topic: string | undefined, verified: boolean): string {
  if (topic === undefined) return 'other';
  const t = topic.toLowerCase();
  if (KNOWN_TOPICS.has(t)) return t;
  return verified && /^[a-z_]{1,40}\/[a-z_]{1,40}$/.test(t) ? t : 'other';
}

export interface WebhookRouteDeps {
  config: Readonly<Config>;
  store: Store;
  log: Logger;
  /** Called after new work was committed (wakes the in-process worker). */
  onEnqueued?: () => void;
  /** Told what became of each delivery once it is answered (metrics); `topic` is already a safe label. */
  onDelivery?: (topic: string, outcome: DeliveryOutcome) => void;
}

/**
 * POST /webhooks/shopify, every topic: headers complete, shop known, signature present (all before
 * the body is read) → raw body → HMAC (constant time) → UTF-8 → JSON → delivery + jobs in one
 * transaction → 200. Nothing is stored unless the signature is valid.
 */
export function webhookRoutes(deps: WebhookRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // The HMAC covers the exact bytes: keep the body raw on this route (any content type).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.server.bodyLimitBytes }, (_req, body, done) => done(null, body));

    const admitted = new WeakMap<FastifyRequest, { envelope: WebhookEnvelope; shop: ShopConfig }>();
    const outcomes = new WeakMap<FastifyRequest, { topic: string; outcome: DeliveryOutcome }>();
    const settle = (req: FastifyRequest, outcome: DeliveryOutcome, verified: boolean): void => {
      const h = req.headers['x-shopify-topic'];
      outcomes.set(req, { topic: topicLabel(typeof h === 'string' ? h : undefined, verified), outcome });
    };

    app.post(
      '/webhooks/shopify',
      {
        bodyLimit: deps.config.server.bodyLimitBytes,
        // Once answered, every delivery is counted once: by what the route decided, or else by the
        // answer (413: the body was over the limit, refused by Fastify before the handler ran).
        onResponse: async (req, reply) => {
          if (!deps.onDelivery) return;
          let o = outcomes.get(req);
          if (!o) {
            const h = req.headers['x-shopify-topic'];
            const topic = topicLabel(typeof h === 'string' ? h : undefined, false);
            const code = reply.statusCode;
            o = { topic, outcome: code === 413 ? 'too_large' : code >= 500 ? 'store_unavailable' : code >= 400 ? 'malformed' : 'stored' };
          }
          try {
            deps.onDelivery(o.topic, o.outcome);
          } catch {
            // an observer's failure is never the delivery's
          }
        },
        // onRequest runs before the content type parser: a request the headers already refuse is
        // answered without its body being read. The connection is closed after the answer, as Fastify
        // does when it refuses a body, so the unread rest is not drained from a kept-alive socket.
        onRequest: async (req, reply) => {
          const a = admit(deps.config, req.headers);
          if (!a.ok) {
            if (a.log) {
              const h = req.headers;
              deps.log.warn({ shop: h['x-shopify-shop-domain'], topic: h['x-shopify-topic'], webhookId: h['x-shopify-webhook-id'] }, a.log);
            }
            reply.header('connection', 'close');
            settle(req, a.code === 'WEBHOOK_HEADERS_MISSING' ? 'malformed' : 'refused', false);
            return sendError(reply, a.code, a.message);
          }
          admitted.set(req, { envelope: a.envelope, shop: a.shop });
          return undefined;
        },
      },
      async (req, reply) => {
        const a = admitted.get(req);
        if (!a) throw new Error('webhook handler ran without the onRequest admission');
        const { envelope: e, shop } = a;
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const hmac = verifyHmac(shop.apiSecret, raw, e.hmac);
        if (!hmac.valid) {
          deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, reason: hmac.reason }, 'webhook refused: bad signature');
          settle(req, 'refused', false);
          return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'invalid signature');
        }
        let text: string;
        try {
          text = utf8.decode(raw);
        } catch {
          deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, bytes: raw.length }, 'webhook refused: body is not UTF-8');
          settle(req, 'malformed', true);
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body is not valid UTF-8');
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, bytes: raw.length }, 'webhook refused: body is not JSON');
          settle(req, 'malformed', true);
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body is not valid JSON');
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          settle(req, 'malformed', true);
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body must be a JSON object');
        }
        const receivedAt = Date.now();
        const triggeredAt = trustedTriggeredAt(e.triggeredAt, receivedAt);
        // Every line of the delivery's intake carries its ids (never its body): the webhook's, Shopify's
        // event id, and once stored the delivery's and its change's, which the jobs' lines carry too.
        // (Fields on each line rather than child loggers: a child costs more than the line it writes.)
        const ids = { shop: e.shop, topic: e.topic, webhookId: e.webhookId, ...(e.eventId !== null ? { shopifyEventId: e.eventId } : {}) };
        if (triggeredAt !== undefined && e.triggeredAt !== null && triggeredAt !== Date.parse(e.triggeredAt)) {
          deps.log.warn({ ...ids, triggeredAt: e.triggeredAt, receivedAt }, 'X-Shopify-Triggered-At is in the future; the receive time is used');
        }
        const change = normalizeWebhook(e.topic, text, body, e.triggeredAt, receivedAt);
        const own = jobsForDelivery(e.shop, e.topic);
        let accepted: Awaited<ReturnType<Store['acceptDelivery']>>;
        try {
          accepted = await deps.store.acceptDelivery(
            {
              webhookId: e.webhookId,
              shop: e.shop,
              topic: e.topic,
              apiVersion: e.apiVersion,
              eventId: e.eventId,
              triggeredAt: triggeredAt ?? null,
              receivedAt,
              body: text,
              handled: change !== undefined || own !== undefined,
            },
            change,
            jobsForEvent(e.shop, deps.config.rules, deps.config.archive),
            own,
          );
        } catch (err) {
          // Not stored: Shopify retries the delivery (the error handler answers 5xx).
          settle(req, 'store_unavailable', true);
          throw err;
        }
        settle(req, accepted.duplicate ? 'duplicate' : !change && !own ? 'ignored' : 'stored', true);
        const stored = { ...ids, deliveryId: accepted.deliveryId, ...(accepted.eventId !== undefined ? { eventId: accepted.eventId } : {}) };
        if (accepted.duplicate) deps.log.info(stored, 'duplicate delivery ignored');
        else if (own) deps.log.info({ ...stored, jobs: accepted.jobs.map((j) => j.id) }, 'compliance request stored; work enqueued');
        else if (!change) deps.log.info(stored, 'topic not followed; stored and counted');
        else if (!accepted.newEvent) deps.log.info(stored, 'change already known; nothing enqueued');
        else deps.log.info({ ...stored, jobs: accepted.jobs.map((j) => j.id) }, 'delivery stored; work enqueued');
        if (accepted.jobs.length > 0) deps.onEnqueued?.();
        return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
      },
    );
  };
}
