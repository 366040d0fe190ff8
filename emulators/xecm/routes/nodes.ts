import type { FastifyInstance, FastifyRequest } from 'fastify';
import { int, readRequestData, str } from '../body.js';
import { categoryMetadata, defaultValues, findCategory, mergeValues } from '../categories.js';
import { apiHref, params, query } from '../context.js';
import type { XecmContext } from '../context.js';
import { duplicateName, notAccessible, OtcsError, paginate, selfLinks } from '../envelopes.js';
import type { NodeRow } from '../state.js';
import { isContainer, nodeProperties } from '../views.js';

/** Nodes: get, rename/move, browse children, categories (read, apply, update). */

/** Content Server's default page size for browsing is not documented; clients should always send `limit`. */
const DEFAULT_BROWSE_LIMIT = 25;

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

  app.put('/v2/nodes/:id', async (req) => {
    const node = nodeOr(req, 400);
    const { fields } = await readRequestData(req);
    const name = str(fields, 'name');
    const description = str(fields, 'description');
    const parentId = int(fields, 'parent_id');
    if (name !== undefined && name.trim() === '') throw new OtcsError(400, 'Invalid parameter name: the name is empty');
    const targetParent = parentId ?? node.parent_id;
    if (parentId !== undefined) {
      const parent = state.getNode(parentId);
      if (!parent || !isContainer(parent.type)) throw notAccessible();
    }
    const newName = name ?? node.name;
    const clash = state.childByName(targetParent, newName);
    if (clash && clash.id !== node.id) throw duplicateName(newName);
    state.updateNode(node.id, { name, description, parentId });
    return { links: selfLinks(apiHref(ctx, req), 'PUT'), results: {} };
  });

  app.get('/v2/nodes/:id/nodes', async (req) => {
    const node = nodeOr(req, 500);
    const q = query(req);
    let rows = state.children(node.id);
    const whereType = q.where_type;
    const types = (Array.isArray(whereType) ? whereType : whereType === undefined ? [] : [whereType]).map(Number).filter((n) => !Number.isNaN(n));
    if (types.length > 0) {
      rows = rows.filter((r) => types.some((t) => (t === -1 ? isContainer(r.type) : t === -2 ? true : t === -3 ? !isContainer(r.type) : r.type === t)));
    }
    const whereName = str(q, 'where_name');
    // Not an exact match on a real server (pyxecm filters the results itself); a substring here.
    if (whereName !== undefined && whereName !== '') rows = rows.filter((r) => r.name.toLowerCase().includes(whereName.toLowerCase()));
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
    return {
      collection: {
        paging,
        sorting: { links: {}, sort: [{ key: 'sort', value: sort }] },
      },
      links: selfLinks(href),
      results: items.map((r) => ({ data: { properties: nodeProperties(state, r) } })),
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

  app.get('/v2/nodes/:id/categories/:catId', async (req) => {
    const node = nodeOr(req, 400);
    const catId = Number(params(req).catId);
    const applied = state.categoryValues(node.id).find((c) => c.catId === catId);
    const entry = applied && categoryEntry(catId, applied.values);
    if (!entry) throw new OtcsError(400, `The category ${params(req).catId ?? ''} is not applied to node ${node.id}`);
    return { links: selfLinks(apiHref(ctx, req)), results: entry };
  });

  app.post('/v2/nodes/:id/categories', async (req) => {
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
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results: {} };
  });

  const updateCategory = async (req: FastifyRequest): Promise<Record<string, unknown>> => {
    const node = nodeOr(req, 400);
    const catId = Number(params(req).catId);
    const cat = findCategory(state.model, catId);
    const applied = state.categoryValues(node.id).find((c) => c.catId === catId);
    if (!cat || !applied) throw new OtcsError(400, `The category ${params(req).catId ?? ''} is not applied to node ${node.id}`);
    const { fields } = await readRequestData(req);
    state.setCategoryValues(node.id, catId, mergeValues(cat, applied.values, fields));
    state.updateNode(node.id, {});
    return { links: selfLinks(apiHref(ctx, req), 'PUT'), results: {} };
  };
  // The spec spells this path with a trailing slash; clients send both.
  app.put('/v2/nodes/:id/categories/:catId', updateCategory);
  app.put('/v2/nodes/:id/categories/:catId/', updateCategory);
}
