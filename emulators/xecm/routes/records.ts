import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bool, int, readRequestData, str } from '../body.js';
import { apiHref, params, query } from '../context.js';
import type { XecmContext } from '../context.js';
import { isoLocal, OtcsError, paginate, selfLinks } from '../envelopes.js';
import type { HoldRow, NodeRow } from '../state.js';
import { setValues } from './team.js';

/**
 * Records management (§5): RM classification of a node, (non-RM) classifications, holds. These are v1
 * endpoints with their own shapes: top-level objects, `data` lists, `results.data.holds`.
 */

/** `YYYY-MM-DDTHH:mm:ss` (a bare date is taken as midnight); anything else → undefined. */
function holdDate(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d:\d\d))?$/.exec(v.trim());
  if (!m || Number.isNaN(Date.parse(`${m[1] ?? ''}T00:00:00Z`))) return undefined;
  return `${m[1] ?? ''}T${m[2] ?? '00:00:00'}`;
}

export function registerRecordsRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state } = ctx;
  const model = state.model;

  /** RM endpoints answer 400 "Could not get node for {id}" for an unknown node (RM 26.1). */
  const nodeOr = (req: FastifyRequest): NodeRow => {
    const raw = params(req).id ?? '';
    const node = /^\d+$/.test(raw) ? state.getNode(Number(raw)) : undefined;
    if (!node) throw new OtcsError(400, `Could not get node for ${raw}`);
    return node;
  };

  /** Parameters from the query string, form fields or `body` JSON (sources disagree, §7). */
  const allFields = async (req: FastifyRequest): Promise<Record<string, unknown>> => {
    const { fields } = await readRequestData(req);
    return { ...query(req), ...fields };
  };

  // ---- RM classification ----------------------------------------------------------------------

  const rmInfo = (node: NodeRow): Record<string, unknown> => {
    const rec = state.rmRecord(node.id);
    const cls = rec ? model.rmClassifications.find((c) => c.id === rec.class_id) : undefined;
    const data =
      rec && cls
        ? [
            {
              class_selectable: true,
              default_rmclassification_id: cls.id,
              essential: '',
              file_number: cls.rsi,
              is_primary: true,
              management_type: 'manual',
              name: cls.name,
              official: rec.official === 1,
              record_date: isoLocal(rec.applied_at).slice(0, 10),
              rmclassification_id: cls.id,
              rsi: cls.rsi,
              status: rec.status,
              status_date: isoLocal(rec.applied_at).slice(0, 10),
              storage: '',
              type: 551,
            },
          ]
        : [];
    return {
      canBeUnclassified: true,
      canFinalize: true,
      canRemoveClass: rec !== undefined,
      canRMClassify: true,
      classVolumeID: model.classificationVolumes.recordsManagement,
      data,
      definitions: {},
      fields_order: '',
      fields_to_show: {},
      haveFAtoClassify: true,
      inherit_from: false,
      inheritanceMetadataUpdate: {},
      multiClass: false,
      rm_metadataToken: rec?.token ?? '',
    };
  };

  app.get('/v1/nodes/:id/rmclassifications', async (req) => rmInfo(nodeOr(req)));

  app.post('/v1/nodes/:id/rmclassifications', async (req) => {
    const node = nodeOr(req);
    const fields = await allFields(req);
    const classId = int(fields, 'class_id');
    if (classId === undefined) throw new OtcsError(400, "Missing required parameter 'class_id'");
    const cls = model.rmClassifications.find((c) => c.id === classId);
    if (!cls) throw new OtcsError(400, `The RM classification ${classId} does not exist`);
    const existing = state.rmRecord(node.id);
    // Changing an existing RM classification needs the current token (edit-conflict protection).
    if (existing && existing.class_id !== classId && str(fields, 'rm_metadataToken') !== existing.token) {
      throw new OtcsError(409, 'The rm_metadataToken is missing or out of date: the records management data was changed by another user');
    }
    const ids = bool(fields, 'apply_to_sub_items') ? state.subtreeIds(node.id) : [node.id];
    const status = str(fields, 'status') ?? existing?.status ?? '';
    const official = bool(fields, 'official', existing?.official === 1);
    let token = '';
    state.db.transaction(() => {
      for (const id of ids) {
        const rec = state.setRmRecord(id, classId, status, official);
        if (id === node.id) token = rec.token;
      }
    })();
    return { rm_metadataToken: token };
  });

  app.delete('/v1/nodes/:id/rmclassifications/:classId', async (req) => {
    const node = nodeOr(req);
    const rec = state.rmRecord(node.id);
    if (!rec || String(rec.class_id) !== params(req).classId) throw new OtcsError(400, 'The item does not have this RM classification');
    state.db.prepare('DELETE FROM rm_records WHERE node_id = ?').run(node.id);
    return {};
  });

  // ---- classifications (non-RM) ---------------------------------------------------------------

  app.get('/v1/nodes/:id/classifications', async (req) => {
    const node = nodeOr(req);
    const data = state.classificationIds(node.id).flatMap((id) => {
      const c = model.classifications.find((x) => x.id === id);
      return c ? [{ id: c.id, name: c.name, parent_id: model.classificationVolumes.classifications, type: 199, type_name: 'Classification' }] : [];
    });
    return { data, definitions: {} };
  });

  // POST replaces the whole set (pyxecm merges with the current ids first).
  app.post('/v1/nodes/:id/classifications', async (req) => {
    const node = nodeOr(req);
    const fields = await allFields(req);
    const ids = setValues(fields.class_id).map(Number);
    for (const id of ids) {
      if (!Number.isInteger(id) || !model.classifications.some((c) => c.id === id)) throw new OtcsError(400, `The classification ${id} does not exist`);
    }
    const targets = bool(fields, 'apply_to_sub_items') ? state.subtreeIds(node.id) : [node.id];
    state.db.transaction(() => {
      for (const t of targets) state.setClassifications(t, ids);
    })();
    return {};
  });

  // ---- holds ----------------------------------------------------------------------------------

  const holdObject = (h: HoldRow): Record<string, unknown> => ({
    ActiveHold: h.active,
    // An integer in RM 26.1: left out when the hold has none (or a non-numeric one).
    ...(h.alternate_id !== null && /^\d+$/.test(h.alternate_id) ? { AlternateHoldID: Number(h.alternate_id) } : {}),
    ApplyPatron: model.user.name,
    DateApplied: h.date_applied,
    DateRemoved: h.date_removed,
    DateToRemove: h.date_to_remove,
    EditDate: isoLocal(h.edit_date),
    EditPatron: model.user.name,
    HoldComment: h.comment,
    HoldID: h.id,
    HoldName: h.name,
    HoldType: h.type,
    OBJECT: state.holdItems(h.id).length,
    ParentID: h.parent_id ?? 0,
    RemovalComment: '',
    RemovalPatron: '',
  });

  app.post('/v1/holds', async (req) => {
    const fields = await allFields(req);
    const name = str(fields, 'name')?.trim();
    if (!name) throw new OtcsError(400, "Missing required parameter 'name'");
    const typeRaw = str(fields, 'type')?.trim();
    if (!typeRaw) throw new OtcsError(400, "Missing required parameter 'type'");
    const holdType = model.holdTypes.find((t) => t.name.toLowerCase() === typeRaw.toLowerCase());
    if (!holdType) throw new OtcsError(400, `Invalid hold type '${typeRaw}' (known: ${model.holdTypes.map((t) => t.name).join(', ')})`);
    const rawApplied = str(fields, 'date_applied');
    if (rawApplied === undefined || rawApplied === '') throw new OtcsError(400, "Missing required parameter 'date_applied'");
    const dateApplied = holdDate(rawApplied);
    if (!dateApplied) throw new OtcsError(400, `Invalid date_applied '${rawApplied}' (expected YYYY-MM-DDTHH:mm:ss)`);
    const rawRemove = str(fields, 'date_to_remove');
    const dateToRemove = rawRemove === undefined || rawRemove === '' ? null : (holdDate(rawRemove) ?? null);
    if (rawRemove && !dateToRemove) throw new OtcsError(400, `Invalid date_to_remove '${rawRemove}' (expected YYYY-MM-DDTHH:mm:ss)`);
    if (state.holdByName(name)) throw new OtcsError(400, `Could not insert into the Hold Disposition table: a hold named '${name}' already exists`);
    const holdID = state.createHold({
      name,
      type: holdType.name,
      comment: str(fields, 'comment') ?? '',
      alternate_id: str(fields, 'alternate_id') ?? null,
      parent_id: int(fields, 'parent_id') ?? null,
      date_applied: dateApplied,
      date_to_remove: dateToRemove,
    });
    return { holdID };
  });

  app.get('/v2/holds', async (req) => {
    const q = query(req);
    const href = apiHref(ctx, req);
    const { items, paging } = paginate(state.holds(), href, { page: int(q, 'page') ?? 1, limit: int(q, 'limit') ?? 25, clampToLastPage: false });
    return { collection: { paging }, links: selfLinks(href), results: { data: { holds: items.map(holdObject) } } };
  });

  // v1 (RM 26.1): a bare list of SimpleHoldInfo.
  app.get('/v1/holds', async () => state.holds().map((h) => ({ ActiveHold: h.active === 1, HoldID: h.id, HoldName: h.name })));

  const holdResult = (req: FastifyRequest, h: HoldRow | undefined, what: string): Record<string, unknown> => {
    if (!h) throw new OtcsError(400, `The hold ${what} does not exist`);
    return { links: selfLinks(apiHref(ctx, req)), results: { data: { hold: holdObject(h) } } };
  };
  app.get('/v2/holds/:id', async (req) => {
    const raw = params(req).id ?? '';
    return holdResult(req, /^\d+$/.test(raw) ? state.hold(Number(raw)) : undefined, raw);
  });
  app.get('/v2/hold', async (req) => {
    const q = query(req);
    const id = int(q, 'id');
    const name = str(q, 'holdname');
    if (id === undefined && name === undefined) throw new OtcsError(400, "Either 'id' or 'holdname' is required");
    return holdResult(req, id !== undefined ? state.hold(id) : state.holdByName(name ?? ''), String(id ?? name));
  });

  app.post('/v1/nodes/:id/holds', async (req) => {
    const node = nodeOr(req);
    const fields = await allFields(req);
    const holdId = int(fields, 'hold_id');
    if (holdId === undefined) throw new OtcsError(400, 'Missing LLPARAMS_LIST');
    const hold = state.hold(holdId);
    if (!hold) throw new OtcsError(400, `The hold ${holdId} does not exist`);
    // Applying a hold twice is accepted and changes nothing (the real answer is undocumented).
    state.applyHold(node.id, hold.id);
    return {};
  });

  app.get('/v1/nodes/:id/holds', async (req) => {
    const node = nodeOr(req);
    const data = state.ancestors(node.id).flatMap((holder) =>
      state.nodeHolds(holder.id).map((h) => ({
        active: h.active === 1,
        applied_by: model.user.name,
        date_applied: isoLocal(h.applied_at).slice(0, 10),
        docxreftyp: '',
        hold_appliedmethod: holder.id === node.id ? 'Direct' : 'Inherited',
        hold_comment: h.comment,
        hold_id: h.id,
        hold_name: h.name,
        hold_type: h.type,
        id: holder.id,
        name: holder.name,
        parent_id: holder.parent_id,
        queryid: 0,
        removable: holder.id === node.id,
        subtype: holder.type,
        userid: model.user.id,
      })),
    );
    return { data, definitions: {} };
  });

  app.delete('/v1/nodes/:id/holds/:holdId', async (req) => {
    const node = nodeOr(req);
    const raw = params(req).holdId ?? '';
    if (!/^\d+$/.test(raw) || !state.removeHold(node.id, Number(raw))) throw new OtcsError(400, 'Object does not have this Hold');
    return {};
  });
}
