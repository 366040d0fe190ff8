import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store.js';

/** Liveness (the process answers) and readiness (the store answers and the queue can be read). */
export function healthRoutes(deps: { store: Store }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.store.db);
        const jobs = await deps.store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
        return { status: 'ready', store: deps.store.kind, queued: Number(jobs.n) };
      } catch (err) {
        return reply.code(503).send({ status: 'not ready', error: err instanceof Error ? err.message : String(err) });
      }
    });
  };
}
