import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { restOrder } from '../../emulators/shopify/payloads.js';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { loadConfig } from '../../src/config/load.js';
import { normalizeWebhook } from '../../src/intake/normalize.js';
import { jobsForEvent } from '../../src/intake/route-delivery.js';
import { eventKey } from '../../src/store/change.js';
import { openBackend } from '../../src/store/index.js';
import type { Backend } from '../../src/store/index.js';
import { runCli, spawnCli, waitForOutput } from '../helpers/cli.js';
import { adminGql, playMerchantScript } from '../helpers/merchant-script.js';
import { PlainOtcs } from '../helpers/otcs.js';
import { IN_CI, PG_ADMIN_URL, createScaleDatabase, postgresReachable, prng, watchProcess } from '../helpers/scale.js';
import type { FleetProcess, ScaleDatabase } from '../helpers/scale.js';
import { EMU_SECRET, EMU_SHOP, EMU_TOKEN } from '../helpers/shop-stack.js';

/**
 * Issue 14, the crash part of the reliability suite. A merchant's seeded script of actions through
 * the Shopify emulator's Admin API (orders, updates, fulfilments, holds, returns, refunds, disputes,
 * cancellations, companies, products) while the connector, a real `serve` process of the CLI, is
 * SIGKILLed at five seeded moments and restarted on the same database and port; the emulator retries
 * what failed with backoff, as Shopify does. Then `sync` (the real CLI) and the queue drained: every
 * qualifying resource has exactly one workspace, every document is there once per content, and every
 * delivery the connector acknowledged was processed.
 *
 * `RELIABILITY_ACTIONS` (default 200; `npm run test:reliability`: 5,000). `RELIABILITY_BACKEND=postgres`
 * runs it on a fresh PostgreSQL database (SCALE_PG_URL / PG_TEST_URL, default
 * postgres://127.0.0.1:5432/test); the default is the embedded SQLite. `RELIABILITY_SEED` changes the
 * script and the moments of the kills; `RELIABILITY_DEBUG=1` prints every version of a document found
 * twice.
 */
const ACTIONS = Number(process.env.RELIABILITY_ACTIONS ?? 200);
const BACKEND = process.env.RELIABILITY_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
const SEED = Number(process.env.RELIABILITY_SEED ?? 14);
const KILLS = 5;
/** Shopify's retries (8 over 4 hours), compressed: 45 attempts over ~83 s (backoff capped at 2 s), far longer than the five restarts take together. */
const RETRIES = [100, 200, 400, 800, 1_600, ...Array<number>(40).fill(2_000)];

const pgState = BACKEND === 'postgres' ? await postgresReachable() : ({ ok: true } as const);
if (!pgState.ok && !IN_CI) {
  process.stderr.write(`reliability crash run on PostgreSQL skipped: PostgreSQL is not reachable at ${PG_ADMIN_URL} (${pgState.reason})\n`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Rows of a query on the connector's database (read-only; either backend). */
async function rows<T>(db: ScaleDatabase, sql: string): Promise<T[]> {
  if (db.backend === 'sqlite') {
    const d = new Database(db.url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      return d.prepare(sql).all() as T[];
    } finally {
      d.close();
    }
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Waits until nothing is queued or running, three polls in a row. Gives up only when the queue makes
 * no progress (the same counts) for `stallMs`: a big run's backlog may take many minutes.
 */
async function drained(backend: Backend, stallMs: number): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const c = await backend.queue.counts();
    quiet = c.queued === 0 && c.running === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return Date.now() - started;
    const now = `${c.queued}/${c.running}`;
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) throw new Error(`the queue made no progress for ${stallMs} ms: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface XecmDoc {
  id: number;
  name: string;
  sha256: string | null;
  versions: Array<{ number: number; sha256: string }>;
}
interface XecmWorkspace {
  id: number;
  name: string;
  businessObject: { boType: string; boId: string } | null;
  documents: Array<{ folder: string; documents: XecmDoc[] }>;
}

const tagsOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []).map((t) => t.trim().toLowerCase()).filter(Boolean);

describe('reliability: the connector SIGKILLed five times during a merchant’s day', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it.skipIf(BACKEND === 'postgres' && !pgState.ok && !IN_CI)(
    `${ACTIONS} merchant actions, ${KILLS} kills: one workspace per qualifying resource, each document once, every acknowledged delivery processed`,
    async () => {
      if (!pgState.ok) throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} (${pgState.reason}) and REQUIRE_POSTGRES or CI is set`);
      const started = performance.now();
      const db = await createScaleDatabase(BACKEND);
      cleanups.push(() => db.drop());
      const xecm = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
      cleanups.push(() => xecm.close());
      const shopify = await startShopifyEmulator({
        host: '127.0.0.1',
        port: 0,
        seed: SEED,
        orders: 0,
        restoreRate: 1000,
        bucketSize: 20_000,
        retrySchedule: RETRIES,
        webhookLogLimit: 10_000_000,
      });
      cleanups.push(() => shopify.close());

      // The connector: `serve` of the real CLI on one port and database for its whole life.
      const port = await freePort();
      const cfgPath = join(db.dir, 'shopify-xecm.yaml');
      writeFileSync(
        cfgPath,
        [
          'queue:',
          '  concurrency: 8',
          '  lockTimeoutMs: 10000',
          '  pollIntervalMs: 100',
          '  backoffBaseMs: 200',
          '  backoffMaxMs: 2000',
          'sync:',
          '  intervalMs: 0',
          'compliance:',
          '  recheckIntervalMs: 0',
          'archive:',
          '  enabled: false',
          'model:',
          '  classificationId: 3200',
          '',
        ].join('\n'),
      );
      const env: NodeJS.ProcessEnv = {
        SHOPIFY_XECM_CONFIG: cfgPath,
        SHOPIFY_SHOP_DOMAIN: EMU_SHOP,
        SHOPIFY_API_SECRET: EMU_SECRET,
        SHOPIFY_ACCESS_TOKEN: EMU_TOKEN,
        SHOPIFY_ADMIN_URL: shopify.url,
        XECM_URL: xecm.url,
        XECM_USERNAME: 'Admin',
        XECM_PASSWORD: 'livelink',
        DATABASE_URL: db.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
      };
      const lives: Array<{ p: FleetProcess; ready: Promise<unknown> }> = [];
      const start = (): void => {
        const p = watchProcess('all', `serve-${lives.length + 1}`, spawnCli(['serve'], env));
        lives.push({ p, ready: waitForOutput(p.child, /connector listening/, 60_000) });
      };
      const current = () => lives[lives.length - 1] as { p: FleetProcess; ready: Promise<unknown> };
      cleanups.push(async () => {
        for (const { p } of lives) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
        await Promise.all(lives.map((l) => l.p.exited));
      });
      start();
      await current().ready;
      const reg = await runCli(['webhooks', 'register', '--url', `http://127.0.0.1:${port}/webhooks/shopify`], { ...env, LOG_LEVEL: 'warn' });
      expect(reg.code, reg.stderr + reg.stdout).toBe(0);
      const store = openBackend(db.url, { maxAttempts: 25, backoffBaseMs: 200, backoffMaxMs: 2000 });
      cleanups.push(() => store.store.close());

      const setupMs = Math.round(performance.now() - started);

      // Five kills at seeded moments, one in each sixth of the run (never in the first or last).
      const rand = prng(SEED * 7919);
      const killAt = new Set(Array.from({ length: KILLS }, (_, k) => Math.floor((ACTIONS * (k + 0.6 + rand() * 0.8)) / (KILLS + 1))));
      expect(killAt.size).toBe(KILLS);
      const kills: Array<{ action: number; queue: { queued: number; running: number }; downMs?: number }> = [];
      const scriptStarted = performance.now();
      const ledger = await playMerchantScript(adminGql(shopify.url, EMU_TOKEN), {
        actions: ACTIONS,
        seed: SEED,
        shopifyUrl: shopify.url,
        after: async (i) => {
          if (!killAt.has(i)) return;
          await current().ready;
          const c = await store.queue.counts();
          const victim = current().p;
          victim.child.kill('SIGKILL');
          await victim.exited;
          const down = performance.now();
          kills.push({ action: i, queue: { queued: c.queued, running: c.running } });
          start();
          void current().ready.then(() => {
            const k = kills[kills.length - 1];
            if (k) k.downMs = Math.round(performance.now() - down);
          });
        },
      });
      const scriptMs = Math.round(performance.now() - scriptStarted);
      expect(kills).toHaveLength(KILLS);
      await current().ready;

      // Every delivery settles (delivered, or failed after all of Shopify's retries); then `sync`
      // through the CLI catches what webhooks missed, and the queue drains.
      const flushStarted = performance.now();
      await shopify.flushWebhooks();
      const flushMs = Math.round(performance.now() - flushStarted);
      const syncStarted = performance.now();
      const sync = await runCli(['sync', '--json'], { ...env, LOG_LEVEL: 'warn' });
      const syncMs = Math.round(performance.now() - syncStarted);
      expect(sync.code, sync.stderr).toBe(0);
      const syncNew = (JSON.parse(sync.stdout) as { reports: Array<{ newChanges: number }> }).reports.reduce((a, r) => a + r.newChanges, 0);
      const drainMs = await drained(store, 120_000);

      // ---- Deliveries: every one the connector acknowledged is stored and its change processed.
      const log = shopify.shop.webhooks.log;
      const acknowledged = log.filter((r) => r.status === 'delivered');
      const failed = log.filter((r) => r.status === 'failed');
      const retried = log.filter((r) => r.attempts > 1).length;
      // What the attempts got: HTTP status, or the network error (0: refused while the connector was down).
      const answers: Record<string, number> = {};
      for (const r of log) for (const s of r.responses) answers[String(s)] = (answers[String(s)] ?? 0) + 1;
      const failures: Record<string, number> = {};
      for (const r of failed) failures[r.lastError ?? '?'] = (failures[r.lastError ?? '?'] ?? 0) + 1;
      const losses: string[] = [];
      const stored = await rows<{
        id: number;
        webhook_id: string;
        topic: string;
        body: string;
        status: string;
        triggered_at: number | null;
        received_at: number;
      }>(db, 'select id, webhook_id, topic, body, status, triggered_at, received_at from deliveries');
      const byWebhook = new Map(stored.map((d) => [d.webhook_id, d]));
      for (const r of acknowledged) if (!byWebhook.has(r.webhookId)) losses.push(`delivery ${r.webhookId} (${r.topic}) acknowledged but not stored`);
      const events = await rows<{ id: number; event_key: string; resource_type: string; resource_id: string; version: number; deleted: number }>(
        db,
        'select id, event_key, resource_type, resource_id, version, deleted from events',
      );
      const eventKeys = new Set(events.map((e) => e.event_key));
      for (const d of stored) {
        if (d.status !== 'queued') continue;
        const change = normalizeWebhook(
          d.topic,
          d.body,
          JSON.parse(d.body),
          d.triggered_at === null ? null : new Date(Number(d.triggered_at)).toISOString(),
          Number(d.received_at),
        );
        if (!change) continue;
        if (!eventKeys.has(eventKey(EMU_SHOP, change, d.body))) losses.push(`delivery ${d.webhook_id} (${d.topic}): its change is not in the store`);
      }
      // Each event's jobs (rule.route) and the rule jobs each route handed on have an outcome.
      const config = loadConfig({ path: cfgPath, env: { ...env } });
      const jobsOf = jobsForEvent(EMU_SHOP, config.rules, config.archive);
      const outcomeKeys = new Set<string>();
      const jobStats: Record<string, { jobs: number; retried: number; maxAttempt: number }> = {};
      const routes = new Map<string, Array<{ rule: string }>>();
      for (const o of await store.store.outcomes({ limit: 10_000_000 })) {
        outcomeKeys.add(o.jobKey);
        const st = (jobStats[o.task] ??= { jobs: 0, retried: 0, maxAttempt: 0 });
        st.jobs++;
        if (o.attempt > 1) st.retried++;
        st.maxAttempt = Math.max(st.maxAttempt, o.attempt);
        if (o.task === 'rule.route') routes.set(o.jobKey, (o.result as { routes?: Array<{ rule: string }> }).routes ?? []);
      }
      let expectedJobs = 0;
      for (const e of events) {
        const change = { resourceType: e.resource_type, resourceId: e.resource_id, version: Number(e.version), deleted: e.deleted === 1 } as Parameters<
          typeof jobsOf
        >[1];
        for (const j of jobsOf(e.id, change, e.event_key)) {
          expectedJobs++;
          const key = j.jobKey ?? '';
          if (!outcomeKeys.has(key)) {
            losses.push(`event ${e.event_key}: job ${key} has no outcome`);
            continue;
          }
          for (const r of routes.get(key) ?? []) {
            expectedJobs++;
            if (!outcomeKeys.has(`${e.event_key}:rule:${r.rule}:apply`)) losses.push(`event ${e.event_key}: rule ${r.rule} has no outcome`);
          }
        }
      }
      const counts = await store.queue.counts();
      const dead = await store.queue.deadLetters();
      if (counts.queued + counts.running > 0) losses.push(`jobs left: ${JSON.stringify(counts)}`);
      for (const j of dead) losses.push(`dead letter ${j.task} ${j.jobKey}: ${j.reason}`);

      // ---- Workspaces: exactly one per qualifying resource (by the shipped rules), none twice.
      const data = shopify.shop.state.data;
      const model = config.model;
      const expected = new Set<string>();
      const bo = (kind: string, id: string | number) => `${kind}:${id}`;
      const needsOrder = new Set<number>();
      for (const r of data.returns) {
        expected.add(bo(model.case.boType, `return-${r.id}`));
        needsOrder.add(r.orderId);
      }
      for (const r of data.refunds) {
        expected.add(bo(model.case.boType, `refund-${r.id}`));
        needsOrder.add(r.orderId);
      }
      for (const d of data.disputes) {
        expected.add(bo(model.case.boType, `dispute-${d.id}`));
        if (d.orderId !== null) needsOrder.add(d.orderId);
      }
      for (const o of data.orders) {
        const rest = restOrder(shopify.shop.state, o) as {
          total_price: string;
          company?: unknown;
          tags: string;
          line_items: Array<{ properties?: unknown[] }>;
          cancelled_at: string | null;
          admin_graphql_api_id: string;
        };
        const exception = rest.cancelled_at !== null || ledger.held.has(rest.admin_graphql_api_id);
        if (exception) expected.add(bo(model.exception.boType, o.id));
        if (
          Number(rest.total_price) >= 5000 ||
          (rest.company !== undefined && rest.company !== null) ||
          tagsOf(rest.tags).includes('custom') ||
          rest.line_items.some((l) => (l.properties ?? []).length > 0) ||
          exception ||
          needsOrder.has(o.id)
        )
          expected.add(bo(model.order.boType, o.id));
      }
      for (const c of data.companies) expected.add(bo(model.account.boType, c.id));
      for (const c of data.customers) if (tagsOf(c.tags).includes('b2b')) expected.add(bo(model.account.boType, `customer-${c.id}`));
      for (const p of data.products) {
        const t = tagsOf(p.tags);
        if (t.includes('regulated') || t.some((x) => x.startsWith('compliance:') || x.startsWith('hazmat:'))) expected.add(bo(model.product.boType, p.id));
      }

      const state = (await (await fetch(`${new URL(xecm.url).origin}/emulator/state`)).json()) as { workspaces: XecmWorkspace[] };
      const found = new Map<string, XecmWorkspace[]>();
      for (const w of state.workspaces) {
        const key = w.businessObject ? bo(w.businessObject.boType, w.businessObject.boId) : `(none):${w.id}`;
        found.set(key, [...(found.get(key) ?? []), w]);
      }
      const duplicates: string[] = [];
      const unexpected: string[] = [];
      for (const [key, ws] of found) {
        if (ws.length > 1) duplicates.push(`${key}: ${ws.length} workspaces (${ws.map((w) => w.id).join(', ')})`);
        if (!expected.has(key)) unexpected.push(`${key} (${ws[0]?.name})`);
      }
      // Content Server's REST API agrees: one workspace per business object.
      const otcs = new PlainOtcs(xecm.url);
      for (const key of expected) {
        const [boType = '', boId = ''] = key.split(/:(.*)/s);
        const ws = await otcs.workspacesFor(boType, boId);
        if (ws.length === 0) losses.push(`${key}: no workspace`);
        else if (ws.length > 1 && !found.get(key)) duplicates.push(`${key}: ${ws.length} workspaces by REST`);
      }

      // ---- Documents: once per content within a folder; a changed document is a new version.
      let documents = 0;
      let versions = 0;
      for (const w of state.workspaces) {
        for (const f of w.documents) {
          const where = `${w.name}/${f.folder}`;
          const names = new Set<string>();
          const hashes = new Map<string, string>();
          for (const d of f.documents) {
            documents++;
            versions += d.versions.length;
            if (names.has(d.name)) duplicates.push(`${where}: "${d.name}" twice`);
            names.add(d.name);
            for (const v of d.versions) {
              const other = hashes.get(v.sha256);
              if (other !== undefined) {
                duplicates.push(`${where}: "${d.name}" v${v.number} has the content of ${other}`);
                if (process.env.RELIABILITY_DEBUG) {
                  for (const x of d.versions) {
                    const res = await fetch(`${otcs.baseUrl}/api/v1/nodes/${d.id}/versions/${x.number}/content`, {
                      headers: { OTCSTicket: await otcs.ticket() },
                    });
                    process.stdout.write(`--- ${d.name} v${x.number}\n${await res.text()}\n`);
                  }
                }
              }
              hashes.set(v.sha256, `"${d.name}" v${v.number}`);
            }
          }
        }
      }

      const summary = await store.store.summary();
      const elapsedMs = Math.round(performance.now() - started);
      const figures = {
        backend: BACKEND,
        actions: ACTIONS,
        kills: kills.length,
        killedAt: kills.map((k) => k.action),
        jobsAtKills: kills.map((k) => k.queue),
        restartMs: kills.map((k) => k.downMs ?? null),
        deliveries: log.length,
        acknowledged: acknowledged.length,
        retried,
        failedAfterRetries: failed.length,
        answers,
        failures,
        receivedTwice: summary.deliveries.duplicates,
        syncNewChanges: syncNew,
        events: events.length,
        jobsChecked: expectedJobs,
        workspaces: state.workspaces.length,
        expectedWorkspaces: expected.size,
        documents,
        versions,
        unexpected: unexpected.length,
        duplicatesFound: duplicates.length,
        losses: losses.length,
        jobStats,
        setupMs,
        scriptMs,
        flushMs,
        syncMs,
        drainMs,
        elapsedMs,
      };
      process.stdout.write(
        `reliability crash: actions ${ACTIONS}, kills ${kills.length}, deliveries acknowledged ${acknowledged.length}, duplicates found: ${duplicates.length}, losses: ${losses.length}, elapsed ${(elapsedMs / 1000).toFixed(1)} s\n`,
      );
      process.stdout.write(`reliability crash figures ${JSON.stringify({ ...figures, actionsByKind: ledger.counts })}\n`);
      const problems = lives.flatMap((l) => l.p.problems.map((line) => `${l.p.name}: ${line}`));
      if (problems.length > 0) process.stdout.write(`reliability crash warnings (${problems.length}, first 10):\n${problems.slice(0, 10).join('\n')}\n`);

      expect(losses.slice(0, 20)).toEqual([]);
      expect(duplicates.slice(0, 20)).toEqual([]);
      expect(unexpected.slice(0, 20)).toEqual([]);
      expect(state.workspaces.length).toBe(expected.size);

      // SIGTERM: the last connector stops gracefully.
      const last = current().p;
      last.child.kill('SIGTERM');
      expect(await last.exited).toBe(0);
    },
    300_000 + ACTIONS * 1_000,
  );
});
