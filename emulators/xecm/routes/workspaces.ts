import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bool, int, isRecord, readRequestData, str } from '../body.js';
import { attributeOptions, attributeSchema, defaultValues, findCategory, mergeValues } from '../categories.js';
import { apiHref, params, query } from '../context.js';
import type { XecmContext } from '../context.js';
import { acceptedName, duplicateName, notAccessible, OtcsError, paginate, selfLinks } from '../envelopes.js';
import type { NodeRow } from '../state.js';
import type { WorkspaceTypeDef } from '../types.js';
import { workspaceActions, workspaceProperties, workspaceType } from '../views.js';

/**
 * Business workspace types, the create form, workspace create/search/get and the BO lookup path;
 * get workspace and get workspace type also in v1, where the Business Workspaces document declares them.
 */

function typeResult(ctx: XecmContext, t: WorkspaceTypeDef, expandTemplates: boolean, expandInfo: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    add_creator_to_lead_role: true,
    classification: { location: 'None', location_value: '' },
    config_node_id: t.templateId,
    rm_enabled: t.rmEnabled,
    widget_icon: { url: '' },
    wksp_copy_enabled: false,
    wksp_creation: {
      create_wksp_with_fast_bulk_method: false,
      directly_open_created_wksp: true,
      location: 'StaticNodeId',
      location_value: String(t.locationId),
      sub_location_path: { location: 'None', location_value: '' },
      use_also_for_manual_creation: true,
    },
    wksp_creation_enabled: true,
    wksp_descriptions: { en: '' },
    wksp_icon: '',
    wksp_name_generation: { use_also_for_wksp_without_bo: false, wksp_names: { en: '' } },
    wksp_policies_enabled: false,
    wksp_type_id: t.id,
    wksp_type_name: t.name,
    wksp_type_names: { en: t.name },
  };
  // The spec's type schema has no templates; pyxecm reads them from here with expand_templates=true.
  if (expandTemplates) properties.templates = [{ id: t.templateId, name: t.templateName, subtype: 848 }];
  const data: Record<string, unknown> = { properties };
  if (expandInfo) {
    const inUse = ctx.state.workspaces().some((w) => w.wksp_type_id === t.id);
    data.wksp_info = { in_use: inUse, indexing_status: 'UpToDate', perspective_folder_id: 0, wksp_type_icon: '' };
  }
  return { data };
}

function businessProperties(ctx: XecmContext, ws: NodeRow): { business_properties: Record<string, unknown>; workspace_references: unknown[] } {
  const t = workspaceType(ctx.state, ws.wksp_type_id);
  const links = ctx.state.boLinks(ws.id);
  const ref = (l: (typeof links)[number]): Record<string, unknown> => {
    const boType = ctx.state.model.workspaceTypes.find((x) => x.boType === l.bo_type);
    return {
      business_object_id: l.bo_id,
      business_object_type: l.bo_type,
      business_object_type_id: boType?.boTypeId ?? null,
      business_object_type_name: l.bo_type,
      external_system_id: l.ext_system_id,
      external_system_name: l.ext_system_id === ctx.state.model.extSystemId ? ctx.state.model.extSystemName : l.ext_system_id,
      has_default_display: false,
      has_default_search: false,
      workspace_type_id: ws.wksp_type_id,
    };
  };
  const first = links[0];
  const firstRef = first
    ? ref(first)
    : {
        business_object_id: null,
        business_object_type: null,
        business_object_type_id: null,
        business_object_type_name: null,
        external_system_id: null,
        external_system_name: null,
        has_default_display: false,
        has_default_search: false,
      };
  return {
    business_properties: {
      ...firstRef,
      display_url: null,
      isEarly: false,
      workspace_type_id: ws.wksp_type_id,
      workspace_type_name: t?.name ?? null,
      workspace_type_name_multilingual: { en: t?.name ?? '' },
      workspace_type_widget_icon_content: null,
    },
    workspace_references: links.map(ref),
  };
}

/** One row of a workspace list (search, BO lookup, related items). */
export function listItem(ctx: XecmContext, ws: NodeRow): Record<string, unknown> {
  return { actions: workspaceActions(`/api/v2/businessworkspaces/${ws.id}`), data: { properties: workspaceProperties(ctx.state, ws) } };
}

/** Resolves the template and workspace type of a create request (template_id wins, per the spec). */
function resolveType(ctx: XecmContext, fields: Record<string, unknown>): WorkspaceTypeDef {
  const types = ctx.state.model.workspaceTypes;
  const templateId = int(fields, 'template_id');
  if (templateId !== undefined) {
    const t = types.find((x) => x.templateId === templateId);
    if (!t) throw new OtcsError(400, `The workspace template ${templateId} could not be found`);
    return t;
  }
  const typeId = int(fields, 'wksp_type_id');
  if (typeId !== undefined) {
    const t = types.find((x) => x.id === typeId);
    if (!t) throw new OtcsError(400, `The workspace type ${typeId} could not be found`);
    return t;
  }
  const boTypeId = int(fields, 'bo_type_id');
  const boType = str(fields, 'bo_type');
  const t = types.find((x) => (boTypeId !== undefined ? x.boTypeId === boTypeId : boType !== undefined && x.boType === boType));
  if (!t) throw new OtcsError(400, 'Missing required parameter template_id (or wksp_type_id, bo_type_id, ext_system_id and bo_type)');
  return t;
}

type Filter = (ws: NodeRow) => boolean;

function sortRows(rows: NodeRow[], sort: string | undefined): NodeRow[] {
  if (!sort) return rows;
  const m = /^(asc_|desc_)?(.+)$/.exec(sort);
  const dir = m?.[1] === 'desc_' ? -1 : 1;
  const col = m?.[2] ?? 'name';
  const key = (n: NodeRow): string | number =>
    col === 'id' ? n.id : col === 'create_date' ? n.create_date : col === 'modify_date' ? n.modify_date : n.name.toLowerCase();
  return [...rows].sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a.id - b.id));
}

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state } = ctx;

  app.get('/v2/businessworkspacetypes', async (req) => {
    const q = query(req);
    const sys = str(q, 'ext_system_id');
    const boType = str(q, 'bo_type');
    if ((sys === undefined) !== (boType === undefined)) {
      throw new OtcsError(400, 'The parameters ext_system_id and bo_type must be provided together');
    }
    const all = state.model.workspaceTypes;
    // pyxecm: an empty system answers 500 rather than an empty list.
    if (all.length === 0) throw new OtcsError(500, 'No business workspace types found');
    let types = [...all];
    if (sys !== undefined && boType !== undefined) {
      types = sys === state.model.extSystemId ? types.filter((t) => t.boType === boType) : [];
    }
    const sort = str(q, 'sort');
    if (sort === 'asc_name' || sort === 'desc_name') {
      types.sort((a, b) => a.name.localeCompare(b.name) * (sort === 'desc_name' ? -1 : 1));
    }
    const expandTemplates = bool(q, 'expand_templates');
    const expandInfo = bool(q, 'expand_wksp_info', true);
    return { links: selfLinks(apiHref(ctx, req)), results: types.map((t) => typeResult(ctx, t, expandTemplates, expandInfo)) };
  });

  app.get('/v2/businessworkspacetypes/:id', async (req) => {
    const id = Number(params(req).id);
    const t = state.model.workspaceTypes.find((x) => x.id === id);
    if (!t) throw new OtcsError(404, `The business workspace type ${params(req).id} could not be found`);
    const q = query(req);
    return { links: selfLinks(apiHref(ctx, req)), results: typeResult(ctx, t, bool(q, 'expand_templates'), bool(q, 'expand_wksp_info', true)) };
  });

  // v1 (BW document, getBusinessWorkspaceTypeInfo): `{icon_url, is_policies_enabled, workspace_type}`.
  app.get('/v1/businessworkspacetypes/:id', async (req) => {
    const id = Number(params(req).id);
    const t = state.model.workspaceTypes.find((x) => x.id === id);
    if (!t) throw new OtcsError(404, `The business workspace type ${params(req).id} could not be found`);
    return { icon_url: '', is_policies_enabled: false, workspace_type: t.name };
  });

  app.get('/v2/forms/businessworkspaces/create', async (req) => {
    const q = query(req);
    if (str(q, 'template_id') === undefined && str(q, 'bo_type_id') === undefined && str(q, 'bo_type') === undefined) {
      throw new OtcsError(400, 'Either template_id, bo_type_id or ext_system_id and bo_type must be provided');
    }
    const t = resolveType(ctx, q);
    const cat = t.category;
    const catKey = String(cat.id);
    const general = {
      data: { name: '', description: '', type: 848, parent_id: int(q, 'parent_id') ?? t.locationId, template_id: t.templateId, wksp_type_id: t.id },
      options: {
        fields: {
          name: { hidden: false, label: 'Name', readonly: false, type: 'text' },
          description: { hidden: false, label: 'Description', readonly: false, type: 'textarea' },
        },
      },
      schema: {
        properties: {
          name: { maxLength: 248, minLength: 1, readonly: false, required: true, title: 'Name', type: 'string' },
          description: { readonly: false, required: false, title: 'Description', type: 'string' },
        },
        required: ['name'],
        type: 'object',
      },
    };
    const categories = {
      data: { [catKey]: defaultValues(cat) },
      options: {
        fields: {
          [catKey]: {
            fields: Object.fromEntries(cat.attributes.map((a) => [a.key, attributeOptions(a)])),
            hideInitValidationError: true,
            label: cat.name,
            type: 'object',
          },
        },
      },
      role_name: 'categories',
      schema: {
        properties: {
          [catKey]: {
            properties: Object.fromEntries(cat.attributes.map((a) => [a.key, attributeSchema(a)])),
            required: cat.attributes.filter((a) => a.required).map((a) => a.key),
            title: cat.name,
            type: 'object',
          },
        },
        type: 'object',
      },
    };
    return { forms: [general, categories] };
  });

  app.post('/v2/businessworkspaces', async (req) => {
    const { fields } = await readRequestData(req);
    const t = resolveType(ctx, fields);
    const model = state.model;

    const sys = str(fields, 'ext_system_id');
    const boType = str(fields, 'bo_type');
    const boId = str(fields, 'bo_id');
    const given = [sys, boType, boId].filter((v) => v !== undefined && v !== '').length;
    if (given !== 0 && given !== 3) {
      throw new OtcsError(400, 'The parameters ext_system_id, bo_type and bo_id must be provided together');
    }
    let bo: { extSystemId: string; boType: string; boId: string } | undefined;
    if (sys && boType && boId) {
      if (sys !== model.extSystemId) throw new OtcsError(400, `The external system '${sys}' does not exist`);
      if (boType !== t.boType) {
        throw new OtcsError(400, `The business object type '${boType}' does not belong to the workspace type '${t.name}'`);
      }
      // The reference leaves the real status open; we answer 400 with the id of the existing workspace.
      const linked = state.findByBo(sys, boType, boId);
      if (linked) {
        throw new OtcsError(
          400,
          `The business object ${boId} of type '${boType}' in external system '${sys}' is already linked to the business workspace ${linked.ws_id}`,
        );
      }
      bo = { extSystemId: sys, boType, boId };
    }

    const rawName = str(fields, 'name') ?? (bo ? `${t.name} ${bo.boId}` : undefined);
    if (rawName === undefined) throw new OtcsError(400, 'Missing required parameter name');
    // Workspace create strips ':' (otcs-api.md §2.3, the name-generation rules); other nodes refuse it.
    const name = acceptedName(rawName.replace(/:/g, ''));

    const parentId = int(fields, 'parent_id') ?? t.locationId;
    const parent = state.getNode(parentId);
    if (!parent || parent.is_template) throw notAccessible();
    if (state.childByName(parentId, name)) throw duplicateName(name);

    // roles.categories is nested per category: {"<cat>": {"<cat>_<attr>": value}}.
    const roles = fields.roles;
    const catInput = isRecord(roles) && isRecord(roles.categories) ? roles.categories : {};
    const values = new Map<number, Record<string, unknown>>([[t.category.id, defaultValues(t.category)]]);
    for (const [catKey, attrs] of Object.entries(catInput)) {
      const cat = findCategory(model, Number(catKey));
      if (!cat) throw new OtcsError(400, `The category ${catKey} could not be found`);
      if (!isRecord(attrs)) throw new OtcsError(400, `The values of category ${catKey} must be an object`);
      for (const key of Object.keys(attrs)) {
        if (!key.startsWith(`${cat.id}_`)) throw new OtcsError(400, `The attribute '${key}' does not exist in category '${cat.name}'`);
      }
      values.set(cat.id, mergeValues(cat, values.get(cat.id) ?? defaultValues(cat), attrs));
    }

    const id = state.createWorkspace({
      parentId,
      name,
      description: str(fields, 'description') ?? '',
      typeId: t.id,
      templateId: t.templateId,
      folders: state.children(t.templateId).map((f) => f.name),
      categories: [...values].map(([catId, v]) => ({ catId, values: v })),
      bo,
      roles: t.roles,
    });
    return {
      links: selfLinks(apiHref(ctx, req), 'POST'),
      results: { direct_open: true, id, sub_folder_id: 0 },
    };
  });

  app.get('/v2/businessworkspaces', async (req) => {
    const q = query(req);
    const filters: Filter[] = [];
    const sys = str(q, 'where_ext_system_id');
    const boType = str(q, 'where_bo_type');
    const boId = str(q, 'where_bo_id');
    if (sys !== undefined || boType !== undefined || boId !== undefined) {
      const linked = state.workspaceIdsByBo({ extSystemId: sys, boType, boId });
      filters.push((ws) => linked.has(ws.id));
    }
    const typeId = int(q, 'where_workspace_type_id');
    if (typeId !== undefined) filters.push((ws) => ws.wksp_type_id === typeId);
    const typeName = str(q, 'where_workspace_type_name');
    if (typeName !== undefined) {
      // Behaves like starts-with (pyxecm: "Product" also matches "Product Version").
      const prefix = typeName.toLowerCase();
      filters.push((ws) => (workspaceType(state, ws.wksp_type_id)?.name.toLowerCase() ?? '').startsWith(prefix));
    }
    const whereName = str(q, 'where_name');
    if (whereName !== undefined) {
      if (whereName.startsWith('contains_')) {
        const s = whereName.slice('contains_'.length).toLowerCase();
        filters.push((ws) => ws.name.toLowerCase().includes(s));
      } else if (whereName.startsWith('startswith_')) {
        const s = whereName.slice('startswith_'.length).toLowerCase();
        filters.push((ws) => ws.name.toLowerCase().startsWith(s));
      } else {
        filters.push((ws) => ws.name === whereName);
      }
    }

    let rows: NodeRow[];
    if (bool(q, 'expanded_view')) {
      rows = sortRows(state.workspaces(), str(q, 'sort') ?? 'asc_name');
    } else {
      // Collapsed view (the default): only the user's recently accessed workspaces, newest first.
      // Whether filters apply here on a real server is unconfirmed; the emulator applies them.
      const byId = new Map(state.workspaces().map((w) => [w.id, w]));
      rows = state.recentIds().flatMap((id) => byId.get(id) ?? []);
      rows = sortRows(rows, str(q, 'sort'));
    }
    rows = rows.filter((ws) => filters.every((f) => f(ws)));
    const { items, paging } = paginate(rows, apiHref(ctx, req), {
      page: int(q, 'page') ?? 1,
      limit: int(q, 'limit') ?? 500,
      clampToLastPage: true,
    });
    return {
      links: selfLinks(apiHref(ctx, req)),
      paging,
      results: items.map((ws) => listItem(ctx, ws)),
      wksp_info: { wksp_type_icon: '' },
    };
  });

  const getWorkspace = (req: FastifyRequest): NodeRow => {
    const raw = params(req).id ?? '';
    const ws = /^\d+$/.test(raw) ? state.getNode(Number(raw)) : undefined;
    if (!ws || ws.type !== 848 || ws.is_template) throw new OtcsError(404, `The business workspace ${raw} could not be found`);
    return ws;
  };

  app.get('/v2/businessworkspaces/:id', async (req) => {
    const ws = getWorkspace(req);
    if (bool(query(req), 'add_recently_accessed', true)) state.touchRecent(ws.id);
    const t = workspaceType(state, ws.wksp_type_id);
    return {
      links: selfLinks(apiHref(ctx, req)),
      results: {
        actions: workspaceActions(`/api/v2/businessworkspaces/${ws.id}`),
        data: {
          ...businessProperties(ctx, ws),
          display_urls: {},
          properties: workspaceProperties(state, ws),
          wksp_info: { wksp_type_icon: '', wksp_type_name: t?.name ?? null },
        },
      },
    };
  });

  // v1 (BW document, getBusinessWorkspaceInfoV1): `data` is a list of workspace data, here the one
  // workspace; its business reference names the first linked business object.
  app.get('/v1/businessworkspaces/:id', async (req) => {
    const ws = getWorkspace(req);
    const t = workspaceType(state, ws.wksp_type_id);
    const bo = state.boLinks(ws.id)[0];
    const boType = bo && state.model.workspaceTypes.find((x) => x.boType === bo.bo_type);
    const reference: Record<string, unknown> = {
      has_business_object_id: bo !== undefined,
      id: String(ws.id),
      workspace_type_id: ws.wksp_type_id,
      workspace_type_name: t?.name ?? '',
    };
    if (bo) {
      reference.business_object_id = bo.bo_id;
      if (boType) reference.business_object_type_id = boType.boTypeId;
      reference.business_object_type_name = bo.bo_type;
      reference.display_url = '';
    }
    return {
      data: [
        {
          attributes: { data: {}, definitions: {}, definitions_map: {}, definitions_order: {} },
          business_reference: reference,
          recent_changes: [],
          related_business_workspaces: {},
          wksp_info: { wksp_type_icon: '' },
          work_items: [],
        },
      ],
    };
  });

  app.get('/v2/externalsystems/:sys/botypes/:type/boids/:id', async (req) => {
    const p = params(req);
    const link = state.findByBo(p.sys ?? '', p.type ?? '', p.id ?? '');
    const ws = link ? state.getNode(link.ws_id) : undefined;
    // The not-found status of this path is unconfirmed (pyxecm treats any non-2xx as "none"); 404 here.
    if (!ws)
      throw new OtcsError(404, `No business workspace found for business object ${p.id ?? ''} of type '${p.type ?? ''}' in external system '${p.sys ?? ''}'`);
    const { items, paging } = paginate([ws], apiHref(ctx, req), { page: 1, limit: 500, clampToLastPage: true });
    return { links: selfLinks(apiHref(ctx, req)), paging, results: items.map((w) => listItem(ctx, w)) };
  });
}
