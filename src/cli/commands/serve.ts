import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { startConnector } from '../../runtime.js';
import type { Role } from '../../runtime.js';
import { untilSignal } from '../signals.js';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' }, config: { type: 'string' } }, strict: true });
  const role = values.role as Role;
  if (!['all', 'web', 'worker'].includes(role)) throw new Error(`--role must be all, web or worker (got "${values.role}")`);
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), shops: role !== 'worker', xecm: role !== 'web' });
  const log = createLogger({ level: config.log.level });
  const deps = await buildDeps(config, log);
  const running = await startConnector(deps, role);
  const signal = await untilSignal();
  log.info({ signal }, 'stopping');
  await running.stop();
  await deps.close();
  return 0;
}
