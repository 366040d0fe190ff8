import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openBackend } from '../../src/store/index.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/postgres-store.js';
import type { Backend, QueueSettings } from '../../src/store/index.js';
import { tempDir } from './config.js';

/**
 * The PostgreSQL server the postgres leg runs on (trust auth; a database is created per test backend).
 * Without a user in the URL, PGUSER or USER, the user is whoever runs the tests (as for psql).
 */
export const PG_TEST_URL = withUser(process.env.PG_TEST_URL ?? 'postgres://127.0.0.1:5432/test');

function withUser(raw: string): string {
  const url = new URL(raw);
  if (url.username || process.env.PGUSER || process.env.USER) return raw;
  url.username = userInfo().username;
  return url.toString();
}

/** Whether PostgreSQL answers, asked once per test file (short timeout: a missing server must not stall the suite). */
async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const requested = (process.env.STORES ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const pgProblem = requested.includes('postgres') ? await probePostgres() : undefined;
if (pgProblem !== undefined) {
  const message = `PostgreSQL not reachable at ${PG_TEST_URL} (${pgProblem})`;
  // CI must run both legs (.ci/run sets REQUIRE_POSTGRES): a missing server there is a failure, not a skip.
  if (process.env.REQUIRE_POSTGRES || (process.env.CI && process.env.CI !== 'false'))
    throw new Error(`${message}: the postgres leg of the store/queue conformance suites cannot run (REQUIRE_POSTGRES or CI is set)`);
  console.warn(`${message}: the postgres leg of the store/queue conformance suites is skipped (set PG_TEST_URL, or STORES=sqlite)`);
}

/** Store and queue backends the conformance suites run against: sqlite and postgres; narrow with STORES=sqlite. */
export const BACKENDS = requested.filter((k) => k !== 'postgres' || pgProblem === undefined);

const QUEUE: QueueSettings = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000 };

export interface TestBackend extends Backend {
  /** The DATABASE_URL it was opened with. */
  url: string;
  /** Another backend on the same database (as a second connector process would open it); migrated. */
  openAnother(queue?: Partial<QueueSettings>): Promise<Backend>;
  /** Closes this backend and every other one opened on its database, and removes the database. */
  cleanup: () => Promise<void>;
}

async function adminQuery(url: string, text: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The postgres leg's database: one per test file, migrated once (the store's tables and
 * graphile-worker's schema take ~0.6 s; a database cloned per test ~0.4 s), emptied after each test
 * (TRUNCATE, ~20 ms) and dropped after the file.
 */
let fileDatabase: Promise<string> | undefined;
function sharedDatabase(): Promise<string> {
  fileDatabase ??= (async () => {
    const name = `sxt_${randomBytes(6).toString('hex')}`;
    await adminQuery(PG_TEST_URL, `create database ${name}`);
    const b = openBackend(databaseUrl(name), QUEUE, { poolSize: 2 });
    try {
      await b.store.migrate();
    } finally {
      await b.store.close();
    }
    return name;
  })();
  return fileDatabase;
}
if (BACKENDS.includes('postgres'))
  afterAll(async () => {
    const name = await fileDatabase?.catch(() => undefined);
    if (name) await adminQuery(PG_TEST_URL, `drop database if exists ${name} with (force)`);
  });

/**
 * Empties the database as a fresh one: every store table and graphile-worker's jobs and job queues
 * (ids restart at 1), and a migration row a test added; the schema and the task names stay.
 */
async function emptyDatabase(url: string): Promise<void> {
  const tables = await adminQuery(
    url,
    `select format('%I.%I', schemaname, tablename) as t from pg_tables
      where (schemaname = 'public' and tablename not like 'kysely_migration%')
         or (schemaname = 'graphile_worker' and tablename in ('_private_jobs', '_private_job_queues', 'connector_pools'))`,
  );
  await adminQuery(url, `truncate ${tables.map((r) => String(r.t)).join(', ')} restart identity cascade`);
  await adminQuery(
    url,
    `delete from kysely_migration where name not in (${Object.keys(PG_MIGRATIONS)
      .map((n) => `'${n}'`)
      .join(', ')})`,
  );
}

function databaseUrl(name: string): string {
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database: a file in a temporary folder, or the file's PostgreSQL database, emptied afterwards. */
export async function createDatabase(kind: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const t = tempDir();
    return { url: `sqlite:${join(t.dir, 'store.db')}`, drop: () => Promise.resolve(t.cleanup()) };
  }
  if (kind === 'postgres') {
    const url = databaseUrl(await sharedDatabase());
    return { url, drop: () => emptyDatabase(url) };
  }
  throw new Error(`no test backend "${kind}"`);
}

export async function openTestBackend(kind: string, queue: Partial<QueueSettings> = {}): Promise<TestBackend> {
  const { url, drop } = await createDatabase(kind);
  const opened: Backend[] = [];
  const open = async (q: Partial<QueueSettings>): Promise<Backend> => {
    const backend = openBackend(url, { ...QUEUE, ...q }, { poolSize: 4 });
    opened.push(backend);
    await backend.store.migrate();
    return backend;
  };
  const backend = await open(queue);
  return {
    ...backend,
    url,
    openAnother: (q = queue) => open(q),
    cleanup: async () => {
      for (const b of opened.splice(0)) await b.store.close();
      await drop();
    },
  };
}

/** Runs SQL on a test backend's database behind the interfaces (e.g. a migration row from a newer release). */
export async function execOn(url: string, statement: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const db = new SQLite(url.slice('sqlite:'.length));
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
