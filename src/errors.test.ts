import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, IntegrationError, coerceError } from './errors.js';

/** docs/errors.md rows: | `CODE` | kind | retried | http | meaning | */
function documented(): Map<string, { kind: string; retryable: boolean; http: number | null }> {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { kind: string; retryable: boolean; http: number | null }>();
  for (const m of doc.matchAll(/^\| `([A-Z_]+)` \| (\w+) \| (yes|no) \| (\d{3}|—) \|/gm)) {
    rows.set(m[1] ?? '', { kind: m[2] ?? '', retryable: m[3] === 'yes', http: m[4] === '—' ? null : Number(m[4]) });
  }
  return rows;
}

describe('error registry', () => {
  it('is exactly what docs/errors.md documents: every code with its kind, retry and HTTP status', () => {
    const doc = documented();
    expect([...doc.keys()].sort()).toEqual(Object.keys(ERRORS).sort());
    for (const [code, spec] of Object.entries(ERRORS))
      expect({ code, ...doc.get(code) }).toEqual({ code, kind: spec.kind, retryable: spec.retryable, http: spec.http });
  });

  it('takes kind and retry from the registry at the throw site', () => {
    const e = new IntegrationError('WORKSPACE_NOT_READY', 'no workspace for shopify_order/1 yet');
    expect(e).toMatchObject({ code: 'WORKSPACE_NOT_READY', kind: 'operational', retryable: true, message: 'no workspace for shopify_order/1 yet' });
    expect(coerceError(new TypeError('boom'))).toMatchObject({ code: 'UNEXPECTED', kind: 'unexpected', retryable: false });
  });
});

describe('retries fit real outages', () => {
  it('retries a busy or locked store and a refused connection; an unknown error is not retried', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(coerceError(busy)).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, message: 'SQLITE_BUSY: database is locked' });
    expect(coerceError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retryable: true,
    });
    // A full disk or a read-only database (the operator frees space or restores permissions).
    for (const code of ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED'])
      expect(coerceError(Object.assign(new Error('sqlite'), { code }))).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    // PostgreSQL: a deadlock, a full disk, a read-only transaction, the server shutting down; a unique violation is not transient.
    for (const code of ['40P01', '53100', '25006', '57P01', '08006'])
      expect(coerceError(Object.assign(new Error('pg'), { code }))).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    expect(coerceError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toMatchObject({ code: 'UNEXPECTED', retryable: false });
    expect(coerceError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({
      code: 'NETWORK_UNAVAILABLE',
      retryable: true,
    });
    expect(coerceError(Object.assign(new Error('constraint failed'), { code: 'SQLITE_CONSTRAINT' }))).toMatchObject({ code: 'UNEXPECTED', retryable: false });
  });
});
