/**
 * Scale-out tooling (issue 13): a database per run (SQLite file or a fresh PostgreSQL database), a
 * fleet of real `serve --role web|worker` processes on it, and a script of signed order deliveries
 * (creates and updates, duplicates, reordering) with what it must leave behind. Shared by
 * test/e2e/scale-out.test.ts and bench/worker-scaling.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli, spawnCli, waitForOutput } from './cli.js';
import { TEST_SECRET, TEST_SHOP, tempDir } from './config.js';
import { demoOrder } from './orders.js';
import { signedHeaders } from './webhooks.js';

// ---- Backends ------------------------------------------------------------------------------------

export type ScaleBackend = 'sqlite' | 'postgres';

/**
 * Where a fresh PostgreSQL database is created from (trust auth on loopback): SCALE_PG_URL, else
 * PG_TEST_URL (the conformance suites' server), else postgres://127.0.0.1:5432/test. Without a user
 * in the URL the current user's name is put in, since the connector's processes get no USER.
 */
export const PG_ADMIN_URL = withUser(process.env.SCALE_PG_URL ?? process.env.PG_TEST_URL ?? 'postgres://127.0.0.1:5432/test');

function withUser(raw: string): string {
  const url = new URL(raw);
  if (url.username) return raw;
  url.username = process.env.PGUSER ?? userInfo().username;
  return url.toString();
}

/** REQUIRE_POSTGRES (.ci/run sets it) or CI is set (not to "false"): a missing PostgreSQL is a failure there, not a skip. */
export const IN_CI = Boolean(process.env.REQUIRE_POSTGRES) || (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false');

/** Whether PostgreSQL answers at `PG_ADMIN_URL` (within 3 s); the reason when it does not. */
export async function postgresReachable(adminUrl = PG_ADMIN_URL): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ScaleDatabase {
  backend: ScaleBackend;
  /** DATABASE_URL for the connector's processes. */
  url: string;
  /** A folder for this run's files (config, SQLite file). */
  dir: string;
  /** Drops the database (PostgreSQL: `with (force)`) and removes the folder. */
  drop(): Promise<void>;
}

/** A database of its own for one run: a SQLite file in a temporary folder, or `create database sxs_<random>`. */
export async function createScaleDatabase(backend: ScaleBackend, adminUrl = PG_ADMIN_URL): Promise<ScaleDatabase> {
  const tmp = tempDir('sxs-');
  if (backend === 'sqlite') {
    return { backend, url: `sqlite:${join(tmp.dir, 'connector.db')}`, dir: tmp.dir, drop: async () => tmp.cleanup() };
  }
  const name = `sxs_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    backend,
    url: url.toString(),
    dir: tmp.dir,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
        tmp.cleanup();
      }
    },
  };
}

// ---- The fleet -----------------------------------------------------------------------------------

export interface FleetOptions {
  db: ScaleDatabase;
  xecmUrl: string;
  webs: number;
  workers: number;
  /** The YAML configuration every process reads (queue timings, rules); see `scaleConfigYaml`. */
  configYaml: string;
  /** LOG_LEVEL of the processes (info: the web's URL is read from its log). */
  logLevel?: string;
  /**
   * Run `shopify-xecm migrate` once before starting the processes (README: once per release).
   * Without it, every process migrates the fresh database as it starts, all at once.
   */
  migrateFirst?: boolean;
}

/** One `serve` process: its role, its child, the warnings and errors it logged, its tail. */
export interface FleetProcess {
  role: 'web' | 'worker' | 'all';
  name: string;
  child: ChildProcess;
  /** Log lines at warn or above (pino level ≥ 40), and anything not JSON. */
  problems: string[];
  /** The last lines of its output. */
  tail: string[];
  exited: Promise<number | null>;
  /** For a web process: its base URL. */
  url?: string;
}

export interface Fleet {
  processes: FleetProcess[];
  webUrls(): string[];
  env: NodeJS.ProcessEnv;
  /** Starts one more worker (e.g. a replacement after a kill). */
  addWorker(): FleetProcess;
  /** SIGKILL one process; resolves when it is gone. */
  kill(p: FleetProcess): Promise<void>;
  /** SIGTERM every live process (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** The configuration a scale run uses: short lock timeout, the archive off, no schedules, sync off. */
export function scaleConfigYaml(opts: { lockTimeoutMs?: number; pollIntervalMs?: number; concurrency?: number; xecmMaxConcurrency?: number } = {}): string {
  return [
    'queue:',
    `  concurrency: ${opts.concurrency ?? 4}`,
    `  lockTimeoutMs: ${opts.lockTimeoutMs ?? 3000}`,
    `  pollIntervalMs: ${opts.pollIntervalMs ?? 100}`,
    '  backoffBaseMs: 200',
    '  backoffMaxMs: 2000',
    ...(opts.xecmMaxConcurrency !== undefined ? ['xecm:', `  maxConcurrency: ${opts.xecmMaxConcurrency}`] : []),
    'sync:',
    '  intervalMs: 0',
    'compliance:',
    '  recheckIntervalMs: 0',
    'archive:',
    '  enabled: false',
    'model:',
    '  classificationId: 3200',
    '',
  ].join('\n');
}

export function watchProcess(role: 'web' | 'worker' | 'all', name: string, child: ChildProcess): FleetProcess {
  const problems: string[] = [];
  const tail: string[] = [];
  let buf = '';
  const onData = (d: Buffer): void => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      tail.push(line);
      if (tail.length > 200) tail.shift();
      try {
        const level = (JSON.parse(line) as { level?: number }).level ?? 0;
        if (level >= 40) problems.push(line);
      } catch {
        if (line.trim() !== '') problems.push(line);
      }
    }
  };
  // Both pipes are always read: a child whose pipe fills up would block on its next log line.
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { role, name, child, problems, tail, exited };
}

/** Starts `webs` × `serve --role web` (each on a port of its own) and `workers` × `serve --role worker` on one database. */
export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const cfgPath = join(o.db.dir, 'shopify-xecm.yaml');
  writeFileSync(cfgPath, o.configYaml);
  const env: NodeJS.ProcessEnv = {
    SHOPIFY_XECM_CONFIG: cfgPath,
    SHOPIFY_SHOP_DOMAIN: TEST_SHOP,
    SHOPIFY_API_SECRET: TEST_SECRET,
    XECM_URL: o.xecmUrl,
    XECM_USERNAME: 'Admin',
    XECM_PASSWORD: 'livelink',
    DATABASE_URL: o.db.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: o.logLevel ?? 'info',
  };
  if (o.migrateFirst) {
    const m = await runCli(['migrate'], { ...env, LOG_LEVEL: 'warn' });
    if (m.code !== 0) throw new Error(`migrate exited ${m.code}: ${m.stderr}${m.stdout}`);
  }
  const processes: FleetProcess[] = [];
  let workerCount = 0;
  const addWorker = (): FleetProcess => {
    const p = watchProcess('worker', `worker-${++workerCount}`, spawnCli(['serve', '--role', 'worker'], env));
    processes.push(p);
    return p;
  };
  const webs: FleetProcess[] = [];
  for (let i = 0; i < o.webs; i++) {
    const child = spawnCli(['serve', '--role', 'web'], env);
    const p = watchProcess('web', `web-${i + 1}`, child);
    processes.push(p);
    webs.push(p);
  }
  for (let i = 0; i < o.workers; i++) addWorker();
  const fleet: Fleet = {
    processes,
    env,
    webUrls: () => webs.map((w) => w.url ?? ''),
    addWorker,
    async kill(p) {
      p.child.kill('SIGKILL');
      await p.exited;
    },
    async stop(graceMs = 10_000) {
      const live = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
      for (const p of live) p.child.kill('SIGTERM');
      const timer = setTimeout(() => live.forEach((p) => p.child.kill('SIGKILL')), graceMs);
      await Promise.all(live.map((p) => p.exited));
      clearTimeout(timer);
    },
  };
  try {
    await Promise.all(
      webs.map(async (w) => {
        w.url = (await waitForOutput(w.child, /http:\/\/127\.0\.0\.1:\d+/, 60_000)).trim();
      }),
    );
  } catch (err) {
    await fleet.stop(1000);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${processes.map((p) => `${p.name}:\n${p.tail.join('\n')}`).join('\n')}`, {
      cause: err,
    });
  }
  return fleet;
}

// ---- The delivery script -------------------------------------------------------------------------

/** What qualifies an order for a workspace (j1's criteria), or not. */
export type OrderKind = 'high-value' | 'custom' | 'b2b' | 'becomes-custom' | 'plain';

export interface ScriptOrder {
  index: number;
  /** The numeric id (the GID's last part): the business object id. */
  id: string;
  kind: OrderKind;
  /** Each version's exact JSON text, in Shopify's order (version 0: orders/create). */
  versions: string[];
}

export interface ScriptDelivery {
  order: number;
  version: number;
  topic: 'orders/create' | 'orders/updated';
  raw: Buffer;
  webhookId: string;
  triggeredAt: string;
  /** A second sending of an earlier delivery (same webhook id, same bytes). */
  duplicate: boolean;
}

export interface Script {
  orders: ScriptOrder[];
  deliveries: ScriptDelivery[];
}

/** A small deterministic PRNG. */
export function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: Array<[OrderKind, number]> = [
  ['high-value', 0.25],
  ['custom', 0.15],
  ['b2b', 0.2],
  ['becomes-custom', 0.1],
  ['plain', 0.3],
];

/** Whether a version of an order meets j1's criteria (high value ≥ 5000, tag `custom`, B2B). */
export function qualifies(kind: OrderKind, version: number, versions: number): boolean {
  if (kind === 'plain') return false;
  if (kind === 'becomes-custom') return version >= Math.ceil(versions / 2);
  return true;
}

function orderVersions(index: number, kind: OrderKind, updates: number, firstIndex: number): string[] {
  const out: string[] = [];
  const count = updates + 1;
  for (let v = 0; v < count; v++) {
    const base = demoOrder(firstIndex + index, {
      total: kind === 'high-value' ? `${7250 + (index % 50)}.00` : kind === 'b2b' ? '1840.00' : `${120 + (index % 80)}.50`,
      b2b: kind === 'b2b',
    });
    const created = Date.parse(String(base.created_at));
    const tags = [
      ...(kind === 'custom' || (kind === 'becomes-custom' && qualifies(kind, v, count)) ? ['custom'] : []),
      ...(v >= 2 ? ['priority'] : []),
      ...(v >= 3 ? [`wave-${v}`] : []),
    ];
    const order: Record<string, unknown> = {
      ...base,
      updated_at: new Date(created + v * 60_000).toISOString().replace('.000Z', 'Z'),
      tags: tags.join(', '),
      // The note is printed on the confirmation: every version renders different documents.
      note: v === 0 ? null : `Update ${v}: the customer asked for change ${v}.`,
      financial_status: v === 0 ? (kind === 'b2b' ? 'pending' : 'authorized') : v >= count - 1 ? 'paid' : kind === 'b2b' ? 'pending' : 'authorized',
    };
    out.push(JSON.stringify(order));
  }
  return out;
}

/**
 * `total` signed deliveries of orders/create and orders/updated: orders of every kind (see KINDS),
 * each with 2–5 updates of increasing `updated_at`; about 10% exact duplicates (some at once, some
 * later); and reordering: within windows of 12, deliveries are shuffled, so later versions often
 * arrive before earlier ones. Deterministic from `seed`.
 */
export function deliveryScript(total: number, seed = 13, firstIndex = 0): Script {
  const rand = prng(seed);
  const orders: ScriptOrder[] = [];
  // Each order's versions get time slots; orders start one after another and overlap.
  const slotted: Array<{ slot: number; d: ScriptDelivery }> = [];
  let planned = 0;
  for (let index = 0; planned < total * 1.15; index++) {
    let r = rand();
    let kind: OrderKind = 'plain';
    for (const [k, p] of KINDS) {
      if (r < p) {
        kind = k;
        break;
      }
      r -= p;
    }
    const updates = 2 + Math.floor(rand() * 4);
    const versions = orderVersions(index, kind, updates, firstIndex);
    const id = String((JSON.parse(versions[0] ?? '{}') as { id: number }).id);
    orders.push({ index, id, kind, versions });
    const start = index * 2.2;
    versions.forEach((text, v) => {
      const raw = Buffer.from(text);
      const updatedAt = (JSON.parse(text) as { updated_at: string }).updated_at;
      const d: ScriptDelivery = {
        order: index,
        version: v,
        topic: v === 0 ? 'orders/create' : 'orders/updated',
        raw,
        webhookId: createHash('sha256').update(`${seed}:${index}:${v}`).digest('hex').slice(0, 32),
        triggeredAt: updatedAt.replace('Z', '.500Z'),
        duplicate: false,
      };
      const slot = start + v * 3 + rand();
      slotted.push({ slot, d });
      planned++;
      if (rand() < 0.1) {
        // Shopify delivers it again: at once (the two race) or a while later.
        slotted.push({ slot: slot + (rand() < 0.4 ? 0.01 : 1 + rand() * 20), d: { ...d, duplicate: true } });
        planned++;
      }
    });
  }
  slotted.sort((a, b) => a.slot - b.slot);
  const deliveries = slotted.map((s) => s.d);
  // Reordering: shuffle within windows of 12 (a duplicate stays after its first sending).
  for (let w = 0; w < deliveries.length; w += 12) {
    const end = Math.min(w + 12, deliveries.length);
    for (let i = end - 1; i > w; i--) {
      const j = w + Math.floor(rand() * (i - w + 1));
      const a = deliveries[i] as ScriptDelivery;
      const b = deliveries[j] as ScriptDelivery;
      deliveries[i] = b;
      deliveries[j] = a;
    }
  }
  // A duplicate shuffled before its first sending is then the first: swap the flags back in order.
  const seen = new Set<string>();
  for (const d of deliveries) {
    d.duplicate = seen.has(d.webhookId);
    seen.add(d.webhookId);
  }
  const cut = deliveries.slice(0, total);
  const used = new Set(cut.map((d) => d.order));
  return { orders: orders.filter((o) => used.has(o.index)), deliveries: cut };
}

/** What a script must leave: per order, the versions delivered (sorted) and whether its workspace must exist. */
export function expectations(script: Script): Map<number, { order: ScriptOrder; delivered: number[]; final: number; workspace: boolean }> {
  const out = new Map<number, { order: ScriptOrder; delivered: number[]; final: number; workspace: boolean }>();
  for (const o of script.orders) out.set(o.index, { order: o, delivered: [], final: -1, workspace: false });
  for (const d of script.deliveries) {
    const e = out.get(d.order);
    if (e && !e.delivered.includes(d.version)) e.delivered.push(d.version);
  }
  for (const e of out.values()) {
    e.delivered.sort((a, b) => a - b);
    e.final = e.delivered[e.delivered.length - 1] ?? -1;
    // The criteria are monotone over an order's versions: its latest version decides (it is never stale).
    e.workspace = qualifies(e.order.kind, e.final, e.order.versions.length);
  }
  return out;
}

/** Sends deliveries round-robin to the web processes, `concurrency` at a time; records every answer's status. */
export async function sendDeliveries(
  deliveries: ScriptDelivery[],
  urls: string[],
  opts: { concurrency: number; onProgress?: (sent: number) => void | Promise<void> },
): Promise<{ statuses: Map<number, number>; failures: Array<{ i: number; status: number; body: string }> }> {
  const statuses = new Map<number, number>();
  const failures: Array<{ i: number; status: number; body: string }> = [];
  let next = 0;
  let sent = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      const d = deliveries[i];
      if (!d) return;
      const url = urls[i % urls.length] ?? '';
      // A second sending is the same delivery: same webhook id, event id and bytes.
      const headers = {
        ...signedHeaders(d.raw, { topic: d.topic, webhookId: d.webhookId, triggeredAt: d.triggeredAt }),
        'x-shopify-event-id': `evt-${d.webhookId}`,
      };
      let status = 0;
      let body: string;
      try {
        const res = await fetch(`${url}/webhooks/shopify`, { method: 'POST', headers, body: d.raw });
        status = res.status;
        body = await res.text();
      } catch (err) {
        body = err instanceof Error ? err.message : String(err);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 200) failures.push({ i, status, body });
      sent++;
      await opts.onProgress?.(sent);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  return { statuses, failures };
}
