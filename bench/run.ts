/**
 * Benchmarks, run on demand (never in `npm test`): `npm run bench -- <name> [args]`.
 * Each prints its figures as JSON; BENCHMARKS.md records them with the command that made them.
 */
import { backfillBench } from './backfill.js';
import { emulatorScale } from './emulator-scale.js';
import { lookupBench } from './lookup.js';
import { syncRate } from './sync-rate.js';
import { uploadLarge } from './upload-large.js';
import { workerScaling } from './worker-scaling.js';

const BENCHES: Record<string, (args: string[]) => Promise<unknown>> = {
  'upload-large': (args) => uploadLarge(Number(args[0] ?? 200)),
  'sync-rate': (args) => syncRate(Number(args[0] ?? 400)),
  'emulator-scale': (args) => emulatorScale(args),
  backfill: (args) => backfillBench(args),
  lookup: (args) => lookupBench(Number(args[0] ?? 100_000), Number(args[1] ?? 2000)),
  'worker-scaling': (args) => workerScaling(args),
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [args]\n`);
  process.exitCode = 2;
} else {
  const result = await bench(args);
  process.stdout.write(`${JSON.stringify({ bench: name, node: process.version, ...(result as object) }, null, 2)}\n`);
}
