/**
 * Benchmark: `backfill` of a seeded shop against both emulators (issue 11: rate, and the connector's
 * peak RSS, under 300 MB and flat from 10,000 to 100,000 orders). For each size, both emulators run
 * in this process and the connector is the real CLI in a child process (the compiled `dist/` when
 * built, else through tsx), on its own SQLite file, archiving only (the order and exception rules
 * off, so the figure is the archive's). The child's RSS is sampled from /proc every 500 ms; its peak
 * is the kernel's high-water mark (VmHWM). Then `verify` runs over the whole archive, timed too.
 *
 *   npm run bench -- backfill [SIZE[,SIZE…]]        (default 10000)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShopifyEmulator } from '../emulators/shopify/index.js';
import { startXecmEmulator } from '../emulators/xecm/index.js';
import { statusBytes } from './lib/proc.js';
import { ROOT, cliArgv } from './lib/spawn.js';

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<{ code: number | null; ms: number; peakMb: number; samples: Array<{ orders: number; rssMb: number }> }> {
  // BENCH_NODE_OPTIONS: flags for the connector's node (e.g. --max-old-space-size=128 to tell a leak
  // from a lazy collector, or --cpu-prof); bench/lib/spawn.ts puts them on its command line.
  const argv = cliArgv(args);
  const started = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MALLOC_'))), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peakKb = 0;
  let orders = 0;
  const samples: Array<{ orders: number; rssMb: number }> = [];
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    peakKb = Math.max(peakKb, statusBytes(child.pid, 'VmHWM') / 1024);
    const rss = statusBytes(child.pid, 'VmRSS');
    if (rss > 0) samples.push({ orders, rssMb: Math.round(rss / (1024 * 1024)) });
  }, 500);
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const m = /(?:orders|finishing) (\d+)/.exec(line);
      if (m) orders = Number(m[1]);
      onLine?.(line);
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ code, ms: Math.round(performance.now() - started), peakMb: Math.round(peakKb / 1024), samples });
    });
  });
}

async function one(orders: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-backfill-'));
  const seedStarted = performance.now();
  const shopify = await startShopifyEmulator({ host: '127.0.0.1', port: 0, orders, seed: 7 });
  const seedMs = Math.round(performance.now() - seedStarted);
  const xecm = await startXecmEmulator({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'xecm.db'), contentDir: join(dir, 'content') });
  const config = join(dir, 'shopify-xecm.yaml');
  writeFileSync(
    config,
    [
      'shops:',
      '  - domain: acme.myshopify.com',
      '    apiSecret: shpss_emulator_secret',
      '    accessToken: shpat_emulator_token',
      `    adminUrl: ${shopify.url}`,
      'xecm:',
      `  url: ${xecm.url}`,
      '  username: Admin',
      '  password: livelink',
      'database:',
      `  url: sqlite:${join(dir, 'connector.db')}`,
      'queue:',
      '  concurrency: 8',
      'model:',
      '  classificationId: 3200',
      'rules:',
      '  order-workspace:',
      '    enabled: false',
      '  exception-order:',
      '    enabled: false',
      '',
    ].join('\n'),
  );
  const env = { SHOPIFY_XECM_CONFIG: config, LOG_LEVEL: 'warn' };
  try {
    const b = await runCli(['backfill'], env, (line) => {
      if (/orders \d+0000\/|backfilled/.test(line)) process.stderr.write(`${line}\n`);
    });
    const v = await runCli(['verify', '--json'], env);
    const at = (fraction: number) => b.samples.find((s) => s.orders >= orders * fraction)?.rssMb;
    return {
      orders,
      seedMs,
      backfill: {
        exit: b.code,
        seconds: Math.round(b.ms / 100) / 10,
        ordersPerSecond: Math.round((orders / b.ms) * 10000) / 10,
        peakRssMb: b.peakMb,
        // The RSS sampled when the run had stored each tenth of the orders: flat or not.
        rssMbAt: Object.fromEntries([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((f) => [`${Math.round(f * 100)}%`, at(f)])),
      },
      verify: { exit: v.code, seconds: Math.round(v.ms / 100) / 10, peakRssMb: v.peakMb },
    };
  } finally {
    await shopify.close();
    await xecm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function backfillBench(args: string[]): Promise<unknown> {
  const sizes = (args.length > 0 ? args.join(',') : '10000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const runs = [];
  for (const n of sizes) runs.push(await one(n));
  return { runs };
}
