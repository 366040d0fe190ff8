import Fastify, { LogController } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { JobQueue } from '../queue/queue.js';
import { createLookup } from '../lookup/lookup.js';
import type { Lookup } from '../lookup/lookup.js';
import type { Store } from '../store/store.js';
import { coerceError, IntegrationError } from '../errors.js';
import { sendError } from './errors.js';
import { flowRoutes } from './routes/flow.js';
import { healthRoutes } from './routes/health.js';
import { lookupRoutes } from './routes/lookup.js';
import { metricsRoutes } from './routes/metrics.js';
import type { MetricsSource } from './routes/metrics.js';
import { panelRoutes } from './routes/panel.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { DeliveryOutcome } from './routes/webhooks.js';

export interface AppDeps {
  config: Readonly<Config>;
  store: Store;
  queue: JobQueue;
  log: Logger;
  onEnqueued?: () => void;
  /** Job 6's lookup (with Content Server for live documents); without it, answers from the store alone. */
  lookup?: Lookup;
  /** The connector's metrics: served at GET /metrics, told each delivery's outcome. Without it, no /metrics. */
  metrics?: MetricsSource & { delivery(topic: string, outcome: DeliveryOutcome): void };
}

/**
 * What every answer carries unless its route says otherwise: nothing may be sniffed, framed, cached,
 * embedded elsewhere or sent on as a referrer; HTTPS only once a browser has seen it over HTTPS.
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['cache-control', 'no-store'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
];

/** Builds the connector's HTTP app; never listens (tests use inject(), `serve` listens). */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: deps.log.child({ component: 'http' }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.server.bodyLimitBytes,
  });
  // Only documented codes leave the connector: Fastify's own errors are mapped onto the registry.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (err instanceof IntegrationError && err.code === 'API_RATE_LIMITED') return sendError(reply, 'API_RATE_LIMITED', err.message);
    if (status === 413) return sendError(reply, 'WEBHOOK_BODY_TOO_LARGE', 'body too large');
    if (status >= 400 && status < 500) return sendError(reply, 'REQUEST_INVALID', err.message);
    // A full disk, a read-only or busy database: 503, so that Shopify (or any caller) tries again;
    // nothing was stored. The driver's text goes to the log only.
    if (coerceError(err).code === 'STORE_UNAVAILABLE') {
      req.log.warn({ err }, 'request refused: the store cannot write (full disk, read-only or busy database); answered 503');
      return sendError(reply, 'STORE_UNAVAILABLE', 'store unavailable: nothing was stored; try again later');
    }
    req.log.error({ err }, 'request failed');
    return sendError(reply, 'UNEXPECTED', 'internal error');
  });
  // Security headers on every answer (JSON, text and HTML alike). The panel, which Shopify's admin and
  // a help desk frame, replaces the policy with its own (routes/panel.ts).
  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of SECURITY_HEADERS) if (!reply.hasHeader(name)) void reply.header(name, value);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 'ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`));
  await app.register(healthRoutes(deps));
  const metrics = deps.metrics;
  await app.register(webhookRoutes({ ...deps, ...(metrics ? { onDelivery: (topic, outcome) => metrics.delivery(topic, outcome) } : {}) }));
  if (metrics) await app.register(metricsRoutes({ metrics, token: deps.config.server.metricsToken }));
  await app.register(flowRoutes(deps));
  const lookup = deps.lookup ?? createLookup({ config: deps.config, store: deps.store, nodes: undefined });
  await app.register(lookupRoutes({ config: deps.config, lookup }));
  await app.register(panelRoutes({ config: deps.config, store: deps.store, queue: deps.queue, lookup, log: deps.log }));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
