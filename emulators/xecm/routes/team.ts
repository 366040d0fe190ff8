import type { FastifyInstance, FastifyRequest } from 'fastify';
import { int, readRequestData, str } from '../body.js';
import { apiHref, params, query } from '../context.js';
import type { XecmContext } from '../context.js';
import { OtcsError, paginate, selfLinks } from '../envelopes.js';
import type { NodeRow, RoleRow } from '../state.js';
import type { MemberDef } from '../types.js';
import { workspaceType } from '../views.js';
import { listItem } from './workspaces.js';

/** Related workspaces, roles and their members, business-object references of a workspace. */

/** OTCS set syntax in a query value: `{'child','parent'}`, `{1,2}`, or a plain value; repeated keys too. */
export function setValues(v: unknown): string[] {
  const raw = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return raw
    .flatMap((x) =>
      typeof x === 'string' || typeof x === 'number'
        ? String(x)
            .replace(/^\{|\}$/g, '')
            .split(',')
        : [],
    )
    .map((x) => x.trim().replace(/^['"]|['"]$/g, ''))
    .filter((x) => x !== '');
}

export function memberProperties(m: MemberDef, members: readonly MemberDef[]): Record<string, unknown> {
  const group = members.find((g) => g.id === m.groupId);
  const [first, ...rest] = m.displayName.split(' ');
  return {
    business_email: m.email,
    deleted: false,
    display_name: m.displayName,
    first_name: m.type === 0 ? (first ?? m.name) : null,
    group_id: m.type === 0 ? m.groupId : null,
    group_name: m.type === 0 ? (group?.name ?? null) : null,
    id: m.id,
    last_name: m.type === 0 ? rest.join(' ') : null,
    name: m.name,
    type: m.type,
    type_name: m.type === 0 ? 'User' : 'Group',
  };
}

export function registerTeamRoutes(app: FastifyInstance, ctx: XecmContext): void {
  const { state } = ctx;

  const workspaceOr = (raw: string | undefined, status = 404): NodeRow => {
    const ws = raw !== undefined && /^\d+$/.test(raw) ? state.getNode(Number(raw)) : undefined;
    if (!ws || ws.type !== 848 || ws.is_template) throw new OtcsError(status, `The business workspace ${raw ?? ''} could not be found`);
    return ws;
  };

  // ---- related workspaces ---------------------------------------------------------------------

  app.get('/v2/businessworkspaces/:id/relateditems', async (req) => {
    const ws = workspaceOr(params(req).id);
    const q = query(req);
    const relTypes = new Set([...setValues(q.where_rel_types), ...setValues(q.where_relationtype)].map((x) => x.toLowerCase()));
    const typeIds = new Set([...setValues(q.where_workspace_type_ids), ...setValues(q.where_workspace_type_id)].map(Number));
    const namePrefix = str(q, 'where_name')?.toLowerCase();
    let rows = state
      .related(ws.id)
      .filter((r) => relTypes.size === 0 || relTypes.has(r.relType))
      .flatMap((r) => {
        const node = state.getNode(r.id);
        return node ? [{ node, relType: r.relType }] : [];
      })
      .filter((r) => typeIds.size === 0 || (r.node.wksp_type_id !== null && typeIds.has(r.node.wksp_type_id)))
      .filter((r) => namePrefix === undefined || r.node.name.toLowerCase().startsWith(namePrefix));
    const sort = str(q, 'sort');
    if (sort === 'asc_name' || sort === 'desc_name') {
      const dir = sort === 'desc_name' ? -1 : 1;
      rows = [...rows].sort((a, b) => a.node.name.localeCompare(b.node.name) * dir);
    }
    const href = apiHref(ctx, req);
    const { items, paging } = paginate(rows, href, { page: int(q, 'page') ?? 1, limit: int(q, 'limit') ?? 500, clampToLastPage: true });
    return {
      links: selfLinks(href),
      paging,
      results: items.map((r) => {
        const item = listItem(ctx, r.node) as { data: { properties: Record<string, unknown> } };
        return { ...item, data: { ...item.data, properties: { ...item.data.properties, rel_type: r.relType } } };
      }),
    };
  });

  /** `rel_type` seen from the workspace in the path: child (default) = the other one is its child. */
  const relationEnds = (wsId: number, otherId: number, relType: string): { parent: number; child: number } => {
    if (relType === 'child') return { parent: wsId, child: otherId };
    if (relType === 'parent') return { parent: otherId, child: wsId };
    throw new OtcsError(400, `Invalid value for parameter 'rel_type': ${relType} (child or parent)`);
  };

  app.post('/v2/businessworkspaces/:id/relateditems', async (req) => {
    const ws = workspaceOr(params(req).id);
    const { fields } = await readRequestData(req);
    const relId = int(fields, 'rel_bw_id');
    if (relId === undefined) throw new OtcsError(400, "Missing required parameter 'rel_bw_id'");
    const other = workspaceOr(String(relId), 400);
    if (other.id === ws.id) throw new OtcsError(400, 'A business workspace cannot be related to itself');
    const { parent, child } = relationEnds(ws.id, other.id, (str(fields, 'rel_type') ?? 'child').toLowerCase());
    if (!state.addRelation(parent, child)) {
      throw new OtcsError(400, `The relationship between ${ws.id} and ${other.id} could not be created. It may already exist.`);
    }
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results: {} };
  });

  app.delete('/v2/businessworkspaces/:id/relateditems/:relId', async (req) => {
    const ws = workspaceOr(params(req).id);
    const relRaw = params(req).relId ?? '';
    const { fields } = await readRequestData(req);
    const relType = (str(query(req), 'rel_type') ?? str(fields, 'rel_type') ?? 'child').toLowerCase();
    const { parent, child } = relationEnds(ws.id, Number(relRaw), relType);
    if (!/^\d+$/.test(relRaw) || !state.removeRelation(parent, child)) {
      throw new OtcsError(400, `There is no ${relType} relationship between ${ws.id} and ${relRaw}`);
    }
    return { links: selfLinks(apiHref(ctx, req), 'DELETE'), results: {} };
  });

  // ---- roles and members ----------------------------------------------------------------------

  const rolesOf = (ws: NodeRow): RoleRow[] => state.roles(ws.id, workspaceType(state, ws.wksp_type_id)?.roles ?? []);
  const roleOr = (req: FastifyRequest): { ws: NodeRow; role: RoleRow } => {
    const ws = workspaceOr(params(req).id);
    const raw = params(req).roleId ?? '';
    const role = rolesOf(ws).find((r) => String(r.id) === raw);
    if (!role) throw new OtcsError(404, `The role ${raw} could not be found in business workspace ${ws.id}`);
    return { ws, role };
  };
  const memberOr = (id: number | undefined, status = 400): MemberDef => {
    const m = state.model.members.find((x) => x.id === id);
    if (!m) throw new OtcsError(status, `The user or group ${id ?? ''} could not be found`);
    return m;
  };
  const membersOf = (role: RoleRow): MemberDef[] => state.roleMembers(role.id).flatMap((id) => state.model.members.filter((m) => m.id === id));
  const roleEntry = (role: RoleRow, withMembers: boolean): Record<string, unknown> => {
    const data: Record<string, unknown> = {
      properties: {
        description: role.description,
        id: role.id,
        inherited_from_id: null,
        leader: role.leader === 1,
        name: role.name,
        perms: role.perms,
      },
    };
    if (withMembers) data.members = membersOf(role).map((m) => memberProperties(m, state.model.members));
    return { data };
  };
  const wantsMembers = (req: FastifyRequest): boolean => setValues(query(req).fields).includes('members');

  app.get('/v2/businessworkspaces/:id/roles', async (req) => {
    const ws = workspaceOr(params(req).id);
    return { links: selfLinks(apiHref(ctx, req)), results: rolesOf(ws).map((r) => roleEntry(r, wantsMembers(req))) };
  });

  app.get('/v2/businessworkspaces/:id/roles/:roleId', async (req) => {
    const { role } = roleOr(req);
    return { links: selfLinks(apiHref(ctx, req)), results: roleEntry(role, wantsMembers(req)) };
  });

  app.get('/v2/businessworkspaces/:id/roles/:roleId/members', async (req) => {
    const { role } = roleOr(req);
    return {
      links: selfLinks(apiHref(ctx, req)),
      results: membersOf(role).map((m) => ({ data: { properties: memberProperties(m, state.model.members) } })),
    };
  });

  app.post('/v2/businessworkspaces/:id/roles/:roleId/members', async (req) => {
    const { role } = roleOr(req);
    const { fields } = await readRequestData(req);
    const id = int(fields, 'id');
    if (id === undefined) throw new OtcsError(400, "Missing required parameter 'id'");
    const member = memberOr(id);
    if (!state.addRoleMember(role.id, member.id)) {
      throw new OtcsError(400, `The member '${member.name}' (${member.id}) is already a member of the role '${role.name}'`);
    }
    return { links: selfLinks(apiHref(ctx, req), 'POST'), results: { data: { properties: memberProperties(member, state.model.members) } } };
  });

  app.delete('/v2/businessworkspaces/:id/roles/:roleId/members/:memberId', async (req) => {
    const { role } = roleOr(req);
    const raw = params(req).memberId ?? '';
    if (!/^\d+$/.test(raw) || !state.removeRoleMember(role.id, Number(raw))) {
      throw new OtcsError(400, `The member ${raw} is not a member of the role '${role.name}'`);
    }
    return { links: selfLinks(apiHref(ctx, req), 'DELETE'), results: {} };
  });

  // ---- business-object references (plain form fields, §2.6) ------------------------------------

  const referenceFields = async (req: FastifyRequest): Promise<{ sys: string; boType: string; boId: string }> => {
    const { fields } = await readRequestData(req);
    const all = { ...query(req), ...fields };
    const sys = str(all, 'ext_system_id');
    const boType = str(all, 'bo_type');
    const boId = str(all, 'bo_id');
    if (!sys || !boType || !boId) throw new OtcsError(400, 'The parameters ext_system_id, bo_type and bo_id are required');
    return { sys, boType, boId };
  };

  app.put('/v2/businessworkspaces/:id/workspacereferences', async (req) => {
    const ws = workspaceOr(params(req).id);
    const { sys, boType, boId } = await referenceFields(req);
    if (sys !== state.model.extSystemId) throw new OtcsError(400, `The external system '${sys}' does not exist`);
    if (!state.model.workspaceTypes.some((t) => t.boType === boType)) {
      throw new OtcsError(400, `The business object type '${boType}' does not exist in external system '${sys}'`);
    }
    const linked = state.findByBo(sys, boType, boId);
    if (linked && linked.ws_id !== ws.id) {
      throw new OtcsError(400, `The business object ${boId} of type '${boType}' is already linked to the business workspace ${linked.ws_id}`);
    }
    if (!linked) state.addBoLink(ws.id, sys, boType, boId);
    return { links: selfLinks(apiHref(ctx, req), 'PUT'), results: {} };
  });

  app.delete('/v2/businessworkspaces/:id/workspacereferences', async (req) => {
    const ws = workspaceOr(params(req).id);
    const { sys, boType, boId } = await referenceFields(req);
    if (!state.removeBoLink(ws.id, sys, boType, boId)) {
      throw new OtcsError(400, `The business workspace ${ws.id} has no reference to ${sys}/${boType}/${boId}`);
    }
    return { links: selfLinks(apiHref(ctx, req), 'DELETE'), results: {} };
  });
}
