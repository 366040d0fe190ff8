import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { ERRORS } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { lookupTerm } from '../../src/rules/lookup-terms.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { TEST_SECRET, TEST_SHOP, testConfig } from '../helpers/config.js';
import { hostileChar, hostileString, INJECTIONS } from './arbitraries.js';
import { fuzzCounter, fuzzDir } from './runs.js';

const count = fuzzCounter('lookup');
const answers = new Map<string, number>();
const API_TOKEN = 'fuzz-lookup-token-7d2e';
const MAX = 10;

/** The index: resources with terms full of what SQL LIKE, regular expressions and escaping treat specially. */
const INDEX: Array<{ id: string; type: 'order' | 'company' | 'product' | 'customer'; title: string; terms: string[] }> = [
  { id: '1001', type: 'order', title: '#1187', terms: ['#1187', '1187', 'ada@example.com', 'sku-100%'] },
  { id: '1002', type: 'order', title: '#1188', terms: ['#1188', '1188', 'grace@example.com', 'a_b'] },
  { id: '2001', type: 'company', title: 'Acme Industrial', terms: ['acme industrial', '50% off', 'back\\slash'] },
  { id: '3001', type: 'product', title: 'Valve (X200)', terms: ['valve (x200)', 'vx-200', '.*', "o'brien"] },
  { id: '4001', type: 'customer', title: 'Zoë Ünal', terms: ['zoë ünal', 'zoe@example.com', 'ab'] },
];
const ALL_TERMS = INDEX.flatMap((r) => r.terms);

/** What the lookup must find for q (the route's rules, from the index above), as `type/id`. */
function expected(q: string): string[] | 'invalid' {
  const term = lookupTerm(q);
  if (term.length < 2 || term.length > 200) return 'invalid';
  const gid = /^gid:\/\/shopify\/(Order|Product|Company|Customer|Return|Refund)\/(\d+)$/.exec(q.trim());
  if (gid) return INDEX.filter((r) => r.type === gid[1]?.toLowerCase() && r.id === gid[2]).map((r) => `${r.type}/${r.id}`);
  // (The index is smaller than maxMatches: no answer is cut.)
  let found = INDEX.filter((r) => r.terms.includes(term));
  if (found.length === 0 && term.length >= 3) found = INDEX.filter((r) => r.terms.some((t) => t.startsWith(term)));
  return found.map((r) => `${r.type}/${r.id}`).sort();
}

/** Queries: hostile text, wildcards alone and around real terms, real terms, prefixes, GIDs, very long. */
const query: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString(30) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('%', '%%', '_', '__', '\\', '\\%', '*', '.*', '?', '[a-z]', "' OR 1=1 --", '%@example.com', '_187', '11%', ...INJECTIONS),
  },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_TERMS).chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))) },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_TERMS).map((t) => ` ${t.toUpperCase()}  `) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ALL_TERMS), fc.string({ unit: hostileChar, maxLength: 4 })).map(([t, x]) => `${t}${x}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('Order', 'Product', 'Company', 'Customer', 'Return', 'Shop'), fc.constantFrom('1001', '2001', '3001', '4001', '99', '1001x'))
      .map(([t, id]) => `gid://shopify/${t}/${id}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 5000 }).map((n) => 'q'.repeat(n)) },
);

/** A query as it reaches the server: percent-encoded (also as bytes that are not UTF-8), raw, or repeated. */
const url: fc.Arbitrary<{ url: string; q: string | undefined }> = fc.oneof(
  { weight: 6, arbitrary: query.map((q) => ({ url: `/api/lookup?q=${encode(q)}`, q: Buffer.from(q, 'utf8').toString('utf8') })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('%FF%FE', '%ED%A0%80ab', '%C0%AF%C0%AF', 'ab%', 'ab%2', '%%41', '%00%00', '%E2%82')
      .map((raw) => ({ url: `/api/lookup?q=${raw}`, q: undefined })),
  },
  { weight: 1, arbitrary: fc.tuple(query, query).map(([a, b]) => ({ url: `/api/lookup?q=${encode(a)}&q=${encode(b)}`, q: undefined })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('/api/lookup', '/api/lookup?', '/api/lookup?q', '/api/lookup?q=', '/api/lookup?Q=1187', '/api/lookup?q[]=1187', '/api/lookup?q[a]=1187')
      .map((u) => ({ url: u, q: undefined })),
  },
);

/** Percent-encodes the UTF-8 bytes (a lone surrogate goes as U+FFFD, which is what any client can send). */
function encode(q: string): string {
  return [...Buffer.from(q, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

describe('GET /api/lookup?q= under hostile queries', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = fuzzDir();
    cleanup = t.cleanup;
    deps = await buildDeps(
      testConfig({
        dir: t.dir,
        overrides: {
          shops: [{ domain: TEST_SHOP, apiSecret: TEST_SECRET }],
          server: { port: 0, apiToken: API_TOKEN },
          lookup: { ratePerMinute: 10_000_000, maxMatches: MAX },
        },
      }),
      silentLogger,
    );
    for (const r of INDEX)
      await deps.store.indexForLookup({ shop: TEST_SHOP, resourceType: r.type, resourceId: r.id, version: 1, title: r.title, terms: r.terms, links: [] });
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger, lookup: deps.lookup });
  });
  afterAll(async () => {
    console.log(`${count.summary()}; answers: ${[...answers].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    await app.close();
    await deps.close();
    cleanup();
  });

  it('answers 200 with exactly what the query names, or 400 REQUEST_INVALID; never 500', async () => {
    await fc.assert(
      fc.asyncProperty(url, async ({ url: u, q }) => {
        count.hit('lookup queries');
        const res = await app.inject({ method: 'GET', url: u, headers: { authorization: `Bearer ${API_TOKEN}` } });
        expect([200, 400], `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
        if (res.statusCode === 400) {
          const b = JSON.parse(res.body) as { code: keyof typeof ERRORS; error: string };
          expect(b.code).toBe('REQUEST_INVALID');
          expect(ERRORS[b.code].http).toBe(400);
          expect(b.error).toMatch(/^q: /);
        }
        const key = res.statusCode === 200 ? `200 ${(JSON.parse(res.body) as { matches: unknown[] }).matches.length > 0 ? 'found' : 'none'}` : '400';
        answers.set(key, (answers.get(key) ?? 0) + 1);
        if (q === undefined) {
          // Whatever the server made of the bytes, nothing may match that the decoded query would not name.
          if (res.statusCode === 200) {
            const b = JSON.parse(res.body) as { q: string; matches: Array<{ resourceType: string; resourceId: string }> };
            const want = expected(b.q);
            expect(b.matches.map((m) => `${m.resourceType}/${m.resourceId}`).sort()).toEqual(want === 'invalid' ? [] : want);
          }
          return;
        }
        const want = expected(q);
        if (want === 'invalid') {
          expect(res.statusCode).toBe(400);
          return;
        }
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        const b = JSON.parse(res.body) as { q: string; matches: Array<{ resourceType: string; resourceId: string }> };
        expect(b.q).toBe(q);
        expect(b.matches.map((m) => `${m.resourceType}/${m.resourceId}`).sort()).toEqual(want);
      }),
      count.params('lookup queries', 1000),
    );
  }, 120_000);

  it('a wildcard finds only what is written with it', async () => {
    count.hit('lookup queries');
    const find = async (q: string) =>
      (
        JSON.parse(
          (await app.inject({ method: 'GET', url: `/api/lookup?q=${encodeURIComponent(q)}`, headers: { authorization: `Bearer ${API_TOKEN}` } })).body,
        ) as { matches: Array<{ resourceId: string }> }
      ).matches.map((m) => m.resourceId);
    expect(await find('%%')).toEqual([]);
    expect(await find('__')).toEqual([]);
    expect(await find('.*')).toEqual(['3001']);
    expect(await find('50%')).toEqual(['2001']);
    expect(await find('a_b')).toEqual(['1002']);
    expect(await find('1%')).toEqual([]);
  });
});
