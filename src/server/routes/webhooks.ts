import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config, ShopConfig } from '../../config/schema.js';
import { normalizeWebhook, trustedTriggeredAt } from '../../intake/normalize.js';
import { jobsForDelivery, jobsForEvent } from '../../intake/route-delivery.js';
import type { Logger } from '../../log.js';
import { readEnvelope } from '../../shopify/webhooks/headers.js';
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

export interface WebhookRouteDeps {
  config: Readonly<Config>;
  store: Store;
  log: Logger;
  /** Called after new work was committed (wakes the in-process worker). */
  onEnqueued?: () => void;
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

    app.post(
      '/webhooks/shopify',
      {
        bodyLimit: deps.config.server.bodyLimitBytes,
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
          return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'invalid signature');
        }
        let text: string;
        try {
          text = utf8.decode(raw);
        } catch {
          deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, bytes: raw.length }, 'webhook refused: body is not UTF-8');
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body is not valid UTF-8');
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, bytes: raw.length }, 'webhook refused: body is not JSON');
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body is not valid JSON');
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body must be a JSON object');
        }
        const receivedAt = Date.now();
        const triggeredAt = trustedTriggeredAt(e.triggeredAt, receivedAt);
        // Every line of the delivery's intake carries its ids (never its body): the webhook's, Shopify's
        // event id, and once stored the delivery's and its change's, which the jobs' lines carry too.
        const log = deps.log.child({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, ...(e.eventId !== null ? { shopifyEventId: e.eventId } : {}) });
        if (triggeredAt !== undefined && e.triggeredAt !== null && triggeredAt !== Date.parse(e.triggeredAt)) {
          log.warn({ triggeredAt: e.triggeredAt, receivedAt }, 'X-Shopify-Triggered-At is in the future; the receive time is used');
        }
        const change = normalizeWebhook(e.topic, text, body, e.triggeredAt, receivedAt);
        const own = jobsForDelivery(e.shop, e.topic);
        const accepted = await deps.store.acceptDelivery(
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
        const stored = log.child({ deliveryId: accepted.deliveryId, ...(accepted.eventId !== undefined ? { eventId: accepted.eventId } : {}) });
        if (accepted.duplicate) stored.info('duplicate delivery ignored');
        else if (own) stored.info({ jobs: accepted.jobs.map((j) => j.id) }, 'compliance request stored; work enqueued');
        else if (!change) stored.info('topic not followed; stored and counted');
        else if (!accepted.newEvent) stored.info('change already known; nothing enqueued');
        else stored.info({ jobs: accepted.jobs.map((j) => j.id) }, 'delivery stored; work enqueued');
        if (accepted.jobs.length > 0) deps.onEnqueued?.();
        return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
      },
    );
  };
}
