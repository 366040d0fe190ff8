import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, SEED_IDS } from './index.js';
import { createWorkspace, form, session, upload } from './test-helpers.js';
import type { Session } from './test-helpers.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.app.close();
  s = undefined;
});

const RM_CLASS = SEED_IDS.rmClassification;

describe('xECM emulator: records management', () => {
  it('applies and reads an RM classification; an unknown class → 400; a change needs the token', async () => {
    s = await session();
    const ws = await createWorkspace(s, '1');
    const before = await s.get(`/v1/nodes/${ws}/rmclassifications`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ canRMClassify: true, data: [] });
    expect(before.body).toHaveProperty('rm_metadataToken');

    const apply = await s.sendBody('POST', `/v1/nodes/${ws}/rmclassifications`, { class_id: RM_CLASS, apply_to_sub_items: false });
    expect(apply.status).toBe(200);
    const after = await s.get(`/v1/nodes/${ws}/rmclassifications`);
    const rm = DEFAULT_MODEL.rmClassifications[0];
    expect(after.body).toMatchObject({ data: [{ rmclassification_id: RM_CLASS, name: rm?.name, rsi: rm?.rsi }] });
    expect(after.body.rm_metadataToken).toBe(apply.body.rm_metadataToken);

    const plain = await s.send('POST', `/v1/nodes/${ws}/rmclassifications`, form({ class_id: String(RM_CLASS) }));
    expect(plain.status).toBe(200);
    const unknown = await s.send('POST', `/v1/nodes/${ws}/rmclassifications`, form({ class_id: '4242' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: expect.stringContaining('4242') });
  });

  it('classifications: POST replaces the set, GET lists data[]', async () => {
    s = await session();
    const ws = await createWorkspace(s, '2');
    const [a, b] = DEFAULT_MODEL.classifications;
    await s.sendBody('POST', `/v1/nodes/${ws}/classifications`, { class_id: [a?.id], apply_to_sub_items: false, inherit_flag: false });
    await s.sendBody('POST', `/v1/nodes/${ws}/classifications`, { class_id: [b?.id] });
    const res = await s.get(`/v1/nodes/${ws}/classifications`);
    expect(res.body).toMatchObject({ data: [{ id: b?.id, name: b?.name, type: 199 }] });
    expect((res.body.data as unknown[]).length).toBe(1);
    expect((await s.sendBody('POST', `/v1/nodes/${ws}/classifications`, { class_id: [1] })).status).toBe(400);
  });
});

describe('xECM emulator: holds', () => {
  it('creates, lists, finds, applies (inherited too) and removes holds', async () => {
    s = await session();
    const ws = await createWorkspace(s, '3');
    const doc = ((await upload(s, ws, 'a.pdf', 'x')).body.results as { data: { properties: { id: number } } }).data.properties.id;

    // Form fields, query parameters and body JSON are all accepted.
    const h1 = await s.send('POST', '/v1/holds', form({ name: 'Dispute 1', type: 'Legal', comment: 'chargeback', date_applied: '2026-07-01T10:00:00' }));
    expect(h1.status).toBe(200);
    const id1 = (h1.body as { holdID: number }).holdID;
    expect(id1).toBeGreaterThan(0);
    const h2 = await s.send('POST', `/v1/holds?name=Dispute%202&type=Legal&comment=x&date_applied=2026-07-02T00:00:00`, '');
    expect(h2.status).toBe(200);
    const h3 = await s.sendBody('POST', '/v1/holds', { name: 'Dispute 3', type: 'Legal', comment: 'x', date_applied: '2026-07-03T00:00:00' });
    expect(h3.status).toBe(200);
    const dup = await s.send('POST', '/v1/holds', form({ name: 'Dispute 1', type: 'Legal', date_applied: '2026-07-01T10:00:00' }));
    expect(dup.status).toBe(400);
    const noDate = await s.send('POST', '/v1/holds', form({ name: 'Dispute 4', type: 'Legal' }));
    expect(noDate.status).toBe(400);
    const badDate = await s.send('POST', '/v1/holds', form({ name: 'Dispute 5', type: 'Legal', date_applied: 'yesterday' }));
    expect(badDate.status).toBe(400);

    const list = await s.get('/v2/holds?page=1&limit=2');
    expect(list.status).toBe(200);
    expect(list.body.collection).toMatchObject({ paging: { page: 1, limit: 2, page_total: 2, total_count: 3 } });
    const holds = (list.body.results as { data: { holds: Array<Record<string, unknown>> } }).data.holds;
    expect(holds).toHaveLength(2);
    expect(holds[0]).toMatchObject({
      HoldID: id1,
      HoldName: 'Dispute 1',
      HoldType: 'Legal',
      HoldComment: 'chargeback',
      ActiveHold: 1,
      DateApplied: '2026-07-01T10:00:00',
    });
    expect(holds[0]).toHaveProperty('DateToRemove');
    expect(holds[0]).toHaveProperty('DateRemoved');

    const byName = await s.get('/v2/hold?holdname=Dispute%201');
    expect(byName.body).toMatchObject({ results: { data: { hold: { HoldID: id1 } } } });
    const byId = await s.get(`/v2/hold?id=${id1}`);
    expect(byId.body).toMatchObject({ results: { data: { hold: { HoldName: 'Dispute 1' } } } });
    expect((await s.get('/v2/hold?holdname=nope')).status).toBe(400);

    expect((await s.sendBody('POST', `/v1/nodes/${ws}/holds`, { hold_id: id1 })).status).toBe(200);
    const onDoc = await s.get(`/v1/nodes/${doc}/holds`);
    expect(onDoc.body).toMatchObject({ data: [{ hold_id: id1, hold_name: 'Dispute 1', hold_appliedmethod: 'Inherited', id: ws }], definitions: {} });
    const onWs = await s.get(`/v1/nodes/${ws}/holds`);
    expect(onWs.body).toMatchObject({ data: [{ hold_id: id1, hold_appliedmethod: 'Direct' }] });

    const rm = await s.send('DELETE', `/v1/nodes/${ws}/holds/${id1}`, '');
    expect(rm.status).toBe(200);
    const again = await s.send('DELETE', `/v1/nodes/${ws}/holds/${id1}`, '');
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'Object does not have this Hold' });
    expect((await s.get(`/v1/nodes/${doc}/holds`)).body).toMatchObject({ data: [] });
    expect((await s.send('POST', `/v1/nodes/${ws}/holds`, '')).status).toBe(400);
  });
});
