import { Readable } from 'node:stream';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { MultipartFile } from '@fastify/multipart';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ContentStore } from './content.js';
import type { XecmContext } from './context.js';
import { OtcsError } from './envelopes.js';
import { FaultInjector, faultMessage, htmlErrorPage } from './faults.js';
import type { FaultSpec } from './faults.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerControlRoutes } from './routes/control.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerNodeRoutes } from './routes/nodes.js';
import { registerRecordsRoutes } from './routes/records.js';
import { registerTeamRoutes } from './routes/team.js';
import { registerWorkspaceRoutes } from './routes/workspaces.js';
import type { AttributeRenames } from './seed.js';
import { XecmState } from './state.js';
import { sleep } from '../../src/util/sleep.js';

export interface BuildOptions {
  csPath: string;
  user: string;
  password: string;
  dbPath: string;
  ticketIdleMs: number;
  latencyMs: number;
  omitWorkspaceTypes: readonly string[];
  renameAttributes: AttributeRenames;
  logger: boolean | Logger;
  contentDir: string | undefined;
  maxFileSize: number;
  faults: FaultSpec | undefined;
  timeoutHoldMs: number;
  seed: number;
}

function errorStatus(err: unknown): { status: number; message: string } {
  if (err instanceof OtcsError) return { status: err.status, message: err.message };
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 ? fe.statusCode : 500;
  return { status, message: typeof fe.message === 'string' && fe.message !== '' ? fe.message : 'Internal Server Error' };
}

/** Pending timed-out answers; `release()` lets them all go at once (on close). */
class Holds {
  readonly #pending = new Set<() => void>();
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#pending.add(done);
    });
  }
  release(): void {
    for (const done of [...this.#pending]) done();
  }
}

/** Builds the Fastify app (never listens). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  // Closing drops keep-alive connections too: a test's close() must not wait for a client's idle socket.
  // Content Server routes `/api/v1/auth/` like `/api/v1/auth`; clients such as pyxecm send the slash.
  const base = { bodyLimit: 100 * 1024 * 1024, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true } } as const;
  const app: FastifyInstance =
    typeof opts.logger === 'boolean'
      ? Fastify({ ...base, logger: opts.logger })
      : (Fastify({ ...base, loggerInstance: opts.logger as FastifyBaseLogger }) as FastifyInstance);

  const state = new XecmState({
    dbPath: opts.dbPath,
    omitWorkspaceTypes: opts.omitWorkspaceTypes,
    renameAttributes: opts.renameAttributes,
    userName: opts.user,
  });
  const content = ContentStore.open(opts.contentDir, opts.dbPath);
  const faults = new FaultInjector(opts.seed, () => state.expireAllTickets());
  faults.set(opts.faults);
  const holds = new Holds();
  app.addHook('preClose', async () => holds.release());
  app.addHook('onClose', async () => {
    faults.stop();
    state.close();
    content.close();
  });
  const ctx: XecmContext = {
    state,
    csPath: opts.csPath,
    user: opts.user,
    password: opts.password,
    ticketIdleMs: opts.ticketIdleMs,
    latencyMs: opts.latencyMs,
    content,
    faults,
  };

  // Files go straight to the content directory (size and SHA-256 computed on the way); only the
  // stored file's description stays in the request body. Blobs no version claims are removed when
  // the request ends, so a failed create leaves nothing behind.
  const uploads = new WeakMap<FastifyRequest, string[]>();
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: opts.maxFileSize, fieldSize: 10 * 1024 * 1024 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const stored = await content.receive(part.file);
      const list = uploads.get(this) ?? [];
      list.push(stored.blob);
      uploads.set(this, list);
      if (part.file.truncated) throw new OtcsError(413, `The file exceeds the maximum size of ${opts.maxFileSize} bytes`);
      (part as MultipartFile & { value: unknown }).value = stored;
    },
  });
  app.addHook('onResponse', async (req) => {
    for (const blob of uploads.get(req) ?? []) content.discardUnclaimed(blob);
  });

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
  const timedOut = new WeakSet<FastifyRequest>();
  const arrived = new WeakMap<FastifyRequest, number>();
  await app.register(
    async (rest) => {
      // Auth stays reliable under faults so a client can always renew its ticket.
      const publicRoutes = new Set([`GET ${prefix}/v1/ping`, `POST ${prefix}/v1/auth`]);
      rest.addHook('onRequest', async (req, reply) => {
        if (ctx.latencyMs > 0) arrived.set(req, performance.now());
        const slow = faults.latency();
        if (slow > 0) await sleep(slow);
        const route = req.routeOptions.url ?? '';
        if (req.is404 || publicRoutes.has(`${req.method} ${route}`)) return;
        const fault = faults.decide(req.method, route.slice(prefix.length));
        if (fault.kind === '5xx') {
          reply.status(fault.status);
          if (fault.html) return reply.type('text/html; charset=utf-8').send(htmlErrorPage(fault.status));
          return reply.send({ error: faultMessage(fault.status) });
        }
        if (fault.kind === 'timeout') timedOut.add(req);
        const header = req.headers.otcsticket;
        const ticket = Array.isArray(header) ? header[0] : header;
        if (!ticket || !state.useTicket(ticket, ctx.ticketIdleMs).ok) {
          return reply.status(401).send({ error: 'Authentication Required' });
        }
        reply.header('OTCSTicket', ticket);
      });
      // `latencyMs` is each answer's response time: it leaves no sooner than that after its request
      // arrived, the emulator's own work counted in it (as a server's own work is in its response
      // time), so a load test sees the latency it asked for, not that plus the emulator's CPU.
      rest.addHook('onSend', async (req, _reply, payload) => {
        const t = arrived.get(req);
        if (t !== undefined) {
          const rest = ctx.latencyMs - (performance.now() - t);
          if (rest > 0) await sleep(rest);
        }
        return payload;
      });
      // A timed-out request has done its work; the client gets a 504 only after the hold.
      rest.addHook('onSend', async (req, reply, payload) => {
        if (!timedOut.has(req)) return payload;
        timedOut.delete(req);
        if (payload instanceof Readable) payload.destroy();
        await holds.wait(opts.timeoutHoldMs);
        reply.removeHeader('content-length');
        reply.removeHeader('content-disposition');
        reply.status(504).type('application/json; charset=utf-8');
        return JSON.stringify({ error: faultMessage(504) });
      });
      registerAuthRoutes(rest, ctx);
      registerWorkspaceRoutes(rest, ctx);
      registerNodeRoutes(rest, ctx);
      registerDocumentRoutes(rest, ctx);
      registerTeamRoutes(rest, ctx);
      registerRecordsRoutes(rest, ctx);
    },
    { prefix },
  );
  return app;
}
