import type { z } from 'zod';
import type { FormValue, XecmClient } from './client.js';
import { parseResponse as parse } from './errors.js';

/** Where OTCS puts the page count: under `collection.paging` (nodes, holds) or top-level `paging` (related items). */
export interface PagedEnvelope {
  collection?: { paging: { page_total: number } };
  paging?: { page_total: number };
}

export interface PageParams<S extends z.ZodType<PagedEnvelope>, T> {
  /** Page size (`limit`). */
  limit: number;
  /** Query parameters besides `page` and `limit`. */
  query?: Record<string, FormValue>;
  /** Shape of one page's answer; every page is checked against it. */
  schema: S;
  /** The items of one page. */
  items: (page: z.output<S>) => T[];
}

/**
 * Walks an OTCS list endpoint page by page (GET with `page` from 1 and `limit`), yielding each
 * page's items. Stops after the last page (`page_total`), at an empty page, or when the answer
 * carries no paging at all.
 */
export async function* pages<S extends z.ZodType<PagedEnvelope>, T>(
  client: XecmClient,
  path: string,
  params: PageParams<S, T>,
): AsyncGenerator<T[], void, undefined> {
  for (let page = 1; ; page++) {
    const json = await client.request('GET', path, { query: { page, limit: params.limit, ...params.query } });
    const r = parse(params.schema, json, `GET ${path}`);
    const items = params.items(r);
    yield items;
    const paging = r.collection?.paging ?? r.paging;
    if (!paging || page >= paging.page_total || items.length === 0) return;
  }
}

/** All items of every page, in order. */
export async function allPages<S extends z.ZodType<PagedEnvelope>, T>(client: XecmClient, path: string, params: PageParams<S, T>): Promise<T[]> {
  const out: T[] = [];
  for await (const items of pages(client, path, params)) out.push(...items);
  return out;
}
