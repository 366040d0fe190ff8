/**
 * Shopify search syntax (the `query:` argument): `field:value`, comparators `:>`, `:>=`, `:<`, `:<=`,
 * quoted values, `prefix*`, `AND` (implicit), `OR`, `NOT` / `-term`, parentheses, bare words.
 * https://shopify.dev/docs/api/usage/search-syntax
 */

export type Comparator = '=' | '>' | '>=' | '<' | '<=';

export interface Term {
  kind: 'term';
  field: string | null;
  op: Comparator;
  value: string;
}
export type SearchNode = Term | { kind: 'and' | 'or'; items: SearchNode[] } | { kind: 'not'; item: SearchNode };

/** A record field value as search sees it: dates as epoch ms (`date`), numbers, strings, lists. */
export type FieldValue = { date: number } | number | string | boolean | null | ReadonlyArray<string>;

/** Per resource: the value of a search field, or undefined when the field is not searchable. */
export type FieldLookup<T> = (rec: T, field: string) => FieldValue | undefined;

function tokenize(q: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push(c);
      i++;
      continue;
    }
    let tok = '';
    while (i < q.length && !/[\s()]/.test(q[i] ?? '')) {
      const ch = q[i] ?? '';
      if (ch === "'" || ch === '"') {
        const end = q.indexOf(ch, i + 1);
        const stop = end < 0 ? q.length : end;
        tok += q.slice(i, stop + 1);
        i = stop + 1;
      } else {
        tok += ch;
        i++;
      }
    }
    out.push(tok);
  }
  return out;
}

const unquote = (v: string): string => (/^(['"]).*\1$/s.test(v) && v.length >= 2 ? v.slice(1, -1) : v).replace(/\\(.)/g, '$1');

function parseTerm(tok: string): Term {
  const m = /^([A-Za-z_][\w.]*):(.*)$/s.exec(tok);
  if (!m) return { kind: 'term', field: null, op: '=', value: unquote(tok) };
  let rest = m[2] ?? '';
  let op: Comparator = '=';
  for (const c of ['>=', '<=', '>', '<'] as const) {
    if (rest.startsWith(c)) {
      op = c;
      rest = rest.slice(c.length);
      break;
    }
  }
  return { kind: 'term', field: (m[1] ?? '').toLowerCase(), op, value: unquote(rest) };
}

/** Parses a search string; never throws (unbalanced parentheses are closed implicitly). */
export function parseSearch(q: string): SearchNode | null {
  const toks = tokenize(q);
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  function orExpr(): SearchNode | null {
    const items: SearchNode[] = [];
    const first = andExpr();
    if (first) items.push(first);
    while (peek() === 'OR') {
      pos++;
      const n = andExpr();
      if (n) items.push(n);
    }
    return items.length === 0 ? null : items.length === 1 ? (items[0] ?? null) : { kind: 'or', items };
  }
  function andExpr(): SearchNode | null {
    const items: SearchNode[] = [];
    for (;;) {
      const t = peek();
      if (t === undefined || t === ')' || t === 'OR') break;
      if (t === 'AND') {
        pos++;
        continue;
      }
      const n = unary();
      if (n) items.push(n);
    }
    return items.length === 0 ? null : items.length === 1 ? (items[0] ?? null) : { kind: 'and', items };
  }
  function unary(): SearchNode | null {
    const t = peek();
    if (t === undefined) return null;
    pos++;
    if (t === 'NOT') {
      const n = unary();
      return n ? { kind: 'not', item: n } : null;
    }
    if (t === '(') {
      const n = orExpr();
      if (peek() === ')') pos++;
      return n;
    }
    if (t.startsWith('-') && t.length > 1) return { kind: 'not', item: parseTerm(t.slice(1)) };
    return parseTerm(t);
  }
  return orExpr();
}

/** A search's date values, parsed once (a filter is matched against every record of the shop). */
const parsedDates = new Map<string, { ms: number; dayOnly: boolean } | null>();

function parseDate(v: string): { ms: number; dayOnly: boolean } | null {
  const known = parsedDates.get(v);
  if (known !== undefined || parsedDates.has(v)) return known ?? null;
  let d: { ms: number; dayOnly: boolean } | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) d = { ms: Date.parse(`${v}T00:00:00Z`), dayOnly: true };
  else {
    const ms = Date.parse(v);
    d = Number.isNaN(ms) ? null : { ms, dayOnly: false };
  }
  if (parsedDates.size > 1000) parsedDates.clear();
  parsedDates.set(v, d);
  return d;
}

function compare(a: number, b: number, op: Comparator): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    default:
      return a === b;
  }
}

function matchValue(v: FieldValue, t: Term): boolean {
  if (v === null) return t.value === '' || t.value.toLowerCase() === 'null';
  if (typeof v === 'object' && 'date' in v) {
    const d = parseDate(t.value);
    if (!d) return false;
    // Shopify shows seconds; compare at that precision.
    const rec = Math.floor(v.date / 1000) * 1000;
    if (d.dayOnly && t.op === '=') return rec >= d.ms && rec < d.ms + 86_400_000;
    if (d.dayOnly && t.op === '>') return rec >= d.ms + 86_400_000;
    if (d.dayOnly && t.op === '<=') return rec < d.ms + 86_400_000;
    return compare(rec, d.ms, t.op);
  }
  if (typeof v === 'number') {
    const n = Number(t.value);
    return Number.isFinite(n) && compare(v, n, t.op);
  }
  if (typeof v === 'boolean') return String(v) === t.value.toLowerCase();
  const wanted = t.value.toLowerCase();
  const eq = (s: string): boolean => {
    const x = s.toLowerCase();
    if (t.op !== '=') return compare(x.localeCompare(wanted), 0, t.op);
    return wanted.endsWith('*') ? x.startsWith(wanted.slice(0, -1)) : x === wanted;
  };
  if (Array.isArray(v)) return v.some((s: string) => eq(s));
  return eq(v as string);
}

export interface SearchResult<T> {
  items: T[];
  /** Fields Shopify would answer with "Invalid search field for this query." */
  warnings: Array<{ field: string; message: string }>;
}

/** A parsed search: its record test (null when the search keeps every record) and its warnings. */
export interface CompiledSearch<T> {
  root: SearchNode | null;
  test: ((rec: T) => boolean) | null;
  warnings: Array<{ field: string; message: string }>;
}

/**
 * Compiles a search string. Unknown fields are ignored (true for every record) and reported, like
 * Shopify; whether a field is known does not depend on the record, so `probe` (any record of the
 * collection) decides it once. With no record there is nothing to report.
 */
export function compileSearch<T>(
  query: string | null | undefined,
  lookup: FieldLookup<T>,
  defaultText: (rec: T) => string[],
  probe: T | undefined,
): CompiledSearch<T> {
  const warnings: Array<{ field: string; message: string }> = [];
  const root = query && query.trim() ? parseSearch(query) : null;
  if (!root) return { root: null, test: null, warnings };
  const unknown = new Set<string>();
  const walk = (n: SearchNode): void => {
    if (n.kind === 'and' || n.kind === 'or') n.items.forEach(walk);
    else if (n.kind === 'not') walk(n.item);
    else if (n.kind === 'term' && n.field !== null && probe !== undefined && lookup(probe, n.field) === undefined) unknown.add(n.field);
  };
  walk(root);
  const test = (rec: T, n: SearchNode): boolean => {
    switch (n.kind) {
      case 'and':
        return n.items.every((i) => test(rec, i));
      case 'or':
        return n.items.some((i) => test(rec, i));
      case 'not':
        return !test(rec, n.item);
      default: {
        if (n.field === null) {
          const w = n.value.toLowerCase().replace(/\*$/, '');
          return defaultText(rec).some((s) => s.toLowerCase().includes(w));
        }
        const v = lookup(rec, n.field);
        if (v === undefined) return true;
        // `tag_not:x` and friends: true when the value does NOT match.
        return n.field.endsWith('_not') ? !matchValue(v, n) : matchValue(v, n);
      }
    }
  };
  for (const f of unknown) warnings.push({ field: f, message: 'Invalid search field for this query.' });
  return { root, test: (rec) => test(rec, root), warnings };
}

/** Filters records by a search string. Unknown fields are ignored (and reported), like Shopify. */
export function applySearch<T>(
  items: readonly T[],
  query: string | null | undefined,
  lookup: FieldLookup<T>,
  defaultText: (rec: T) => string[],
): SearchResult<T> {
  const c = compileSearch(query, lookup, defaultText, items[0]);
  return { items: c.test ? items.filter(c.test) : [...items], warnings: c.warnings };
}

/**
 * The range a search puts on one field, as monotone record tests: each `lower` test is false then
 * true along the field's ascending order, each `upper` test true then false. Only the terms every
 * match must meet count (the top-level AND); `field:=v` is `field:>=v field:<=v`. Meant for a field
 * whose value is a date or a number that rises with the sort order (dates compare at seconds,
 * which keeps them monotone), so that an index sorted on it can find the range by binary search.
 */
export function searchRange<T>(
  root: SearchNode | null,
  field: string,
  lookup: FieldLookup<T>,
): { lower: Array<(rec: T) => boolean>; upper: Array<(rec: T) => boolean> } {
  const lower: Array<(rec: T) => boolean> = [];
  const upper: Array<(rec: T) => boolean> = [];
  const on =
    (t: Term) =>
    (rec: T): boolean => {
      const v = lookup(rec, field);
      return v !== undefined && matchValue(v, t);
    };
  const visit = (n: SearchNode): void => {
    if (n.kind === 'and') n.items.forEach(visit);
    if (n.kind !== 'term' || n.field !== field) return;
    if (n.op === '>' || n.op === '>=' || n.op === '=') lower.push(on(n.op === '=' ? { ...n, op: '>=' } : n));
    if (n.op === '<' || n.op === '<=' || n.op === '=') upper.push(on(n.op === '=' ? { ...n, op: '<=' } : n));
  };
  if (root) visit(root);
  return { lower, upper };
}
