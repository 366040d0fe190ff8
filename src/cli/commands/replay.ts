import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { replay } from '../../ops/replay.js';
import { openBackend } from '../../store/index.js';

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, dead: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.dead && positionals.length === 0) throw new Error('usage: shopify-xecm replay JOB_ID… | --dead');
  const config = loadConfig(values.config ? { path: values.config } : {});
  const { store, queue } = openBackend(config.database.url, config.queue);
  try {
    await store.migrate();
    const r = await replay({ store, queue }, values.dead ? { dead: true } : { jobIds: positionals });
    process.stdout.write(`${r.requeued} dead letter(s) requeued, ${r.copied} finished job(s) queued again; a running \`serve\` picks them up.\n`);
    if (r.unknown.length > 0) {
      process.stderr.write(`no dead letter or finished job with id ${r.unknown.join(', ')}\n`);
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}
