import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { RENDERERS } from '../../src/documents/index.js';
import { parsePayload } from '../../src/jobs/payload.js';
import { openBackend } from '../../src/store/index.js';
import type { Backend } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { TEST_SHOP } from '../helpers/config.js';
import { PlainOtcs } from '../helpers/otcs.js';
import {
  IN_CI,
  PG_ADMIN_URL,
  createScaleDatabase,
  deliveryScript,
  expectations,
  postgresReachable,
  scaleConfigYaml,
  sendDeliveries,
  startFleet,
} from '../helpers/scale.js';
import type { Fleet, ScaleBackend, ScaleDatabase } from '../helpers/scale.js';

/**
 * Issue 13: the connector scaled out. Two `serve --role web` and three `serve --role worker`
 * processes of the real CLI share one database; signed order deliveries (creates and updates,
 * duplicates, reordering) go round-robin to the two webs while one worker is SIGKILLed midway. The
 * result must be what one process would have made: exactly the expected workspaces, each document
 * once with one version per distinct content, last writer wins per order, every delivery stored
 * once, no dead letter.
 *
 * `SCALE_DELIVERIES` (default 400; `npm run test:scale`: 5,000). `SCALE_BACKENDS=postgres,sqlite`
 * picks the backends (default postgres; a fresh database per run on SCALE_PG_URL, default
 * postgres://127.0.0.1:5432/test). PostgreSQL unreachable: skipped with the reason, or a failure when
 * REQUIRE_POSTGRES or CI is set.
 */
const DELIVERIES = Number(process.env.SCALE_DELIVERIES ?? 400);
const BACKENDS = (process.env.SCALE_BACKENDS ?? 'postgres')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is ScaleBackend => s === 'sqlite' || s === 'postgres');
const WEBS = 2;
const WORKERS = 3;
const SEND_CONCURRENCY = 16;
const ORDER_BO = 'shopify_order';

const pgState = BACKENDS.includes('postgres') ? await postgresReachable() : ({ ok: true } as const);
if (!pgState.ok && !IN_CI) {
  process.stderr.write(
    `scale-out on PostgreSQL skipped: PostgreSQL is not reachable at ${PG_ADMIN_URL} (${pgState.reason}); set SCALE_PG_URL or PG_TEST_URL, or SCALE_BACKENDS=sqlite (under REQUIRE_POSTGRES or CI this is a failure)\n`,
  );
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Polls until nothing is queued or running (twice in a row); returns the last counts. */
async function drained(backend: Backend, timeoutMs: number): Promise<{ ms: number }> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < timeoutMs) {
    const c = await backend.queue.counts();
    quiet = c.queued === 0 && c.running === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return { ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the queue did not drain within ${timeoutMs} ms: ${JSON.stringify(await backend.queue.counts())}`);
}

/** Every version of a document as Content Server serves it: number and SHA-256 of its content. */
async function versionHashes(otcs: PlainOtcs, nodeId: number): Promise<Array<{ number: number; sha256: string }>> {
  const list = await otcs.get<{ results: Array<{ data: { versions: { version_number: number } } }> }>(`/v2/nodes/${nodeId}/versions`);
  if (list.status !== 200) throw new Error(`versions of ${nodeId}: ${list.status}`);
  const out: Array<{ number: number; sha256: string }> = [];
  for (const v of list.body.results.map((r) => r.data.versions).sort((a, b) => a.version_number - b.version_number)) {
    const res = await fetch(`${otcs.baseUrl}/api/v1/nodes/${nodeId}/versions/${v.version_number}/content`, { headers: { OTCSTicket: await otcs.ticket() } });
    if (res.status !== 200) throw new Error(`content of ${nodeId} v${v.version_number}: ${res.status}`);
    out.push({ number: v.version_number, sha256: sha(Buffer.from(await res.arrayBuffer())) });
  }
  return out;
}

/** A warning line's message and error code (what kind of warning it is). */
function warningKind(line: string): string {
  const json = line.slice(line.indexOf(': ') + 2);
  try {
    const l = JSON.parse(json) as { msg?: string; code?: string; err?: unknown };
    const err = typeof l.err === 'string' ? l.err.split(':')[0] : undefined;
    return [l.msg, l.code, err].filter(Boolean).join(' / ');
  } catch {
    return json.slice(0, 80);
  }
}

const tagList = (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? v.split(',') : [])
    .map((t) => t.trim())
    .filter(Boolean)
    .sort();

describe.each(BACKENDS)('scale-out on %s: 2 web and 3 worker processes on one database', (backend) => {
  const skip = backend === 'postgres' && !pgState.ok && !IN_CI;
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it.skipIf(skip)(
    `${DELIVERIES} deliveries, a worker SIGKILLed midway: exactly the expected workspaces and documents, last writer wins, nothing lost or doubled`,
    async () => {
      if (!pgState.ok && backend === 'postgres')
        throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} (${pgState.reason}) and REQUIRE_POSTGRES or CI is set`);
      const started = performance.now();
      const db: ScaleDatabase = await createScaleDatabase(backend);
      cleanups.push(() => db.drop());
      const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
      cleanups.push(() => emu.close());

      // No `migrate` first: the five processes migrate the fresh database as they start, all at once.
      const fleet: Fleet = await startFleet({
        db,
        xecmUrl: emu.url,
        webs: WEBS,
        workers: WORKERS,
        // Long enough that a worker starved of CPU (two cores, everything on them) is not taken for dead.
        configYaml: scaleConfigYaml({ lockTimeoutMs: 6000 }),
        migrateFirst: false,
      });
      cleanups.push(() => fleet.stop());
      const startedMs = Math.round(performance.now() - started);
      const store = openBackend(db.url, { maxAttempts: 25, backoffBaseMs: 200, backoffMaxMs: 2000 });
      cleanups.push(() => store.store.close());

      // 1. The deliveries, round-robin to the two webs; one worker is killed halfway through.
      const script = deliveryScript(DELIVERIES);
      const expected = expectations(script);
      const duplicates = script.deliveries.filter((d) => d.duplicate).length;
      const victim = fleet.processes.find((p) => p.role === 'worker');
      let killedAt: number | undefined;
      let runningAtKill: unknown;
      const sendStarted = performance.now();
      const sent = await sendDeliveries(script.deliveries, fleet.webUrls(), {
        concurrency: SEND_CONCURRENCY,
        onProgress: async (n) => {
          if (n === Math.floor(DELIVERIES / 2) && victim) {
            runningAtKill = await store.queue.counts();
            await fleet.kill(victim);
            killedAt = Math.round(performance.now() - sendStarted);
          }
        },
      });
      const sendMs = Math.round(performance.now() - sendStarted);
      expect(sent.failures.slice(0, 5)).toEqual([]);
      expect(Object.fromEntries(sent.statuses)).toEqual({ 200: DELIVERIES });
      expect(killedAt).toBeDefined();

      // 2. The work drains: the two live workers take back the killed one's jobs.
      const drain = await drained(store, 60_000 + DELIVERIES * 100);
      const elapsedMs = Math.round(performance.now() - sendStarted);
      // What the processes warned about, before any check (a worker taken for dead explains a failure below).
      const warned = fleet.processes.flatMap((p) => p.problems.map((l) => `${p.name}: ${l}`));
      process.stdout.write(
        `scale-out warnings after the drain: ${JSON.stringify(Object.fromEntries(warned.reduce((m, l) => m.set(warningKind(l), (m.get(warningKind(l)) ?? 0) + 1), new Map<string, number>())))}\n`,
      );
      expect(await store.queue.deadLetters()).toEqual([]);

      // 3. Every delivery stored once; duplicates counted as duplicates; one event per distinct version.
      const summary = await store.store.summary();
      const distinct = [...expected.values()].reduce((n, e) => n + e.delivered.length, 0);
      expect(summary.deliveries).toMatchObject({ total: DELIVERIES - duplicates, duplicates, ignored: 0 });
      expect(summary.events.total).toBe(distinct);

      // 4. Job outcomes: one per rule job, per distinct change; per order, applied versions never go backwards.
      const outcomes = (await store.store.outcomes({ task: 'rule' })).filter((o) => (o.payload as { rule?: string }).rule === 'order-workspace');
      expect(new Set(outcomes.map((o) => o.jobKey)).size).toBe(outcomes.length);
      expect(outcomes).toHaveLength(distinct);
      const versionOf = new Map<number, { order: string; version: number }>();
      const eventIdOf = async (eventId: number): Promise<{ order: string; version: number }> => {
        let v = versionOf.get(eventId);
        if (!v) {
          const e = await store.store.getEvent(eventId);
          if (!e) throw new Error(`event ${eventId} missing`);
          v = { order: e.resourceId, version: e.version };
          versionOf.set(eventId, v);
        }
        return v;
      };
      const applied = new Map<string, number>();
      let stale = 0;
      const byFinish = [...outcomes].sort((a, b) => a.finishedAt - b.finishedAt);
      for (const o of byFinish) {
        const ev = await eventIdOf((o.payload as { eventId: number }).eventId);
        const last = applied.get(ev.order);
        if (o.outcome === 'stale') {
          stale++;
          expect((o.result as { applied: number }).applied).toBeGreaterThan(ev.version);
          continue;
        }
        if (last !== undefined) expect(ev.version, `order ${ev.order}: applied versions go backwards`).toBeGreaterThanOrEqual(last);
        applied.set(ev.order, ev.version);
      }
      // The audit log agrees: per workspace, the writes' changes never go backwards, and one create at most.
      const audit = (await store.store.listAudit({ limit: 1_000_000 })).filter((a) => a.rule === 'order-workspace');
      const auditLast = new Map<string, number>();
      const creates = new Map<string, number>();
      for (const a of audit) {
        expect(a.result, JSON.stringify(a)).toBe('ok');
        const ws = a.target.split('/').slice(0, 2).join('/');
        if (a.action === 'create-workspace') creates.set(ws, (creates.get(ws) ?? 0) + 1);
        if (a.eventId === null) continue;
        const v = (await eventIdOf(a.eventId)).version;
        const last = auditLast.get(ws);
        if (last !== undefined) expect(v, `${ws}: a write of an older change after a newer one`).toBeGreaterThanOrEqual(last);
        auditLast.set(ws, v);
      }
      expect([...creates.values()].filter((n) => n > 1)).toEqual([]);

      // 5. Content Server: exactly the expected workspaces; attributes of each order's latest version;
      //    each document once, one version per distinct rendered content, in the order's own order.
      const otcs = new PlainOtcs(emu.url);
      let workspaces = 0;
      let documentVersions = 0;
      for (const e of expected.values()) {
        const found = await otcs.workspacesFor(ORDER_BO, e.order.id);
        expect(found, `order ${e.order.id} (${e.order.kind}, versions ${e.delivered.join(',')})`).toHaveLength(e.workspace ? 1 : 0);
        const mapping = await store.store.getWorkspace(TEST_SHOP, ORDER_BO, e.order.id);
        expect(mapping?.nodeId).toBe(found[0]?.id);
        const ws = found[0];
        if (!ws) continue;
        workspaces++;
        const final = JSON.parse(e.order.versions[e.final] ?? '{}') as { financial_status: string; tags: string; name: string };
        const attrs = await otcs.categoryValuesByName(ws.id);
        expect({ financial: attrs['Financial Status'], tags: tagList(attrs.Tags), name: attrs['Order Name'] }, `order ${e.order.id}`).toEqual({
          financial: final.financial_status,
          tags: tagList(final.tags),
          name: final.name,
        });
        // Every version of the order rendered as the connector renders it (the rule's documents).
        const rendered = await Promise.all(
          e.order.versions.map(async (text) => ({
            confirmation: sha(await RENDERERS['order-confirmation'].render(parsePayload(text), { shop: TEST_SHOP })),
            snapshot: sha(await RENDERERS['order-snapshot'].render(parsePayload(text), { shop: TEST_SHOP, raw: text })),
          })),
        );
        for (const folder of [{ id: ws.id, name: '(workspace)', type: 0 }, ...(await otcs.children(ws.id)).filter((c) => c.type === 0)]) {
          const docs = (await otcs.children(folder.id)).filter((c) => c.type === 144);
          expect(new Set(docs.map((d) => d.name)).size, `${ws.name}/${folder.name}: a document twice`).toBe(docs.length);
          for (const doc of docs) {
            const kind = doc.name.endsWith(' confirmation.pdf') ? 'confirmation' : doc.name.endsWith(' snapshot.json') ? 'snapshot' : undefined;
            expect(kind, `${ws.name}/${folder.name}/${doc.name}: unexpected`).toBeDefined();
            if (!kind) continue;
            const versions = await versionHashes(otcs, doc.id);
            documentVersions += versions.length;
            const hashes = versions.map((v) => v.sha256);
            expect(new Set(hashes).size, `${doc.name}: two versions with the same content`).toBe(hashes.length);
            // Each version is one of the order's versions, in increasing order; the latest is the final one.
            const which = hashes.map((h) => rendered.findIndex((r) => r[kind] === h));
            expect(
              which.every((i) => i >= 0 && e.delivered.includes(i)),
              `${doc.name}: a version the order never had (${which.join(',')})`,
            ).toBe(true);
            expect(
              [...which].sort((a, b) => a - b),
              `${doc.name}: versions out of order`,
            ).toEqual(which);
            expect(which[which.length - 1], `${doc.name}: not the latest version`).toBe(e.final);
          }
        }
      }
      const expectedWorkspaces = [...expected.values()].filter((e) => e.workspace).length;
      expect(workspaces).toBe(expectedWorkspaces);
      expect(summary.workspaces[ORDER_BO] ?? 0).toBe(expectedWorkspaces);

      // 6. `status --json` (the real CLI) says the same.
      const status = await runCli(['status', '--json'], { ...fleet.env, LOG_LEVEL: 'warn' });
      expect(status.code, status.stderr).toBe(0);
      expect((JSON.parse(status.stdout) as { summary: unknown }).summary).toMatchObject({
        deliveries: DELIVERIES,
        duplicates,
        deadLetters: 0,
        pending: 0,
        workspaces: { order: expectedWorkspaces },
      });

      const problems = fleet.processes.flatMap((p) => p.problems.map((l) => `${p.name}: ${l}`));
      const figures = {
        backend,
        deliveries: DELIVERIES,
        duplicates,
        orders: expected.size,
        distinctChanges: distinct,
        staleSkipped: stale,
        workspaces,
        documentVersions,
        kills: 1,
        killedAtMs: killedAt,
        queueAtKill: runningAtKill,
        fleetStartMs: startedMs,
        sendMs,
        drainAfterSendMs: drain.ms,
        elapsedMs,
        warnings: Object.fromEntries(
          [...problems.reduce((m, l) => m.set(warningKind(l), (m.get(warningKind(l)) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]),
        ),
        totalMs: Math.round(performance.now() - started),
      };
      // 7. SIGTERM: every live process stops gracefully (exit 0), idle workers at once, well within
      //    their shutdown grace (10 s by default).
      const live = fleet.processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
      const stopStarted = performance.now();
      await fleet.stop(15_000);
      const stopMs = Math.round(performance.now() - stopStarted);
      expect(await Promise.all(live.map((p) => p.exited))).toEqual(live.map(() => 0));
      expect(stopMs).toBeLessThan(5_000);
      process.stdout.write(`scale-out figures ${JSON.stringify({ ...figures, stopMs })}\n`);
      if (problems.length > 0) process.stdout.write(`scale-out warnings (first 10):\n${problems.slice(0, 10).join('\n')}\n`);
    },
    120_000 + DELIVERIES * 200,
  );
});
