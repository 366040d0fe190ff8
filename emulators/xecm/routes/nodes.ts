import type { FastifyInstance, FastifyRequest } from 'fastify';
import { int, readRequestData, str } from '../body.js';
import { categoryMetadata, defaultValues, findCategory, mergeValues } from '../categories.js';
import { apiHref, params, query } from '../context.js';
import type { XecmContext } from '../context.js';
import { acceptedName, duplicateName, notAccessible, OtcsError, paginate, selfLinks } from '../envelopes.js';
import type { Paging } from '../envelopes.js';
import type { NodeRow } from '../state.js';
import type { CategoryDef } from '../types.js';
import { isContainer, nodeProperties, typeName } from '../views.js';

/**
 * Nodes: get, rename/move, browse children, categories (read, apply, update). Each in v2 and, where
 * the Content Server document declares it there too, in v1 (v1 answers carry no `links`/`results`).
 */

/** Content Server's default page size for browsing is not documented; clients should always send `limit`. */
const DEFAULT_BROWSE_LIMIT = 25;

/** The technical user administers everything: the `perm_*` flags of v1 browse rows. */
const ADMIN_PERMISSIONS = {
  perm_add_major_version: true,
  perm_create: true,
  perm_delete: true,
  perm_delete_versions: true,
  perm_modify: true,
  perm_modify_attributes: true,
  perm_modify_permissions: true,
  perm_reserve: true,
  perm_see: true,
  perm_see_contents: true,
} as const;

export function registerNodeRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state } = ctx;

  /** v2 node GETs answer 400 "Could not get a node for {id}" (CS REST 2.0.2); browse answers 500. */
  const nodeOr = (req: FastifyRequest, status: number): NodeRow => {
    const raw = params(req).id ?? '';
    const node = /^\d+$/.test(raw) ? state.getNode(Number(raw)) : undefined;
    if (!node) throw new OtcsError(status, `Could not get a node for ${raw}`);
    return node;
  };

  app.get('/v2/nodes/:id', async (req) => {
    const node = nodeOr(req, 400);
    return { links: selfLinks(apiHref(ctx, req)), results: { data: { properties: nodeProperties(state, node) } } };
  });

  // v1 (CS REST 2.0.2 getNode): the properties under `data`, the type beside it.
  app.get('/v1/nodes/:id', async (req) => {
    const node = nodeOr(req, 400);
    return {
      addable_types: [],
      available_actions: [],
      available_roles: [],
      data: nodeProperties(state, node),
      definitions: {},
      definitions_base: [],
      definitions_order: [],
      type: node.type,
      type_info: { advanced_versioning: false, container: isContainer(node.type) },
      type_name: typeName(node.type),
    };
  });

  const updateNode = async (req: FastifyRequest): Promise<void> => {
    const node = nodeOr(req, 400);
    const { fields } = await readRequestData(req);
    const given = str(fields, 'name');
    const name = given === undefined ? undefined : acceptedName(given);
    const description = str(fields, 'description');
    const parentId = int(fields, 'parent_id');
    const targetParent = parentId ?? node.parent_id;
    if (parentId !== undefined) {
      const parent = state.getNode(parentId);
      if (!parent || !isContainer(parent.type)) throw notAccessible();
    }
    const newName = name ?? node.name;
    const clash = state.childByName(targetParent, newName);
    if (clash && clash.id !== node.id) throw duplicateName(newName);
    state.updateNode(node.id, { name, description, parentId });
  };
  app.put('/v2/nodes/:id', async (req) => {
    await updateNode(req);
    return { links: selfLinks(apiHref(ctx, req), 'PUT'), results: {} };
  });
  // v1 updateNode declares a 200 without a body schema.
  app.put('/v1/nodes/:id', async (req) => {
    await updateNode(req);
    return {};
  });

  /** One page of children, filtered and sorted as the query asks (shared by v1 and v2 browse). */
  const browse = (req: FastifyRequest): { href: string; sort: string; types: number[]; items: NodeRow[]; paging: Paging } => {
    const node = nodeOr(req, 500);
    const q = query(req);
    const whereName = str(q, 'where_name');
    // Not an exact match on a real server (pyxecm filters the results itself); a substring here.
    let rows = state.children(node.id, { nameContains: whereName });
    const whereType = q.where_type;
    const types = (Array.isArray(whereType) ? whereType : whereType === undefined ? [] : [whereType]).map(Number).filter((n) => !Number.isNaN(n));
    if (types.length > 0) {
      rows = rows.filter((r) => types.some((t) => (t === -1 ? isContainer(r.type) : t === -2 ? true : t === -3 ? !isContainer(r.type) : r.type === t)));
    }
    const sort = str(q, 'sort') ?? 'asc_name';
    const m = /^(asc_|desc_)?(.+)$/.exec(sort);
    const dir = m?.[1] === 'desc_' ? -1 : 1;
    const col = m?.[2] ?? 'name';
    const key = (n: NodeRow): string | number =>
      col === 'id' ? n.id : col === 'create_date' ? n.create_date : col === 'modify_date' ? n.modify_date : col === 'type' ? n.type : n.name.toLowerCase();
    rows.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : a.id - b.id));
    const href = apiHref(ctx, req);
    const { items, paging } = paginate(rows, href, {
      page: int(q, 'page') ?? 1,
      limit: int(q, 'limit') ?? DEFAULT_BROWSE_LIMIT,
      clampToLastPage: false,
    });
    return { href, sort, types, items, paging };
  };

  app.get('/v2/nodes/:id/nodes', async (req) => {
    const { href, sort, items, paging } = browse(req);
    return {
      collection: {
        paging,
        sorting: { links: {}, sort: [{ key: 'sort', value: sort }] },
      },
      links: selfLinks(href),
      results: items.map((r) => ({ data: { properties: nodeProperties(state, r) } })),
    };
  });

  // v1 (CS REST 2.0.2 getSubnodes): rows under `data`, the paging numbers at the top level.
  app.get('/v1/nodes/:id/nodes', async (req) => {
    const { sort, types, items, paging } = browse(req);
    return {
      data: items.map((r) => ({ ...nodeProperties(state, r), ...ADMIN_PERMISSIONS })),
      definitions: {},
      definitions_map: {},
      definitions_order: [],
      limit: paging.limit,
      page: paging.page,
      page_total: paging.page_total,
      range_max: paging.range_max,
      range_min: paging.range_min,
      sort,
      total_count: paging.total_count,
      where_facet: [],
      where_type: types,
    };
  });

  const categoryEntry = (catId: number, values: Record<string, unknown>): Record<string, unknown> | undefined => {
    const cat = findCategory(state.model, catId);
    if (!cat) return undefined;
    return {
      data: { categories: { ...values } },
      metadata: { categories: categoryMetadata(cat) },
      metadata_order: { categories: [String(cat.id), ...cat.attributes.map((a) => a.key)] },
    };
  };

  app.get('/v2/nodes/:id/categories', async (req) => {
    const node = nodeOr(req, 400);
    const results = state.categoryValues(node.id).flatMap((c) => categoryEntry(c.catId, c.values) ?? []);
    return { links: selfLinks(apiHref(ctx, req)), results };
  });

  // v1 (CS REST 2.0.2 getCategories): the applied categories as `data: [{id, name}]`.
  app.get('/v1/nodes/:id/categories', async (req) => {
    const node = nodeOr(req, 400);
    const data = state.categoryValues(node.id).flatMap((c) => {
      const cat = findCategory(state.model, c.catId);
      return cat ? [{ id: cat.id, name: cat.name }] : [];
    });
    return { data, definitions: {}, definitions_map: {}, definitions_order: [] };
  });

  const appliedCategory = (req: FastifyRequest): { node: NodeRow; cat: CategoryDef; values: Record<string, unknown> } => {
    const node = nodeOr(req, 400);
    const catId = Number(params(req).catId);
    const cat = findCategory(state.model, catId);
    const applied = state.categoryValues(node.id).find((c) => c.catId === catId);
    if (!cat || !applied) throw new OtcsError(400, `The category ${params(req).catId ?? ''} is not applied to node ${node.id}`);
    return { node, cat, values: applied.values };
  };

  app.get('/v2/nodes/:id/categories/:catId', async (req) => {
    const { cat, values } = appliedCategory(req);
    return { links: selfLinks(apiHref(ctx, req)), results: categoryEntry(cat.id, values) };
  });

  // v1 (CS REST 2.0.2 getCategory): values under `data`, attribute definitions beside them. The
  // document writes `data` as a one-element array, the same array artifact it has for v2 single
  // objects (see quirks.ts); Content Server answers an object.
  app.get('/v1/nodes/:id/categories/:catId', async (req) => {
    const { cat, values } = appliedCategory(req);
    return {
      data: { ...values },
      definitions: categoryMetadata(cat),
      definitions_map: {},
      definitions_order: [String(cat.id), ...cat.attributes.map((a) => a.key)],
    };
  });

  const applyCategory = async (req: FastifyRequest): Promise<void> => {
    const node = nodeOr(req, 400);
    const { fields } = await readRequestData(req);
    const catId = int(fields, 'category_id');
    if (catId === undefined) throw new OtcsError(400, 'Missing required parameter category_id');
    const cat = findCategory(state.model, catId);
    if (!cat) throw new OtcsError(400, `The category ${catId} could not be found`);
    if (state.categoryValues(node.id).some((c) => c.catId === catId)) {
      throw new OtcsError(400, `The attribute group '${cat.name}' already exists`);
    }
    state.setCategoryValues(node.id, catId, mergeValues(cat, defaultValues(cat), fields));
  };
  app.post('/v2/nodes/:id/categories', async (req) => {
    await applyCategory(req);
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results: {} };
  });
  // v1 addCategory declares a 200 with an (empty) object.
  app.post('/v1/nodes/:id/categories', async (req) => {
    await applyCategory(req);
    return {};
  });

  const updateCategory = async (req: FastifyRequest): Promise<void> => {
    const { node, cat, values } = appliedCategory(req);
    const { fields } = await readRequestData(req);
    state.setCategoryValues(node.id, cat.id, mergeValues(cat, values, fields));
    state.updateNode(node.id, {});
  };
  // The spec spells these paths with a trailing slash; clients send both (the router ignores a trailing slash).
  app.put('/v2/nodes/:id/categories/:catId', async (req) => {
    await updateCategory(req);
    return { links: selfLinks(apiHref(ctx, req), 'PUT'), results: {} };
  });
  // v1 updateCategory declares no 200 body; an empty object, as the other v1 writes.
  app.put('/v1/nodes/:id/categories/:catId', async (req) => {
    await updateCategory(req);
    return {};
  });
}
