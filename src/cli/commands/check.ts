import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { buildDeps, requireXecm } from '../../deps.js';
import { createLogger } from '../../log.js';
import { runCheck } from '../../ops/check.js';

export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig({ ...(values.config ? { path: values.config } : {}), xecm: true });
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildDeps(config, log);
  try {
    const { xecm, workspaces } = requireXecm(deps);
    const items = await runCheck(config, xecm, workspaces);
    const ok = items.every((i) => i.ok);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok, items })}\n`);
    } else {
      for (const i of items) process.stdout.write(`${i.ok ? (i.warn ? 'WARN' : 'ok  ') : 'FAIL'}  ${i.area.padEnd(6)} ${i.name}: ${i.detail}\n`);
      const warned = items.filter((i) => i.warn).map((i) => i.name);
      process.stdout.write(
        ok
          ? warned.length === 0
            ? 'The xECM model is present.\n'
            : `The xECM model is present; ${warned.join(', ')} lack(s) attributes the rules write, which will be skipped (model.strictAttributes: true refuses them).\n`
          : `Problems: ${items
              .filter((i) => !i.ok)
              .map((i) => i.name)
              .join(', ')}\n`,
      );
    }
    return ok ? 0 : 1;
  } finally {
    await deps.close();
  }
}
