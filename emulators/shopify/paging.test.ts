import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrder, touchOrder } from './domain.js';
import { sortedConnection } from './graphql/connections.js';
import { orderFields, orderSort, sortKeyOf } from './graphql/search-fields.js';
import { encodeCursor, paginate } from './paging.js';
import type { PageArgs, SortValue } from './paging.js';
import { applySearch } from './search.js';
import { SEED_END, seedShop } from './seed.js';
import { emptyShopData, ShopState, Table } from './state.js';
import type { OrderRec } from './types.js';

const SORT_KEYS = [undefined, 'ID', 'UPDATED_AT', 'CREATED_AT', 'PROCESSED_AT', 'ORDER_NUMBER', 'PO_NUMBER', 'RELEVANCE'] as const;
const text = (o: OrderRec): string[] => [o.name, o.email ?? '', ...o.tags];

/** What the emulator answered before the sorted index: filter the whole shop, then sort and slice. */
function naive(s: ShopState, args: PageArgs & { query?: string; sortKey?: string }): unknown {
  const found = applySearch(s.data.orders, args.query, orderFields(s), text);
  return paginate(found.items, args, sortKeyOf(args.sortKey), (o) => o.id);
}

function indexed(s: ShopState, args: PageArgs & { query?: string; sortKey?: string }): unknown {
  return sortedConnection(s.orders, args, { sort: orderSort(args.sortKey), lookup: orderFields(s), text }, (o) => o.id);
}

const outcome = (f: () => unknown): unknown => {
  try {
    return { ok: f() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
};

/** A date search value near `ms`: ISO with or without milliseconds, or the day alone. */
const dateValue = (ms: number, form: number): string => {
  const iso = new Date(ms).toISOString();
  return form === 0 ? `'${iso}'` : form === 1 ? `${iso.slice(0, 19)}Z` : iso.slice(0, 10);
};

type Action =
  | { kind: 'touch'; pick: number }
  | { kind: 'create'; tag: string; back: number }
  | { kind: 'edit'; pick: number; field: 'updatedAt' | 'createdAt' | 'processedAt' | 'poNumber'; like: number; delta: number }
  | { kind: 'query'; q: QuerySpec };

interface QuerySpec {
  sortKey: (typeof SORT_KEYS)[number];
  reverse: boolean;
  last: boolean;
  n: number;
  /** The first term searches the sort's own field (the range the index answers by binary search). */
  onSort: boolean;
  terms: Array<{ field: string; op: string; pick: number; delta: number; form: number }>;
  joiner: 'AND' | 'OR' | ' ';
  negateFirst: boolean;
  after: { pick: number; delta: number } | null;
  before: { pick: number; delta: number } | null;
}

const termArb = fc.record({
  field: fc.constantFrom('updated_at', 'created_at', 'processed_at', 'id', 'tag', 'financial_status', 'status', 'word', 'unknown_field'),
  op: fc.constantFrom(':', ':>', ':>=', ':<', ':<='),
  pick: fc.nat(),
  delta: fc.integer({ min: -3_000, max: 3_000 }),
  form: fc.integer({ min: 0, max: 2 }),
});

const queryArb: fc.Arbitrary<QuerySpec> = fc.record({
  sortKey: fc.constantFrom(...SORT_KEYS),
  reverse: fc.boolean(),
  last: fc.boolean(),
  n: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(250)),
  onSort: fc.boolean(),
  terms: fc.array(termArb, { maxLength: 3 }),
  joiner: fc.constantFrom('AND' as const, 'OR' as const, ' ' as const),
  negateFirst: fc.boolean(),
  after: fc.option(fc.record({ pick: fc.nat(), delta: fc.integer({ min: -1, max: 1 }) }), { nil: null }),
  before: fc.option(fc.record({ pick: fc.nat(), delta: fc.integer({ min: -1, max: 1 }) }), { nil: null }),
});

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('query' as const), q: queryArb }) },
  fc.record({ kind: fc.constant('touch' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('create' as const), tag: fc.constantFrom('B2B', 'custom', 'vip'), back: fc.integer({ min: 0, max: 5 }) }),
  fc.record({
    kind: fc.constant('edit' as const),
    pick: fc.nat(),
    field: fc.constantFrom('updatedAt' as const, 'createdAt' as const, 'processedAt' as const, 'poNumber' as const),
    like: fc.nat(),
    delta: fc.integer({ min: -2, max: 2 }),
  }),
);

function pickOrder(s: ShopState, i: number): OrderRec {
  return s.data.orders[i % s.data.orders.length] as OrderRec;
}

/** The search string and page arguments of a spec, with values taken from the shop's own records. */
function argsOf(s: ShopState, q: QuerySpec): PageArgs & { query?: string; sortKey?: string } {
  const own = orderSort(q.sortKey).rangeField;
  const terms = q.onSort && own !== null && q.terms[0] ? [{ ...q.terms[0], field: own }, ...q.terms.slice(1)] : q.terms;
  const parts = terms.map((t) => {
    const o = pickOrder(s, t.pick);
    switch (t.field) {
      case 'updated_at':
        return `updated_at${t.op}${dateValue(o.updatedAt + t.delta, t.form)}`;
      case 'created_at':
        return `created_at${t.op}${dateValue(o.createdAt + t.delta, t.form)}`;
      case 'processed_at':
        return `processed_at${t.op}${dateValue(o.processedAt + t.delta, t.form)}`;
      case 'id':
        return `id${t.op}${o.id + Math.sign(t.delta)}`;
      case 'tag':
        return `tag:${o.tags[0] ?? 'B2B'}`;
      case 'financial_status':
        return `financial_status:${o.financialStatus}`;
      case 'status':
        return t.form === 0 ? 'status:open' : 'status:closed';
      case 'word':
        return o.name.slice(0, 3 + (t.pick % 3));
      default:
        return 'unknown_field:x';
    }
  });
  if (q.negateFirst && parts[0]) parts[0] = `-${parts[0]}`;
  const query =
    parts.length === 0 ? undefined : q.joiner === 'OR' && parts.length > 2 ? `(${parts[0]} OR ${parts[1]}) ${parts[2]}` : parts.join(` ${q.joiner} `);
  const value = orderSort(q.sortKey).value;
  const cursor = (c: { pick: number; delta: number }): string => {
    const o = pickOrder(s, c.pick);
    const v: SortValue = value(o);
    return encodeCursor(o.id + c.delta, typeof v === 'number' ? v + c.delta : v);
  };
  return {
    ...(q.last ? { last: q.n } : { first: q.n }),
    reverse: q.reverse,
    ...(q.sortKey ? { sortKey: q.sortKey } : {}),
    ...(query ? { query } : {}),
    ...(q.after ? { after: cursor(q.after) } : {}),
    ...(q.before ? { before: cursor(q.before) } : {}),
  };
}

describe('orders paged on the sorted index', () => {
  it('answer exactly what filtering and sorting the whole shop answers, across changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(actionArb, { minLength: 1, maxLength: 25 }),
        (seed, orders, actions) => {
          let clock = SEED_END + 86_400_000;
          const s = new ShopState('acme.myshopify.com', () => (clock += 1_000), emptyShopData());
          seedShop(s, { seed, orders });
          for (const a of actions) {
            if (a.kind === 'query') {
              if (s.data.orders.length === 0) continue;
              const args = argsOf(s, a.q);
              expect(outcome(() => indexed(s, args))).toEqual(outcome(() => naive(s, args)));
              // Walking on from where the page ended gives the same next page too.
              const page = outcome(() => indexed(s, args)) as { ok?: { pageInfo: { endCursor: string | null } } };
              const end = page.ok?.pageInfo.endCursor;
              if (end) {
                const next = { ...args, after: end, before: null };
                expect(outcome(() => indexed(s, next))).toEqual(outcome(() => naive(s, next)));
              }
            } else if (a.kind === 'touch') {
              if (s.data.orders.length > 0) touchOrder(pickOrder(s, a.pick), s.now());
              s.save();
            } else if (a.kind === 'create') {
              const variant = s.data.products[0]?.variants[0];
              createOrder(
                s,
                { customerId: null, lineItems: [{ variantId: variant?.id ?? null, quantity: 1 }], tags: [a.tag], processedAt: SEED_END - a.back * 3_600_000 },
                s.now(),
              );
              s.save();
            } else if (s.data.orders.length > 0) {
              // A change the emulator never makes (values move back, ties appear): the index must follow once told.
              const o = pickOrder(s, a.pick);
              const like = pickOrder(s, a.like);
              if (a.field === 'poNumber') o.poNumber = like.poNumber;
              else o[a.field] = like[a.field] + a.delta;
              s.touch();
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a table index right through inserts, value changes and removals', () => {
    type Rec = { id: number; v: number };
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('insert' as const), v: fc.integer({ min: 0, max: 20 }) }),
            fc.record({ op: fc.constant('set' as const), i: fc.nat(), v: fc.integer({ min: 0, max: 20 }) }),
            fc.record({ op: fc.constant('remove' as const), i: fc.nat() }),
            fc.record({ op: fc.constant('read' as const) }),
          ),
          { maxLength: 60 },
        ),
        (ops) => {
          let version = 0;
          let nextId = 1;
          const t = new Table<Rec>([], () => version);
          for (const op of ops) {
            if (op.op === 'insert') t.insert({ id: nextId++, v: op.v });
            else if (op.op === 'set' && t.size > 0) {
              (t.rows[op.i % t.size] as Rec).v = op.v;
              version++;
            } else if (op.op === 'remove' && t.size > 0) t.remove((t.rows[op.i % t.size] as Rec).id);
            else {
              const got = t.sorted('v', (r) => r.v);
              const want = [...t.rows].sort((a, b) => a.v - b.v || a.id - b.id);
              expect(got.rows).toEqual(want);
              expect(got.values).toEqual(want.map((r) => r.v));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
