/**
 * Benchmark: webhook intake (issue 15). `POST /webhooks/shopify` of the real connector (`serve --role
 * web` on its own SQLite file: the signature checked, the delivery and its jobs committed with
 * synchronous=FULL, then 200) beside a bare Node `http` server that only checks the HMAC and answers
 * 200 (bench/lib/bare-server.ts), in one run, under one generator (bench/lib/load.ts: undici's Pool,
 * keep-alive connections, distinct pre-signed orders/create deliveries of about 8 KB).
 *
 * For each server: a warm-up, then the capacity (closed loop over CONNECTIONS connections) with the
 * server's CPU per delivery, then a sweep of offered rates (open loop; latency counted from when a
 * request was due). The connector runs twice: with group commit (the default) and without
 * (`database.groupCommit: false`: one transaction per delivery), and once on PostgreSQL (a fresh
 * database, when PostgreSQL is reachable). Beside them, SQLite's own commit
 * bound on this disk: commits per second of one ~8 KB row each, and rows per second when commits
 * carry several.
 *
 *   npm run bench -- intake [--connections 50] [--count 20000] [--rates 250,500,1000,2000,4000,8000] [--seconds 4]
 *
 * Writes bench/results/intake.json and bench/results/intake.svg (rate and p99 against offered load).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { TEST_SECRET, TEST_SHOP } from '../test/helpers/config.js';
import { createScaleDatabase, postgresReachable } from '../test/helpers/scale.js';
import { renderSvg, sweepChart } from './lib/chart.js';
import type { SweepPoint } from './lib/chart.js';
import { orderDeliveries } from './lib/deliveries.js';
import { Feed, offer, openPool, saturate } from './lib/load.js';
import type { LoadResult, Prepared } from './lib/load.js';
import { cpuSeconds, machine } from './lib/proc.js';
import { ROOT, cliArgv, startChild } from './lib/spawn.js';
import type { Child } from './lib/spawn.js';

const RESULTS = join(ROOT, 'bench/results');
const PATH = '/webhooks/shopify';
/** Targets from issue 15. */
export const TARGETS = { ofBare: 0.5, p99MsAt1000: 25 } as const;

export type ServerKind = 'bare' | 'connector' | 'connector-no-group-commit' | 'connector-postgres';
const LABEL: Record<ServerKind, string> = {
  bare: 'bare Node http (HMAC only)',
  connector: 'connector (SQLite)',
  'connector-no-group-commit': 'connector (SQLite), one commit per delivery',
  'connector-postgres': 'connector (PostgreSQL)',
};

/** A fresh data folder beside the project (the disk a deployment's ./data is on; /tmp may differ). */
export function dataDir(): string {
  mkdirSync(join(ROOT, 'data'), { recursive: true });
  return mkdtempSync(join(ROOT, 'data', 'bench-intake-'));
}

/** `databaseUrl`: the connector's store (default: a SQLite file in `dir`). */
export async function startServer(kind: ServerKind, dir: string, databaseUrl?: string): Promise<Child> {
  if (kind === 'bare') return startChild(['--import', 'tsx', join(ROOT, 'bench/lib/bare-server.ts')], { SECRET: TEST_SECRET });
  const cfg = join(dir, 'shopify-xecm.yaml');
  writeFileSync(cfg, ['database:', `  groupCommit: ${kind !== 'connector-no-group-commit'}`, ''].join('\n'));
  return startChild(cliArgv(['serve', '--role', 'web']), {
    SHOPIFY_XECM_CONFIG: cfg,
    SHOPIFY_SHOP_DOMAIN: TEST_SHOP,
    SHOPIFY_API_SECRET: TEST_SECRET,
    DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'shopify-xecm.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
  });
}

/** SQLite's commit bound on this disk: WAL, synchronous=FULL, rows the size of a delivery. */
export function sqliteCommitBound(dir: string, body: Buffer, seconds = 2): Array<{ rowsPerCommit: number; commitsPerSecond: number; rowsPerSecond: number }> {
  const db = new SQLite(join(dir, 'commit-bound.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, body text not null)');
  const insert = db.prepare('insert into t (body) values (?)');
  const text = body.toString();
  const out: Array<{ rowsPerCommit: number; commitsPerSecond: number; rowsPerSecond: number }> = [];
  for (const rowsPerCommit of [1, 4, 16, 64]) {
    const commit = db.transaction(() => {
      for (let i = 0; i < rowsPerCommit; i++) insert.run(text);
    });
    let commits = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      commit();
      commits++;
    }
    const s = (performance.now() - start) / 1000;
    out.push({ rowsPerCommit, commitsPerSecond: Math.round(commits / s), rowsPerSecond: Math.round((commits * rowsPerCommit) / s) });
  }
  db.close();
  return out;
}

/** What a PostgreSQL store holds: its deliveries, and the jobs graphile-worker keeps. */
async function storedInPostgres(url: string): Promise<{ deliveries: number; jobs: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const d = await c.query<{ n: string }>('select count(*) as n from deliveries');
    const j = await c.query<{ n: string }>('select count(*) as n from graphile_worker.jobs');
    return { deliveries: Number(d.rows[0]?.n ?? 0), jobs: Number(j.rows[0]?.n ?? 0) };
  } finally {
    await c.end();
  }
}

/** Counts what the connector's database holds (after it stopped): acknowledged must equal stored. */
export function storedDeliveries(dir: string): { deliveries: number; jobs: number } {
  const db = new SQLite(join(dir, 'shopify-xecm.db'), { readonly: true });
  try {
    const d = (db.prepare('select count(*) as n from deliveries').get() as { n: number }).n;
    const j = (db.prepare('select count(*) as n from jobs').get() as { n: number }).n;
    return { deliveries: d, jobs: j };
  } finally {
    db.close();
  }
}

interface ServerRun {
  server: ServerKind;
  label: string;
  capacity: LoadResult & { cpuMsPerDelivery: number };
  sweep: Array<LoadResult & { offered: number; saturated: boolean }>;
  stored?: { deliveries: number; jobs: number; acknowledged: number };
}

async function runServer(
  kind: ServerKind,
  o: { connections: number; count: number; rates: number[]; seconds: number; warmup: number },
  items: Prepared[],
): Promise<ServerRun> {
  const dir = dataDir();
  const pgDb = kind === 'connector-postgres' ? await createScaleDatabase('postgres') : undefined;
  const server = await startServer(kind, dir, pgDb?.url);
  const pool = openPool(server.url, o.connections);
  // The bare server stores nothing, so it may see a delivery twice; the connector must never (a
  // second sending would be a cheaper duplicate), so its feed is the run's own distinct deliveries.
  const feed = new Feed(items);
  try {
    await saturate(pool, PATH, feed, { connections: o.connections, count: o.warmup });
    const cpu0 = cpuSeconds(server.pid);
    const capacity = await saturate(pool, PATH, feed, { connections: o.connections, count: o.count });
    const cpuMsPerDelivery = Number((((cpuSeconds(server.pid) - cpu0) * 1000) / capacity.answered).toFixed(3));
    process.stderr.write(`${kind}: capacity ${capacity.rate}/s p50 ${capacity.p50} p99 ${capacity.p99} ms, ${cpuMsPerDelivery} ms CPU per delivery\n`);
    const sweep: ServerRun['sweep'] = [];
    for (const rate of o.rates) {
      const r = await offer(pool, PATH, feed, { rate, seconds: o.seconds, maxBacklog: 4 * o.connections * 10 });
      process.stderr.write(`${kind}: offered ${rate}/s → ${r.rate}/s p50 ${r.p50} p99 ${r.p99} max ${r.max} ms${r.saturated ? ' (saturated)' : ''}\n`);
      sweep.push(r);
    }
    await pool.close();
    await server.stop();
    const run: ServerRun = { server: kind, label: LABEL[kind], capacity: { ...capacity, cpuMsPerDelivery }, sweep };
    if (kind !== 'bare') {
      const acknowledged = [capacity, ...sweep].reduce((n, r) => n + (r.statuses['200'] ?? 0), 0) + o.warmup;
      run.stored = { ...(pgDb ? await storedInPostgres(pgDb.url) : storedDeliveries(dir)), acknowledged };
    }
    return run;
  } finally {
    await pool.close().catch(() => undefined);
    await server.stop();
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function intakeBench(argv: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: argv,
    options: {
      connections: { type: 'string', default: '50' },
      count: { type: 'string', default: '20000' },
      rates: { type: 'string', default: '250,500,1000,2000,4000,8000' },
      seconds: { type: 'string', default: '4' },
      servers: { type: 'string', default: 'bare,connector,connector-no-group-commit,connector-postgres' },
    },
    strict: true,
  });
  const o = {
    connections: Number(values.connections),
    count: Number(values.count),
    rates: values.rates.split(',').map(Number),
    seconds: Number(values.seconds),
    warmup: 2000,
  };
  const servers = values.servers.split(',') as ServerKind[];
  if (servers.includes('connector-postgres')) {
    const reach = await postgresReachable();
    if (!reach.ok) {
      process.stderr.write(`PostgreSQL is not reachable (${reach.reason}): the connector-postgres run is left out\n`);
      servers.splice(servers.indexOf('connector-postgres'), 1);
    }
  }
  // Enough distinct deliveries for the busiest server: warm-up, capacity and every offered rate in full.
  const needed = o.warmup + o.count + o.rates.reduce((n, r) => n + Math.round(r * o.seconds), 0);
  const t0 = performance.now();
  const items = orderDeliveries(needed, `intake-${Date.now()}`);
  const meanBytes = Math.round(items.reduce((n, p) => n + p.body.length, 0) / items.length);
  process.stderr.write(`prepared ${needed} signed deliveries (mean ${meanBytes} bytes) in ${Math.round(performance.now() - t0)} ms\n`);

  const dir = dataDir();
  const commitBound = sqliteCommitBound(dir, items[0]?.body ?? Buffer.alloc(8000));
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`SQLite commit bound: ${JSON.stringify(commitBound)}\n`);

  const runs: ServerRun[] = [];
  for (const kind of servers) runs.push(await runServer(kind, o, items));

  const bare = runs.find((r) => r.server === 'bare');
  const conn = runs.find((r) => r.server === 'connector');
  const noGroup = runs.find((r) => r.server === 'connector-no-group-commit');
  const onPostgres = runs.find((r) => r.server === 'connector-postgres');
  const at1000 = (r: ServerRun | undefined) => r?.sweep.find((s) => s.offered === 1000);
  const ratio = bare && conn ? Number((conn.capacity.rate / bare.capacity.rate).toFixed(3)) : undefined;
  const p99At1000 = at1000(conn)?.p99;
  const result = {
    machine: machine(),
    settings: { ...o, meanBodyBytes: meanBytes, connectorRole: 'web', database: 'SQLite, WAL, synchronous=FULL', logLevel: 'info' },
    sqliteCommitBound: commitBound,
    runs,
    headline: {
      connectorPerSecond: conn?.capacity.rate,
      barePerSecond: bare?.capacity.rate,
      ofBare: ratio,
      ofBareTarget: TARGETS.ofBare,
      ofBareMet: ratio !== undefined ? ratio >= TARGETS.ofBare : undefined,
      p99MsAtOffered1000: p99At1000,
      p99Target: TARGETS.p99MsAt1000,
      p99Met: p99At1000 !== undefined ? p99At1000 < TARGETS.p99MsAt1000 && at1000(conn)?.saturated === false : undefined,
      groupCommitGain: conn && noGroup ? Number((conn.capacity.rate / noGroup.capacity.rate).toFixed(2)) : undefined,
      commitsPerSecondOneRow: commitBound[0]?.commitsPerSecond,
      postgresPerSecond: onPostgres?.capacity.rate,
      postgresOfBare: bare && onPostgres ? Number((onPostgres.capacity.rate / bare.capacity.rate).toFixed(3)) : undefined,
    },
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'intake.json'), `${JSON.stringify(result, null, 2)}\n`);
  const points: SweepPoint[] = runs.flatMap((r) => r.sweep.map((s) => ({ server: r.label, offered: s.offered, rate: s.rate, p99: s.p99 })));
  writeFileSync(
    join(RESULTS, 'intake.svg'),
    await renderSvg(
      sweepChart(points, {
        title: `Webhook intake on loopback, ${o.connections} connections, ~${Math.round(meanBytes / 100) / 10} KB orders`,
        p99TargetMs: TARGETS.p99MsAt1000,
      }),
    ),
  );
  return result;
}
