import type { FastifyInstance } from 'fastify';
import { findCategory } from '../categories.js';
import type { XecmContext } from '../context.js';
import { isoZ } from '../envelopes.js';
import { workspaceType } from '../views.js';

/**
 * Control routes at the server root (not part of OTCS, no ticket): inspection, reset and the fault
 * switches tests turn on by name.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state } = ctx;

  app.get('/emulator/state', async () => {
    const workspaces = state.workspaces().map((ws) => {
      const t = workspaceType(state, ws.wksp_type_id);
      const bo = state.boLinks(ws.id)[0];
      return {
        id: ws.id,
        name: ws.name,
        description: ws.description,
        parentId: ws.parent_id,
        typeId: ws.wksp_type_id,
        typeName: t?.name ?? null,
        templateId: ws.template_id,
        businessObject: bo ? { extSystemId: bo.ext_system_id, boType: bo.bo_type, boId: bo.bo_id } : null,
        categories: state.categoryValues(ws.id).map((c) => {
          const cat = findCategory(state.model, c.catId);
          return {
            id: c.catId,
            name: cat?.name ?? null,
            values: c.values,
            byName: Object.fromEntries((cat?.attributes ?? []).map((a) => [a.name, c.values[a.key] ?? null])),
          };
        }),
        folders: state.children(ws.id).filter((n) => n.type === 0).map((n) => ({ id: n.id, name: n.name })),
        createDate: isoZ(ws.create_date),
        modifyDate: isoZ(ws.modify_date),
      };
    });
    const byType: Record<string, number> = Object.fromEntries(state.model.workspaceTypes.map((t) => [t.name, 0]));
    for (const w of workspaces) if (w.typeName !== null) byType[w.typeName] = (byType[w.typeName] ?? 0) + 1;
    return {
      counts: { workspaces: workspaces.length, byType, activeTickets: state.countTickets() },
      workspaceTypes: state.model.workspaceTypes.map((t) => ({ id: t.id, name: t.name, boType: t.boType, templateId: t.templateId })),
      workspaces,
    };
  });

  app.post('/emulator/reset', async () => {
    state.reset();
    return { ok: true };
  });

  /** Every current ticket becomes expired now: the next call with one gets 401. */
  app.post('/emulator/tickets/expire', async () => ({ expired: state.expireAllTickets() }));

  /** Empties the recently-accessed list that `GET /v2/businessworkspaces` shows without expanded_view. */
  app.post('/emulator/recent/clear', async () => {
    state.clearRecent();
    return { ok: true };
  });
}
