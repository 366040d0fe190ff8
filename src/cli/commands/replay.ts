import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { SqlQueue, queueOptionsFrom } from '../../queue/sql-queue.js';
import { openStore } from '../../store/index.js';
import { replay } from '../../ops/replay.js';

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' }, dead: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const ids = positionals.map(Number);
  if (!values.dead && (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0))) throw new Error('usage: shopify-xecm replay JOB_ID… | --dead');
  const config = loadConfig(values.config ? { path: values.config } : {});
  const store = openStore(config.database.url, { maxAttempts: config.queue.maxAttempts });
  try {
    await store.migrate();
    const r = await replay(new SqlQueue(store.db, queueOptionsFrom(config.queue)), values.dead ? { dead: true } : { jobIds: ids });
    process.stdout.write(`${r.requeued} dead letter(s) requeued, ${r.copied} finished job(s) queued again; a running \`serve\` picks them up.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
