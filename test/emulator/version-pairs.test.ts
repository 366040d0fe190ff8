import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildXecmEmulator, SEED_IDS } from '../../emulators/xecm/index.js';
import { API, createWorkspace, FORM, form, multipart, session, upload } from '../../emulators/xecm/test-helpers.js';
import type { Session } from '../../emulators/xecm/test-helpers.js';
import type { ContractOperation, HttpMethod, SourceDocument } from '../contract/otcs/contract-types.js';
import { OTCS_CONTRACT } from '../contract/otcs/otcs-contract.generated.js';

/**
 * Issue 9: the sandbox answers other Content Server clients (pyxecm, run as an administrator would)
 * as Content Server does: paths with a trailing slash route like those without, and an operation
 * the emulator serves in one API version is also served in the other where the official documents
 * declare it there.
 */

/** One operation declared under `/api/v1/…` and `/api/v2/…` (contract path form, `{name}` parameters). */
interface VersionPair {
  readonly method: HttpMethod;
  readonly v1: string;
  readonly v2: string;
  readonly from: 'contract' | SourceDocument;
}

const pairKey = (p: Pick<VersionPair, 'method' | 'v1'>): string => `${p.method} ${p.v1.replace(/\{[^}]+\}/g, '{}')}`;

/** `/api/v1/x` ↔ `/api/v2/x`; undefined for paths outside both. */
function otherVersion(path: string): string | undefined {
  const m = /^\/api\/v([12])(\/.*)$/.exec(path);
  if (!m) return undefined;
  return `/api/v${m[1] === '1' ? '2' : '1'}${m[2] ?? ''}`;
}

/** Every method + path the contract declares under both versions (parameter names may differ). */
function pairsFromContract(operations: readonly ContractOperation[]): VersionPair[] {
  const byShape = new Map<string, ContractOperation>();
  for (const op of operations) byShape.set(`${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')}`, op);
  const pairs: VersionPair[] = [];
  for (const op of operations) {
    if (!op.path.startsWith('/api/v1/')) continue;
    const other = otherVersion(op.path);
    const twin = other === undefined ? undefined : byShape.get(`${op.method} ${other.replace(/\{[^}]+\}/g, '{}')}`);
    if (twin) pairs.push({ method: op.method, v1: op.path, v2: twin.path, from: 'contract' });
  }
  return pairs;
}

const CONTRACT_PAIRS = pairsFromContract(OTCS_CONTRACT.operations);

/**
 * Pairs the official documents declare in both versions, for operations the emulator serves, that the
 * generated contract does not (yet) carry: `scripts/derive-otcs-contract.ts` keeps one version per
 * operation (its TARGETS list), so `pairsFromContract` finds none of these. Each entry names the
 * document that declares the path under the other version; drop an entry once the contract
 * carries both operations (the contract-derived pair then takes its place).
 */
const DOCUMENTED_PAIRS: readonly VersionPair[] = [
  { method: 'GET', v1: '/api/v1/nodes/{id}', v2: '/api/v2/nodes/{id}', from: 'content-server' },
  { method: 'PUT', v1: '/api/v1/nodes/{id}', v2: '/api/v2/nodes/{id}', from: 'content-server' },
  { method: 'DELETE', v1: '/api/v1/nodes/{id}', v2: '/api/v2/nodes/{id}', from: 'content-server' },
  { method: 'POST', v1: '/api/v1/nodes', v2: '/api/v2/nodes', from: 'content-server' },
  { method: 'GET', v1: '/api/v1/nodes/{id}/nodes', v2: '/api/v2/nodes/{id}/nodes', from: 'content-server' },
  { method: 'GET', v1: '/api/v1/nodes/{id}/versions', v2: '/api/v2/nodes/{id}/versions', from: 'content-server' },
  { method: 'POST', v1: '/api/v1/nodes/{id}/versions', v2: '/api/v2/nodes/{id}/versions', from: 'content-server' },
  { method: 'GET', v1: '/api/v1/nodes/{id}/versions/{version_number}', v2: '/api/v2/nodes/{id}/versions/{version_number}', from: 'content-server' },
  {
    method: 'GET',
    v1: '/api/v1/nodes/{id}/versions/{version_number}/content',
    v2: '/api/v2/nodes/{id}/versions/{version_number}/content',
    from: 'content-server',
  },
  { method: 'GET', v1: '/api/v1/nodes/{id}/content', v2: '/api/v2/nodes/{id}/content', from: 'content-server' },
  { method: 'GET', v1: '/api/v1/nodes/{id}/categories', v2: '/api/v2/nodes/{id}/categories', from: 'content-server' },
  { method: 'POST', v1: '/api/v1/nodes/{id}/categories', v2: '/api/v2/nodes/{id}/categories', from: 'content-server' },
  // The CS document writes the v1 and v2 forms with a trailing slash ("/categories/{category_id}/").
  { method: 'GET', v1: '/api/v1/nodes/{id}/categories/{category_id}', v2: '/api/v2/nodes/{id}/categories/{category_id}', from: 'content-server' },
  { method: 'PUT', v1: '/api/v1/nodes/{id}/categories/{category_id}', v2: '/api/v2/nodes/{id}/categories/{category_id}', from: 'content-server' },
  { method: 'GET', v1: '/api/v1/businessworkspaces/{id}', v2: '/api/v2/businessworkspaces/{id}', from: 'business-workspaces' },
  { method: 'GET', v1: '/api/v1/businessworkspacetypes/{id}', v2: '/api/v2/businessworkspacetypes/{id}', from: 'business-workspaces' },
  { method: 'GET', v1: '/api/v1/holds', v2: '/api/v2/holds', from: 'records-management' },
];

const PAIRS: readonly VersionPair[] = [...CONTRACT_PAIRS, ...DOCUMENTED_PAIRS.filter((d) => !CONTRACT_PAIRS.some((c) => pairKey(c) === pairKey(d)))];

/** A concrete URL for a path template: `{id}` → a node that does not exist, other parameters → 1. */
function concrete(path: string): string {
  return path.replace(/^\/api/, API).replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'id' ? '987654' : '1'));
}

const NO_ROUTE = 'The REST API URL could not be found';

async function routed(app: FastifyInstance, ticket: string, method: HttpMethod, path: string): Promise<boolean> {
  const res = await app.inject({ method, url: concrete(path), headers: { otcsticket: ticket } });
  if (res.statusCode !== 404) return true;
  const body = res.json() as { error?: unknown };
  return !(typeof body.error === 'string' && body.error.startsWith(NO_ROUTE));
}

describe('v1/v2 operation pairs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await session();
  });
  afterAll(async () => s.app.close());

  it('derives the pairs from the contract (operations keyed by method + versioned path)', () => {
    const synthetic: ContractOperation[] = [
      { ...(OTCS_CONTRACT.operations[0] as ContractOperation), key: 'GET /api/v1/x/{a}', method: 'GET', path: '/api/v1/x/{a}' },
      { ...(OTCS_CONTRACT.operations[0] as ContractOperation), key: 'GET /api/v2/x/{b}', method: 'GET', path: '/api/v2/x/{b}' },
      { ...(OTCS_CONTRACT.operations[0] as ContractOperation), key: 'POST /api/v2/x/{b}', method: 'POST', path: '/api/v2/x/{b}' },
    ];
    expect(pairsFromContract(synthetic)).toEqual([{ method: 'GET', v1: '/api/v1/x/{a}', v2: '/api/v2/x/{b}', from: 'contract' }]);
    // Every contract-derived pair is checked below, documented ones besides.
    for (const p of CONTRACT_PAIRS) expect(PAIRS).toContainEqual(p);
  });

  it.each(PAIRS.map((p) => [`${p.method} ${p.v1} ↔ ${p.v2} (${p.from})`, p] as const))('%s: both versions are routed', async (_name, p) => {
    const [one, two] = [await routed(s.app, s.ticket, p.method, p.v1), await routed(s.app, s.ticket, p.method, p.v2)];
    // A contract pair neither of whose sides the emulator serves is not required.
    if (p.from === 'contract' && !one && !two) return;
    expect({ v1: one, v2: two }).toEqual({ v1: true, v2: true });
  });

  describe('the main ones answer as their version does', () => {
    let docId = 0;
    let wsId = 0;
    beforeAll(async () => {
      wsId = await createWorkspace(s, 'VP-1');
      const up = await upload(s, wsId, 'pair.txt', 'first', {}, 'text/plain');
      docId = (up.body.results as { data: { properties: { id: number } } }).data.properties.id;
    });

    it('GET /v1/nodes/{id}: a v1 node (data = properties, type, type_name); v2 has results.data.properties', async () => {
      const v1 = await s.get(`/v1/nodes/${docId}`);
      const v2 = await s.get(`/v2/nodes/${docId}`);
      expect(v1.status).toBe(200);
      const props = (v2.body.results as { data: { properties: Record<string, unknown> } }).data.properties;
      expect(v1.body).toMatchObject({ data: { id: docId, name: 'pair.txt', parent_id: wsId, type: 144 }, type: 144, type_name: 'Document' });
      expect(v1.body).not.toHaveProperty('results');
      expect((v1.body.data as Record<string, unknown>).modify_date).toBe(props.modify_date);
      expect((await s.get('/v1/nodes/987654')).status).toBe(400);
    });

    it('POST /v1/nodes/{id}/versions: adds a version and answers {id, version_number}', async () => {
      const mp = await multipart({ description: 'second' }, { name: 'pair.txt', type: 'text/plain', data: 'second version' });
      const res = await s.app.inject({
        method: 'POST',
        url: `${API}/v1/nodes/${docId}/versions`,
        headers: { ...mp.headers, otcsticket: s.ticket },
        payload: mp.payload,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: docId, version_number: 2 });
      const versions = await s.get(`/v2/nodes/${docId}/versions`);
      expect((versions.body.results as unknown[]).length).toBe(2);
      const content = await s.app.inject({ method: 'GET', url: `${API}/v1/nodes/${docId}/content`, headers: { otcsticket: s.ticket } });
      expect(content.body).toBe('second version');
    });

    it('GET /v1/nodes/{id}/nodes: v1 browse (data[] of properties, paging at the top)', async () => {
      const v1 = await s.get(`/v1/nodes/${wsId}/nodes?limit=2&page=1&sort=asc_name`);
      const v2 = await s.get(`/v2/nodes/${wsId}/nodes?limit=2&page=1&sort=asc_name`);
      expect(v1.status).toBe(200);
      const names2 = (v2.body.results as Array<{ data: { properties: { name: string } } }>).map((r) => r.data.properties.name);
      const names1 = (v1.body.data as Array<{ name: string }>).map((r) => r.name);
      expect(names1).toEqual(names2);
      const paging = (v2.body.collection as { paging: { total_count: number; page_total: number } }).paging;
      expect(v1.body).toMatchObject({ page: 1, limit: 2, total_count: paging.total_count, page_total: paging.page_total, sort: 'asc_name' });
    });

    it('GET /v1/businessworkspaces/{id}: the business reference of the workspace', async () => {
      const v1 = await s.get(`/v1/businessworkspaces/${wsId}`);
      expect(v1.status).toBe(200);
      const data = v1.body.data as Array<{ business_reference: Record<string, unknown> }>;
      expect(data[0]?.business_reference).toMatchObject({ business_object_id: 'VP-1', business_object_type_name: 'shopify_order', id: String(wsId) });
      expect((await s.get('/v1/businessworkspaces/987654')).status).toBe(404);
    });

    it('the other v1 twins answer in the v1 envelope (no links/results)', async () => {
      const type = await s.get(`/v1/businessworkspacetypes/${SEED_IDS.workspaceTypeBase + 1}`);
      expect(type.status).toBe(200);
      expect(type.body).toMatchObject({ workspace_type: expect.any(String), is_policies_enabled: expect.any(Boolean) });

      const holds = await s.app.inject({ method: 'GET', url: `${API}/v1/holds`, headers: { otcsticket: s.ticket } });
      expect(holds.statusCode).toBe(200);
      expect(Array.isArray(holds.json())).toBe(true);

      const cats = await s.get(`/v1/nodes/${wsId}/categories`);
      expect(cats.status).toBe(200);
      const list = cats.body.data as Array<{ id: number; name: string }>;
      expect(list.length).toBeGreaterThan(0);
      const catId = list[0]?.id ?? 0;
      const one = await s.get(`/v1/nodes/${wsId}/categories/${catId}`);
      expect(one.status).toBe(200);
      expect(one.body).toHaveProperty('data');
      expect(one.body).not.toHaveProperty('results');

      const renamed = await s.send('PUT', `/v1/nodes/${docId}`, form({ name: 'renamed via v1.txt' }));
      expect(renamed.status).toBe(200);
      expect(renamed.body).not.toHaveProperty('results');
      expect((await s.get(`/v2/nodes/${docId}`)).body.results).toMatchObject({ data: { properties: { name: 'renamed via v1.txt' } } });
    });
  });
});

describe('paths with a trailing slash route like those without', () => {
  let app: FastifyInstance;
  afterAll(async () => app.close());

  it('signs in via POST /api/v1/auth/ and uses the ticket', async () => {
    app = await buildXecmEmulator();
    const auth = await app.inject({ method: 'POST', url: `${API}/v1/auth/`, headers: FORM, payload: form({ username: 'Admin', password: 'livelink' }) });
    expect(auth.statusCode).toBe(200);
    const ticket = (auth.json() as { ticket: string }).ticket;
    expect(ticket).toEqual(expect.any(String));
    const me = await app.inject({ method: 'GET', url: `${API}/v1/auth/`, headers: { otcsticket: ticket } });
    expect(me.statusCode).toBe(200);
    const node = await app.inject({ method: 'GET', url: `${API}/v2/nodes/${SEED_IDS.enterpriseVolume}/`, headers: { otcsticket: ticket } });
    expect(node.statusCode).toBe(200);
    const ping = await app.inject({ method: 'GET', url: `${API}/v1/ping/` });
    expect(ping.statusCode).toBe(200);
  });

  it('a trailing slash does not bypass the ticket check', async () => {
    const res = await app.inject({ method: 'GET', url: `${API}/v2/nodes/${SEED_IDS.enterpriseVolume}/` });
    expect(res.statusCode).toBe(401);
  });

  it('keeps working under another --cs-path', async () => {
    const other = await buildXecmEmulator({ csPath: '/cs/cs/' });
    try {
      const auth = await other.inject({
        method: 'POST',
        url: '/cs/cs/api/v1/auth/',
        headers: FORM,
        payload: form({ username: 'Admin', password: 'livelink' }),
      });
      expect(auth.statusCode).toBe(200);
      const ticket = (auth.json() as { ticket: string }).ticket;
      const children = await other.inject({
        method: 'GET',
        url: `/cs/cs/api/v2/nodes/${SEED_IDS.enterpriseVolume}/nodes/?limit=5`,
        headers: { otcsticket: ticket },
      });
      expect(children.statusCode).toBe(200);
      const wrongPrefix = await other.inject({
        method: 'POST',
        url: `${API}/v1/auth/`,
        headers: FORM,
        payload: form({ username: 'Admin', password: 'livelink' }),
      });
      expect(wrongPrefix.statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });
});
