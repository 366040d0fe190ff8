/**
 * A plain OTCS REST client for assertions: what any REST caller would see in Content Server,
 * independent of the connector's own client.
 */
export class PlainOtcs {
  #ticket: string | undefined;
  constructor(
    readonly baseUrl: string,
    readonly user = 'Admin',
    readonly password = 'livelink',
  ) {}

  async ticket(): Promise<string> {
    if (this.#ticket) return this.#ticket;
    const res = await fetch(`${this.baseUrl}/api/v1/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: this.user, password: this.password }),
    });
    if (res.status !== 200) throw new Error(`auth failed: ${res.status}`);
    this.#ticket = ((await res.json()) as { ticket: string }).ticket;
    return this.#ticket;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    let res = await fetch(`${this.baseUrl}/api${path}`, { headers: { OTCSTicket: await this.ticket() } });
    if (res.status === 401) {
      // Tests expire tickets on purpose; log in again like any REST caller would.
      this.#ticket = undefined;
      res = await fetch(`${this.baseUrl}/api${path}`, { headers: { OTCSTicket: await this.ticket() } });
    }
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Workspaces linked to a business object, via the documented search with expanded_view=true. */
  async workspacesFor(boType: string, boId: string, extSystemId = 'shopify'): Promise<Array<{ id: number; name: string }>> {
    const q = new URLSearchParams({ where_ext_system_id: extSystemId, where_bo_type: boType, where_bo_id: boId, expanded_view: 'true' });
    const r = await this.get<{ results: Array<{ data: { properties: { id: number; name: string } } }> }>(`/v2/businessworkspaces?${q.toString()}`);
    if (r.status !== 200) throw new Error(`search failed: ${r.status}`);
    return r.body.results.map((x) => x.data.properties);
  }

  /** Category values of a node, all categories merged, keyed `{cat}_{attr}`, plus names from metadata. */
  async categoryValuesByName(nodeId: number): Promise<Record<string, unknown>> {
    const r = await this.get<{
      results: Array<{ data: { categories: Record<string, unknown> }; metadata?: { categories?: Record<string, { name?: string }> } }>;
    }>(`/v2/nodes/${nodeId}/categories?metadata`);
    const out: Record<string, unknown> = {};
    for (const cat of r.body.results) {
      for (const [k, v] of Object.entries(cat.data.categories)) {
        const name = cat.metadata?.categories?.[k]?.name ?? k;
        out[name] = v;
      }
    }
    return out;
  }

  /** A container's children (name, id, type). */
  async children(nodeId: number): Promise<Array<{ id: number; name: string; type: number }>> {
    const r = await this.get<{ results: Array<{ data: { properties: { id: number; name: string; type: number } } }> }>(`/v2/nodes/${nodeId}/nodes?limit=100`);
    if (r.status !== 200) throw new Error(`children of ${nodeId}: ${r.status}`);
    return r.body.results.map((x) => x.data.properties);
  }

  /** A child by name, or undefined. */
  async child(nodeId: number, name: string): Promise<{ id: number; name: string; type: number } | undefined> {
    return (await this.children(nodeId)).find((c) => c.name === name);
  }

  /** A document's content (its latest version). */
  async content(nodeId: number): Promise<Buffer> {
    const res = await fetch(`${this.baseUrl}/api/v2/nodes/${nodeId}/content`, { headers: { OTCSTicket: await this.ticket() } });
    if (res.status !== 200) throw new Error(`content of ${nodeId}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Workspaces related to a business workspace. */
  async related(wsId: number): Promise<number[]> {
    const r = await this.get<{ results: Array<{ data: { properties: { id: number } } }> }>(`/v2/businessworkspaces/${wsId}/relateditems`);
    if (r.status !== 200) throw new Error(`related of ${wsId}: ${r.status}`);
    return r.body.results.map((x) => x.data.properties.id);
  }

  /** A write as any REST caller sends it (form fields or multipart); logs in again on 401 like `get`. */
  async send<T = Record<string, unknown>>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: URLSearchParams | FormData,
  ): Promise<{ status: number; body: T }> {
    const go = async () => fetch(`${this.baseUrl}/api${path}`, { method, headers: { OTCSTicket: await this.ticket() }, ...(body ? { body } : {}) });
    let res = await go();
    if (res.status === 401) {
      this.#ticket = undefined;
      res = await go();
    }
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Uploads a document as an administrator would (POST /v2/nodes, multipart `body` + `file`); returns its id. */
  async upload(parentId: number, name: string, text: string, mimeType = 'application/pdf'): Promise<number> {
    const form = new FormData();
    form.append('body', JSON.stringify({ type: 144, parent_id: parentId, name }));
    form.append('file', new Blob([text], { type: mimeType }), name);
    const r = await this.send<{ results: { data: { properties: { id: number } } } }>('POST', '/v2/nodes', form);
    if (r.status !== 200) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.results.data.properties.id;
  }

  /** A category's node id by its name, looked up in the Categories volume (node 2006) and its folders. */
  async categoryId(name: string): Promise<number> {
    const walk = async (id: number, depth: number): Promise<number | undefined> => {
      for (const c of await this.children(id)) {
        if (c.type === 131 && c.name === name) return c.id;
        if (c.type !== 131 && depth < 2) {
          const found = await walk(c.id, depth + 1);
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    const id = await walk(2006, 0);
    if (id === undefined) throw new Error(`no category "${name}"`);
    return id;
  }

  /**
   * Applies a category to a node (when not applied yet) and sets attribute values by attribute name,
   * resolving names to `{cat}_{attr}` keys through the category's metadata, as a REST client does.
   */
  async setCategory(nodeId: number, categoryName: string, values: Record<string, string>): Promise<void> {
    const catId = await this.categoryId(categoryName);
    const applied = await this.get<{ results: Array<{ data: { categories: Record<string, unknown> } }> }>(`/v2/nodes/${nodeId}/categories`);
    if (!applied.body.results.some((r) => Object.keys(r.data.categories).some((k) => k.startsWith(`${catId}_`)))) {
      const r = await this.send('POST', `/v2/nodes/${nodeId}/categories`, new URLSearchParams({ category_id: String(catId) }));
      if (r.status !== 200) throw new Error(`apply category ${categoryName}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const meta = await this.get<{ results: { metadata: { categories: Record<string, { key: string; name: string }> } } }>(
      `/v2/nodes/${nodeId}/categories/${catId}?metadata`,
    );
    const keys = new Map(Object.values(meta.body.results.metadata.categories).map((a) => [a.name, a.key]));
    const form = new URLSearchParams();
    for (const [attr, v] of Object.entries(values)) {
      const key = keys.get(attr);
      if (!key) throw new Error(`category ${categoryName} has no attribute ${attr}`);
      form.append(key, v);
    }
    const r = await this.send('PUT', `/v2/nodes/${nodeId}/categories/${catId}`, form);
    if (r.status !== 200) throw new Error(`set category ${categoryName}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  /** Holds on a node, direct and inherited (records management). */
  async holds(nodeId: number): Promise<Array<{ hold_id: number; hold_name?: string; hold_appliedmethod?: string }>> {
    const r = await this.get<{ data: Array<{ hold_id: number; hold_name?: string; hold_appliedmethod?: string }> }>(`/v1/nodes/${nodeId}/holds`);
    if (r.status !== 200) throw new Error(`holds of ${nodeId}: ${r.status}`);
    return r.body.data;
  }
}
