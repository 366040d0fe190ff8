import type { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import type { XecmClient } from './client.js';
import { XecmError } from './errors.js';
import {
  categoriesResponse,
  childrenResponse,
  createFormResponse,
  createWorkspaceResponse,
  nodeResponse,
  workspaceSearchResponse,
  workspaceTypesResponse,
} from './types.js';
import type { AttributeValues, BusinessObject, NodeProperties } from './types.js';

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

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new XecmError(`${what}: unexpected response shape (${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''})`, ERROR_CODES.XECM_UNAVAILABLE, 'operational', true, {
      method: 'GET',
      path: what,
      status: 200,
      requestId: '-',
    });
  }
  return r.data;
}

function clean(name: string): string {
  // Content Server rejects ':' and pyxecm trims and caps names at 248 characters (otcs-api.md §3.9).
  return name.replace(/:/g, '').trim().slice(0, 248);
}

/** Business Workspace operations (otcs-api.md §2). */
export class Workspaces {
  readonly #c: XecmClient;
  readonly #models = new Map<string, Promise<WorkspaceModel>>();

  constructor(client: XecmClient) {
    this.#c = client;
  }

  async listTypes(): Promise<Array<{ id: number; name: string; templates: Array<{ id: number; name: string }> }>> {
    const json = await this.#c.request('GET', '/v2/businessworkspacetypes', { query: { expand_templates: 'true' } });
    return parse(workspaceTypesResponse, json, 'GET /v2/businessworkspacetypes').results.map((r) => ({
      id: r.data.properties.wksp_type_id,
      name: r.data.properties.wksp_type_name,
      templates: r.data.properties.templates,
    }));
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
        `workspace type "${typeName}" ${type ? 'has no template' : 'does not exist'} in Content Server (known: ${types.map((t) => t.name).join(', ') || 'none'})`,
        ERROR_CODES.XECM_WORKSPACE_TYPE_UNKNOWN,
        'user',
        false,
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
    throw new XecmError(`workspace type "${typeName}": its create form has no category "${categoryName}"`, ERROR_CODES.XECM_CATEGORY_ATTRIBUTE_UNKNOWN, 'user', false, {
      method: 'GET',
      path: '/v2/forms/businessworkspaces/create',
      status: 200,
      requestId: '-',
    });
  }

  /** `{name: value}` → `{ "{cat}_{attr}": value }`; an unknown attribute name is a configuration error. */
  keyed(model: WorkspaceModel, values: AttributeValues): Record<string, AttributeValues[string]> {
    const out: Record<string, AttributeValues[string]> = {};
    for (const [name, value] of Object.entries(values)) {
      const key = model.attributeKeys.get(name);
      if (!key) {
        throw new XecmError(
          `category "${model.categoryName}" has no attribute "${name}" (known: ${[...model.attributeKeys.keys()].join(', ')})`,
          ERROR_CODES.XECM_CATEGORY_ATTRIBUTE_UNKNOWN,
          'user',
          false,
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
  async create(model: WorkspaceModel, input: { name: string; description?: string; parentId?: number; bo: BusinessObject; attributes: AttributeValues }): Promise<number> {
    const body = {
      template_id: model.templateId,
      wksp_type_id: model.typeId,
      type: 848,
      name: clean(input.name),
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

  async getNode(id: number): Promise<NodeProperties> {
    return parse(nodeResponse, await this.#c.request('GET', `/v2/nodes/${id}`, { query: { fields: 'properties' } }), `GET /v2/nodes/${id}`).results.data.properties;
  }

  async rename(id: number, name: string): Promise<void> {
    await this.#c.request('PUT', `/v2/nodes/${id}`, { body: { kind: 'body-json', value: { name: clean(name) } } });
  }

  /** Child nodes, all pages (paging under `collection.paging` on this endpoint). */
  async children(id: number): Promise<NodeProperties[]> {
    const out: NodeProperties[] = [];
    for (let page = 1; ; page++) {
      const r = parse(childrenResponse, await this.#c.request('GET', `/v2/nodes/${id}/nodes`, { query: { page, limit: 100 } }), `GET /v2/nodes/${id}/nodes`);
      out.push(...r.results.map((x) => x.data.properties));
      if (page >= r.collection.paging.page_total || r.results.length === 0) return out;
    }
  }

  /** Current values of one category on a node, keyed `{cat}_{attr}`; undefined when not applied. */
  async categoryValues(nodeId: number, categoryId: number): Promise<Record<string, unknown> | undefined> {
    const r = parse(categoriesResponse, await this.#c.request('GET', `/v2/nodes/${nodeId}/categories`), `GET /v2/nodes/${nodeId}/categories`);
    const prefix = `${categoryId}_`;
    return r.results.map((x) => x.data.categories).find((c) => Object.keys(c).some((k) => k.startsWith(prefix)));
  }

  /** Updates attribute values (flat `{cat}_{attr}` form fields; multi-values as repeated keys). */
  async updateCategory(model: WorkspaceModel, nodeId: number, values: AttributeValues): Promise<void> {
    const fields: Record<string, string | number | boolean | null | string[]> = {};
    for (const [k, v] of Object.entries(this.keyed(model, values))) fields[k] = v;
    await this.#c.request('PUT', `/v2/nodes/${nodeId}/categories/${model.categoryId}`, { body: { kind: 'form', fields } });
  }
}
