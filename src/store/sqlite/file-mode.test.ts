import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/config.js';
import { openSqlite } from './sqlite-store.js';

const mode = (p: string) => statSync(p).mode & 0o777;

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

describe('openSqlite', () => {
  it('creates the database folder and files readable by the owner only', async () => {
    const t = tempDir();
    dirs.push(t.cleanup);
    const folder = join(t.dir, 'data', 'nested');
    const path = join(folder, 'shopify-xecm.db');
    const previous = process.umask(0o002);
    let db;
    try {
      db = openSqlite(path);
      await sql`create table t (x text)`.execute(db);
      await sql`insert into t values ('Dana Whitfield')`.execute(db);
    } finally {
      process.umask(previous);
    }
    expect(mode(join(t.dir, 'data'))).toBe(0o700);
    expect(mode(folder)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    await db.destroy();
  });
});
