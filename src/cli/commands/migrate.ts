import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { openBackend } from '../../store/index.js';

export async function migrateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } }, strict: true });
  const config = loadConfig(values.config ? { path: values.config } : {});
  const { store } = openBackend(config.database.url, config.queue);
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'store is up to date\n');
  } finally {
    await store.close();
  }
  return 0;
}
