import { join } from 'node:path';
import { openBackend } from '../../src/store/index.js';
import type { Backend, QueueSettings } from '../../src/store/index.js';
import { tempDir } from './config.js';

/** Store and queue backends the conformance suites run against; narrow with STORES=sqlite. */
export const BACKENDS = (process.env.STORES ?? 'sqlite')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export async function openTestBackend(kind: string, queue: Partial<QueueSettings> = {}): Promise<Backend & { cleanup: () => Promise<void> }> {
  if (kind !== 'sqlite') throw new Error(`no test backend "${kind}" yet`);
  const t = tempDir();
  const backend = openBackend(`sqlite:${join(t.dir, 'store.db')}`, { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 8000, ...queue });
  await backend.store.migrate();
  return {
    ...backend,
    cleanup: async () => {
      await backend.store.close();
      t.cleanup();
    },
  };
}
