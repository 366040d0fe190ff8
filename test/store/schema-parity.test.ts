import { describe, expect, it } from 'vitest';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { BACKENDS, openTestBackend } from '../helpers/backends.js';

interface Shape {
  columns: Record<string, string[]>;
  indexes: string[];
}

/** The store's tables, their columns and their index names, read from the database itself. */
async function shapeOf(url: string): Promise<Shape> {
  const columns: Record<string, string[]> = {};
  const add = (table: string, column: string) => (columns[table] ??= []).push(column);
  let indexes: string[];
  if (url.startsWith('sqlite:')) {
    const db = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    try {
      const tables = db
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`)
        .all() as Array<{ name: string }>;
      // The embedded queue's table is the SQLite queue's (on PostgreSQL, graphile-worker's schema).
      for (const { name } of tables.filter((t) => t.name !== 'jobs'))
        for (const c of db.prepare(`select name from pragma_table_info(?)`).all(name) as Array<{ name: string }>) add(name, c.name);
      indexes = (
        db.prepare(`select name from sqlite_master where type = 'index' and sql is not null and tbl_name <> 'jobs'`).all() as Array<{ name: string }>
      ).map((r) => r.name);
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const cols = await client.query<{ t: string; c: string }>(
        `select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' and table_name not like 'kysely_%'`,
      );
      for (const r of cols.rows) add(r.t, r.c);
      // Indexes created by name (a primary key's or a column's unique index is named by PostgreSQL).
      const idx = await client.query<{ n: string }>(
        `select indexname as n from pg_indexes i where schemaname = 'public' and tablename not like 'kysely_%'
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      );
      indexes = idx.rows.map((r) => r.n);
    } finally {
      await client.end();
    }
  }
  for (const t of Object.keys(columns)) columns[t]?.sort();
  return { columns, indexes: indexes.sort() };
}

/** The PostgreSQL migrations (one fresh series) reach the schema the SQLite series reaches. */
describe.runIf(BACKENDS.includes('postgres') && BACKENDS.includes('sqlite'))('store schema on both backends', () => {
  it('has the same tables, columns and named indexes', async () => {
    const [lite, post] = await Promise.all([openTestBackend('sqlite'), openTestBackend('postgres')]);
    try {
      const [a, b] = await Promise.all([shapeOf(lite.url), shapeOf(post.url)]);
      expect(Object.keys(b.columns).sort()).toEqual(Object.keys(a.columns).sort());
      expect(b.columns).toEqual(a.columns);
      expect(b.indexes).toEqual(a.indexes);
      expect(a.indexes.length).toBeGreaterThan(15);
      expect(Object.keys(a.columns)).toHaveLength(18);
    } finally {
      await Promise.all([lite.cleanup(), post.cleanup()]);
    }
  });
});
