import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { XecmContext } from './context.js';
import { OtcsError } from './envelopes.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerControlRoutes } from './routes/control.js';
import { registerNodeRoutes } from './routes/nodes.js';
import { registerWorkspaceRoutes } from './routes/workspaces.js';
import { XecmState } from './state.js';

export interface BuildOptions {
  csPath: string;
  user: string;
  password: string;
  dbPath: string;
  ticketIdleMs: number;
  latencyMs: number;
  omitWorkspaceTypes: readonly string[];
  logger: boolean | Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function errorStatus(err: unknown): { status: number; message: string } {
  if (err instanceof OtcsError) return { status: err.status, message: err.message };
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 ? fe.statusCode : 500;
  return { status, message: typeof fe.message === 'string' && fe.message !== '' ? fe.message : 'Internal Server Error' };
}

/** Builds the Fastify app (never listens). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const bodyLimit = 100 * 1024 * 1024;
  const app: FastifyInstance =
    typeof opts.logger === 'boolean'
      ? Fastify({ bodyLimit, logger: opts.logger })
      : (Fastify({ bodyLimit, loggerInstance: opts.logger as FastifyBaseLogger }) as FastifyInstance);

  const state = new XecmState({ dbPath: opts.dbPath, omitWorkspaceTypes: opts.omitWorkspaceTypes, userName: opts.user });
  app.addHook('onClose', async () => state.close());
  const ctx: XecmContext = {
    state,
    csPath: opts.csPath,
    user: opts.user,
    password: opts.password,
    ticketIdleMs: opts.ticketIdleMs,
    latencyMs: opts.latencyMs,
  };

  await app.register(formbody);
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: 100 * 1024 * 1024 } });

  app.setErrorHandler((err, _req, reply) => {
    const { status, message } = errorStatus(err);
    if (status >= 500 && !(err instanceof OtcsError)) app.log.error({ err }, 'xECM emulator error');
    return reply.status(status).send({ error: message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: `The REST API URL could not be found: ${req.method} ${req.url.split('?')[0] ?? ''}` }),
  );

  registerControlRoutes(app, ctx);

  const prefix = `${opts.csPath}/api`;
  await app.register(
    async (rest) => {
      const publicRoutes = new Set([`GET ${prefix}/v1/ping`, `POST ${prefix}/v1/auth`]);
      rest.addHook('onRequest', async (req, reply) => {
        if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
        if (req.is404 || publicRoutes.has(`${req.method} ${req.routeOptions.url ?? ''}`)) return;
        const header = req.headers.otcsticket;
        const ticket = Array.isArray(header) ? header[0] : header;
        if (!ticket || !state.useTicket(ticket, ctx.ticketIdleMs).ok) {
          return reply.status(401).send({ error: 'Authentication Required' });
        }
        reply.header('OTCSTicket', ticket);
      });
      registerAuthRoutes(rest, ctx);
      registerWorkspaceRoutes(rest, ctx);
      registerNodeRoutes(rest, ctx);
    },
    { prefix },
  );
  return app;
}
