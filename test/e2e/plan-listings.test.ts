import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { modelSchema } from '../../src/config/schema.js';
import { executePlan } from '../../src/jobs/execute-plan.js';
import { silentLogger } from '../../src/log.js';
import type { Plan, WorkspaceRef } from '../../src/rules/plan.js';
import { openBackend } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { XecmClient } from '../../src/xecm/client.js';
import { pooledFetch } from '../../src/xecm/http.js';
import { Nodes } from '../../src/xecm/nodes.js';
import { Records } from '../../src/xecm/records.js';
import { Workspaces } from '../../src/xecm/workspaces.js';
import { TEST_SHOP } from '../helpers/config.js';

/**
 * docs/decisions/0019: a plan lists each workspace once, and files documents into a workspace it
 * has just created without looking for them first; a name that is there after all is still found.
 */
describe('a plan’s Content Server calls', () => {
  let emu: Awaited<ReturnType<typeof startXecmEmulator>>;
  let client: XecmClient;
  let store: Store;
  const pool = pooledFetch({ connections: 4 });
  const calls: string[] = [];

  beforeAll(async () => {
    emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    const counting: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      calls.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/.*\/api/, '').replace(/\/\d+/g, '/:id')}`);
      return pool.fetch(input, init);
    };
    client = new XecmClient({
      config: { url: emu.url, username: 'Admin', password: 'livelink', timeoutMs: 10_000, maxConcurrency: 4, retries: 0, retryBaseMs: 10 },
      log: silentLogger,
      fetch: counting,
    });
    store = openBackend('sqlite::memory:', { maxAttempts: 3, backoffBaseMs: 10, backoffMaxMs: 10 }).store;
    await store.migrate();
  });
  afterAll(async () => {
    await client.logout();
    await pool.close();
    await store.close();
    await emu.close();
  });

  const order = (boId: string): WorkspaceRef => ({ kind: 'order', boType: 'shopify_order', boId });
  const plan = (ws: WorkspaceRef, docs: Array<[string, string]>): Plan => ({
    rule: 'order-workspace',
    trace: [],
    applies: true,
    steps: [
      { op: 'ensure-workspace', workspace: ws, name: `Order #${ws.boId}`, attributes: {}, merge: [] },
      ...[...new Set(docs.map(([folder]) => folder))].map((folder) => ({ op: 'ensure-folder' as const, workspace: ws, folder })),
      ...docs.map(([folder, name]) => ({ op: 'put-document' as const, workspace: ws, folder, name, render: 'order-snapshot' as const })),
    ],
  });
  const run = async (p: Plan, payload: unknown) => {
    calls.length = 0;
    const workspaces = new Workspaces(client);
    return executePlan(p, {
      shop: TEST_SHOP,
      model: modelSchema.parse({}),
      workspaces,
      nodes: new Nodes(client),
      records: new Records(client),
      store,
      log: silentLogger,
      payload,
      payloadText: JSON.stringify(payload),
      eventId: 1,
      jobId: '1',
      extSystemId: 'shopify',
    });
  };
  const count = (route: string) => calls.filter((c) => c === route).length;

  it('creates a workspace and files two documents with one listing and no lookups', async () => {
    const ws = order('7001');
    const docs: Array<[string, string]> = [
      ['Confirmation and Invoices', '#7001 a.json'],
      ['Archive', '#7001 b.json'],
    ];
    const first = await run(plan(ws, docs), { id: 7001, v: 1 });
    expect(first.map((s) => s.outcome)).toEqual(['created', 'exists', 'exists', 'created', 'created']);
    expect(count('GET /v2/nodes/:id/nodes')).toBe(1);
    expect(count('POST /v2/nodes')).toBe(2);

    // Again, same bytes: found, nothing uploaded; changed bytes: a new version, not a second document.
    const again = await run(plan(ws, docs), { id: 7001, v: 1 });
    expect(again.map((s) => s.outcome)).toEqual(['unchanged', 'exists', 'exists', 'unchanged', 'unchanged']);
    expect(count('POST /v2/nodes')).toBe(0);
    const changed = await run(plan(ws, docs), { id: 7001, v: 2 });
    expect(changed.slice(3).map((s) => s.outcome)).toEqual(['versioned', 'versioned']);
    expect(count('POST /v2/nodes')).toBe(0);
  });

  it('creates a folder the template lacks once, and finds a document that is there after all', async () => {
    const ws = order('7002');
    const docs: Array<[string, string]> = [
      ['Extra', '#7002 a.json'],
      ['Extra', '#7002 b.json'],
    ];
    const first = await run(plan(ws, docs), { id: 7002 });
    expect(first.map((s) => s.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(count('GET /v2/nodes/:id/nodes')).toBe(1);
    expect(count('POST /v2/nodes')).toBe(3);

    // In a fresh workspace, a document that is there after all (here: put by an earlier step, as a
    // template could carry one): the refused upload finds it and compares its bytes.
    const other = order('7003');
    const p = plan(other, []);
    const put = (input: unknown) => ({
      op: 'put-document' as const,
      workspace: other,
      folder: 'Archive',
      name: '#7003 a.pdf',
      render: 'order-confirmation' as const,
      input,
    });
    p.steps.push(put({ name: '#7003' }), put({ name: '#7003' }), put({ name: '#7003', note: 'changed' }));
    const steps = await run(p, {});
    expect(steps.map((s) => s.outcome)).toEqual(['created', 'created', 'unchanged', 'versioned']);
    expect(new Set(steps.slice(1).map((s) => s.nodeId)).size).toBe(1);
  });
});
