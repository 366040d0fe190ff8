import type { FastifyInstance } from 'fastify';
import type { XecmContext } from '../context.js';
import { formatFaultSpec, parseFaultSpec } from '../faults.js';
import { renderInspection, snapshot } from '../inspect.js';

/**
 * Control routes at the server root (not part of OTCS, no ticket, never faulted): inspection, reset
 * and the fault switches tests turn on by name.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state, faults } = ctx;

  const faultState = (): Record<string, unknown> => ({
    spec: faults.spec ? formatFaultSpec(faults.spec) : null,
    parsed: faults.spec ?? null,
    injected: faults.counters,
  });

  app.get('/emulator', async (_req, reply) => reply.type('text/html; charset=utf-8').send(renderInspection(state)));

  app.get('/emulator/state', async () => ({ ...snapshot(state), contentDir: ctx.content.dir, faults: faultState() }));

  /** Clears workspaces, documents (and their content files), holds and tickets; seeds the model again. */
  app.post('/emulator/reset', async () => {
    state.reset();
    ctx.content.clear();
    faults.resetCounters();
    return { ok: true };
  });

  /** Every current ticket becomes expired now: the next call with one gets 401. */
  app.post('/emulator/tickets/expire', async () => ({ expired: state.expireAllTickets() }));

  /** Empties the recently-accessed list that `GET /v2/businessworkspaces` shows without expanded_view. */
  app.post('/emulator/recent/clear', async () => {
    state.clearRecent();
    return { ok: true };
  });

  app.get('/emulator/faults', async () => faultState());

  /** `{"spec": "5xx=0.1,timeout=0.02"}` sets the faults (grammar in faults.ts); `{}` clears them. */
  app.post('/emulator/faults', async (req, reply) => {
    const body: unknown = req.body;
    const spec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).spec : undefined;
    if (spec !== undefined && spec !== null && typeof spec !== 'string') return reply.status(400).send({ error: 'spec must be a string' });
    try {
      faults.set(typeof spec === 'string' && spec.trim() !== '' ? parseFaultSpec(spec) : undefined);
    } catch (err) {
      return reply.status(400).send({ error: err instanceof Error ? err.message : String(err) });
    }
    faults.resetCounters();
    return faultState();
  });
}
