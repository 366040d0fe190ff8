import { parseArgs } from 'node:util';
import { startShopifyEmulator } from '../../../emulators/shopify/index.js';
import { startXecmEmulator } from '../../../emulators/xecm/index.js';
import { createLogger } from '../../log.js';
import { untilSignal } from '../signals.js';

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer (got "${v}")`);
  return n;
}

const USAGE = `usage: shopify-xecm emulate xecm [--port P] [--cs-path /otcs/cs.exe] [--user U --password P] [--latency MS] [--faults SPEC] [--seed N] [--ticket-idle MS] [--db FILE]
       shopify-xecm emulate shopify [--port P] [--shop acme.myshopify.com] [--api-secret S] [--access-token T] [--seed N] [--orders N] [--latency MS] [--webhook-url URL] [--webhook-faults SPEC] [--db FILE]
`;

export async function emulateCommand(argv: string[]): Promise<number> {
  const [which, ...rest] = argv;
  if (which !== 'xecm' && which !== 'shopify') {
    process.stderr.write(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      // xECM
      'cs-path': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'ticket-idle': { type: 'string' },
      faults: { type: 'string' },
      // Shopify
      shop: { type: 'string' },
      'api-secret': { type: 'string' },
      'access-token': { type: 'string' },
      orders: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-faults': { type: 'string' },
    },
    strict: true,
  });
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
  const latencyMs = int('latency', values.latency);
  const seed = int('seed', values.seed);
  const common = {
    host: values.host,
    logger: log,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.db ? { dbPath: values.db } : {}),
  };
  let close: () => Promise<void>;
  if (which === 'xecm') {
    const ticketIdleMs = int('ticket-idle', values['ticket-idle']);
    const emu = await startXecmEmulator({
      ...common,
      port: int('port', values.port) ?? 8181,
      ...(values['cs-path'] ? { csPath: values['cs-path'] } : {}),
      ...(values.user ? { user: values.user } : {}),
      ...(values.password ? { password: values.password } : {}),
      ...(ticketIdleMs === undefined ? {} : { ticketIdleMs }),
      ...(values.faults ? { faults: values.faults } : {}),
    });
    process.stdout.write(`xECM emulator listening: XECM_URL=${emu.url}\n`);
    close = () => emu.close();
  } else {
    const orders = int('orders', values.orders);
    const emu = await startShopifyEmulator({
      ...common,
      port: int('port', values.port) ?? 8182,
      ...(values.shop ? { shop: values.shop } : {}),
      ...(values['api-secret'] ? { apiSecret: values['api-secret'] } : {}),
      ...(values['access-token'] ? { accessToken: values['access-token'] } : {}),
      ...(orders === undefined ? {} : { orders }),
      ...(values['webhook-url'] ? { webhookUrl: values['webhook-url'] } : {}),
      ...(values['webhook-faults'] ? { webhookFaults: values['webhook-faults'] } : {}),
    });
    process.stdout.write(`Shopify emulator listening: SHOPIFY_ADMIN_URL=${emu.url}\n`);
    close = () => emu.close();
  }
  await untilSignal();
  await close();
  return 0;
}
