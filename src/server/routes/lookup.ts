import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config/schema.js';
import { IntegrationError } from '../../errors.js';
import type { Lookup } from '../../lookup/lookup.js';
import { authenticate } from '../auth.js';
import type { Caller } from '../auth.js';
import { sendError } from '../errors.js';

/** Who called, once authenticated (set by the onRequest hook, read by the rate limit and the handler). */
const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * `GET /api/lookup?q=[&shop=][&live=false]` (job 6): what an agent looks up, with its workspaces and
 * their documents. Bearer API token (every shop; `shop` narrows) or a Shopify admin session token
 * (its own shop only). Rate limited per caller; answers are never cached by the browser.
 */
export function lookupRoutes(deps: { config: Readonly<Config>; lookup: Lookup }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async (req, reply) => {
      const r = await authenticate(deps.config, req.headers.authorization);
      if (!r.ok) {
        req.log.info({ reason: r.reason }, 'lookup refused: not authenticated');
        void reply.header('www-authenticate', 'Bearer realm="shopify-xecm"');
        return sendError(reply, 'API_UNAUTHENTICATED', r.reason);
      }
      callers.set(req, r.caller);
    });
    await app.register(rateLimit, {
      hook: 'preHandler',
      max: deps.config.lookup.ratePerMinute,
      timeWindow: 60_000,
      keyGenerator: (req) => {
        const c = callers.get(req);
        return c?.kind === 'session' ? `session:${c.shop}:${c.user ?? ''}` : 'token';
      },
      errorResponseBuilder: (_req, ctx) => {
        const err = new IntegrationError('API_RATE_LIMITED', `more than ${ctx.max} lookups a minute; try again in ${Math.ceil(ctx.ttl / 1000)} s`);
        return Object.assign(err, { statusCode: 429 });
      },
    });
    app.get('/api/lookup', async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      const q = typeof query.q === 'string' ? query.q : undefined;
      if (q === undefined) return sendError(reply, 'REQUEST_INVALID', 'q: missing (order name or number, email, company, SKU or case id)');
      const caller = callers.get(req);
      const asked = typeof query.shop === 'string' && query.shop !== '' ? query.shop.toLowerCase() : undefined;
      if (caller?.kind === 'session' && asked !== undefined && asked !== caller.shop)
        return sendError(reply, 'API_UNAUTHENTICATED', `this session token is for ${caller.shop}, not ${asked}`);
      const shop = caller?.kind === 'session' ? caller.shop : asked;
      try {
        const answer = await deps.lookup.lookup(q, { ...(shop !== undefined ? { shop } : {}), live: query.live !== 'false' });
        return reply.header('cache-control', 'no-store').send(answer);
      } catch (err) {
        if (err instanceof IntegrationError && err.code === 'REQUEST_INVALID') return sendError(reply, 'REQUEST_INVALID', err.message);
        throw err;
      }
    });
  };
}
