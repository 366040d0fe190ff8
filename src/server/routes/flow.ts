import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/schema.js';
import { taskJob, workspaceQueue } from '../../jobs/tasks.js';
import type { Logger } from '../../log.js';
import { verifyHmac } from '../../shopify/webhooks/verify.js';
import { parseGid } from '../../shopify/ids.js';
import type { Store } from '../../store/store.js';
import { sendError } from '../errors.js';

/** The Flow action's handle (extensions/ensure-xecm-workspace/shopify.extension.toml). */
export const FLOW_ENSURE_HANDLE = 'ensure-xecm-workspace';
export const FLOW_ENSURE_TOPIC = 'flow/ensure-workspace';

/** The workspace kinds the action can ask for, and the reference field each needs. */
const KINDS = { order: 'order_id', product: 'product_id', account: 'customer_id' } as const;
const GID_TYPE: Record<FlowKind, string> = { order: 'Order', product: 'Product', account: 'Customer' };
type FlowKind = keyof typeof KINDS;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `POST /flow/actions/ensure-workspace`: the runtime of the Shopify Flow action "Ensure xECM
 * workspace". Shopify signs the request as it signs webhooks (base64 HMAC-SHA256 of the body with the
 * app's client secret, in X-Shopify-Hmac-Sha256); the body names the shop (`shopify_domain`), the
 * run (`action_run_id`, the same when Flow retries) and the merchant's choices (`properties`: the
 * order, product or customer reference, and the workspace kind: order, product or account). The run is stored as a delivery with its job
 * (`order.ensure`, `product.ensure` or `account.ensure`, on the workspace's queue) in one commit before the answer, so
 * a retried run does nothing twice; the job plans and performs the workspace with the rule's own
 * planner and executor, its criteria set aside. Answers: 200 stored (or already stored), 400 a run
 * Flow should not retry (unknown kind, missing reference), 401 an unsigned or unknown shop's request.
 */
export function flowRoutes(deps: { config: Readonly<Config>; store: Store; log: Logger; onEnqueued?: () => void }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    const unsigned = (h: string | string[] | undefined): h is undefined | string[] => typeof h !== 'string' || h === '';
    app.post(
      '/flow/actions/ensure-workspace',
      {
        bodyLimit: 64 * 1024,
        // An unsigned request is refused before its body is read (as on the webhook route).
        onRequest: async (req, reply) => {
          if (!unsigned(req.headers['x-shopify-hmac-sha256'])) return undefined;
          reply.header('connection', 'close');
          return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'missing X-Shopify-Hmac-Sha256');
        },
      },
      async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const hmacHeader = req.headers['x-shopify-hmac-sha256'];
        if (unsigned(hmacHeader)) return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'missing X-Shopify-Hmac-Sha256');
        let body: Record<string, unknown>;
        try {
          const parsed: unknown = JSON.parse(utf8.decode(raw));
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
          body = parsed as Record<string, unknown>;
        } catch {
          // Unsigned garbage and signed garbage alike: nothing in it can be trusted or stored.
          return sendError(reply, 'WEBHOOK_BODY_MALFORMED', 'body must be a JSON object');
        }
        // The shop the body names picks the secret; the signature then proves the body, shop included.
        const domain = typeof body.shopify_domain === 'string' ? body.shopify_domain.toLowerCase() : '';
        const shop = deps.config.shops.find((s) => s.domain === domain);
        if (!shop) return sendError(reply, 'WEBHOOK_SHOP_UNKNOWN', 'shopify_domain is not a shop this connector serves');
        const hmac = verifyHmac(shop.apiSecret, raw, hmacHeader);
        if (!hmac.valid) {
          deps.log.warn({ shop: shop.domain, reason: hmac.reason }, 'Flow action refused: bad signature');
          return sendError(reply, 'WEBHOOK_SIGNATURE_INVALID', 'invalid signature');
        }
        const runId = typeof body.action_run_id === 'string' && body.action_run_id !== '' ? body.action_run_id : undefined;
        if (!runId) return sendError(reply, 'REQUEST_INVALID', 'action_run_id: missing');
        const props = (body.properties !== null && typeof body.properties === 'object' ? body.properties : {}) as Record<string, unknown>;
        // Only a string names a kind: String() of an object whose own `toString` is not a function throws.
        const given = props['workspace kind'] ?? props.workspace_kind;
        const kind = (typeof given === 'string' ? given : '').trim().toLowerCase();
        if (!(kind in KINDS)) return sendError(reply, 'REQUEST_INVALID', `workspace kind: "${kind}" is not one of ${Object.keys(KINDS).join(', ')}`);
        const field = KINDS[kind as FlowKind];
        const gid = props[field];
        const ref = typeof gid === 'string' ? parseGid(gid) : undefined;
        const type = GID_TYPE[kind as FlowKind];
        if (!ref || ref.type !== type)
          return sendError(reply, 'REQUEST_INVALID', `${field}: a ${type} reference (gid://shopify/${type}/…) is needed for a ${kind} workspace`);
        const because = `Shopify Flow action run ${runId}`;
        const jobKey = `${shop.domain}:flow:${runId}`;
        const job = () => {
          switch (kind as FlowKind) {
            case 'order':
              return [
                taskJob(
                  'order.ensure',
                  { shop: shop.domain, orderId: ref.id, because },
                  { jobKey, queueName: workspaceQueue(shop.domain, { kind: 'order', boId: ref.id }) },
                ),
              ];
            case 'product':
              return [
                taskJob(
                  'product.ensure',
                  { shop: shop.domain, productId: ref.id, because },
                  { jobKey, queueName: workspaceQueue(shop.domain, { kind: 'product', boId: ref.id }) },
                ),
              ];
            case 'account':
              // A B2B customer without a company has its own account workspace, `customer-<id>`.
              return [
                taskJob(
                  'account.ensure',
                  { shop: shop.domain, customerId: ref.id, because },
                  { jobKey, queueName: workspaceQueue(shop.domain, { kind: 'account', boId: `customer-${ref.id}` }) },
                ),
              ];
          }
        };
        const receivedAt = Date.now();
        const accepted = await deps.store.acceptDelivery(
          {
            webhookId: `flow:${runId}`,
            shop: shop.domain,
            topic: FLOW_ENSURE_TOPIC,
            apiVersion: shop.apiVersion,
            eventId: null,
            triggeredAt: null,
            receivedAt,
            body: raw.toString('utf8'),
            handled: true,
          },
          undefined,
          () => [],
          job,
        );
        deps.log.info(
          { shop: shop.domain, runId, deliveryId: accepted.deliveryId, jobs: accepted.jobs.map((j) => j.id), kind, id: ref.id, duplicate: accepted.duplicate },
          'Flow action run stored',
        );
        if (accepted.jobs.length > 0) deps.onEnqueued?.();
        return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
      },
    );
  };
}
