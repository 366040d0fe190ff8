import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

export const TEST_SHOP = 'acme-industrial.myshopify.com';
export const TEST_SECRET = 'test-client-secret-0123456789';

/** A temporary directory removed by the returned cleanup. */
export function tempDir(prefix = 'sxecm-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A validated config for tests: one shop, the given xECM URL, SQLite in `dir`, fast queue timings. */
export function testConfig(opts: { dir: string; xecmUrl?: string; overrides?: Record<string, unknown> }): Readonly<Config> {
  return loadConfig({
    env: {},
    cwd: opts.dir,
    overrides: {
      shops: [{ domain: TEST_SHOP, apiSecret: TEST_SECRET }],
      ...(opts.xecmUrl ? { xecm: { url: opts.xecmUrl, username: 'Admin', password: 'livelink', retryBaseMs: 20 } } : {}),
      database: { url: `sqlite:${join(opts.dir, 'test.db')}` },
      server: { port: 0 },
      queue: { backoffBaseMs: 50, backoffMaxMs: 500, pollIntervalMs: 50, lockTimeoutMs: 2000 },
      log: { level: 'silent' },
      // The archive (job 7) has suites of its own (test/e2e/archive.test.ts, backfill.test.ts).
      archive: { enabled: false },
      ...opts.overrides,
    },
  });
}
