import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/schema.js';
import { normalizeWebhook } from '../../intake/normalize.js';
import { jobsForEvent } from '../../intake/route-delivery.js';
import type { Logger } from '../../log.js';
import { readEnvelope } from '../../shopify/webhooks/headers.js';
import { verifyHmac } from '../../shopify/webhooks/verify.js';
import type { Store } from '../../store/store.js';
import { sendError } from '../errors.js';

export interface WebhookRouteDeps {
  config: Readonly<Config>;
  store: Store;
  log: Logger;
  /** Called after new work was committed (wakes the in-process worker). */
  onEnqueued?: () => void;
}

/**
 * POST /webhooks/shopify, every topic: raw body → shop known? → HMAC (constant time) → JSON →
 * delivery + jobs in one transaction → 200. Nothing is stored unless the signature is valid.
 */
export function webhookRoutes(deps: WebhookRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // The HMAC covers the exact bytes: keep the body raw on this route (any content type).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.server.bodyLimitBytes }, (_req, body, done) => done(null, body));

    app.post('/webhooks/shopify', { bodyLimit: deps.config.server.bodyLimitBytes }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const env = readEnvelope(req.headers);
      if (!env.ok) {
        // Without the HMAC header the request is unauthenticated; with it but other headers missing it is malformed.
        const unsigned = env.missing.length > 0 && req.headers['x-shopify-hmac-sha256'] === undefined;
        return unsigned
          ? sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'missing X-Shopify-Hmac-Sha256')
          : sendError(reply, 'WEBHOOK_HEADERS_MISSING', `missing headers: ${env.missing.join(', ')}`);
      }
      const e = env.envelope;
      const shop = deps.config.shops.find((s) => s.domain === e.shop);
      if (!shop) {
        deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId }, 'webhook refused: shop not configured');
        return sendError(reply, 'WEBHOOK_SHOP_UNKNOWN', 'unknown shop');
      }
      const hmac = verifyHmac(shop.apiSecret, raw, e.hmac);
      if (!hmac.valid) {
        deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, reason: hmac.reason }, 'webhook refused: bad signature');
        return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'invalid signature');
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        deps.log.warn({ shop: e.shop, topic: e.topic, webhookId: e.webhookId, bytes: raw.length }, 'webhook refused: body is not JSON');
        return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body is not valid JSON');
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body must be a JSON object');
      }
      const text = raw.toString('utf8');
      const change = normalizeWebhook(e.topic, text, body, e.triggeredAt);
      const accepted = await deps.store.acceptDelivery(
        {
          webhookId: e.webhookId,
          shop: e.shop,
          topic: e.topic,
          apiVersion: e.apiVersion,
          eventId: e.eventId,
          triggeredAt: e.triggeredAt !== null && Number.isFinite(Date.parse(e.triggeredAt)) ? Date.parse(e.triggeredAt) : null,
          receivedAt: Date.now(),
          body: text,
          handled: change !== undefined,
        },
        change,
        jobsForEvent(e.shop, deps.config.rules),
      );
      const log = deps.log.child({ shop: e.shop, topic: e.topic, webhookId: e.webhookId });
      if (accepted.duplicate) log.info('duplicate delivery ignored');
      else if (!change) log.info('topic not followed; stored and counted');
      else if (!accepted.newEvent) log.info({ eventId: accepted.eventId }, 'change already known; nothing enqueued');
      else log.info({ eventId: accepted.eventId, jobs: accepted.jobs.map((j) => j.id) }, 'delivery stored; work enqueued');
      if (accepted.jobs.length > 0) deps.onEnqueued?.();
      return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
    });
  };
}
