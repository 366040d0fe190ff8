/**
 * The load generator every intake figure comes from: undici's Pool on loopback, keep-alive
 * connections, one request in flight per connection, bodies signed before the clock starts.
 *
 * - closed loop (`saturate`): every connection sends its next request as soon as the last is answered;
 *   the rate it reaches is the server's capacity under this generator.
 * - open loop (`offer`): requests are due at a fixed rate whatever the server does; a request waits in
 *   the pool when every connection is busy, and its latency counts from when it was due (so a slow
 *   server cannot hide its queueing: no coordinated omission).
 */
import { Pool } from 'undici';

/** One request ready to send: the exact bytes and headers (signature included). */
export interface Prepared {
  body: Buffer;
  headers: Record<string, string>;
}

export interface LoadResult {
  /** Requests answered (any status) and how many were not 200. */
  answered: number;
  non200: number;
  errors: number;
  seconds: number;
  /** Answers per second over the measured window. */
  rate: number;
  /** Latency (ms) percentiles. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const round = (n: number, d = 2): number => Number(n.toFixed(d));

function summarize(latencies: number[], statuses: Map<number, number>, errors: number, seconds: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  let non200 = 0;
  for (const [s, n] of statuses) if (s !== 200) non200 += n;
  return {
    answered: latencies.length,
    non200,
    errors,
    seconds: round(seconds, 3),
    rate: round(latencies.length / seconds, 1),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0) : Number.NaN),
    statuses: Object.fromEntries([...statuses].map(([k, v]) => [String(k), v])),
  };
}

/** Hands out prepared requests in order; throws when they run out (a run must never resend one). */
export class Feed {
  #next = 0;
  constructor(private readonly items: Prepared[]) {}
  take(): Prepared {
    const p = this.items[this.#next++];
    if (!p) throw new Error(`the load generator ran out of prepared deliveries (${this.items.length})`);
    return p;
  }
  get used(): number {
    return this.#next;
  }
  get left(): number {
    return this.items.length - this.#next;
  }
}

export function openPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
}

async function send(pool: Pool, path: string, p: Prepared): Promise<number> {
  const res = await pool.request({ method: 'POST', path, headers: p.headers, body: p.body });
  // The answer is read to its end before the connection takes another request.
  await res.body.dump();
  return res.statusCode;
}

/** Closed loop: `connections` lanes, each sending back to back, until `count` requests are answered. */
export async function saturate(pool: Pool, path: string, feed: Feed, o: { connections: number; count: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let issued = 0;
  const start = performance.now();
  const lane = async (): Promise<void> => {
    while (issued < o.count) {
      issued++;
      const p = feed.take();
      const t0 = performance.now();
      try {
        const s = await send(pool, path, p);
        statuses.set(s, (statuses.get(s) ?? 0) + 1);
      } catch {
        errors++;
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: o.connections }, lane));
  return summarize(latencies, statuses, errors, (performance.now() - start) / 1000);
}

/**
 * Open loop: `rate` requests per second for `seconds`, each due at start + i / rate. A server that
 * falls behind sees the backlog grow; once `maxBacklog` requests are due but unanswered, no more are
 * issued (the point is saturated) and the run ends when those are answered.
 */
export async function offer(
  pool: Pool,
  path: string,
  feed: Feed,
  o: { rate: number; seconds: number; maxBacklog?: number },
): Promise<LoadResult & { offered: number; saturated: boolean }> {
  const total = Math.round(o.rate * o.seconds);
  const maxBacklog = o.maxBacklog ?? 5_000;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let issued = 0;
  let answered = 0;
  let saturated = false;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const interval = 1000 / o.rate;
  while (issued < total) {
    const now = performance.now();
    // Everything due by now goes out (late ones with their due time: their wait counts).
    while (issued < total && start + issued * interval <= now) {
      if (issued - answered >= maxBacklog) {
        saturated = true;
        break;
      }
      const due = start + issued * interval;
      issued++;
      const p = feed.take();
      const f: Promise<void> = send(pool, path, p)
        .then(
          (s) => void statuses.set(s, (statuses.get(s) ?? 0) + 1),
          () => {
            errors++;
            statuses.set(0, (statuses.get(0) ?? 0) + 1);
          },
        )
        .finally(() => {
          latencies.push(performance.now() - due);
          answered++;
          inFlight.delete(f);
        });
      inFlight.add(f);
    }
    if (saturated) break;
    // Wake for the next due request (timers are ~1 ms coarse; several go out per wake at high rates).
    const wait = start + issued * interval - performance.now();
    await new Promise<void>((r) => (wait > 1 ? setTimeout(r, Math.floor(wait)) : setImmediate(r)));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  return { ...summarize(latencies, statuses, errors, seconds), offered: o.rate, saturated };
}
