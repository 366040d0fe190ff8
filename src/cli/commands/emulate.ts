import { parseArgs } from 'node:util';
import { startXecmEmulator } from '../../../emulators/xecm/index.js';
import { createLogger } from '../../log.js';
import { untilSignal } from '../signals.js';

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer (got "${v}")`);
  return n;
}

export async function emulateCommand(argv: string[]): Promise<number> {
  const [which, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'cs-path': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      latency: { type: 'string' },
      'ticket-idle': { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  if (which !== 'xecm') {
    process.stderr.write(which === 'shopify' ? 'emulate shopify: not available in this build yet (the Shopify emulator arrives with the Shopify work)\n' : 'usage: shopify-xecm emulate xecm [--port P] …\n');
    return 2;
  }
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  const port = int('port', values.port) ?? 8181;
  const latencyMs = int('latency', values.latency);
  const ticketIdleMs = int('ticket-idle', values['ticket-idle']);
  const emu = await startXecmEmulator({
    host: values.host,
    port,
    logger: log,
    ...(values['cs-path'] ? { csPath: values['cs-path'] } : {}),
    ...(values.user ? { user: values.user } : {}),
    ...(values.password ? { password: values.password } : {}),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(ticketIdleMs === undefined ? {} : { ticketIdleMs }),
    ...(values.db ? { dbPath: values.db } : {}),
  });
  process.stdout.write(`xECM emulator listening: XECM_URL=${emu.url}\n`);
  await untilSignal();
  await emu.close();
  return 0;
}
