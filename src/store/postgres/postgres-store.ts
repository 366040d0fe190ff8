import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Migration, PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import { KyselyStore } from '../kysely-store.js';
import type { StoreDialect, StoreOptions, StoreQueue } from '../kysely-store.js';
import type { Database } from '../schema.js';
import * as m0001 from './migrations/0001-init.js';

/** Numbered migrations in PostgreSQL's dialect, compiled into the build (a series of their own). */
export const PG_MIGRATIONS: Record<string, Migration> = {
  '0001-init': m0001,
};

/** PostgreSQL's type OIDs the connector reads its own way. */
const OID = { int8: 20, numeric: 1700, json: 114, jsonb: 3802 } as const;

/** int8 (ids, epoch ms) as a JS number; beyond 2^53 it could not be exact, so it is refused. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`PostgreSQL bigint ${text} is beyond Number.MAX_SAFE_INTEGER`);
  return n;
}

/** numeric (what sum() of a bigint column gives) as a JS number, refused where a whole number would not be exact. */
export function parseNumeric(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (/^-?\d+$/.test(text) && !Number.isSafeInteger(n)))
    throw new RangeError(`PostgreSQL numeric ${text} does not fit a JS number exactly`);
  return n;
}

/**
 * The store's type parsers (never the process-wide `pg.types`): int8 and numeric as numbers (checked),
 * json and jsonb as their text, which the store parses itself, so ids in them stay as written.
 */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown => {
    if (format === undefined || format === 'text') {
      if (oid === OID.int8) return parseInt8;
      if (oid === OID.numeric) return parseNumeric;
      if (oid === OID.json || oid === OID.jsonb) return (text: string) => text;
    }
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
};

/** A pooled client whose queries (the store's, and the queue's in the store's transactions) read with PG_TYPES. */
class StoreClient implements PostgresPoolClient {
  readonly #client: PoolClient;
  constructor(client: PoolClient) {
    this.#client = client;
  }
  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(q: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof q !== 'string') throw new Error('the store does not stream query results');
    const values = parameters.map((v) => (typeof v === 'string' ? withoutNul(v) : v));
    return this.#client.query({ text: q, values, types: PG_TYPES }).then((r) => ({
      command: r.command as PostgresQueryResult<R>['command'],
      rowCount: r.rowCount ?? 0,
      rows: r.rows as R[],
    }));
  }
  release(destroy?: boolean): void {
    this.#client.release(destroy);
  }
}

/**
 * The store's view of the shared pool: the same connections, its own type parsers per query. The
 * pool itself keeps node-postgres's defaults, which graphile-worker (the queue and its runner on the
 * same pool) reads its own rows with.
 */
function storePool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<PoolClient, StoreClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = new StoreClient(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}

/**
 * Opens a pool on the PostgreSQL database at `url` (postgres://…) and the store's Kysely over it. The
 * one pool serves the store, the queue and its runner of this process; `db.destroy()` ends it.
 */
export function openPostgres(url: string, opts: { poolSize?: number } = {}): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle connection the server dropped (a restart, a failover) is discarded by the pool; without a
  // listener its error would end the process. The next query opens a new connection, or fails
  // (STORE_UNAVAILABLE) where it is reported.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: storePool(pool) }) }), pool };
}

/** SQLSTATEs of a transaction that lost a race and may run again: deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** What PostgreSQL spells its own way; see StoreDialect. */
export const POSTGRES_DIALECT: StoreDialect = {
  kind: 'postgres',
  migrations: PG_MIGRATIONS,
  containsLower: (column, needle) => sql<boolean>`strpos(lower(${sql.ref(column)}), ${needle}) > 0`,
  numberSet: (numbers) => sql<number>`(select unnest(${numbers}::bigint[]))`,
  retryable: (e) => e instanceof Error && 'code' in e && typeof e.code === 'string' && RETRYABLE.has(e.code),
  json: (value) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? withoutNul(v) : v)),
};

/**
 * PostgreSQL's text and jsonb hold no U+0000 (SQLite's do): it becomes U+FFFD, the replacement
 * character, in the store's text parameters and JSON. Bodies as signed never hold one (JSON escapes it).
 */
const withoutNul = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);

/** The queue engine on the same database (graphile-worker): it joins the store's transactions and installs its own schema. */
export type PostgresQueueSide = StoreQueue & { migrate(): Promise<void>; close(): Promise<void> };

/** The Store on PostgreSQL: the shared Kysely store (kysely-store.ts) with PostgreSQL's dialect. */
export class PostgresStore extends KyselyStore {
  declare readonly kind: 'postgres';
  readonly #queue: PostgresQueueSide;

  /** `queue` enqueues on this store's transactions and keeps its own tables in the same database. */
  constructor(db: Kysely<Database>, queue: PostgresQueueSide, opts: StoreOptions = {}) {
    super(db, POSTGRES_DIALECT, queue, opts);
    this.#queue = queue;
  }

  /** The store's migrations, then the queue's own (graphile-worker's schema). */
  override async migrate(): Promise<string[]> {
    const applied = await super.migrate();
    await this.#queue.migrate();
    return applied;
  }

  /** Releases the queue's utilities, then ends the pool (the caller has stopped the runner). */
  override async close(): Promise<void> {
    await this.#queue.close();
    await super.close();
  }
}
