import { isAbsolute, resolve } from 'node:path';
import { ERROR_CODES, IntegrationError } from '../errors.js';
import type { Store } from './store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export type { Store } from './store.js';

/** Opens the store named by DATABASE_URL (`sqlite:PATH` relative to cwd, or `postgres://…`). */
export function openStore(databaseUrl: string, opts: { maxAttempts: number; cwd?: string }): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const raw = databaseUrl.slice('sqlite:'.length);
    const path = raw === ':memory:' || isAbsolute(raw) ? raw : resolve(opts.cwd ?? process.cwd(), raw);
    return new SqliteStore({ path, maxAttempts: opts.maxAttempts });
  }
  throw new IntegrationError(
    `DATABASE_URL ${databaseUrl.split('://')[0]}://… is not supported yet: the PostgreSQL backend arrives with the scale-out work; use sqlite:PATH`,
    { code: ERROR_CODES.CONFIG_INVALID, kind: 'user', retryable: false },
  );
}
