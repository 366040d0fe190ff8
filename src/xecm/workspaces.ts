import { z } from 'zod';
import type { XecmClient } from './client.js';
import { parseResponse as parse, XecmError } from './errors.js';
import { NODE_TYPES } from './node-types.js';
import { nodeName } from './names.js';
import { Nodes } from './nodes.js';
import { allPages } from './paging.js';
import { categoriesResponse, createFormResponse, createWorkspaceResponse, workspaceSearchResponse, workspaceTypesResponse } from './types.js';
import type { AttributeValues, BusinessObject, NodeProperties } from './types.js';

export interface EnsureResult {
  outcome: 'created' | 'updated' | 'unchanged';
  nodeId: number;
  name: string;
  /** attribute names written by an update */
  changed: string[];
  /** the requested name was taken by an unrelated item; the BO id was appended */
  renamed?: boolean;
}

/** Compares a stored category value with one to write (multi-values as string lists, null as ''). */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): string =>
    JSON.stringify(Array.isArray(v) ? v.map(String) : v === null || v === undefined ? '' : typeof v === 'object' ? v : String(v));
  return norm(a) === norm(b);
}

/** Names resolved to ids for one workspace type (cached per client). */
export interface WorkspaceModel {
  typeId: number;
  typeName: string;
  templateId: number;
  categoryId: number;
  categoryName: string;
  /** attribute name → `{cat}_{attr}` key */
  attributeKeys: Map<string, string>;
  /** attribute name → true when the form declares it multi-valued */
  multiValued: Map<string, boolean>;
}

/**
 * The name a workspace gets when its own is taken by an unrelated item: the business object id
 * appended, `<name> (<boId>)`, as a safe name. A name too long to take the id whole is cut by
 * nodeName, whose hash suffix (of the name with the id) still sets it apart from the taken one.
 */
function uniqueName(name: string, boId: string): string {
  return nodeName(`${nodeName(name)} (${boId})`);
}

/** Business Workspace operations (otcs-api.md §2). */
export class Workspaces {
  readonly #c: XecmClient;
  /** Node-level calls (fetch, rename, children) are Nodes' own; the methods here that need them delegate. */
  readonly #nodes: Nodes;
  readonly #models = new Map<string, Promise<WorkspaceModel>>();

  constructor(client: XecmClient) {
    this.#c = client;
    this.#nodes = new Nodes(client);
  }

  async listTypes(): Promise<Array<{ id: number; name: string; templates: Array<{ id: number; name: string }> }>> {
    const json = await this.#c.request('GET', '/v2/businessworkspacetypes', { query: { expand_templates: 'true' } });
    return parse(workspaceTypesResponse, json, 'GET /v2/businessworkspacetypes').results.map((r) => ({
      id: r.data.properties.wksp_type_id,
      name: r.data.properties.wksp_type_name,
      templates: r.data.properties.templates,
    }));
  }

  /**
   * Ids of the workspace types a business object type is connected to (GET /v2/businessworkspacetypes
   * filtered by ext_system_id and bo_type). Read leniently: an entry without a type id is skipped.
   */
  async typeIdsForBoType(extSystemId: string, boType: string): Promise<number[]> {
    const json = await this.#c.request<{ results?: Array<{ data?: { properties?: { wksp_type_id?: number } } }> }>('GET', '/v2/businessworkspacetypes', {
      query: { ext_system_id: extSystemId, bo_type: boType },
    });
    return (json.results ?? []).map((x) => Number(x.data?.properties?.wksp_type_id)).filter((n) => !Number.isNaN(n));
  }

  /** Resolves a workspace type and its category by name, through the types list and the create form. */
  model(typeName: string, categoryName: string): Promise<WorkspaceModel> {
    const key = `${typeName}\u0000${categoryName}`;
    let p = this.#models.get(key);
    if (!p) {
      p = this.#resolve(typeName, categoryName);
      p.catch(() => this.#models.delete(key));
      this.#models.set(key, p);
    }
    return p;
  }

  async #resolve(typeName: string, categoryName: string): Promise<WorkspaceModel> {
    const types = await this.listTypes();
    const type = types.find((t) => t.name === typeName);
    const template = type?.templates[0];
    if (!type || !template) {
      throw new XecmError(
        'XECM_WORKSPACE_TYPE_UNKNOWN',
        `workspace type "${typeName}" ${type ? 'has no template' : 'does not exist'} in Content Server (known: ${types.map((t) => t.name).join(', ') || 'none'})`,
        { method: 'GET', path: '/v2/businessworkspacetypes', status: 200, requestId: '-' },
      );
    }
    const form = parse(
      createFormResponse,
      await this.#c.request('GET', '/v2/forms/businessworkspaces/create', { query: { template_id: template.id } }),
      'GET /v2/forms/businessworkspaces/create',
    );
    for (const f of form.forms) {
      for (const [catKey, cat] of Object.entries(f.schema?.properties ?? {})) {
        if (cat.title !== categoryName || !/^\d+$/.test(catKey)) continue;
        const attributeKeys = new Map<string, string>();
        const multiValued = new Map<string, boolean>();
        for (const [attrKey, attr] of Object.entries(cat.properties ?? {})) {
          if (!attr.title) continue;
          attributeKeys.set(attr.title, attrKey);
          multiValued.set(attr.title, attr.type === 'array');
        }
        return { typeId: type.id, typeName, templateId: template.id, categoryId: Number(catKey), categoryName, attributeKeys, multiValued };
      }
    }
    throw new XecmError('XECM_CATEGORY_ATTRIBUTE_UNKNOWN', `workspace type "${typeName}": its create form has no category "${categoryName}"`, {
      method: 'GET',
      path: '/v2/forms/businessworkspaces/create',
      status: 200,
      requestId: '-',
    });
  }

  /**
   * `{name: value}` → `{ "{cat}_{attr}": value }`; an unknown attribute name is a configuration error
   * (callers that tolerate a differing model leave such names out first).
   */
  keyed(model: WorkspaceModel, values: AttributeValues): Record<string, AttributeValues[string]> {
    const out: Record<string, AttributeValues[string]> = {};
    for (const [name, value] of Object.entries(values)) {
      const key = model.attributeKeys.get(name);
      if (!key) {
        throw new XecmError(
          'XECM_CATEGORY_ATTRIBUTE_UNKNOWN',
          `category "${model.categoryName}" has no attribute "${name}" (known: ${[...model.attributeKeys.keys()].join(', ')})`,
          { method: 'GET', path: '/v2/forms/businessworkspaces/create', status: 200, requestId: '-' },
        );
      }
      out[key] = value;
    }
    return out;
  }

  /** The workspace linked to a business object, if any (GET /v2/businessworkspaces with where_bo_*). */
  async findByBusinessObject(bo: BusinessObject): Promise<NodeProperties | undefined> {
    const json = await this.#c.request('GET', '/v2/businessworkspaces', {
      query: { where_ext_system_id: bo.extSystemId, where_bo_type: bo.boType, where_bo_id: bo.boId, expanded_view: 'true', page: 1, limit: 10 },
    });
    return parse(workspaceSearchResponse, json, 'GET /v2/businessworkspaces').results[0]?.data.properties;
  }

  /** Creates a workspace from the type's template, linked to the business object, with category values. */
  async create(
    model: WorkspaceModel,
    input: { name: string; description?: string; parentId?: number; bo: BusinessObject; attributes: AttributeValues },
  ): Promise<number> {
    const body = {
      template_id: model.templateId,
      wksp_type_id: model.typeId,
      type: NODE_TYPES.businessWorkspace,
      name: nodeName(input.name),
      description: input.description ?? '',
      ...(input.parentId === undefined ? {} : { parent_id: input.parentId }),
      ext_system_id: input.bo.extSystemId,
      bo_type: input.bo.boType,
      bo_id: input.bo.boId,
      // Workspace create takes categories nested per category id (otcs-api.md §2.3).
      roles: { categories: { [String(model.categoryId)]: this.keyed(model, input.attributes) } },
    };
    const json = await this.#c.request('POST', '/v2/businessworkspaces', { body: { kind: 'body-json', value: body } });
    return parse(createWorkspaceResponse, json, 'POST /v2/businessworkspaces').results.id;
  }

  /** The workspace node's properties; delegates to {@link Nodes.get}. */
  async getNode(id: number): Promise<NodeProperties> {
    return this.#nodes.get(id);
  }

  /** Renames the workspace, with the name cleaned as on create; delegates to {@link Nodes.rename}. */
  async rename(id: number, name: string): Promise<void> {
    await this.#nodes.rename(id, nodeName(name));
  }

  /** The workspace's child nodes, all pages; delegates to {@link Nodes.children}. */
  async children(id: number): Promise<NodeProperties[]> {
    return this.#nodes.children(id);
  }

  /** Current values of one category on a node, keyed `{cat}_{attr}`; undefined when not applied. */
  async categoryValues(nodeId: number, categoryId: number): Promise<Record<string, unknown> | undefined> {
    const r = parse(categoriesResponse, await this.#c.request('GET', `/v2/nodes/${nodeId}/categories`), `GET /v2/nodes/${nodeId}/categories`);
    const prefix = `${categoryId}_`;
    return r.results.map((x) => x.data.categories).find((c) => Object.keys(c).some((k) => k.startsWith(prefix)));
  }

  /**
   * Updates attribute values (flat `{cat}_{attr}` form fields; multi-values as repeated keys). An
   * empty list is sent as one empty value: as no key at all it would leave the old values in place.
   */
  async updateCategory(model: WorkspaceModel, nodeId: number, values: AttributeValues): Promise<void> {
    const fields: Record<string, string | number | boolean | null | string[]> = {};
    for (const [k, v] of Object.entries(this.keyed(model, values))) fields[k] = Array.isArray(v) && v.length === 0 ? '' : v;
    await this.#c.request('PUT', `/v2/nodes/${nodeId}/categories/${model.categoryId}`, { body: { kind: 'form', fields } });
  }

  /**
   * Exactly one workspace for the business object: looked up in xECM first (never trusting local
   * state), created when absent, its category attributes updated when they differ. A lost create
   * race or an answer lost after the server did the work is survived by looking again; a name taken
   * by an unrelated item gets the business object id appended.
   */
  async ensure(model: WorkspaceModel, input: { name: string; bo: BusinessObject; attributes: AttributeValues; rename?: boolean }): Promise<EnsureResult> {
    const attempt = async (): Promise<EnsureResult> => {
      const existing = await this.findByBusinessObject(input.bo);
      if (existing) {
        const current = (await this.categoryValues(existing.id, model.categoryId)) ?? {};
        const changed: AttributeValues = {};
        for (const [attr, value] of Object.entries(input.attributes)) {
          const key = model.attributeKeys.get(attr);
          if (key === undefined || !sameValue(current[key], value)) changed[attr] = value;
        }
        const wanted = nodeName(input.name);
        let name = existing.name;
        if (input.rename && existing.name !== wanted && existing.name !== uniqueName(input.name, input.bo.boId)) {
          try {
            await this.rename(existing.id, wanted);
            name = wanted;
          } catch (err) {
            // The name is taken by another item: the workspace keeps the name it has.
            if (!(err instanceof XecmError) || err.code !== 'XECM_ALREADY_EXISTS') throw err;
          }
        }
        if (Object.keys(changed).length === 0 && name === existing.name) return { outcome: 'unchanged', nodeId: existing.id, name, changed: [] };
        if (Object.keys(changed).length > 0) await this.updateCategory(model, existing.id, changed);
        return { outcome: 'updated', nodeId: existing.id, name, changed: [...Object.keys(changed), ...(name === existing.name ? [] : ['(name)'])] };
      }
      const nodeId = await this.create(model, input);
      return { outcome: 'created', nodeId, name: nodeName(input.name), changed: [] };
    };
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof XecmError) || (err.code !== 'XECM_ALREADY_EXISTS' && err.code !== 'XECM_BAD_REQUEST')) throw err;
      // Another writer created it first (or our own create's answer was lost): carry on as an
      // update, so that none of this writer's attributes is lost.
      const again = await this.findByBusinessObject(input.bo);
      if (again) return attempt();
      if (err.code !== 'XECM_ALREADY_EXISTS') throw err;
      const unique = uniqueName(input.name, input.bo.boId);
      const nodeId = await this.create(model, { ...input, name: unique });
      return { outcome: 'created', nodeId, name: unique, changed: [], renamed: true };
    }
  }

  /** One workspace with its business properties (GET /v2/businessworkspaces/{id}). */
  async get(id: number): Promise<WorkspaceDetails> {
    const json = await this.#c.request('GET', `/v2/businessworkspaces/${id}`);
    const r = parse(workspaceDetailsResponse, json, `GET /v2/businessworkspaces/${id}`).results.data;
    return { ...r.properties, business: r.business_properties ?? undefined, references: r.workspace_references ?? [] };
  }

  /** Related workspaces; `relType` child lists the workspaces that are children of this one. */
  async related(id: number, relType?: 'child' | 'parent'): Promise<Array<NodeProperties & { rel_type?: string | null }>> {
    return allPages(this.#c, `/v2/businessworkspaces/${id}/relateditems`, {
      limit: 500,
      query: relType ? { where_relationtype: relType } : {},
      schema: relatedResponse,
      items: (r) => r.results.map((x) => x.data.properties),
    });
  }

  /** Relates `otherId` to `id` (as its child by default); an existing relation is left alone. */
  async relate(id: number, otherId: number, relType: 'child' | 'parent' = 'child'): Promise<'added' | 'exists'> {
    if ((await this.related(id, relType)).some((w) => w.id === otherId)) return 'exists';
    try {
      await this.#c.request('POST', `/v2/businessworkspaces/${id}/relateditems`, { body: { kind: 'form', fields: { rel_bw_id: otherId, rel_type: relType } } });
      return 'added';
    } catch (err) {
      if ((await this.related(id, relType)).some((w) => w.id === otherId)) return 'exists';
      throw err;
    }
  }

  async unrelate(id: number, otherId: number, relType: 'child' | 'parent' = 'child'): Promise<void> {
    await this.#c.request('DELETE', `/v2/businessworkspaces/${id}/relateditems/${otherId}`, { query: { rel_type: relType } });
  }

  async roles(id: number): Promise<Array<{ id: number; name: string; leader?: boolean | null }>> {
    const json = await this.#c.request('GET', `/v2/businessworkspaces/${id}/roles`);
    return parse(rolesResponse, json, `GET /v2/businessworkspaces/${id}/roles`).results.map((r) => r.data.properties);
  }

  async members(id: number, roleId: number): Promise<Array<{ id: number; name: string }>> {
    const json = await this.#c.request('GET', `/v2/businessworkspaces/${id}/roles/${roleId}/members`);
    return parse(membersResponse, json, `GET /v2/businessworkspaces/${id}/roles/${roleId}/members`).results.map((r) => r.data.properties);
  }

  /** Adds a user or group to a role; membership is checked first (pyxecm does the same). */
  async addMember(id: number, roleId: number, memberId: number): Promise<'added' | 'exists'> {
    if ((await this.members(id, roleId)).some((m) => m.id === memberId)) return 'exists';
    await this.#c.request('POST', `/v2/businessworkspaces/${id}/roles/${roleId}/members`, { body: { kind: 'form', fields: { id: memberId } } });
    return 'added';
  }

  async removeMember(id: number, roleId: number, memberId: number): Promise<void> {
    await this.#c.request('DELETE', `/v2/businessworkspaces/${id}/roles/${roleId}/members/${memberId}`);
  }

  /** Links one more business object to the workspace (plain form fields, otcs-api.md §2.6). */
  async addReference(id: number, bo: BusinessObject): Promise<void> {
    await this.#c.request('PUT', `/v2/businessworkspaces/${id}/workspacereferences`, {
      body: { kind: 'form', fields: { ext_system_id: bo.extSystemId, bo_type: bo.boType, bo_id: bo.boId } },
    });
  }

  async removeReference(id: number, bo: BusinessObject): Promise<void> {
    await this.#c.request('DELETE', `/v2/businessworkspaces/${id}/workspacereferences`, {
      body: { kind: 'form', fields: { ext_system_id: bo.extSystemId, bo_type: bo.boType, bo_id: bo.boId } },
    });
  }

  /** Applies a category to a node with values (400 "already exists" when applied twice). */
  async applyCategory(model: WorkspaceModel, nodeId: number, values: AttributeValues): Promise<void> {
    const fields: Record<string, string | number | boolean | null | string[]> = { category_id: model.categoryId };
    for (const [k, v] of Object.entries(this.keyed(model, values))) fields[k] = v;
    await this.#c.request('POST', `/v2/nodes/${nodeId}/categories`, { body: { kind: 'form', fields } });
  }
}

const businessProperties = z
  .object({
    business_object_id: z.coerce.string().nullish(),
    business_object_type: z.string().nullish(),
    external_system_id: z.string().nullish(),
    workspace_type_id: z.coerce.number().nullish(),
    workspace_type_name: z.string().nullish(),
  })
  .nullish();

const workspaceDetailsResponse = z.object({
  results: z.object({
    data: z.object({
      properties: z.object({ id: z.coerce.number().int(), name: z.string(), parent_id: z.coerce.number().int().optional(), type: z.number().int().optional() }),
      business_properties: businessProperties,
      workspace_references: z
        .array(z.object({ business_object_id: z.coerce.string(), business_object_type: z.string(), external_system_id: z.string() }))
        .nullish(),
    }),
  }),
});

export interface WorkspaceDetails extends NodeProperties {
  business: z.infer<typeof businessProperties> | undefined;
  references: Array<{ business_object_id: string; business_object_type: string; external_system_id: string }>;
}

const relatedResponse = z.object({
  results: z.array(z.object({ data: z.object({ properties: z.object({ id: z.coerce.number().int(), name: z.string(), rel_type: z.string().nullish() }) }) })),
  paging: z.object({ page: z.number(), page_total: z.number() }).optional(),
});

const rolesResponse = z.object({
  results: z.array(z.object({ data: z.object({ properties: z.object({ id: z.coerce.number().int(), name: z.string(), leader: z.boolean().nullish() }) }) })),
});
const membersResponse = z.object({
  results: z.array(z.object({ data: z.object({ properties: z.object({ id: z.coerce.number().int(), name: z.string() }) }) })),
});
