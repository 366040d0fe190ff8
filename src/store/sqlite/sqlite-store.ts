import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Migration, SqliteDatabase } from 'kysely';
import type { QueueHousekeeping, TransactionalEnqueue } from '../../queue/queue.js';
import type { QueueSchema } from '../../queue/sqlite/sqlite-queue.js';
import { keptStatements } from '../../util/kept-statements.js';
import { KyselyStore } from '../kysely-store.js';
import type { StoreDialect, StoreOptions } from '../kysely-store.js';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001-init.js';
import * as m0002 from './migrations/0002-events.js';
import * as m0003 from './migrations/0003-audit.js';
import * as m0004 from './migrations/0004-pending-relations.js';
import * as m0005 from './migrations/0005-outcomes-and-epoch-times.js';
import * as m0006 from './migrations/0006-privacy.js';
import * as m0007 from './migrations/0007-timelines.js';
import * as m0008 from './migrations/0008-archive.js';
import * as m0009 from './migrations/0009-product-compliance.js';
import * as m0010 from './migrations/0010-lookup.js';

/** Numbered migrations, compiled into the build (no files to copy next to dist/). */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-events': m0002,
  '0003-audit': m0003,
  '0004-pending-relations': m0004,
  '0005-outcomes-and-epoch-times': m0005,
  '0006-privacy': m0006,
  '0007-timelines': m0007,
  '0008-archive': m0008,
  '0009-product-compliance': m0009,
  '0010-lookup': m0010,
};

/**
 * Opens the SQLite file with the pragmas the connector relies on. WAL lets readers run beside the
 * writer. Commits are synced two ways (decision 0021): intake's with synchronous=FULL, so a webhook
 * is answered 200 only once its delivery is on disk (DESIGN.md §4 "Nothing lost"; SQLITE_DIALECT
 * .durably); every other commit (the workers' bookkeeping, the audit, sync) with synchronous=NORMAL,
 * synced at the next FULL commit or checkpoint. A power cut can then take back the last of those,
 * never a part of one: WAL keeps them in order, so the file is as it was a moment earlier and the
 * jobs of that moment run again, finding in xECM what they had done (DESIGN.md §4 "Exactly-once").
 */
export function openSqlite(path: string): Kysely<Database> {
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) {
    // The database holds webhook payloads (customers' names, addresses): readable by the owner only.
    // A folder or file that already exists keeps the mode it was given.
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  if (onDisk) {
    // SQLite gives -wal and -shm the database file's mode; they are narrowed here too in case the
    // file was there before (an existing database file itself keeps its mode).
    for (const f of [`${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  }
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Statements kept prepared; past this, the least recently used is dropped. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query's SQL anew; a delivery's inserts are the same few
 * statements every time, so the prepared ones are kept (util/kept-statements.ts). Kept: plain data
 * statements, and the two `synchronous` pragmas intake sets around each of its transactions
 * (SQLITE_DIALECT.durably); other pragmas and DDL are prepared each time.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const kept = keptStatements(
    (source) => sqlite.prepare(source),
    size,
    (source) => /^\s*(select|insert|update|delete|with|pragma synchronous)\b/i.test(source),
  );
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare: kept.prepare,
  };
}

/**
 * The queue's view of the same database: one SQLite file holds the store's tables and the queue's
 * `jobs` (created by the store's migrations). Each side types only its own tables, hence the cast.
 */
export const asQueueDb = (db: Kysely<Database>): Kysely<QueueSchema> => db as unknown as Kysely<QueueSchema>;

/** What SQLite spells its own way; see StoreDialect. */
export const SQLITE_DIALECT: StoreDialect = {
  kind: 'sqlite',
  migrations: MIGRATIONS,
  containsLower: (column, needle) => sql<boolean>`instr(lower(${sql.ref(column)}), ${needle}) > 0`,
  numberSet: (numbers) => sql<number>`(select value from json_each(${JSON.stringify(numbers)}))`,
  retryable: () => false,
  json: (value) => JSON.stringify(value),
  // One connection per process: the pragma and the transaction hold it together, so no other
  // transaction commits under FULL by mistake, nor this one under NORMAL.
  durably: (db, run) =>
    db.connection().execute(async (conn) => {
      await sql`pragma synchronous = FULL`.execute(conn);
      try {
        return await run(conn);
      } finally {
        await sql`pragma synchronous = NORMAL`.execute(conn);
      }
    }),
};

type SqliteQueueSide = TransactionalEnqueue<Kysely<QueueSchema>> & QueueHousekeeping<Kysely<QueueSchema>>;

/** The Store on one SQLite file: the shared Kysely store (kysely-store.ts) with SQLite's dialect. */
export class SqliteStore extends KyselyStore {
  declare readonly kind: 'sqlite';

  /** `queue` enqueues on this store's transactions (queue/sqlite shares the file). */
  constructor(db: Kysely<Database>, queue: SqliteQueueSide, opts: StoreOptions = {}) {
    super(
      db,
      SQLITE_DIALECT,
      {
        enqueueIn: (trx, jobs, now) => queue.enqueueIn(asQueueDb(trx), jobs, now),
        payloadNumbersIn: (trx, field) => queue.payloadNumbersIn(asQueueDb(trx), field),
        removeWaitingIn: (trx, prefix) => queue.removeWaitingIn(asQueueDb(trx), prefix),
      },
      opts,
    );
  }
}
