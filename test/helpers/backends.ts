import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from './config.js';

/** Store backends the conformance suites run against; narrow with STORES=sqlite. */
export const BACKENDS = (process.env.STORES ?? 'sqlite').split(',').map((s) => s.trim()).filter(Boolean);

export async function openTestStore(kind: string, maxAttempts = 3): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (kind !== 'sqlite') throw new Error(`no test backend "${kind}" yet`);
  const t = tempDir();
  const store = openStore(`sqlite:${join(t.dir, 'store.db')}`, { maxAttempts });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      t.cleanup();
    },
  };
}
