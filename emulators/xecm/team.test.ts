import { afterEach, describe, expect, it } from 'vitest';
import { API, createWorkspace, form, FORM, session } from './test-helpers.js';
import type { Session } from './test-helpers.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.app.close();
  s = undefined;
});

interface Item {
  data: { properties: { id: number; name: string; rel_type: string; wnf_wksp_type_id: number } };
}
const related = async (sess: Session, id: number, q = ''): Promise<Array<[number, string]>> => {
  const res = await sess.get(`/v2/businessworkspaces/${id}/relateditems${q}`);
  expect(res.status).toBe(200);
  expect(res.body).toHaveProperty('paging');
  return (res.body.results as Item[]).map((r) => [r.data.properties.id, r.data.properties.rel_type]);
};

describe('xECM emulator: related workspaces', () => {
  it('a relation shows on both sides; re-adding fails; delete removes it', async () => {
    s = await session();
    const customer = await createWorkspace(s, 'c1', { typeName: 'Shopify Customer Account' });
    const order = await createWorkspace(s, 'o1');
    const add = await s.send('POST', `/v2/businessworkspaces/${customer}/relateditems`, form({ rel_bw_id: String(order) }));
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ results: {} });
    expect(await related(s, customer)).toEqual([[order, 'child']]);
    expect(await related(s, order)).toEqual([[customer, 'parent']]);
    expect(await related(s, order, '?where_relationtype=child')).toEqual([]);
    expect(await related(s, order, "?where_rel_types={'parent'}")).toEqual([[customer, 'parent']]);
    const page = await s.get(`/v2/businessworkspaces/${customer}/relateditems`);
    expect(page.body.paging).toMatchObject({ page: 1, limit: 500, total_count: 1 });

    const again = await s.send('POST', `/v2/businessworkspaces/${customer}/relateditems`, form({ rel_bw_id: String(order), rel_type: 'child' }));
    expect(again.status).toBe(400);
    expect(String(again.body.error)).toContain('may already exist');
    const mirror = await s.send('POST', `/v2/businessworkspaces/${order}/relateditems`, form({ rel_bw_id: String(customer), rel_type: 'parent' }));
    expect(mirror.status).toBe(400);

    const del = await s.send('DELETE', `/v2/businessworkspaces/${customer}/relateditems/${order}?rel_type=child`, '');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ results: {} });
    expect(await related(s, order)).toEqual([]);
    expect((await s.send('DELETE', `/v2/businessworkspaces/${customer}/relateditems/${order}?rel_type=child`, '')).status).toBe(400);
  });

  it('filters related items by workspace type ids', async () => {
    s = await session();
    const order = await createWorkspace(s, 'o2');
    const product = await createWorkspace(s, 'p2', { typeName: 'Shopify Product' });
    const theCase = await createWorkspace(s, 'return-2', { typeName: 'Shopify Case' });
    await s.send('POST', `/v2/businessworkspaces/${order}/relateditems`, form({ rel_bw_id: String(product) }));
    await s.send('POST', `/v2/businessworkspaces/${order}/relateditems`, form({ rel_bw_id: String(theCase), rel_type: 'parent' }));
    const ws = (await s.get(`/v2/businessworkspaces/${product}`)).body.results as { data: { properties: { wnf_wksp_type_id: number } } };
    const productType = ws.data.properties.wnf_wksp_type_id;
    expect(await related(s, order, `?where_workspace_type_ids={${productType}}`)).toEqual([[product, 'child']]);
    expect(await related(s, order, `?where_workspace_type_id=${productType}`)).toEqual([[product, 'child']]);
    expect((await related(s, order)).length).toBe(2);
  });
});

describe('xECM emulator: roles and members', () => {
  it('lists template roles; add, list, duplicate and remove members', async () => {
    s = await session();
    const ws = await createWorkspace(s, 'r1');
    const roles = await s.get(`/v2/businessworkspaces/${ws}/roles`);
    expect(roles.status).toBe(200);
    const list = (roles.body.results as Array<{ data: { properties: { id: number; name: string; leader: boolean; perms: number } } }>).map(
      (r) => r.data.properties,
    );
    expect(list.map((r) => r.name)).toEqual(['Owner', 'Account Manager', 'Support Agent']);
    expect(list[0]).toMatchObject({ leader: true, inherited_from_id: null });
    expect(list[2]?.perms).toBeGreaterThan(0);
    const agentRole = list[2]?.id ?? 0;

    const owner = await s.get(`/v2/businessworkspaces/${ws}/roles/${list[0]?.id ?? 0}/members`);
    expect((owner.body.results as Array<{ data: { properties: { id: number } } }>).map((r) => r.data.properties.id)).toEqual([1000]);

    const add = await s.send('POST', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members`, form({ id: '1002' }));
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ results: { data: { properties: { id: 1002, name: 'agent1', type: 0 } } } });
    const group = await s.send('POST', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members`, form({ id: '1004' }));
    expect(group.body).toMatchObject({ results: { data: { properties: { id: 1004, name: 'Support', type: 1, type_name: 'Group' } } } });
    const dup = await s.send('POST', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members`, form({ id: '1002' }));
    expect(dup.status).toBe(400);
    const unknown = await s.send('POST', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members`, form({ id: '4242' }));
    expect(unknown.status).toBe(400);

    const members = await s.get(`/v2/businessworkspaces/${ws}/roles/${agentRole}/members`);
    expect((members.body.results as Array<{ data: { properties: { id: number } } }>).map((r) => r.data.properties.id)).toEqual([1002, 1004]);
    const del = await s.send('DELETE', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members/1002`, '');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ results: {} });
    expect((await s.send('DELETE', `/v2/businessworkspaces/${ws}/roles/${agentRole}/members/1002`, '')).status).toBe(400);
    const after = await s.get(`/v2/businessworkspaces/${ws}/roles/${agentRole}/members`);
    expect((after.body.results as unknown[]).length).toBe(1);
  });
});

describe('xECM emulator: workspace references', () => {
  it('adds and removes a business-object reference, visible in GET', async () => {
    s = await session();
    const ws = await createWorkspace(s, '500');
    const refs = async (): Promise<string[]> => {
      const res = await s!.get(`/v2/businessworkspaces/${ws}`);
      return (
        res.body.results as { data: { workspace_references: Array<{ business_object_type: string; business_object_id: string }> } }
      ).data.workspace_references.map((r) => `${r.business_object_type}/${r.business_object_id}`);
    };
    const put = await s.send(
      'PUT',
      `/v2/businessworkspaces/${ws}/workspacereferences`,
      form({ ext_system_id: 'shopify', bo_type: 'shopify_order_exception', bo_id: '500' }),
    );
    expect(put.status).toBe(200);
    expect(await refs()).toEqual(['shopify_order/500', 'shopify_order_exception/500']);
    const lookup = await s.get('/v2/externalsystems/shopify/botypes/shopify_order_exception/boids/500');
    expect(lookup.status).toBe(200);

    const other = await createWorkspace(s, '501');
    const taken = await s.send(
      'PUT',
      `/v2/businessworkspaces/${other}/workspacereferences`,
      form({ ext_system_id: 'shopify', bo_type: 'shopify_order', bo_id: '500' }),
    );
    expect(taken.status).toBe(400);

    const res = await s.app.inject({
      method: 'DELETE',
      url: `${API}/v2/businessworkspaces/${ws}/workspacereferences`,
      headers: { ...FORM, otcsticket: s.ticket },
      payload: form({ ext_system_id: 'shopify', bo_type: 'shopify_order_exception', bo_id: '500' }),
    });
    expect(res.statusCode).toBe(200);
    expect(await refs()).toEqual(['shopify_order/500']);
    const again = await s.send(
      'DELETE',
      `/v2/businessworkspaces/${ws}/workspacereferences`,
      form({ ext_system_id: 'shopify', bo_type: 'shopify_order_exception', bo_id: '500' }),
    );
    expect(again.status).toBe(400);
  });
});
