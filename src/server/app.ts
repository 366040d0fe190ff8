import Fastify, { LogController } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { healthRoutes } from './routes/health.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface AppDeps {
  config: Readonly<Config>;
  store: Store;
  log: Logger;
  onEnqueued?: () => void;
}

/** Builds the connector's HTTP app; never listens (tests use inject(), `serve` listens). */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({ loggerInstance: deps.log.child({ component: 'http' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: deps.config.server.bodyLimitBytes });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const code = status === 413 ? 'WEBHOOK_BODY_TOO_LARGE' : (err.code ?? 'UNEXPECTED');
    return reply.code(status).send({ error: status === 413 ? 'body too large' : status >= 500 ? 'internal error' : err.message, code });
  });
  await app.register(healthRoutes({ store: deps.store }));
  await app.register(webhookRoutes(deps));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
