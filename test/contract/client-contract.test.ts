import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { silentLogger } from '../../src/log.js';
import { XecmClient } from '../../src/xecm/client.js';
import type { FetchFn } from '../../src/xecm/client.js';
import { XecmError } from '../../src/xecm/errors.js';
import { pooledFetch } from '../../src/xecm/http.js';
import { Nodes } from '../../src/xecm/nodes.js';
import { Records } from '../../src/xecm/records.js';
import { Workspaces } from '../../src/xecm/workspaces.js';
import { contractCheckingFetch } from './otcs/checking-fetch.js';
import type { ContractLog } from './otcs/checking-fetch.js';

type Emu = Awaited<ReturnType<typeof startXecmEmulator>>;

function clientFor(url: string, fetchFn: FetchFn): XecmClient {
  return new XecmClient({
    config: { url, username: 'Admin', password: 'livelink', timeoutMs: 10_000, maxConcurrency: 4, retries: 0, retryBaseMs: 10 },
    log: silentLogger,
    fetch: fetchFn,
  });
}

const bytes = (s: string) => ({ kind: 'bytes' as const, bytes: Buffer.from(s), fileName: 'x.txt', mimeType: 'text/plain' });

/**
 * Every client operation against the emulator, with each request and response validated against
 * the contract derived from OpenText's OpenAPI documents (test/contract/otcs).
 */
describe('xECM client ↔ emulator, validated against the OpenAPI-derived contract', () => {
  let emu: Emu;
  let log: ContractLog;
  let ws: Workspaces;
  let nodes: Nodes;
  let records: Records;
  let client: XecmClient;
  // The production transport underneath the contract check (it streams multipart bodies).
  const pool = pooledFetch({ connections: 4 });
  const transport = pool.fetch;

  beforeAll(async () => {
    emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    const checked = contractCheckingFetch(transport);
    log = checked.log;
    client = clientFor(emu.url, checked.fetch);
    ws = new Workspaces(client);
    nodes = new Nodes(client);
    records = new Records(client);
  });
  afterAll(async () => {
    await client.logout();
    await pool.close();
    await emu.close();
  });

  it('runs every operation with no contract violation', async () => {
    await client.ping();
    await client.request('GET', '/v1/auth');
    const types = await ws.listTypes();
    expect(types.map((t) => t.name)).toContain('Shopify Order');
    const order = await ws.model('Shopify Order', 'Shopify Order');
    const account = await ws.model('Shopify Customer Account', 'Shopify Customer Account');
    const bo = { extSystemId: 'shopify', boType: 'shopify_order', boId: '4242' };
    expect(await ws.findByBusinessObject(bo)).toBeUndefined();
    const a = await ws.create(order, {
      name: 'Order #4242 – Contract Co',
      bo,
      attributes: { 'Order Name': '#4242', Total: '9000.00', Tags: ['x', 'y'], B2B: true },
    });
    expect((await ws.findByBusinessObject(bo))?.id).toBe(a);
    const details = await ws.get(a);
    expect(details.business?.business_object_id).toBe('4242');
    expect((await ws.getNode(a)).name).toBe('Order #4242 – Contract Co');
    const folders = await ws.children(a);
    expect(folders.map((f) => f.name)).toContain('Archive');
    await ws.updateCategory(order, a, { 'Financial Status': 'paid', Tags: ['z'] });
    const values = await ws.categoryValues(a, order.categoryId);
    expect(values?.[order.attributeKeys.get('Financial Status') ?? '']).toBe('paid');
    await ws.rename(a, 'Order #4242 – Contract Company');

    const b = await ws.create(account, {
      name: 'Contract Company',
      bo: { extSystemId: 'shopify', boType: 'shopify_account', boId: '77' },
      attributes: { 'Account Name': 'Contract Company' },
    });
    expect(await ws.relate(b, a, 'child')).toBe('added');
    expect(await ws.relate(b, a, 'child')).toBe('exists');
    expect((await ws.related(b, 'child')).map((w) => w.id)).toEqual([a]);
    expect((await ws.related(a, 'parent')).map((w) => w.id)).toEqual([b]);
    await ws.unrelate(b, a, 'child');
    expect(await ws.related(b, 'child')).toEqual([]);

    const roles = await ws.roles(a);
    const role = roles[0];
    expect(role).toBeDefined();
    if (role) {
      expect(await ws.addMember(a, role.id, 1002)).toBe('added');
      expect((await ws.members(a, role.id)).map((m) => m.id)).toContain(1002);
      await ws.removeMember(a, role.id, 1002);
      expect((await ws.members(a, role.id)).map((m) => m.id)).not.toContain(1002);
    }
    await ws.addReference(a, { extSystemId: 'shopify', boType: 'shopify_order_exception', boId: '4242' });
    expect((await ws.get(a)).references.map((r) => r.business_object_type)).toContain('shopify_order_exception');
    await ws.removeReference(a, { extSystemId: 'shopify', boType: 'shopify_order_exception', boId: '4242' });

    const archive = await nodes.ensureFolder(a, 'Archive');
    expect((await nodes.ensureFolder(a, 'Archive')).id).toBe(archive.id);
    const extra = await nodes.createFolder(a, 'Extra');
    const first = await nodes.putDocument(archive.id, 'note.txt', bytes('one'));
    expect(first.action).toBe('created');
    expect((await nodes.putDocument(archive.id, 'note.txt', bytes('one'))).action).toBe('unchanged');
    expect((await nodes.putDocument(archive.id, 'note.txt', bytes('two'))).action).toBe('versioned');
    expect((await nodes.versions(first.nodeId)).length).toBe(2);
    expect((await nodes.content(first.nodeId)).toString()).toBe('two');
    expect((await nodes.get(first.nodeId)).name).toBe('note.txt');
    expect(await nodes.existingNames(archive.id, ['note.txt', 'absent.txt'])).toEqual(new Map([['note.txt', first.nodeId]]));
    await nodes.rename(extra.id, 'Extra 2');
    await nodes.delete(extra.id);

    await records.rmClassify(first.nodeId, 3200);
    expect(await records.rmClassification(first.nodeId)).toBeTypeOf('object');
    const hold = await records.ensureHold({ name: 'Dispute 4242', type: 'Legal', comment: 'chargeback' });
    expect(await records.ensureHold({ name: 'Dispute 4242', type: 'Legal' })).toBe(hold);
    expect((await records.holds()).map((h) => h.HoldName)).toContain('Dispute 4242');
    await records.applyHold(a, hold);
    expect(await records.nodeHolds(first.nodeId)).toContain(hold);
    await expect(nodes.delete(first.nodeId)).rejects.toBeInstanceOf(XecmError);
    await records.releaseHold(a, hold);

    const violations = log.violations.map((v) => `${v.direction} ${v.method} ${v.path} ${v.status ?? ''}: ${v.errors.join('; ')}`);
    expect(violations).toEqual([]);
    // Every call met an operation of the contract (or one the vendor documents lack, listed in OTCS_CONTRACT.missing).
    expect(log.calls.length).toBeGreaterThan(50);
  });

  it('catches a deliberately wrong response shape', async () => {
    // Between the contract check and the wire: turn `results` of workspace create into a list.
    const tampering: FetchFn = async (input, init) => {
      const res = await transport(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && url.endsWith('/api/v2/businessworkspaces')) {
        const body = (await res.json()) as { results: unknown };
        return new Response(JSON.stringify({ ...body, results: [body.results] }), { status: res.status, headers: { 'content-type': 'application/json' } });
      }
      return res;
    };
    const checked = contractCheckingFetch(tampering);
    const c = clientFor(emu.url, checked.fetch);
    const w = new Workspaces(c);
    const m = await w.model('Shopify Order', 'Shopify Order');
    await expect(
      w.create(m, { name: 'Order #999 – Wrong Shape', bo: { extSystemId: 'shopify', boType: 'shopify_order', boId: '999' }, attributes: {} }),
    ).rejects.toThrow(/unexpected response shape/);
    expect(checked.log.violations).toEqual([
      expect.objectContaining({ direction: 'response', method: 'POST', path: '/otcs/cs.exe/api/v2/businessworkspaces', status: 200 }),
    ]);
  });

  it('catches a request the contract does not allow', async () => {
    const checked = contractCheckingFetch(transport);
    const c = clientFor(emu.url, checked.fetch);
    await c.request('GET', '/v2/businessworkspaces', { query: { expanded_view: 'true', where_colour: 'blue' } });
    expect(checked.log.violations).toEqual([expect.objectContaining({ direction: 'request', method: 'GET' })]);
    expect(checked.log.violations[0]?.errors.join(' ')).toMatch(/where_colour/);
  });
});
