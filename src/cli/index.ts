import { ConfigError } from '../config/load.js';
import { IntegrationError } from '../errors.js';
import { backfillCommand } from './commands/backfill.js';
import { checkCommand } from './commands/check.js';
import { complianceCommand } from './commands/compliance.js';
import { demoCommand } from './commands/demo.js';
import { emulateCommand } from './commands/emulate.js';
import { migrateCommand } from './commands/migrate.js';
import { planCommand } from './commands/plan.js';
import { replayCommand } from './commands/replay.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { syncCommand } from './commands/sync.js';
import { verifyCommand } from './commands/verify.js';
import { webhooksCommand } from './commands/webhooks.js';

const USAGE = `Usage: shopify-xecm <command> [options]

Commands:
  demo [--orders N] [--once] [--json]     both emulators + connector on SQLite; the merchant acts through the Admin API
  serve [--role all|web|worker]           the connector (webhook intake, workers)
  emulate xecm|shopify [--port P] [--seed N] [--latency MS] …   an emulator alone (see \`emulate\` for its options)
  sync [--since ISO] [--shop DOMAIN]     reconcile with the Admin GraphQL API (catches missed webhooks)
  webhooks register|list [--url URL]      create / list the webhook subscriptions the configuration needs
  plan --topic T --payload FILE [--json]   what the rules would do with a delivery (dry run, writes nothing)
  check [--json]                          configuration, Content Server connectivity, the xECM model present
  status [--json]                         what the connector has done; queue, dead letters, last sync, xECM reachable; retention conflicts
  compliance report [--json]              every regulated product with its missing or expired documents (exit 1 if any)
  compliance check [--product ID] [--wait]   re-check product checklists now (jobs for the worker)
  replay JOB_ID… | --dead                 run dead letters (or finished jobs) again
  migrate                                 apply pending store migrations
  backfill [--from DATE] [--to DATE] [--shop DOMAIN]   archive historical orders through a bulk operation (resumable)
  verify [--order ID] [--since DATE] [--json]   re-hash every archived artifact in Content Server; exit 1 when any is missing, altered or unexpected

Common options:
  --config FILE                           configuration file (or SHOPIFY_XECM_CONFIG; default ./shopify-xecm.yaml)
`;

export type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  compliance: complianceCommand,
  demo: demoCommand,
  replay: replayCommand,
  serve: serveCommand,
  status: statusCommand,
  sync: syncCommand,
  webhooks: webhooksCommand,
  emulate: emulateCommand,
  migrate: migrateCommand,
  plan: planCommand,
  verify: verifyCommand,
  backfill: backfillCommand,
};

/** Runs one command; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    if (err instanceof IntegrationError) {
      process.stderr.write(`${err.code}: ${err.message}\n`);
      return 1;
    }
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
