import type { FastifyInstance } from 'fastify';
import type { JobQueue } from '../../queue/queue.js';
import type { Store } from '../../store/store.js';
import { sendError } from '../errors.js';

/** Liveness (the process answers) and readiness (the store answers and the queue can be read). */
export function healthRoutes(deps: { store: Store; queue: JobQueue }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (req, reply) => {
      try {
        await deps.store.ping();
        const counts = await deps.queue.counts();
        return { status: 'ready', store: deps.store.kind, queued: counts.queued, running: counts.running, deadLetters: counts.dead };
      } catch (err) {
        // The answer is public and fixed; the reason (paths, driver text) goes to the log only.
        req.log.warn({ err }, 'not ready: the store did not answer');
        return sendError(reply, 'STORE_UNAVAILABLE', 'store unavailable');
      }
    });
  };
}
