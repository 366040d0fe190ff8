/**
 * A top-level connection over a whole table (orders, customers, disputes): searched and paged on the
 * table's sorted index, so a page costs its size plus log n instead of a filter and sort of the shop.
 * Answers exactly what `paginate(applySearch(table.rows, …).items, args, sortKey, view)` answers.
 */
import { paginateSorted } from '../paging.js';
import type { Connection, PageArgs } from '../paging.js';
import { compileSearch, searchRange } from '../search.js';
import type { FieldLookup } from '../search.js';
import type { Table } from '../state.js';
import type { SortSpec } from './search-fields.js';

export interface SortedConnectionSpec<T> {
  sort: SortSpec<T>;
  lookup: FieldLookup<T>;
  /** What a bare word searches. */
  text: (t: T) => string[];
  /** Receives the search's warnings (unknown fields) before the page is read. */
  onWarnings?: (query: string, warnings: Array<{ field: string; message: string }>) => void;
}

export function sortedConnection<T extends { id: number }, V>(
  table: Table<T>,
  args: PageArgs & { query?: unknown },
  spec: SortedConnectionSpec<T>,
  view: (t: T) => V,
): Connection<V> {
  const query = typeof args.query === 'string' ? args.query : null;
  const c = compileSearch(query, spec.lookup, spec.text, table.rows[0]);
  if (query && c.warnings.length > 0) spec.onWarnings?.(query, c.warnings);
  const range = spec.sort.rangeField === null ? { lower: [], upper: [] } : searchRange(c.root, spec.sort.rangeField, spec.lookup);
  return paginateSorted(table.sorted(spec.sort.name, spec.sort.value), args, { test: c.test, ...range }, view);
}
