/**
 * Benchmark: end to end (issue 15). Orders per second from a signed orders/create delivery to a
 * finished order workspace with its documents, with the xECM emulator answering each REST call
 * after a fixed latency, against the bound that this latency and the configured concurrency set:
 *
 *   bound = min(queue.concurrency, xecm.maxConcurrency) / (xECM calls per order × latency)
 *
 * (a job makes its calls one after another, so one worker process has at most that many in
 * flight). The calls are counted at the emulator (reads and writes); the writes are also counted
 * from the connector's audit log. The connector's CPU time per order (one event each) is reported.
 * One `serve --role web` and one `serve --role worker` on one SQLite file (the embedded store), the
 * shipped defaults (queue.concurrency 4, xecm.maxConcurrency 8) and, to show where the connector's
 * own cost takes over from the latency, queue.concurrency 1, 2 and 8 too.
 *
 *   npm run bench -- e2e [ORDERS] [--latency 20] [--concurrency 4,1,2,8] [--backend sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { endToEndPoint } from './worker-scaling.js';
import type { Point } from './worker-scaling.js';

/** Target from issue 15: at least this share of the bound. */
export const E2E_TARGET = 0.9;

export async function e2eBench(args: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      latency: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '4,1,2,8' },
      backend: { type: 'string', default: 'sqlite' },
    },
  });
  const backend = values.backend === 'postgres' ? 'postgres' : 'sqlite';
  const orders = Number(positionals[0] ?? 300);
  const latency = Number(values.latency);
  const points: Array<Point & { queueConcurrency: number; targetMet: boolean }> = [];
  for (const concurrency of values.concurrency.split(',').map(Number)) {
    process.stderr.write(`e2e: ${orders} orders, queue.concurrency ${concurrency}, ${latency} ms per xECM call, ${backend}…\n`);
    const p = await endToEndPoint({ backend, workers: 1, webs: 1, orders, latency, concurrency, xecmMaxConcurrency: 8 });
    process.stderr.write(
      `e2e: ${p.ordersPerSecond} orders/s of bound ${p.boundOrdersPerSecond} (${p.ofBound}), ${p.xecmCallsPerOrder} calls/order, ${p.cpuMsPerOrder} ms CPU/order, ` +
        `${p.servedMsPerCall} ms a call at the emulator, ${p.slotMsPerCall} ms a call per slot\n`,
    );
    points.push({ ...p, queueConcurrency: concurrency, targetMet: p.ofBound >= E2E_TARGET });
  }
  const headline = points[0];
  return {
    backend,
    latencyMs: latency,
    xecmMaxConcurrency: 8,
    target: E2E_TARGET,
    headline: headline && {
      queueConcurrency: headline.queueConcurrency,
      ordersPerSecond: headline.ordersPerSecond,
      boundOrdersPerSecond: headline.boundOrdersPerSecond,
      ofBound: headline.ofBound,
      met: headline.targetMet,
      cpuMsPerOrder: headline.cpuMsPerOrder,
      servedMsPerCall: headline.servedMsPerCall,
      slotMsPerCall: headline.slotMsPerCall,
    },
    points,
  };
}
