/**
 * Relay connections with opaque keyset cursors, as Shopify pages: a cursor names the last item's
 * sort value and id, so paging stays correct while records change between pages.
 */
import { GraphQLError } from 'graphql';

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  /** Bulk operations read whole connections, without page limits. */
  __all?: boolean;
}

export type SortValue = number | string;

export interface Connection<V> extends Record<string, unknown> {
  edges: Array<{ __typename?: string; cursor: string; node: V }>;
  nodes: V[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Shopify's page size limit for connections. */
export const MAX_PAGE_SIZE = 250;

export function encodeCursor(id: number, value: SortValue): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString('base64');
}

function decodeCursor(c: string): { id: number; value: SortValue } {
  try {
    const j = JSON.parse(Buffer.from(c, 'base64').toString('utf8')) as { last_id?: unknown; last_value?: unknown };
    if (typeof j.last_id === 'number' && (typeof j.last_value === 'number' || typeof j.last_value === 'string')) return { id: j.last_id, value: j.last_value };
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
}

function cmp(a: [SortValue, number], b: [SortValue, number]): number {
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  return a[1] - b[1];
}

/** Checks first/last like Shopify does (one of them is required, at most 250). */
export function pageSize(args: PageArgs): number {
  if (args.__all) return Number.MAX_SAFE_INTEGER;
  const { first, last } = args;
  if (first == null && last == null) throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  if (first != null && last != null) throw new GraphQLError('providing both first and last is not supported', { extensions: { code: 'BAD_REQUEST' } });
  const n = (first ?? last) as number;
  if (n < 0) throw new GraphQLError(`${first != null ? 'first' : 'last'} must be non-negative`, { extensions: { code: 'BAD_REQUEST' } });
  if (n > MAX_PAGE_SIZE)
    throw new GraphQLError(`The ${first != null ? 'first' : 'last'} argument must be less than or equal to ${MAX_PAGE_SIZE}.`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  return n;
}

/**
 * Pages `items`: sorted by (sortValue, id), `reverse` flips the order, `after`/`before` are keyset
 * positions, `first`/`last` slice. `view` builds the GraphQL object of one item.
 */
export function paginate<T, V>(
  items: readonly T[],
  args: PageArgs,
  key: (t: T) => [SortValue, number],
  view: (t: T) => V,
  edgeTypename?: string,
): Connection<V> {
  const n = pageSize(args);
  const dir = args.reverse ? -1 : 1;
  const keyed = items.map((t) => ({ t, k: key(t) }));
  keyed.sort((a, b) => dir * cmp(a.k, b.k));
  // Keys are unique (the id breaks ties), so the cursors are positions found by binary search and a
  // page costs the sort, not a scan per cursor.
  const firstAfter = (c: [SortValue, number], strict: boolean): number => {
    let lo = 0;
    let hi = keyed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = dir * cmp((keyed[mid] as { k: [SortValue, number] }).k, c);
      if (d > 0 || (!strict && d === 0)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let start = 0;
  let end = keyed.length;
  if (args.after) {
    const c = decodeCursor(args.after);
    start = firstAfter([c.value, c.id], true);
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    end = Math.max(start, firstAfter([c.value, c.id], false));
  }
  const from = args.last != null ? Math.max(start, end - n) : start;
  const to = args.last != null ? end : Math.min(end, start + n);
  const slice = keyed.slice(from, to);
  const edges = slice.map((x) => ({ ...(edgeTypename ? { __typename: edgeTypename } : {}), cursor: encodeCursor(x.k[1], x.k[0]), node: view(x.t) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: slice.length > 0 && to < keyed.length,
      hasPreviousPage: slice.length > 0 && from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Records sorted ascending by (sort value, id), with their sort values alongside (`Table.sorted`). */
export interface SortedRows<T> {
  readonly rows: readonly T[];
  readonly values: readonly SortValue[];
}

export interface SortedPageOptions<T> {
  /** The record test of the search; null keeps every record. */
  test: ((t: T) => boolean) | null;
  /** Monotone tests that bound the matches (see `searchRange`): `lower` false→true, `upper` true→false. */
  lower?: ReadonlyArray<(t: T) => boolean>;
  upper?: ReadonlyArray<(t: T) => boolean>;
}

/**
 * What `paginate(sorted.rows.filter(test), args, …)` answers — the same edges, cursors and
 * pageInfo — without filtering or sorting the collection: the range tests and the cursors are
 * found by binary search, and only the records from the page's start to its last item (and then
 * to the next and previous match, for hasNextPage/hasPreviousPage) are tested. A page of a range
 * costs its own size plus log n; a search that matches few records still scans until it has found
 * its page.
 */
export function paginateSorted<T extends { id: number }, V>(
  sorted: SortedRows<T>,
  args: PageArgs,
  opts: SortedPageOptions<T>,
  view: (t: T) => V,
  edgeTypename?: string,
): Connection<V> {
  const n = pageSize(args);
  const { rows, values } = sorted;
  const len = rows.length;
  const dir = args.reverse ? -1 : 1;
  // Logical positions run in page order: ascending, or descending when `reverse`.
  const phys = (j: number): number => (dir > 0 ? j : len - 1 - j);
  const keyAt = (j: number): [SortValue, number] => {
    const i = phys(j);
    return [values[i] as SortValue, (rows[i] as T).id];
  };
  const firstPhys = (pred: (t: T) => boolean): number => {
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(rows[mid] as T)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // The range every match lies in, physical [pLo, pHi), then logical [rLo, rHi).
  let pLo = 0;
  let pHi = len;
  for (const p of opts.lower ?? []) pLo = Math.max(pLo, firstPhys(p));
  for (const p of opts.upper ?? [])
    pHi = Math.min(
      pHi,
      firstPhys((t) => !p(t)),
    );
  if (pHi < pLo) pHi = pLo;
  const rLo = dir > 0 ? pLo : len - pHi;
  const rHi = dir > 0 ? pHi : len - pLo;
  const firstAfter = (c: [SortValue, number], strict: boolean): number => {
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = dir * cmp(keyAt(mid), c);
      if (d > 0 || (!strict && d === 0)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let start = 0;
  let end = len;
  if (args.after) {
    const c = decodeCursor(args.after);
    start = firstAfter([c.value, c.id], true);
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    end = Math.max(start, firstAfter([c.value, c.id], false));
  }
  const wLo = Math.max(start, rLo);
  const wHi = Math.min(end, rHi);
  const test = opts.test;
  const matches = (j: number): boolean => test === null || test(rows[phys(j)] as T);
  const page: number[] = [];
  if (args.last != null) {
    for (let j = wHi - 1; j >= wLo && page.length < n; j--) if (matches(j)) page.push(j);
    page.reverse();
  } else {
    for (let j = wLo; j < wHi && page.length < n; j++) if (matches(j)) page.push(j);
  }
  const firstJ = page[0];
  const lastJ = page[page.length - 1];
  let hasNextPage = false;
  let hasPreviousPage = false;
  if (firstJ !== undefined && lastJ !== undefined) {
    for (let j = lastJ + 1; j < rHi && !hasNextPage; j++) hasNextPage = matches(j);
    for (let j = firstJ - 1; j >= rLo && !hasPreviousPage; j--) hasPreviousPage = matches(j);
  }
  const edges = page.map((j) => {
    const [value, id] = keyAt(j);
    return { ...(edgeTypename ? { __typename: edgeTypename } : {}), cursor: encodeCursor(id, value), node: view(rows[phys(j)] as T) };
  });
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
