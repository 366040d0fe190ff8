import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAnswer } from '../../src/lookup/lookup.js';
import { BACKENDS, createDatabase } from '../helpers/backends.js';
import { runCli } from '../helpers/cli.js';
import { sellShipAndReturn } from '../helpers/merchant.js';
import { startShopStack } from '../helpers/shop-stack.js';

const API_TOKEN = 'parity-token-5e2b';

interface Seen {
  status: { summary: Record<string, unknown>; privacyConflicts: unknown[] };
  lookup: unknown;
}

/** Times in a status history differ between two runs; the words do not. */
const untimed = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>'));

/** What a lookup answer says, without what differs between two runs (node ids, links, times). */
function shape(a: LookupAnswer): unknown {
  return a.matches.map((m) => ({
    resourceType: m.resourceType,
    title: m.title,
    workspaces: m.workspaces
      .map((w) => ({
        kind: w.kind,
        name: w.name,
        workspaceType: w.workspaceType,
        status: untimed(w.status),
        documents: w.documents?.map((d) => d.name).sort(),
      }))
      .sort((x, y) => x.kind.localeCompare(y.kind)),
  }));
}

/**
 * Issue 13: `status` and the lookup API answer the same on SQLite and on PostgreSQL. The same merchant
 * (a high-value order, shipped, returned as defective) plays once on each backend; `status --json`
 * through the real command and `GET /api/lookup` are compared.
 */
describe('status and the lookup API on every backend', () => {
  const seen = new Map<string, Seen>();

  beforeAll(async () => {
    for (const kind of BACKENDS) {
      const db = await createDatabase(kind);
      const stack = await startShopStack({ shopify: { orders: 0, seed: 12 }, apiToken: API_TOKEN, databaseUrl: db.url });
      try {
        const sold = await sellShipAndReturn((q, v) => stack.graphql(q, v), {
          email: 'robin@example.com',
          firstName: 'Robin',
          lastName: 'Okafor',
          title: 'Kiln controller',
          sku: 'KC-77',
          amount: '6400.00',
        });
        await stack.drained();
        const cli = await runCli(['status', '--json'], { DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
        expect(cli.code, cli.stderr).toBe(0);
        const res = await fetch(`${stack.url}/api/lookup?q=${encodeURIComponent(sold.name)}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
        expect(res.status).toBe(200);
        seen.set(kind, { status: JSON.parse(cli.stdout) as Seen['status'], lookup: shape((await res.json()) as LookupAnswer) });
      } finally {
        await stack.stop();
        await db.drop();
      }
    }
  }, 120_000);
  afterAll(() => seen.clear());

  it('reports what the connector did, by the real status command', () => {
    for (const [kind, s] of seen) {
      expect(s.status.summary, kind).toMatchObject({ workspaces: { order: 1, case: 1 }, deadLetters: 0, pending: 0 });
      expect(s.status.privacyConflicts, kind).toEqual([]);
    }
  });

  it('answers the same on each backend', () => {
    const [first, ...rest] = [...seen.values()];
    expect(first).toBeDefined();
    expect(first?.lookup).toMatchObject([{ resourceType: 'order', workspaces: [{ kind: 'case' }, { kind: 'order' }] }]);
    // How many jobs found a change stale depends on how the webhooks interleaved; the rest may not.
    const fixed = (s: Seen | undefined) => {
      const { created: _c, updated: _u, skipped: _s, ...rest } = s?.status.summary ?? {};
      return { ...rest, privacyConflicts: s?.status.privacyConflicts };
    };
    for (const other of rest) {
      expect(fixed(other)).toEqual(fixed(first));
      expect(other.lookup).toEqual(first?.lookup);
    }
    if (!BACKENDS.includes('postgres')) console.warn('backend parity: PostgreSQL not reachable, compared SQLite only');
  });
});
