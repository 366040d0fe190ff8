/**
 * Benchmarks, run on demand (never in `npm test`):
 *   npm run bench                    every benchmark below, in order, with its default arguments
 *   npm run bench -- <name> [args]   one of them
 * `npm run bench` builds `dist/` first: the connector runs as a deployment runs it. Each benchmark
 * prints its progress on stderr and its figures as JSON on stdout, and writes them to
 * bench/results/<name>.json; BENCHMARKS.md records them with the command that made them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backfillBench } from './backfill.js';
import { e2eBench } from './e2e.js';
import { emulatorScale } from './emulator-scale.js';
import { intakeBench } from './intake.js';
import { intakeMemoryBench } from './intake-memory.js';
import { machine } from './lib/proc.js';
import { ROOT } from './lib/spawn.js';
import { lookupBench } from './lookup.js';
import { writeSummary } from './summary.js';
import { syncRate } from './sync-rate.js';
import { uploadLarge } from './upload-large.js';
import { workerScaling } from './worker-scaling.js';

/** Every benchmark, in the order `npm run bench` runs them (cheap and headline ones first). */
const BENCHES: Record<string, (args: string[]) => Promise<unknown>> = {
  intake: (args) => intakeBench(args),
  'intake-memory': (args) => intakeMemoryBench(args),
  e2e: (args) => e2eBench(args),
  'worker-scaling': (args) => workerScaling(args),
  backfill: (args) => backfillBench(args),
  lookup: (args) => lookupBench(Number(args[0] ?? 100_000), Number(args[1] ?? 2000)),
  'sync-rate': (args) => syncRate(Number(args[0] ?? 400)),
  'upload-large': (args) => uploadLarge(Number(args[0] ?? 200)),
  'emulator-scale': (args) => emulatorScale(args),
};

async function runOne(name: string, args: string[]): Promise<void> {
  const bench = BENCHES[name];
  if (!bench) throw new Error(`unknown benchmark "${name}"`);
  const started = new Date();
  process.stderr.write(`\n== ${name} ${args.join(' ')}\n`);
  const result = await bench(args);
  const out = {
    bench: name,
    command: `npm run bench -- ${[name, ...args].join(' ')}`.trim(),
    at: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    machine: machine(),
    ...(result as object),
  };
  const text = `${JSON.stringify(out, null, 2)}\n`;
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', `${name}.json`), text);
  process.stdout.write(text);
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
  const failed: string[] = [];
  for (const n of Object.keys(BENCHES)) {
    try {
      await runOne(n, []);
    } catch (err) {
      // One benchmark failing does not hide the others' figures; the run still fails at the end.
      failed.push(n);
      process.stderr.write(`${n} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
  }
  process.stderr.write(`\n${writeSummary()}`);
  if (failed.length > 0) {
    process.stderr.write(`failed: ${failed.join(', ')}\n`);
    process.exitCode = 1;
  }
} else if (name === 'summary') {
  process.stdout.write(writeSummary());
} else if (!BENCHES[name]) {
  process.stderr.write(`usage: npm run bench [-- <${Object.keys(BENCHES).join('|')}|summary> [args]]\n`);
  process.exitCode = 2;
} else {
  await runOne(name, args);
}
