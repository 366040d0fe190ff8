/**
 * Benchmark: end-to-end throughput with 1, 2 and 4 worker processes (issue 13). For each point, a
 * fresh database (PostgreSQL: `create database sxs_<random>`, dropped after), the xECM emulator in
 * this process at a fixed latency per REST call, `--webs` × `serve --role web` and N × `serve --role
 * worker` of the real CLI. After a warm-up (every worker has made a workspace), ORDERS qualifying
 * orders (one orders/create each, signed) go round-robin to the webs; the clock runs from the first
 * delivery until the queue is empty, i.e. every order's workspace exists with its documents.
 *
 * Beside each rate, the bound that the latency and the configured concurrency set: a job makes its
 * xECM calls one after another, so a worker process has min(queue.concurrency, xecm.maxConcurrency)
 * calls in flight at most, each taking at least the latency:
 *   bound = workers × min(queue.concurrency, xecm.maxConcurrency) / (xECM calls per order × latency)
 * The calls per order are counted at the emulator during the timed phase.
 *
 *   npm run bench -- worker-scaling [ORDERS] [--workers 1,2,4] [--latency 20] [--webs 1] [--backend postgres|sqlite] [--concurrency 4]
 *
 * Figures in bench/results/worker-scaling.json (written by bench/run.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { buildXecmEmulator } from '../emulators/xecm/index.js';
import { openBackend } from '../src/store/index.js';
import { TEST_SHOP } from '../test/helpers/config.js';
import { demoOrder } from '../test/helpers/orders.js';
import { createScaleDatabase, postgresReachable, scaleConfigYaml, sendDeliveries, startFleet } from '../test/helpers/scale.js';
import type { Fleet, ScaleBackend, ScriptDelivery } from '../test/helpers/scale.js';
import { cpuSeconds, machineCpu, postgresCpuSeconds } from './lib/proc.js';

/** Orders that all qualify for a workspace (high value, B2B or tagged custom), one orders/create each. */
function orderDeliveries(first: number, count: number): ScriptDelivery[] {
  return Array.from({ length: count }, (_, i) => {
    const index = first + i;
    const kind = i % 3;
    const order = demoOrder(index, { total: kind === 0 ? '7250.00' : '1840.00', b2b: kind === 1, tags: kind === 2 ? ['custom'] : [] });
    const raw = Buffer.from(JSON.stringify(order));
    return {
      order: index,
      version: 0,
      topic: 'orders/create' as const,
      raw,
      webhookId: `bench-${index}`,
      triggeredAt: String(order.updated_at).replace('Z', '.500Z'),
      duplicate: false,
    };
  });
}

async function drain(backend: ReturnType<typeof openBackend>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const c = await backend.queue.counts();
    if (c.queued === 0 && c.running === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the queue did not drain: ${JSON.stringify(await backend.queue.counts())}`);
}

export interface Point {
  workers: number;
  webs: number;
  orders: number;
  seconds: number;
  ordersPerSecond: number;
  intakeSeconds: number;
  xecmCallsPerOrder: number;
  /** Mean time of a call at the emulator, from its arrival to the end of its answer (the latency as served). */
  servedMsPerCall: number;
  /**
   * The time a slot (one of the calls the workers may have in flight) spent per call: what the
   * bound takes to be the latency. Beyond `servedMsPerCall` it is the connector's own time (and
   * loopback HTTP): its work between calls, and answers waiting for its event loop.
   */
  slotMsPerCall: number;
  boundOrdersPerSecond: number;
  ofBound: number;
  /**
   * CPU seconds used during the timed phase: the connector's processes, this one (the emulator, the
   * sender), the PostgreSQL server; and how busy the machine's cores were (1 = every core all the time).
   */
  cpu: { workers: number; webs: number; benchProcess: number; postgres: number; machineBusy: number };
  /** The connector's own CPU (workers and webs) per order, in ms: one orders/create event each. */
  cpuMsPerOrder: number;
  /** xECM writes per order recorded in the connector's audit log (the calls above include reads). */
  auditWritesPerOrder: number;
  workspaces: number;
  deadLetters: number;
  callsByRoute: Record<string, number>;
}

/** One end-to-end measurement: a fresh database, the fleet, a warm-up, ORDERS orders timed until the queue is empty. */
export async function endToEndPoint(o: {
  backend: ScaleBackend;
  workers: number;
  webs: number;
  orders: number;
  latency: number;
  concurrency: number;
  xecmMaxConcurrency: number;
}): Promise<Point> {
  const db = await createScaleDatabase(o.backend);
  const emulator = await buildXecmEmulator({ latencyMs: o.latency });
  const calls = new Map<string, number>();
  let counting = false;
  // Each call's time at the emulator, from its arrival to the end of its answer: the latency as
  // served (the configured latency and the emulator's lateness), apart from the client's side.
  let servedMs = 0;
  emulator.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!counting || !req.url?.includes('/api/')) return;
    const route = `${req.method ?? ''} ${(req.url.split('?')[0] ?? '').replace(/.*\/api/, '').replace(/\/\d+/g, '/:id')}`;
    calls.set(route, (calls.get(route) ?? 0) + 1);
    const arrived = performance.now();
    res.once('finish', () => {
      servedMs += performance.now() - arrived;
    });
  });
  await emulator.listen({ host: '127.0.0.1', port: 0 });
  const addr = emulator.server.address();
  const xecmUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/otcs/cs.exe`;
  let fleet: Fleet | undefined;
  const backend = openBackend(db.url, { maxAttempts: 25, backoffBaseMs: 200, backoffMaxMs: 2000 });
  try {
    fleet = await startFleet({
      db,
      xecmUrl,
      webs: o.webs,
      workers: o.workers,
      configYaml: scaleConfigYaml({ lockTimeoutMs: 10_000, pollIntervalMs: 50, concurrency: o.concurrency, xecmMaxConcurrency: o.xecmMaxConcurrency }),
      migrateFirst: true,
    });
    const urls = fleet.webUrls();
    // Warm-up: until every worker has made a workspace (so none is still starting when the clock runs).
    const workers = fleet.processes.filter((p) => p.role === 'worker');
    const warmed = (): boolean => workers.every((w) => w.tail.some((l) => l.includes('"workspace created"')));
    // Warm-up orders are numbered after the timed ones (their dates stay in the past).
    let next = o.orders + 1000;
    const warmEnd = Date.now() + 120_000;
    while (!warmed()) {
      if (Date.now() > warmEnd) throw new Error('workers did not warm up');
      const batch = orderDeliveries(next, 4 * o.workers * o.concurrency);
      next += batch.length;
      await sendDeliveries(batch, urls, { concurrency: 8 });
      await drain(backend, 120_000);
    }
    const before = await backend.store.summary();
    const auditBefore = (await backend.store.listAudit({ limit: 1_000_000 })).length;

    // The timed phase.
    const deliveries = orderDeliveries(0, o.orders);
    const pids = (role: 'web' | 'worker') => fleet?.processes.filter((p) => p.role === role).map((p) => p.child.pid) ?? [];
    const cpu0 = {
      workers: pids('worker').map(cpuSeconds),
      webs: pids('web').map(cpuSeconds),
      bench: process.cpuUsage(),
      postgres: postgresCpuSeconds(),
      machine: machineCpu(),
    };
    counting = true;
    const started = performance.now();
    const sent = await sendDeliveries(deliveries, urls, { concurrency: 16 });
    const intakeSeconds = (performance.now() - started) / 1000;
    if (sent.failures.length > 0) throw new Error(`deliveries refused: ${JSON.stringify(sent.failures.slice(0, 3))}`);
    await drain(backend, 600_000);
    const seconds = (performance.now() - started) / 1000;
    counting = false;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cpu = {
      workers: Number((sum(pids('worker').map(cpuSeconds)) - sum(cpu0.workers)).toFixed(1)),
      webs: Number((sum(pids('web').map(cpuSeconds)) - sum(cpu0.webs)).toFixed(1)),
      benchProcess: Number(((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)),
      postgres: Number((postgresCpuSeconds() - cpu0.postgres).toFixed(1)),
      machineBusy: Number(((machineCpu().busy - cpu0.machine.busy) / (machineCpu().total - cpu0.machine.total)).toFixed(2)),
    };
    const after = await backend.store.summary();
    const workspaces = (after.workspaces.shopify_order ?? 0) - (before.workspaces.shopify_order ?? 0);
    const deadLetters = (await backend.queue.counts()).dead;
    const auditWrites = (await backend.store.listAudit({ limit: 1_000_000 })).length - auditBefore;
    const totalCalls = sum([...calls.values()]);
    const callsPerOrder = totalCalls / o.orders;
    const inFlight = o.workers * Math.min(o.concurrency, o.xecmMaxConcurrency);
    const bound = inFlight / (callsPerOrder * (o.latency / 1000));
    const rate = o.orders / seconds;
    return {
      workers: o.workers,
      webs: o.webs,
      orders: o.orders,
      seconds: Number(seconds.toFixed(1)),
      ordersPerSecond: Number(rate.toFixed(1)),
      intakeSeconds: Number(intakeSeconds.toFixed(1)),
      xecmCallsPerOrder: Number(callsPerOrder.toFixed(1)),
      servedMsPerCall: Number((servedMs / totalCalls).toFixed(1)),
      slotMsPerCall: Number(((inFlight * seconds * 1000) / totalCalls).toFixed(1)),
      boundOrdersPerSecond: Number(bound.toFixed(1)),
      ofBound: Number((rate / bound).toFixed(2)),
      cpu,
      cpuMsPerOrder: Number((((cpu.workers + cpu.webs) * 1000) / o.orders).toFixed(1)),
      auditWritesPerOrder: Number((auditWrites / o.orders).toFixed(1)),
      workspaces,
      deadLetters,
      callsByRoute: Object.fromEntries([...calls].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, Number((n / o.orders).toFixed(2))])),
    };
  } finally {
    await fleet?.stop();
    await backend.store.close();
    await emulator.close();
    await db.drop();
  }
}

export async function workerScaling(args: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workers: { type: 'string', default: '1,2,4' },
      latency: { type: 'string', default: '20' },
      webs: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'postgres' },
      concurrency: { type: 'string', default: '4' },
      'xecm-concurrency': { type: 'string', default: '8' },
    },
  });
  const backend = values.backend as ScaleBackend;
  if (backend !== 'postgres' && backend !== 'sqlite') throw new Error(`--backend must be postgres or sqlite (got ${values.backend})`);
  if (backend === 'postgres') {
    const pg = await postgresReachable();
    if (!pg.ok) throw new Error(`PostgreSQL is not reachable: ${pg.reason}`);
  }
  const orders = Number(positionals[0] ?? 300);
  const latency = Number(values.latency);
  const concurrency = Number(values.concurrency);
  const xecmMaxConcurrency = Number(values['xecm-concurrency']);
  const webs = Number(values.webs);
  const points: Point[] = [];
  for (const workers of values.workers.split(',').map(Number)) {
    process.stderr.write(`worker-scaling: ${workers} worker(s), ${webs} web, ${orders} orders on ${backend}…\n`);
    points.push(await endToEndPoint({ backend, workers, webs, orders, latency, concurrency, xecmMaxConcurrency }));
  }
  const rows = [
    '| workers | webs | orders | took | orders/s | bound (orders/s) | of bound | xECM calls/order | CPU s: workers, webs, emulator+sender, PostgreSQL | cores busy |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...points.map(
      (p) =>
        `| ${p.workers} | ${p.webs} | ${p.orders} | ${p.seconds} s | ${p.ordersPerSecond} | ${p.boundOrdersPerSecond} | ${p.ofBound} | ${p.xecmCallsPerOrder} | ${p.cpu.workers}, ${p.cpu.webs}, ${p.cpu.benchProcess}, ${p.cpu.postgres} | ${Math.round(p.cpu.machineBusy * 100)}% |`,
    ),
  ];
  process.stderr.write(`${rows.join('\n')}\n`);
  return { backend, shop: TEST_SHOP, latencyMs: latency, queueConcurrency: concurrency, xecmMaxConcurrency, points };
}
