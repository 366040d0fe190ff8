import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXecmEmulator } from '../../emulators/xecm/index.js';

/**
 * The emulator against the fact sheet (../shared/reference/otcs-api.md), one test per point, each
 * named after its section. Driven through inject(): what any REST client would see.
 */
type App = Awaited<ReturnType<typeof buildXecmEmulator>>;
const API = '/otcs/cs.exe/api';

interface Res {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Record<string, unknown> & { results?: unknown; error?: string };
  text: string;
}

function multipart(fields: Record<string, string>, file?: { name: string; content: string }): { payload: Buffer; contentType: string } {
  const boundary = '----otcsfacts' + Math.random().toString(16).slice(2);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  if (file)
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/plain\r\n\r\n${file.content}\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { payload: Buffer.from(parts.join('')), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('xECM emulator matches otcs-api.md', () => {
  let app: App;
  let ticket = '';

  async function call(
    method: string,
    path: string,
    opts: {
      form?: Record<string, string | string[]>;
      json?: unknown;
      multipart?: { payload: Buffer; contentType: string };
      ticket?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.ticket !== null) headers.OTCSTicket = opts.ticket ?? ticket;
    let payload: string | Buffer | undefined;
    if (opts.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      payload = p.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      payload = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    } else if (opts.multipart) {
      payload = opts.multipart.payload;
      headers['content-type'] = opts.multipart.contentType;
    }
    const res = await app.inject({ method: method as 'GET', url: `${API}${path}`, headers, ...(payload === undefined ? {} : { payload }) });
    let body: Res['body'] = {};
    try {
      body = JSON.parse(res.body) as Res['body'];
    } catch {
      // HTML or binary
    }
    return { status: res.statusCode, headers: res.headers, body, text: res.body };
  }

  const props = (r: Res) => (r.body.results as { data: { properties: Record<string, unknown> } }).data.properties;
  const orderForm = async (name: string, boId: string) => {
    const body = {
      template_id: 3021,
      wksp_type_id: 101,
      type: 848,
      name,
      ext_system_id: 'shopify',
      bo_type: 'shopify_order',
      bo_id: boId,
      roles: { categories: { '3011': { '3011_3': name } } },
    };
    return call('POST', '/v2/businessworkspaces', { form: { body: JSON.stringify(body) } });
  };
  const folder = async (parent: number, name: string) => call('POST', '/v2/nodes', { form: { body: JSON.stringify({ type: 0, parent_id: parent, name }) } });

  let wsId = 0;
  beforeAll(async () => {
    app = await buildXecmEmulator();
    const r = await call('POST', '/v1/auth', { form: { username: 'Admin', password: 'livelink' }, ticket: null });
    ticket = String(r.body.ticket);
    wsId = ((await orderForm('Order #1 – Facts', '1')).body.results as { id: number }).id;
  });
  afterAll(async () => app.close());

  it('§0.1 GET /api/v1/ping answers 200 JSON without a ticket', async () => {
    const r = await call('GET', '/v1/ping', { ticket: null });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/json/);
  });

  it('§0.2 write endpoints take form `body=<JSON>`, plain form fields, multipart and raw JSON', async () => {
    const a = await call('POST', '/v2/nodes', { form: { body: JSON.stringify({ type: 0, parent_id: wsId, name: 'via body' }) } });
    const b = await call('POST', '/v2/nodes', { form: { type: '0', parent_id: String(wsId), name: 'via fields' } });
    const c = await call('POST', '/v2/nodes', { multipart: multipart({ body: JSON.stringify({ type: 0, parent_id: wsId, name: 'via multipart' }) }) });
    const d = await call('POST', '/v2/nodes', { json: { type: 0, parent_id: wsId, name: 'via json' } });
    expect([a, b, c, d].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect([a, b, c, d].map((r) => props(r).name)).toEqual(['via body', 'via fields', 'via multipart', 'via json']);
  });

  it('§0.2 a `body` JSON field is merged over the plain fields', async () => {
    const r = await call('POST', '/v2/nodes', { form: { type: '0', parent_id: String(wsId), name: 'plain', body: JSON.stringify({ name: 'from body' }) } });
    expect(props(r).name).toBe('from body');
  });

  it('§0.3 single-object endpoints: `results` is an object with data.properties', async () => {
    const r = await call('GET', `/v2/nodes/${wsId}`);
    expect(Array.isArray(r.body.results)).toBe(false);
    expect(props(r)).toMatchObject({ id: wsId, type: 848 });
  });

  it('§0.3 collection endpoints: `results` is an array of { data: { properties } }', async () => {
    const r = await call('GET', `/v2/nodes/${wsId}/nodes?limit=100`);
    expect(Array.isArray(r.body.results)).toBe(true);
    expect((r.body.results as Array<{ data: { properties: { name: string } } }>)[0]?.data.properties.name).toEqual(expect.any(String));
  });

  it('§0.3 create workspace returns results { id, direct_open, sub_folder_id } without data', async () => {
    const r = await orderForm('Order #2 – Facts', '2');
    expect(r.body.results).toEqual({ id: expect.any(Number), direct_open: true, sub_folder_id: 0 });
  });

  it('§0.3 delete node, delete relation and delete role member return results {}', async () => {
    const f = props(await folder(wsId, 'to delete'));
    expect((await call('DELETE', `/v2/nodes/${f.id}`)).body.results).toEqual({});
    const other = (await orderForm('Order #3 – Facts', '3')).body.results as { id: number };
    await call('POST', `/v2/businessworkspaces/${wsId}/relateditems`, { form: { rel_bw_id: String(other.id), rel_type: 'child' } });
    expect((await call('DELETE', `/v2/businessworkspaces/${wsId}/relateditems/${other.id}?rel_type=child`)).body.results).toEqual({});
    const roles = (await call('GET', `/v2/businessworkspaces/${wsId}/roles`)).body.results as Array<{ data: { properties: { id: number } } }>;
    const role = roles[0]?.data.properties.id ?? 0;
    await call('POST', `/v2/businessworkspaces/${wsId}/roles/${role}/members`, { form: { id: '1002' } });
    expect((await call('DELETE', `/v2/businessworkspaces/${wsId}/roles/${role}/members/1002`)).body.results).toEqual({});
  });

  it('§0.3 holds: results.data.holds (list) and results.data.hold (object)', async () => {
    await call('POST', '/v1/holds', { form: { name: 'Facts hold', type: 'Legal', comment: 'x', date_applied: '2026-07-01T00:00:00' } });
    const list = await call('GET', '/v2/holds?page=1&limit=10');
    expect((list.body.results as { data: { holds: unknown[] } }).data.holds).toEqual(
      expect.arrayContaining([expect.objectContaining({ HoldName: 'Facts hold', HoldID: expect.any(Number) })]),
    );
    const one = await call('GET', `/v2/hold?holdname=${encodeURIComponent('Facts hold')}`);
    expect((one.body.results as { data: { hold: { HoldName: string } } }).data.hold.HoldName).toBe('Facts hold');
  });

  it('§0.3 classification GET (v1) returns a top-level data list', async () => {
    const r = await call('GET', `/v1/nodes/${wsId}/classifications`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.data)).toBe(true);
  });

  it('§0.3 v1 node create returns just { id }', async () => {
    const r = await call('POST', '/v1/nodes', { form: { type: '0', parent_id: String(wsId), name: 'v1 folder' } });
    expect(r.body).toEqual({ id: expect.any(Number) });
  });

  it('§0.3 paging under collection.paging for /v2/nodes/{id}/nodes', async () => {
    const r = await call('GET', `/v2/nodes/${wsId}/nodes?page=1&limit=2`);
    const paging = (r.body.collection as { paging: Record<string, unknown> }).paging;
    expect(paging).toMatchObject({ page: 1, limit: 2, page_total: expect.any(Number), range_min: 1, range_max: 2, total_count: expect.any(Number) });
    expect(r.body.paging).toBeUndefined();
  });

  it('§0.3 paging at the top level for /v2/businessworkspaces and /relateditems', async () => {
    const s = await call('GET', '/v2/businessworkspaces?where_workspace_type_id=101&expanded_view=true&page=1&limit=1');
    expect(s.body.paging).toMatchObject({ page: 1, limit: 1, page_total: expect.any(Number), range_min: 1, range_max: 1, total_count: expect.any(Number) });
    const rel = await call('GET', `/v2/businessworkspaces/${wsId}/relateditems`);
    expect(rel.body.paging).toMatchObject({ page: 1 });
    expect(rel.body.collection).toBeUndefined();
  });

  it('§0.3 timestamps: node endpoints ISO with Z, business-workspace endpoints without zone', async () => {
    expect(String(props(await call('GET', `/v2/nodes/${wsId}`)).create_date)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const ws = await call('GET', `/v2/businessworkspaces/${wsId}`);
    expect(String(props(ws).create_date)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('§1.1 auth: ticket in JSON; wrong credentials 401; missing username 500', async () => {
    expect((await call('POST', '/v1/auth', { form: { username: 'Admin', password: 'livelink' }, ticket: null })).body.ticket).toEqual(expect.any(String));
    expect((await call('POST', '/v1/auth', { form: { username: 'Admin', password: 'nope' }, ticket: null })).status).toBe(401);
    const missing = await call('POST', '/v1/auth', { form: { password: 'livelink' }, ticket: null });
    expect(missing.status).toBe(500);
    expect(missing.body.error).toMatch(/username/);
  });

  it('§1.2 the OTCSTicket header name is matched case-insensitively', async () => {
    const r = await call('GET', `/v2/nodes/${wsId}`, { ticket: null, headers: { otcsticket: ticket } });
    expect(r.status).toBe(200);
  });

  it('§1.3 responses carry the ticket in the OTCSTicket header; an expired ticket is 401', async () => {
    const r = await call('GET', `/v2/nodes/${wsId}`);
    expect(r.headers.otcsticket).toEqual(expect.any(String));
    const fresh = String((await call('POST', '/v1/auth', { form: { username: 'Admin', password: 'livelink' }, ticket: null })).body.ticket);
    await app.inject({ method: 'POST', url: '/emulator/tickets/expire' });
    expect((await call('GET', `/v2/nodes/${wsId}`, { ticket: fresh })).status).toBe(401);
    ticket = String((await call('POST', '/v1/auth', { form: { username: 'Admin', password: 'livelink' }, ticket: null })).body.ticket);
  });

  it('§2.1 ext_system_id without bo_type is 400', async () => {
    expect((await call('GET', '/v2/businessworkspacetypes?ext_system_id=shopify')).status).toBe(400);
  });

  it('§2.3 workspace create: categories nested per category id, ":" stripped from the name', async () => {
    const body = {
      template_id: 3021,
      wksp_type_id: 101,
      type: 848,
      name: 'Order: #4 – Facts',
      ext_system_id: 'shopify',
      bo_type: 'shopify_order',
      bo_id: '4',
      roles: { categories: { '3011': { '3011_10': '123.45' } } },
    };
    const id = ((await call('POST', '/v2/businessworkspaces', { form: { body: JSON.stringify(body) } })).body.results as { id: number }).id;
    expect(props(await call('GET', `/v2/nodes/${id}`)).name).toBe('Order #4 – Facts');
    const cats = (await call('GET', `/v2/nodes/${id}/categories`)).body.results as Array<{ data: { categories: Record<string, unknown> } }>;
    expect(cats[0]?.data.categories['3011_10']).toBe('123.45');
  });

  it('§2.4 expanded_view=false lists only recently accessed workspaces; true searches all', async () => {
    await app.inject({ method: 'POST', url: '/emulator/recent/clear' });
    const collapsed = await call('GET', '/v2/businessworkspaces?where_bo_type=shopify_order&where_ext_system_id=shopify&where_bo_id=1');
    const expanded = await call('GET', '/v2/businessworkspaces?where_bo_type=shopify_order&where_ext_system_id=shopify&where_bo_id=1&expanded_view=true');
    expect(collapsed.body.results).toEqual([]);
    expect((expanded.body.results as unknown[]).length).toBe(1);
  });

  it('§2.4 a page beyond the last may still return rows', async () => {
    const r = await call('GET', '/v2/businessworkspaces?where_workspace_type_id=101&expanded_view=true&page=99&limit=1');
    expect((r.body.results as unknown[]).length).toBeGreaterThan(0);
  });

  it('§3.1 a duplicate name is 500 "An item with the name … already exists."', async () => {
    await folder(wsId, 'twice');
    const r = await folder(wsId, 'twice');
    expect(r.status).toBe(500);
    expect(r.body.error).toBe("An item with the name 'twice' already exists.");
  });

  it('§3.1 an unknown parent is 400 "could not be accessed"', async () => {
    const r = await folder(987654, 'orphan');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/could not be accessed/);
  });

  it("§3.3 a version without a file is 400 Missing required parameter 'File'", async () => {
    const doc = await call('POST', '/v2/nodes', {
      multipart: multipart({ body: JSON.stringify({ type: 144, parent_id: wsId, name: 'doc.txt' }) }, { name: 'doc.txt', content: 'v1' }),
    });
    const r = await call('POST', `/v2/nodes/${String(props(doc).id)}/versions`, { multipart: multipart({ description: 'no file' }) });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/Missing required parameter 'File'/);
  });

  it('§3.4 an unknown node is 400 "Could not get a node for {id}"', async () => {
    const r = await call('GET', '/v2/nodes/987654');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/Could not get a node for 987654/);
  });

  it('§3.7 where_name is not an exact match', async () => {
    await folder(wsId, 'Alpha Beta');
    const r = await call('GET', `/v2/nodes/${wsId}/nodes?where_name=Beta&limit=100`);
    expect((r.body.results as Array<{ data: { properties: { name: string } } }>).map((x) => x.data.properties.name)).toContain('Alpha Beta');
  });

  it('§3.8 applying an already applied category is 400 "already exists"', async () => {
    const r = await call('POST', `/v2/nodes/${wsId}/categories`, { form: { category_id: '3011' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/The attribute group '.*' already exists/);
  });

  it('§3.8 attribute keys are {cat}_{attr}; multi-values as repeated form keys', async () => {
    const r = await call('PUT', `/v2/nodes/${wsId}/categories/3011`, { form: { '3011_14': ['a', 'b'] } });
    expect(r.status).toBe(200);
    const cats = (await call('GET', `/v2/nodes/${wsId}/categories`)).body.results as Array<{ data: { categories: Record<string, unknown> } }>;
    expect(cats[0]?.data.categories['3011_14']).toEqual(['a', 'b']);
  });

  it('§5 classifications POST replaces the set', async () => {
    await call('POST', `/v1/nodes/${wsId}/classifications`, { form: { body: JSON.stringify({ class_id: [3200] }) } });
    await call('POST', `/v1/nodes/${wsId}/classifications`, { form: { body: JSON.stringify({ class_id: [] }) } });
    expect((await call('GET', `/v1/nodes/${wsId}/classifications`)).body.data).toEqual([]);
  });

  it('§5 removing a hold the node does not have is 400 "Object does not have this Hold"', async () => {
    const r = await call('DELETE', `/v1/nodes/${wsId}/holds/424242`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/Object does not have this Hold/);
  });

  it('§6.1 errors are JSON { error }', async () => {
    const r = await call('GET', '/v2/nodes/987654');
    expect(Object.keys(r.body)).toContain('error');
  });

  it('§6.1 some failures come back as HTML, not JSON (fault switch)', async () => {
    await app.inject({ method: 'POST', url: '/emulator/faults', payload: { spec: '5xx=1,html=1' } });
    const r = await call('GET', `/v2/nodes/${wsId}`);
    await app.inject({ method: 'POST', url: '/emulator/faults', payload: {} });
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(r.text.trimStart().startsWith('<')).toBe(true);
  });
});
