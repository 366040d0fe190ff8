import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './index.js';
import { API, createWorkspace, form, multipart, session, upload } from './test-helpers.js';
import type { Session } from './test-helpers.js';

const ORDER = DEFAULT_MODEL.workspaceTypes[0];
if (!ORDER) throw new Error('no order type');

let s: Session | undefined;
afterEach(async () => {
  await s?.app.close();
  s = undefined;
});

interface Props {
  id: number;
  name: string;
  type: number;
  parent_id: number;
  size: number;
  mime_type: string | null;
}
const props = (body: Record<string, unknown>): Props => (body.results as { data: { properties: Props } }).data.properties;

async function folderOf(sess: Session, wsId: number, name: string): Promise<number> {
  const res = await sess.get(`/v2/nodes/${wsId}/nodes?where_name=${encodeURIComponent(name)}&limit=100`);
  const hit = (res.body.results as Array<{ data: { properties: { id: number; name: string } } }>).find((r) => r.data.properties.name === name);
  if (!hit) throw new Error(`no folder ${name}`);
  return hit.data.properties.id;
}

describe('xECM emulator: folders and documents', () => {
  it('creates a folder with body= and with raw JSON; v1 create answers {id}', async () => {
    s = await session();
    const ws = await createWorkspace(s, '1');
    const a = await s.sendBody('POST', '/v2/nodes', { type: 0, parent_id: ws, name: '2026' });
    expect(a.status).toBe(200);
    expect(props(a.body)).toMatchObject({ name: '2026', type: 0, parent_id: ws });
    const b = await s.send('POST', '/v2/nodes', JSON.stringify({ type: 0, parent_id: ws, name: 'Extra' }), { 'content-type': 'application/json' });
    expect(b.status).toBe(200);
    const v1 = await s.send('POST', '/v1/nodes', form({ type: '0', parent_id: String(ws), name: 'V1' }));
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body)).toEqual(['id']);
    const kids = await s.get(`/v2/nodes/${ws}/nodes?limit=100`);
    expect((kids.body.results as Array<{ data: { properties: { name: string } } }>).map((r) => r.data.properties.name)).toEqual(
      expect.arrayContaining(['2026', 'Extra', 'V1']),
    );
  });

  it('uploads a document via multipart and downloads identical bytes with headers', async () => {
    s = await session();
    const ws = await createWorkspace(s, '2');
    const folder = await folderOf(s, ws, 'Confirmation and Invoices');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
    const res = await upload(s, folder, 'Order #1001 confirmation.pdf', bytes, { description: 'confirmation' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = props(res.body);
    expect(p).toMatchObject({ name: 'Order #1001 confirmation.pdf', type: 144, parent_id: folder, size: 70_000, mime_type: 'application/pdf' });

    const dl = await s.app.inject({ method: 'GET', url: `${API}/v2/nodes/${p.id}/content`, headers: { otcsticket: s.ticket } });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-length']).toBe('70000');
    expect(String(dl.headers['content-disposition'])).toContain('attachment; filename=');
    expect(Buffer.compare(dl.rawPayload, Buffer.from(bytes))).toBe(0);

    const st = (await s.app.inject({ method: 'GET', url: '/emulator/state' })).json() as {
      counts: { documents: number; versions: number };
      workspaces: Array<{ documents: Array<{ folder: string; documents: Array<{ versions: Array<{ sha256: string }> }> }> }>;
    };
    expect(st.counts).toMatchObject({ documents: 1, versions: 1 });
    const doc = st.workspaces[0]?.documents[0];
    expect(doc?.folder).toBe('Confirmation and Invoices');
    expect(doc?.documents[0]?.versions[0]?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('applies flat roles.categories on document create', async () => {
    s = await session();
    const ws = await createWorkspace(s, '3');
    const cat = ORDER.category;
    const key = cat.attributes[0]?.key ?? '';
    const res = await upload(s, ws, 'snapshot.json', '{}', { roles: { categories: { [key]: '1001' } } }, 'application/json');
    expect(res.status).toBe(200);
    const cats = await s.get(`/v2/nodes/${props(res.body).id}/categories`);
    expect((cats.body.results as Array<{ data: { categories: Record<string, unknown> } }>)[0]?.data.categories[key]).toBe('1001');
  });

  it('duplicate document name → 500 already exists, and the upload leaves no content file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xecm-content-test-'));
    try {
      s = await session({ contentDir: dir });
      const ws = await createWorkspace(s, '4');
      expect((await upload(s, ws, 'a.pdf', 'one')).status).toBe(200);
      const dup = await upload(s, ws, 'a.pdf', 'two');
      expect(dup.status).toBe(500);
      expect(dup.body).toEqual({ error: "An item with the name 'a.pdf' already exists." });
      expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    } finally {
      await s?.app.close();
      s = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a document without a file → 400; an unknown parent → 400 not accessible', async () => {
    s = await session();
    const ws = await createWorkspace(s, '5');
    const mp = await multipart({ body: JSON.stringify({ type: 144, parent_id: ws, name: 'x.pdf' }) });
    const none = await s.app.inject({ method: 'POST', url: `${API}/v2/nodes`, headers: { ...mp.headers, otcsticket: s.ticket }, payload: mp.payload });
    expect(none.statusCode).toBe(400);
    const bad = await upload(s, 987654, 'x.pdf', 'x');
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/^Sorry, the item you requested could not be accessed/);
  });
});

describe('xECM emulator: versions', () => {
  it('adds a version; the list shows 2 with the right sizes; latest and single version; content per version', async () => {
    s = await session();
    const ws = await createWorkspace(s, '6');
    const id = props((await upload(s, ws, 'inv.pdf', 'first')).body).id;
    const mp = await multipart({ description: 'second pass', add_major_version: 'true' }, { name: 'inv.pdf', type: 'application/pdf', data: 'second!' });
    const add = await s.app.inject({
      method: 'POST',
      url: `${API}/v2/nodes/${id}/versions`,
      headers: { ...mp.headers, otcsticket: s.ticket },
      payload: mp.payload,
    });
    expect(add.statusCode, add.body).toBe(200);
    const added = add.json() as { results: { data: { properties: Props; versions: Record<string, unknown> } } };
    expect(added.results.data.versions).toMatchObject({ version_number: 2, file_size: 7, description: 'second pass' });
    expect(added.results.data.properties.size).toBe(7);

    const list = await s.get(`/v2/nodes/${id}/versions`);
    const versions = (
      list.body.results as Array<{
        data: { versions: { version_number: number; file_size: number; file_name: string; mime_type: string; create_date: string } };
      }>
    ).map((r) => r.data.versions);
    expect(versions.map((v) => [v.version_number, v.file_size])).toEqual([
      [1, 5],
      [2, 7],
    ]);
    expect(versions[0]).toMatchObject({ file_name: 'inv.pdf', mime_type: 'application/pdf' });
    expect(versions[0]?.create_date).toMatch(/Z$/);

    const one = await s.get(`/v2/nodes/${id}/versions/1`);
    expect(one.body.results).toMatchObject({ data: { versions: { version_number: 1 } } });
    const latest = await s.get(`/v1/nodes/${id}/versions/latest`);
    expect(latest.body).toMatchObject({ data: { version_number: 2 } });
    const v1 = await s.app.inject({ method: 'GET', url: `${API}/v1/nodes/${id}/versions/1/content`, headers: { otcsticket: s.ticket } });
    expect(v1.body).toBe('first');
    const v2 = await s.app.inject({ method: 'GET', url: `${API}/v2/nodes/${id}/content`, headers: { otcsticket: s.ticket } });
    expect(v2.body).toBe('second!');
  });

  it("a version without a file → 400 Missing required parameter 'File'; a long description → 400", async () => {
    s = await session();
    const ws = await createWorkspace(s, '7');
    const id = props((await upload(s, ws, 'x.pdf', 'x')).body).id;
    const mp = await multipart({ description: 'no file' });
    const res = await s.app.inject({
      method: 'POST',
      url: `${API}/v2/nodes/${id}/versions`,
      headers: { ...mp.headers, otcsticket: s.ticket },
      payload: mp.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: "Missing required parameter 'File'" });
    const long = await multipart({ description: 'd'.repeat(256) }, { name: 'x.pdf', data: 'y' });
    const res2 = await s.app.inject({
      method: 'POST',
      url: `${API}/v2/nodes/${id}/versions`,
      headers: { ...long.headers, otcsticket: s.ticket },
      payload: long.payload,
    });
    expect(res2.statusCode).toBe(400);
  });
});

describe('xECM emulator: delete, names, serverinfo, reset', () => {
  it('deletes a document → {links, results: {}}; then GET → 400', async () => {
    s = await session();
    const ws = await createWorkspace(s, '8');
    const id = props((await upload(s, ws, 'x.pdf', 'x')).body).id;
    const del = await s.send('DELETE', `/v2/nodes/${id}`, '');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ links: expect.any(Object), results: {} });
    expect((await s.get(`/v2/nodes/${id}`)).status).toBe(400);
  });

  it('refuses to delete a node under an active hold, directly or through an ancestor', async () => {
    s = await session();
    const ws = await createWorkspace(s, '9');
    const doc = props((await upload(s, ws, 'x.pdf', 'x')).body).id;
    const hold = await s.send('POST', '/v1/holds', form({ name: 'Dispute 9', type: 'Legal', date_applied: '2026-07-01T00:00:00' }));
    const holdId = (hold.body as { holdID: number }).holdID;
    expect((await s.send('POST', `/v1/nodes/${ws}/holds`, form({ hold_id: String(holdId) }))).status).toBe(200);
    const delDoc = await s.send('DELETE', `/v2/nodes/${doc}`, '');
    expect(delDoc.status).toBe(400);
    expect(String(delDoc.body.error)).toContain('Dispute 9');
    expect((await s.send('DELETE', `/v2/nodes/${ws}`, '')).status).toBe(400);
    expect((await s.get(`/v2/nodes/${doc}`)).status).toBe(200);
    await s.send('DELETE', `/v1/nodes/${ws}/holds/${holdId}`, '');
    expect((await s.send('DELETE', `/v2/nodes/${ws}`, '')).status).toBe(200);
    expect((await s.get(`/v2/nodes/${doc}`)).status).toBe(400);
  });

  it('validation/nodes/names returns only the names that exist', async () => {
    s = await session();
    const ws = await createWorkspace(s, '10');
    const id = props((await upload(s, ws, 'a.pdf', 'x')).body).id;
    const res = await s.sendBody('POST', '/v1/validation/nodes/names', { parent_id: ws, names: ['a.pdf', 'b.pdf', 'Contracts'] });
    expect(res.status).toBe(200);
    const results = res.body.results as Array<{ name: string; id: number }>;
    expect(results.map((r) => r.name).sort()).toEqual(['Contracts', 'a.pdf']);
    expect(results.find((r) => r.name === 'a.pdf')?.id).toBe(id);
    const text = await s.send('POST', '/v1/validation/nodes/names', JSON.stringify({ parent_id: ws, names: ['zzz'] }), { 'content-type': 'text/plain' });
    expect(text.body).toMatchObject({ results: [] });
    expect((await s.sendBody('POST', '/v1/validation/nodes/names', { names: ['a'] })).status).toBe(400);
  });

  it('serverinfo reports the session timeout (the ticket idle time)', async () => {
    s = await session({ ticketIdleMs: 123_000 });
    const res = await s.get('/v1/serverinfo');
    expect(res.status).toBe(200);
    expect(res.body.sessions).toMatchObject({ enabled: true, expire_after_last_request: true, session_timeout: 123_000 });
  });

  it('reset clears documents and their content files; a file database keeps content beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xecm-db-'));
    try {
      s = await session({ dbPath: join(dir, 'x.db') });
      const ws = await createWorkspace(s, '11');
      await upload(s, ws, 'a.pdf', 'x');
      const contentDir = join(dir, 'x.db.content');
      expect(readdirSync(contentDir)).toHaveLength(1);
      await s.app.inject({ method: 'POST', url: '/emulator/reset' });
      expect(readdirSync(contentDir)).toHaveLength(0);
      const st = (await s.app.inject({ method: 'GET', url: '/emulator/state' })).json() as { counts: Record<string, number> };
      expect(st.counts).toMatchObject({ workspaces: 0, documents: 0, versions: 0 });
    } finally {
      await s?.app.close();
      s = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the inspection page lists documents; the default content directory is removed on close', async () => {
    s = await session();
    const ws = await createWorkspace(s, '12');
    await upload(s, ws, 'a.pdf', 'x');
    const st = (await s.app.inject({ method: 'GET', url: '/emulator/state' })).json() as { counts: { documents: number }; contentDir: string };
    expect(st.counts.documents).toBe(1);
    expect(readdirSync(st.contentDir)).toHaveLength(1);
    const page = await s.app.inject({ method: 'GET', url: '/emulator' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('a.pdf');
    expect(page.body).toContain('Shopify Order');
    expect(page.body).not.toContain('<script');
    await s.app.close();
    s = undefined;
    expect(existsSync(st.contentDir)).toBe(false);
  });
});
