/**
 * Benchmark: the connector's memory over a long intake (issue 15). One `serve --role web` on a fresh
 * SQLite file takes DELIVERIES distinct signed orders/create deliveries (closed loop, 50 keep-alive
 * connections, the same generator as `intake`); its RSS is sampled from /proc every 250 ms and its
 * peak is the kernel's high-water mark. Flat means: after the first tenth, the RSS's trend against
 * the deliveries (least squares over twenty marks) is under 1 MB per 10,000 while the database grows.
 *
 *   npm run bench -- intake-memory [DELIVERIES]      (default 100000)
 */
import { rmSync } from 'node:fs';
import { orderDeliveries } from './lib/deliveries.js';
import { Feed, openPool, saturate } from './lib/load.js';
import type { LoadResult } from './lib/load.js';
import { rssBytes, sampleRss, statusBytes } from './lib/proc.js';
import { dataDir, startServer, storedDeliveries } from './intake.js';

const MB = 1024 * 1024;

function perSecondMax(series: Array<{ t: number; rss: number }>): number[] {
  const out: number[] = [];
  for (const s of series) {
    const i = Math.floor(s.t);
    out[i] = Math.max(out[i] ?? 0, Math.round(s.rss / MB));
  }
  return Array.from(out, (v) => v ?? 0);
}

export async function intakeMemoryBench(args: string[]): Promise<unknown> {
  const total = Number(args[0] ?? 100_000);
  const connections = 50;
  const steps = 20;
  const t0 = performance.now();
  const items = orderDeliveries(total, `memory-${Date.now()}`);
  process.stderr.write(`prepared ${total} deliveries in ${Math.round(performance.now() - t0)} ms\n`);
  const dir = dataDir();
  const server = await startServer('connector', dir);
  const pool = openPool(server.url, connections);
  const feed = new Feed(items);
  const sampler = sampleRss(server.pid);
  const started = performance.now();
  // The run in twentieths: the RSS at the end of each says whether it grows with the deliveries.
  const marks: Array<{ delivered: number; rssMb: number }> = [];
  const parts: LoadResult[] = [];
  let peak = 0;
  let series: Array<{ t: number; rss: number }>;
  try {
    for (let s = 0; s < steps; s++) {
      const count = Math.round((total * (s + 1)) / steps) - Math.round((total * s) / steps);
      parts.push(await saturate(pool, '/webhooks/shopify', feed, { connections, count }));
      marks.push({ delivered: feed.used, rssMb: Math.round(rssBytes(server.pid) / MB) });
      process.stderr.write(`intake-memory: ${feed.used} delivered, RSS ${marks[marks.length - 1]?.rssMb} MB\n`);
      peak = statusBytes(server.pid, 'VmHWM');
    }
  } finally {
    series = sampler.stop();
    await pool.close().catch(() => undefined);
    await server.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const stored = storedDeliveries(dir);
  rmSync(dir, { recursive: true, force: true });
  const acknowledged = parts.reduce((n, p) => n + (p.statuses['200'] ?? 0), 0);
  const afterTenth = marks.slice(Math.floor(steps / 10));
  const rssValues = afterTenth.map((m) => m.rssMb);
  // The trend of the RSS against the deliveries (least squares over the marks after the first
  // tenth), so one collection just before or after a mark does not decide it.
  const n = afterTenth.length;
  const mx = afterTenth.reduce((a, m) => a + m.delivered, 0) / n;
  const my = afterTenth.reduce((a, m) => a + m.rssMb, 0) / n;
  const sxx = afterTenth.reduce((a, m) => a + (m.delivered - mx) ** 2, 0);
  const sxy = afterTenth.reduce((a, m) => a + (m.delivered - mx) * (m.rssMb - my), 0);
  const growthPer10k = sxx > 0 ? (sxy / sxx) * 10_000 : 0;
  return {
    deliveries: total,
    acknowledged,
    stored: stored.deliveries,
    seconds: Math.round(seconds),
    perSecond: Math.round(acknowledged / seconds),
    rssMb: {
      peak: Math.round(peak / MB),
      afterFirstTenth: { min: Math.min(...rssValues), max: Math.max(...rssValues) },
      growthPer10kDeliveries: Number(growthPer10k.toFixed(2)),
      marks,
      /** Every 250 ms sample's maximum per second of the run, for a chart. */
      perSecond: perSecondMax(series),
    },
  };
}
