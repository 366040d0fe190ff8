import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.js';

/** What the route serves: the Prometheus text of one connector's registry (metrics/metrics.ts). */
export interface MetricsSource {
  readonly contentType: string;
  text(): Promise<string>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * GET /metrics for Prometheus. With `token` (server.metricsToken) a scrape must send
 * `Authorization: Bearer <token>` (compared in constant time) or is answered 401; without it the
 * route is open, and the operator keeps it off the public network (docs/decisions/0017).
 */
export function metricsRoutes(deps: { metrics: MetricsSource; token: string | undefined }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/metrics', async (req, reply) => {
      if (deps.token !== undefined) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
        if (!m?.[1] || !timingSafeEqual(digest(m[1]), digest(deps.token))) {
          void reply.header('www-authenticate', 'Bearer realm="metrics"');
          return sendError(reply, 'API_UNAUTHENTICATED', 'send Authorization: Bearer <server.metricsToken>');
        }
      }
      const text = await deps.metrics.text();
      return reply.type(deps.metrics.contentType).send(text);
    });
  };
}
