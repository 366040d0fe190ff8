/**
 * Benchmark: `GET /api/lookup` answered from the local store (issue 12: p95 under 100 ms). A SQLite
 * store holds an indexed shop of N orders (each with an email, two SKUs, a company of 500 and a
 * product of 2,000), a case for every tenth order, and workspaces for a fifth of the orders and for
 * every company and product, as the route and rule jobs would have left them. The connector's HTTP app
 * listens on loopback; one client asks, one request at a time, for order names, numbers, emails,
 * SKUs, company names (prefixes) and case ids, with `live=false` (the local part only: no Content
 * Server). Latencies are measured at the client, over the socket.
 *
 *   npm run bench -- lookup [ORDERS] [REQUESTS]        (default 100000 orders, 2000 requests)
 */
import { Agent, request } from 'node:http';
import Database from 'better-sqlite3';
import { buildDeps } from '../src/deps.js';
import { loadConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { buildApp } from '../src/server/app.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHOP = 'acme.myshopify.com';
const TOKEN = 'bench-lookup-token';

/** One connection, kept alive: the latency of the connector, not of TCP handshakes. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, path: string): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${TOKEN}` }, agent: keepAlive }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pct = (sorted: number[], p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 100) / 100;

export async function lookupBench(orders: number, requests: number): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-lookup-'));
  const config = loadConfig({
    env: {},
    cwd: dir,
    overrides: {
      shops: [{ domain: SHOP, apiSecret: 'bench-secret' }],
      database: { url: `sqlite:${join(dir, 'connector.db')}` },
      server: { port: 0, apiToken: TOKEN },
      lookup: { ratePerMinute: 1_000_000 },
      log: { level: 'silent' },
    },
  });
  const deps = await buildDeps(config, silentLogger);
  try {
    // Seeded in one transaction straight into the migrated tables (what the jobs would have written
    // one change at a time): the figure is the lookup's, not the seeding's.
    const seedStarted = performance.now();
    const companies = 500;
    const products = 2000;
    const db = new Database(join(dir, 'connector.db'));
    const res = db.prepare('INSERT INTO lookup_resources (shop, resource_type, resource_id, version, title, updated_at) VALUES (?, ?, ?, 1, ?, 0)');
    const term = db.prepare('INSERT OR IGNORE INTO lookup_terms (shop, term, resource_type, resource_id) VALUES (?, ?, ?, ?)');
    const link = db.prepare('INSERT OR IGNORE INTO lookup_links (shop, resource_type, resource_id, to_type, to_id) VALUES (?, ?, ?, ?, ?)');
    const ws = db.prepare(
      'INSERT INTO workspaces (shop, bo_type, bo_id, node_id, name, workspace_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)',
    );
    const index = (type: string, id: string, title: string, terms: string[], links: Array<[string, string]> = []) => {
      res.run(SHOP, type, id, title);
      for (const t of terms) term.run(SHOP, t, type, id);
      for (const [tt, ti] of links) link.run(SHOP, type, id, tt, ti);
    };
    db.transaction(() => {
      for (let c = 1; c <= companies; c++) {
        index('company', String(c), `Company ${c} Industrial`, [`company ${c} industrial`]);
        ws.run(SHOP, 'shopify_account', String(c), 100_000 + c, `Company ${c} Industrial`, 'Shopify Customer Account');
      }
      for (let p = 1; p <= products; p++) {
        index('product', String(p), `Product ${p}`, [`product ${p}`, `sku-${p}`]);
        ws.run(SHOP, 'shopify_product', String(p), 200_000 + p, `Product ${p}`, 'Shopify Product');
      }
      for (let i = 1; i <= orders; i++) {
        const id = String(5_000_000_000_000 + i);
        const p1 = 1 + (i % products);
        const p2 = 1 + ((i * 7) % products);
        index(
          'order',
          id,
          `#${1000 + i}`,
          [`#${1000 + i}`, String(1000 + i), `buyer${i}@example.com`, `sku-${p1}`, `sku-${p2}`],
          [
            ['company', String(1 + (i % companies))],
            ['product', String(p1)],
            ['product', String(p2)],
          ],
        );
        if (i % 5 === 0) ws.run(SHOP, 'shopify_order', id, 1_000_000 + i, `Order #${1000 + i}`, 'Shopify Order');
        if (i % 10 === 0) {
          index('return', String(i), `Return #${1000 + i}-R1`, [`return-${i}`], [['order', id]]);
          ws.run(SHOP, 'shopify_case', `return-${i}`, 3_000_000 + i, `Return #${1000 + i}-R1`, 'Shopify Case');
        }
      }
    })();
    db.close();
    const seedMs = Math.round(performance.now() - seedStarted);
    const app = await buildApp({ config, store: deps.store, queue: deps.queue, log: silentLogger, lookup: deps.lookup });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const kinds = ['order name', 'order number', 'email', 'sku', 'company prefix', 'case id'] as const;
    const queryOf = (k: (typeof kinds)[number], n: number): string => {
      const i = 1 + ((n * 7919) % orders);
      switch (k) {
        case 'order name':
          return `#${1000 + i}`;
        case 'order number':
          return String(1000 + i);
        case 'email':
          return `buyer${i}@example.com`;
        case 'sku':
          return `SKU-${1 + (i % products)}`;
        case 'company prefix':
          return `Company ${1 + (i % companies)} Indus`;
        case 'case id':
          return `return-${10 * (1 + (i % Math.max(1, Math.floor(orders / 10))))}`;
      }
    };
    // Warm-up (JIT, SQLite page cache), then the measured run.
    for (let n = 0; n < 100; n++) await get(port, `/api/lookup?live=false&q=${encodeURIComponent(queryOf(kinds[n % kinds.length] ?? 'email', n))}`);
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    let failures = 0;
    for (let n = 0; n < requests; n++) {
      const k = kinds[n % kinds.length] ?? 'email';
      const r = await get(port, `/api/lookup?live=false&q=${encodeURIComponent(queryOf(k, n + 1000))}`);
      if (r.status !== 200) failures++;
      all.push(r.ms);
      byKind.set(k, [...(byKind.get(k) ?? []), r.ms]);
    }
    await app.close();
    all.sort((a, b) => a - b);
    return {
      orders,
      requests,
      seedMs,
      failures,
      ms: { p50: pct(all, 0.5), p95: pct(all, 0.95), p99: pct(all, 0.99), max: pct(all, 1) },
      p95ByKind: Object.fromEntries(
        [...byKind].map(([k, v]) => [
          k,
          pct(
            [...v].sort((a, b) => a - b),
            0.95,
          ),
        ]),
      ),
      target: { p95Ms: 100, met: pct(all, 0.95) < 100 },
    };
  } finally {
    keepAlive.destroy();
    await deps.close();
    if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
