import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../log.js';
import { XecmClient } from './client.js';
import type { FetchFn } from './client.js';
import { NODE_TYPES } from './node-types.js';
import { allPages, pages } from './paging.js';

const cfg = { url: 'http://cs.test/otcs/cs.exe', username: 'Admin', password: 'pw', timeoutMs: 1000, maxConcurrency: 2, retries: 0, retryBaseMs: 1 };
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** A Content Server that answers list pages from `answer(page)` and records each list request's query. */
function server(answer: (page: number, url: URL) => unknown): { client: XecmClient; queries: string[] } {
  const queries: string[] = [];
  const f: FetchFn = async (input) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/v1/auth')) return json({ ticket: 'T' });
    queries.push(url.search);
    return json(answer(Number(url.searchParams.get('page')), url));
  };
  return { client: new XecmClient({ config: cfg, log: silentLogger, fetch: f }), queries };
}

const collectionPaged = z.object({
  results: z.array(z.object({ id: z.number() })),
  collection: z.object({ paging: z.object({ page: z.number(), page_total: z.number() }) }),
});
const topPaged = z.object({ results: z.array(z.object({ id: z.number() })), paging: z.object({ page: z.number(), page_total: z.number() }).optional() });

describe('pages', () => {
  it('walks collection.paging pages until page_total, page and limit first in the query', async () => {
    const s = server((page) => ({ results: [{ id: page * 10 }, { id: page * 10 + 1 }], collection: { paging: { page, page_total: 3 } } }));
    const ids = await allPages(s.client, '/v2/nodes/5/nodes', {
      limit: 2,
      query: { where_type: NODE_TYPES.folder },
      schema: collectionPaged,
      items: (r) => r.results.map((x) => x.id),
    });
    expect(ids).toEqual([10, 11, 20, 21, 30, 31]);
    expect(s.queries).toEqual(['?page=1&limit=2&where_type=0', '?page=2&limit=2&where_type=0', '?page=3&limit=2&where_type=0']);
  });

  it('stops at an empty page and when the answer has no paging', async () => {
    const empty = server((page) => ({ results: page === 1 ? [{ id: 1 }] : [], paging: { page, page_total: 9 } }));
    expect(await allPages(empty.client, '/v2/x', { limit: 1, schema: topPaged, items: (r) => r.results })).toEqual([{ id: 1 }]);
    expect(empty.queries).toHaveLength(2);
    const unpaged = server(() => ({ results: [{ id: 7 }] }));
    expect(await allPages(unpaged.client, '/v2/y', { limit: 500, schema: topPaged, items: (r) => r.results })).toEqual([{ id: 7 }]);
    expect(unpaged.queries).toHaveLength(1);
  });

  it('yields page by page and checks every page against the schema', async () => {
    const s = server((page) => (page === 1 ? { results: [{ id: 1 }], paging: { page, page_total: 2 } } : { results: 'nope' }));
    const seen: number[][] = [];
    const walk = async () => {
      for await (const items of pages(s.client, '/v2/z', { limit: 1, schema: topPaged, items: (r) => r.results.map((x) => x.id) })) seen.push(items);
    };
    await expect(walk()).rejects.toMatchObject({ code: 'XECM_UNAVAILABLE' });
    expect(seen).toEqual([[1]]);
  });
});
