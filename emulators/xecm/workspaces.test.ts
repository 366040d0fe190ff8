import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildXecmEmulator, DEFAULT_MODEL } from './index.js';
import { API, form, login, session } from './test-helpers.js';
import type { Session } from './test-helpers.js';

const ORDER = DEFAULT_MODEL.workspaceTypes.find((t) => t.name === 'Shopify Order');
if (!ORDER) throw new Error('seed has no Shopify Order type');
const CAT = ORDER.category.id;
const key = (name: string): string => {
  const a = ORDER.category.attributes.find((x) => x.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a.key;
};

let s: Session | undefined;
afterEach(async () => {
  await s?.app.close();
  s = undefined;
});

interface CreateResult {
  results: { id: number; direct_open: boolean; sub_folder_id: number };
}

async function createOrder(sess: Session, boId: string, name = `Order #${boId}`, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await sess.sendBody('POST', '/v2/businessworkspaces', {
    template_id: String(ORDER?.templateId),
    wksp_type_id: ORDER?.id,
    type: '848',
    name,
    ext_system_id: 'shopify',
    bo_type: 'shopify_order',
    bo_id: boId,
    roles: { categories: { [String(CAT)]: { [key('Order Number')]: boId, [key('Tags')]: ['vip', 'b2b'], [key('B2B')]: true } } },
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as unknown as CreateResult).results.id;
}

describe('xECM emulator: seeded model', () => {
  it('lists workspace types with templates; ext_system_id and bo_type only together', async () => {
    s = await session();
    const res = await s.get('/v2/businessworkspacetypes?expand_templates=true');
    expect(res.status).toBe(200);
    const results = res.body.results as Array<{ data: { properties: Record<string, unknown>; wksp_info: unknown } }>;
    expect(results.map((r) => r.data.properties.wksp_type_name)).toEqual([
      'Shopify Order',
      'Shopify Case',
      'Shopify Customer Account',
      'Shopify Order Exception',
      'Shopify Product',
    ]);
    expect(results[0]?.data.properties).toMatchObject({
      wksp_type_id: ORDER.id,
      rm_enabled: true,
      templates: [{ id: ORDER.templateId, name: ORDER.templateName, subtype: 848 }],
      wksp_type_names: { en: 'Shopify Order' },
    });
    expect(results[0]?.data.wksp_info).toBeDefined();

    const filtered = await s.get('/v2/businessworkspacetypes?ext_system_id=shopify&bo_type=shopify_case');
    expect((filtered.body.results as unknown[]).length).toBe(1);
    expect((await s.get('/v2/businessworkspacetypes?bo_type=shopify_case')).status).toBe(400);
    expect((await s.get('/v2/businessworkspacetypes?ext_system_id=shopify')).status).toBe(400);

    const one = await s.get(`/v2/businessworkspacetypes/${ORDER.id}`);
    expect(one.body.results).toMatchObject({ data: { properties: { wksp_type_name: 'Shopify Order' } } });
    expect((await s.get('/v2/businessworkspacetypes/999')).status).toBe(404);
  });

  it('omitWorkspaceTypes removes a type; no types at all → 500', async () => {
    s = await session({ omitWorkspaceTypes: ['Shopify Product'] });
    const res = await s.get('/v2/businessworkspacetypes');
    const names = (res.body.results as Array<{ data: { properties: { wksp_type_name: string } } }>).map((r) => r.data.properties.wksp_type_name);
    expect(names).not.toContain('Shopify Product');
    expect(names).toHaveLength(4);
    await s.app.close();
    s = await session({ omitWorkspaceTypes: DEFAULT_MODEL.workspaceTypes.map((t) => t.name) });
    const empty = await s.get('/v2/businessworkspacetypes');
    expect(empty.status).toBe(500);
    expect(empty.body).toEqual({ error: expect.any(String) });
  });

  it('the create form maps attribute titles to keys', async () => {
    s = await session();
    const res = await s.get(`/v2/forms/businessworkspaces/create?template_id=${ORDER.templateId}`);
    expect(res.status).toBe(200);
    const forms = res.body.forms as Array<Record<string, unknown>>;
    const cats = forms.find((f) => f.role_name === 'categories') as {
      data: Record<string, Record<string, unknown>>;
      schema: { properties: Record<string, { title: string; type: string; properties: Record<string, { title: string; type: string }> }> };
    };
    const catSchema = cats.schema.properties[String(CAT)];
    expect(catSchema?.title).toBe('Shopify Order');
    const byTitle = Object.fromEntries(Object.entries(catSchema?.properties ?? {}).map(([k, v]) => [v.title, { k, type: v.type }]));
    expect(byTitle['Order Number']).toEqual({ k: `${CAT}_2`, type: 'string' });
    expect(byTitle['Tags']?.type).toBe('array');
    expect(byTitle['B2B']?.type).toBe('boolean');
    expect(Object.keys(byTitle)).toHaveLength(14);
    expect(cats.data[String(CAT)]).toHaveProperty(`${CAT}_2`);
    expect((await s.get('/v2/forms/businessworkspaces/create?template_id=1')).status).toBe(400);
  });
});

describe('xECM emulator: business workspaces', () => {
  it('creates with form body=, finds by business object, and not with another bo_id', async () => {
    s = await session();
    const id = await createOrder(s, '820982911946154508');
    const found = await s.get(
      '/v2/businessworkspaces?where_ext_system_id=shopify&where_bo_type=shopify_order&where_bo_id=820982911946154508&expanded_view=true',
    );
    expect(found.status).toBe(200);
    const results = found.body.results as Array<{ data: { properties: Record<string, unknown> } }>;
    expect(results).toHaveLength(1);
    expect(results[0]?.data.properties).toMatchObject({
      id,
      name: 'Order #820982911946154508',
      type: 848,
      type_name: 'Business Workspace',
      parent_id: ORDER.locationId,
      container: true,
      wnf_wksp_type_id: ORDER.id,
      wnf_wksp_template_id: ORDER.templateId,
    });
    expect(String(results[0]?.data.properties.create_date)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const other = await s.get('/v2/businessworkspaces?where_ext_system_id=shopify&where_bo_type=shopify_order&where_bo_id=1&expanded_view=true');
    expect(other.body.results).toEqual([]);

    const lookup = await s.get('/v2/externalsystems/shopify/botypes/shopify_order/boids/820982911946154508');
    expect(lookup.status).toBe(200);
    expect(lookup.body.paging).toMatchObject({ total_count: 1 });
    expect((await s.get('/v2/externalsystems/shopify/botypes/shopify_order/boids/2')).status).toBe(404);
  });

  it('accepts plain form fields, raw JSON and multipart for create', async () => {
    s = await session();
    const plain = await s.send(
      'POST',
      '/v2/businessworkspaces',
      form({ template_id: String(ORDER.templateId), name: 'Plain', ext_system_id: 'shopify', bo_type: 'shopify_order', bo_id: '1' }),
    );
    expect(plain.status).toBe(200);
    const json = await s.send(
      'POST',
      '/v2/businessworkspaces',
      JSON.stringify({ template_id: ORDER.templateId, name: 'Json', roles: { categories: { [CAT]: { [key('Shop')]: 'acme' } } } }),
      { 'content-type': 'application/json' },
    );
    expect(json.status).toBe(200);
    const fd = new FormData();
    fd.append('body', JSON.stringify({ template_id: ORDER.templateId, name: 'Multi' }));
    const req = new Request('http://x/', { method: 'POST', body: fd });
    const multi = await s.app.inject({
      method: 'POST',
      url: `${API}/v2/businessworkspaces`,
      headers: { 'content-type': req.headers.get('content-type') ?? '', otcsticket: s.ticket },
      payload: Buffer.from(await req.arrayBuffer()),
    });
    expect(multi.statusCode).toBe(200);
    const state = await s.app.inject({ method: 'GET', url: '/emulator/state' });
    const ws = (state.json() as { workspaces: Array<{ name: string; categories: Array<{ byName: Record<string, unknown> }> }> }).workspaces;
    expect(ws.map((w) => w.name).sort()).toEqual(['Json', 'Multi', 'Plain']);
    expect(ws.find((w) => w.name === 'Json')?.categories[0]?.byName.Shop).toBe('acme');
  });

  it('trims names and strips colons (§2.3); refuses a control character or more than 248 characters with a 400, as folders refuse a colon', async () => {
    s = await session();
    const id = await createOrder(s, '5', `  Order: ${'x'.repeat(242)}  `);
    const ws = await s.get(`/v2/businessworkspaces/${id}`);
    const name = (ws.body.results as { data: { properties: { name: string } } }).data.properties.name;
    expect(name).toBe(`Order ${'x'.repeat(242)}`);
    for (const bad of ['Order\n6', `Order ${'x'.repeat(243)}`]) {
      const res = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: bad });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringMatching(/^The name .*is not valid: it (contains|is longer)/) as unknown });
    }
    const folder = await s.sendBody('POST', '/v2/nodes', { type: 0, parent_id: id, name: 'Notes: 1' });
    expect(folder.status).toBe(400);
    const rename = await s.sendBody('PUT', `/v2/nodes/${id}`, { name: 'Order\u0007' });
    expect(rename.status).toBe(400);
  });

  it('duplicate name in the same container → 500 already exists', async () => {
    s = await session();
    await createOrder(s, '1', 'Order #1001');
    const res = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'Order #1001' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: "An item with the name 'Order #1001' already exists." });
  });

  it('a business object already linked to another workspace → 400', async () => {
    s = await session();
    const first = await createOrder(s, '42', 'First');
    const res = await s.sendBody('POST', '/v2/businessworkspaces', {
      template_id: ORDER.templateId,
      name: 'Second',
      ext_system_id: 'shopify',
      bo_type: 'shopify_order',
      bo_id: '42',
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toContain(String(first));
    const partial = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: ORDER.templateId, name: 'Third', bo_id: '43' });
    expect(partial.status).toBe(400);
  });

  it('unknown template and unknown attribute key → 400', async () => {
    s = await session();
    const t = await s.sendBody('POST', '/v2/businessworkspaces', { template_id: 1234, name: 'X' });
    expect(t.status).toBe(400);
    expect(t.body).toEqual({ error: expect.any(String) });
    const a = await s.sendBody('POST', '/v2/businessworkspaces', {
      template_id: ORDER.templateId,
      name: 'Y',
      roles: { categories: { [CAT]: { [`${CAT}_99`]: 'x' } } },
    });
    expect(a.status).toBe(400);
  });

  it('instantiates the template folders as real children, browsable with collection.paging', async () => {
    s = await session();
    const id = await createOrder(s, '7');
    const kids = await s.get(`/v2/nodes/${id}/nodes?limit=4&page=1`);
    expect(kids.status).toBe(200);
    expect(kids.body).not.toHaveProperty('paging');
    expect(kids.body.collection).toMatchObject({ paging: { page: 1, limit: 4, page_total: 2, range_min: 1, range_max: 4, total_count: 6 } });
    const page2 = await s.get(`/v2/nodes/${id}/nodes?limit=4&page=2`);
    const all = [...(kids.body.results as unknown[]), ...(page2.body.results as unknown[])] as Array<{
      data: { properties: { name: string; type: number; parent_id: number } };
    }>;
    expect(all.map((r) => r.data.properties.name).sort()).toEqual([...ORDER.folders.map((f) => f.name)].sort());
    expect(all.every((r) => r.data.properties.type === 0 && r.data.properties.parent_id === id)).toBe(true);
    const filtered = await s.get(`/v2/nodes/${id}/nodes?where_name=invoice&where_type=0`);
    expect((filtered.body.results as unknown[]).length).toBe(1);

    const node = await s.get(`/v2/nodes/${id}`);
    expect((node.body.results as { data: { properties: { create_date: string; type: number } } }).data.properties).toMatchObject({ type: 848 });
    expect((node.body.results as { data: { properties: { create_date: string } } }).data.properties.create_date).toMatch(/Z$/);
    const missing = await s.get('/v2/nodes/999999');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'Could not get a node for 999999' });
  });

  it('workspace search paging is top level; a page beyond the last returns the last rows', async () => {
    s = await session();
    for (let i = 1; i <= 3; i++) await createOrder(s, String(i), `Order ${i}`);
    const p1 = await s.get('/v2/businessworkspaces?expanded_view=true&where_workspace_type_name=Shopify%20Ord&limit=2&page=1&sort=asc_name');
    expect(p1.body).not.toHaveProperty('collection');
    expect(p1.body.paging).toMatchObject({ page: 1, limit: 2, page_total: 2, range_min: 1, range_max: 2, total_count: 3 });
    const names = (r: { body: Record<string, unknown> }): string[] =>
      (r.body.results as Array<{ data: { properties: { name: string } } }>).map((x) => x.data.properties.name);
    expect(names(p1)).toEqual(['Order 1', 'Order 2']);
    const p9 = await s.get('/v2/businessworkspaces?expanded_view=true&limit=2&page=9&sort=asc_name');
    expect(names(p9)).toEqual(['Order 3']);
    const exact = await s.get('/v2/businessworkspaces?expanded_view=true&where_name=Order%202');
    expect(names(exact)).toEqual(['Order 2']);
    const contains = await s.get('/v2/businessworkspaces?expanded_view=true&where_name=contains_rder');
    expect(names(contains)).toHaveLength(3);
  });

  it('without expanded_view only recently accessed workspaces are listed', async () => {
    s = await session();
    const a = await createOrder(s, '1', 'A');
    await createOrder(s, '2', 'B');
    const both = await s.get('/v2/businessworkspaces');
    expect((both.body.results as unknown[]).length).toBe(2);
    await s.app.inject({ method: 'POST', url: '/emulator/recent/clear' });
    expect((await s.get('/v2/businessworkspaces')).body.results).toEqual([]);
    const one = await s.get(`/v2/businessworkspaces/${a}`);
    expect(one.status).toBe(200);
    const recent = await s.get('/v2/businessworkspaces');
    expect((recent.body.results as Array<{ data: { properties: { id: number } } }>).map((r) => r.data.properties.id)).toEqual([a]);
    expect((await s.get('/v2/businessworkspaces?expanded_view=true')).body.paging).toMatchObject({ total_count: 2 });
  });

  it('GET one workspace shows business properties and references; unknown → 404', async () => {
    s = await session();
    const id = await createOrder(s, '77');
    const res = await s.get(`/v2/businessworkspaces/${id}`);
    const data = (res.body.results as { data: Record<string, unknown> }).data;
    expect(data.business_properties).toMatchObject({
      business_object_id: '77',
      business_object_type: 'shopify_order',
      business_object_type_id: ORDER.boTypeId,
      external_system_id: 'shopify',
      workspace_type_id: ORDER.id,
      workspace_type_name: 'Shopify Order',
      isEarly: false,
    });
    expect(data.workspace_references).toHaveLength(1);
    expect((data.properties as { modify_date: string }).modify_date).toMatch(/T\d\d:\d\d:\d\d$/);
    const missing = await s.get('/v2/businessworkspaces/424242');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: expect.any(String) });
  });
});

describe('xECM emulator: categories and nodes', () => {
  it('category values are readable and updatable with flat keys (repeated keys = multi-value)', async () => {
    s = await session();
    const id = await createOrder(s, '9');
    const res = await s.get(`/v2/nodes/${id}/categories`);
    expect(res.status).toBe(200);
    const entry = (
      res.body.results as Array<{
        data: { categories: Record<string, unknown> };
        metadata: { categories: Record<string, { name: string; multi_value: boolean; type_name: string }> };
        metadata_order: { categories: string[] };
      }>
    )[0];
    expect(entry?.metadata_order.categories[0]).toBe(String(CAT));
    expect(entry?.data.categories[key('Order Number')]).toBe('9');
    expect(entry?.data.categories[key('Tags')]).toEqual(['vip', 'b2b']);
    expect(entry?.data.categories[key('B2B')]).toBe(true);
    expect(entry?.data.categories[key('Currency')]).toBeNull();
    expect(entry?.metadata.categories[key('Tags')]).toMatchObject({ name: 'Tags', multi_value: true });
    expect(entry?.metadata.categories[key('Order Date')]).toMatchObject({ type_name: 'Date' });

    const put = await s.send(
      'PUT',
      `/v2/nodes/${id}/categories/${CAT}`,
      form({ [key('Financial Status')]: 'paid', [key('Tags')]: ['a', 'b', 'c'], [key('B2B')]: 'false' }),
    );
    expect(put.status).toBe(200);
    const putBody = await s.sendBody('PUT', `/v2/nodes/${id}/categories/${CAT}/`, { [key('Order Date')]: '2026-07-01T10:00:00Z' });
    expect(putBody.status).toBe(200);
    const after = await s.get(`/v2/nodes/${id}/categories`);
    const vals = (after.body.results as Array<{ data: { categories: Record<string, unknown> } }>)[0]?.data.categories;
    expect(vals).toMatchObject({
      [key('Financial Status')]: 'paid',
      [key('Tags')]: ['a', 'b', 'c'],
      [key('B2B')]: false,
      [key('Order Number')]: '9',
      [key('Order Date')]: '2026-07-01T10:00:00Z',
    });
    const bad = await s.send('PUT', `/v2/nodes/${id}/categories/${CAT}`, form({ [`${CAT}_99`]: 'x' }));
    expect(bad.status).toBe(400);
    const again = await s.send('POST', `/v2/nodes/${id}/categories`, form({ category_id: String(CAT) }));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: "The attribute group 'Shopify Order' already exists" });
  });

  it('renames a node; a duplicate name → 500', async () => {
    s = await session();
    const a = await createOrder(s, '1', 'A');
    await createOrder(s, '2', 'B');
    const ok = await s.sendBody('PUT', `/v2/nodes/${a}`, { name: 'A2', description: 'renamed' });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toEqual({});
    const node = await s.get(`/v2/nodes/${a}`);
    expect((node.body.results as { data: { properties: Record<string, unknown> } }).data.properties).toMatchObject({ name: 'A2', description: 'renamed' });
    const dup = await s.sendBody('PUT', `/v2/nodes/${a}`, { name: 'B' });
    expect(dup.status).toBe(500);
    expect(dup.body).toEqual({ error: "An item with the name 'B' already exists." });
  });
});

describe('xECM emulator: control routes and persistence', () => {
  it('reset returns to the seeded model and clears tickets', async () => {
    s = await session();
    await createOrder(s, '1');
    const before = (await s.app.inject({ method: 'GET', url: '/emulator/state' })).json() as { counts: { workspaces: number; byType: Record<string, number> } };
    expect(before.counts.workspaces).toBe(1);
    expect(before.counts.byType['Shopify Order']).toBe(1);
    const reset = await s.app.inject({ method: 'POST', url: '/emulator/reset' });
    expect(reset.statusCode).toBe(200);
    expect((await s.get('/v1/auth')).status).toBe(401);
    const t = await login(s.app);
    const res = await s.app.inject({ method: 'GET', url: `${API}/v2/businessworkspaces?expanded_view=true`, headers: { otcsticket: t } });
    expect(res.json()).toMatchObject({ results: [], paging: { total_count: 0 } });
    const loc = await s.app.inject({ method: 'GET', url: `${API}/v2/nodes/${ORDER.locationId}/nodes`, headers: { otcsticket: t } });
    expect(loc.json()).toMatchObject({ results: [] });
  });

  it('keeps state in a file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xecm-emu-'));
    try {
      const dbPath = join(dir, 'xecm.db');
      s = await session({ dbPath });
      const id = await createOrder(s, '555');
      await s.app.close();
      const app = await buildXecmEmulator({ dbPath });
      s = { ...s, app };
      const t = await login(app);
      const res = await app.inject({ method: 'GET', url: `${API}/v2/externalsystems/shopify/botypes/shopify_order/boids/555`, headers: { otcsticket: t } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ results: [{ data: { properties: { id } } }] });
    } finally {
      await s?.app.close();
      s = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
