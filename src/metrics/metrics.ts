import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { coerceError } from '../errors.js';
import type { JobQueue, QueueCounts, TaskHandler } from '../queue/queue.js';

/** Every metric of the connector's own starts with this (the process metrics keep prom-client's names). */
export const METRIC_PREFIX = 'shopify_xecm_';

/** What became of a webhook delivery at intake (server/routes/webhooks.ts reports it). */
export const DELIVERY_OUTCOMES = ['stored', 'duplicate', 'ignored', 'refused', 'malformed', 'too_large', 'store_unavailable'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** How a job's run ended: done, failed and will run again, or failed for good (a dead letter). */
export type JobRunResult = 'done' | 'retry' | 'dead';

/** How one HTTP request to Content Server ended (xecm/client.ts reports it). */
export type XecmCallResult = 'ok' | 'client_error' | 'server_error' | 'timeout' | 'network' | 'auth';

/** One request to Content Server: `GET /v2/nodes/:id/nodes`, how it ended, how long it took. */
export interface XecmCallObservation {
  operation: string;
  result: string;
  ms: number;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The connector's Prometheus metrics: one `Registry` per connector instance (never prom-client's
 * global one, so several connectors, as in the tests, keep their own figures), the process's default
 * metrics, and what the connector does: deliveries, jobs, Content Server calls, Admin API cost and
 * throttling, the queue's depth and lag (read from the queue at scrape time).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #deliveries: Counter<'topic' | 'outcome'>;
  readonly #jobRuns: Counter<'task' | 'result'>;
  readonly #jobDuration: Histogram<'task'>;
  readonly #xecmCalls: Counter<'operation' | 'result'>;
  readonly #xecmDuration: Histogram<'operation'>;
  readonly #shopifyCost: Counter<'shop'>;
  readonly #throttleWaits: Counter<'shop'>;
  readonly #throttleWaitSeconds: Counter<'shop'>;
  #counting: Promise<QueueCounts | undefined> | undefined;

  constructor(opts: { queue?: Pick<JobQueue, 'counts'>; processMetrics?: boolean; now?: () => number } = {}) {
    const registers = [this.registry];
    const now = opts.now ?? Date.now;
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.#deliveries = new Counter({
      name: `${METRIC_PREFIX}deliveries_total`,
      help: 'Webhook deliveries received, by topic and by what became of them (stored, duplicate, ignored, refused, malformed, too_large, store_unavailable).',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.#jobRuns = new Counter({
      name: `${METRIC_PREFIX}job_runs_total`,
      help: 'Job runs by task and result: done, retry (failed, runs again) or dead (failed for good: a dead letter).',
      labelNames: ['task', 'result'],
      registers,
    });
    this.#jobDuration = new Histogram({
      name: `${METRIC_PREFIX}job_duration_seconds`,
      help: "Time a job's handler ran, by task, whatever its result.",
      labelNames: ['task'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.#xecmCalls = new Counter({
      name: `${METRIC_PREFIX}xecm_calls_total`,
      help: 'HTTP requests to Content Server (each attempt), by operation (method and path, ids as :id) and result.',
      labelNames: ['operation', 'result'],
      registers,
    });
    this.#xecmDuration = new Histogram({
      name: `${METRIC_PREFIX}xecm_call_duration_seconds`,
      help: 'Latency of HTTP requests to Content Server, by operation.',
      labelNames: ['operation'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.#shopifyCost = new Counter({
      name: `${METRIC_PREFIX}shopify_query_cost_total`,
      help: 'Admin API query cost points Shopify charged (extensions.cost.actualQueryCost), by shop.',
      labelNames: ['shop'],
      registers,
    });
    this.#throttleWaits = new Counter({
      name: `${METRIC_PREFIX}shopify_throttle_waits_total`,
      help: "Times an Admin API call waited for the shop's cost bucket or after a THROTTLED/429 answer, by shop.",
      labelNames: ['shop'],
      registers,
    });
    this.#throttleWaitSeconds = new Counter({
      name: `${METRIC_PREFIX}shopify_throttle_wait_seconds_total`,
      help: 'Seconds Admin API calls spent waiting for the cost bucket or after a THROTTLED/429 answer, by shop.',
      labelNames: ['shop'],
      registers,
    });
    const queue = opts.queue;
    if (queue) {
      // Both gauges are read from one queue.counts() per scrape (prom-client collects them at once).
      const counts = (): Promise<QueueCounts | undefined> => {
        this.#counting ??= queue
          .counts()
          .catch(() => undefined)
          .finally(() => {
            this.#counting = undefined;
          });
        return this.#counting;
      };
      new Gauge({
        name: `${METRIC_PREFIX}jobs`,
        help: 'Jobs in the queue by state: queued (due now or later), running, dead (dead letters). Absent while the queue cannot be read.',
        labelNames: ['state'],
        registers,
        async collect() {
          const c = await counts();
          this.reset();
          if (!c) return;
          this.set({ state: 'queued' }, c.queued);
          this.set({ state: 'running' }, c.running);
          this.set({ state: 'dead' }, c.dead);
        },
      });
      new Gauge({
        name: `${METRIC_PREFIX}queue_lag_seconds`,
        help: 'Seconds since the oldest due job became due (0 when none waits). NaN while the queue cannot be read.',
        registers,
        async collect() {
          const c = await counts();
          if (!c) return this.set(Number.NaN);
          this.set(c.oldestDueAt === undefined ? 0 : Math.max(0, (now() - c.oldestDueAt) / 1000));
        },
      });
    }
  }

  /** The Prometheus text exposition content type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text format (queue gauges read now). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  delivery(topic: string, outcome: DeliveryOutcome): void {
    this.#deliveries.inc({ topic, outcome });
  }

  jobRun(task: string, result: JobRunResult, seconds: number): void {
    this.#jobRuns.inc({ task, result });
    this.#jobDuration.observe({ task }, seconds);
  }

  xecmCall(c: XecmCallObservation): void {
    this.#xecmCalls.inc({ operation: c.operation, result: c.result });
    this.#xecmDuration.observe({ operation: c.operation }, c.ms / 1000);
  }

  shopifyCost(shop: string, points: number): void {
    if (Number.isFinite(points) && points > 0) this.#shopifyCost.inc({ shop }, points);
  }

  shopifyThrottle(shop: string, ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.#throttleWaits.inc({ shop });
    this.#throttleWaitSeconds.inc({ shop }, ms / 1000);
  }

  /**
   * The handlers, each timed and counted. A failure's result is what the runners will make of it:
   * dead when the error is permanent or the attempts are spent, retry otherwise (both engines decide
   * the same way). What the handler threw is thrown on unchanged.
   */
  observeHandlers(handlers: Readonly<Record<string, TaskHandler>>): Record<string, TaskHandler> {
    const out: Record<string, TaskHandler> = {};
    for (const [task, handler] of Object.entries(handlers)) {
      out[task] = async (job, ctx) => {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        let result: unknown;
        try {
          result = await handler(job, ctx);
        } catch (err) {
          this.jobRun(job.task, coerceError(err).retryable && job.attempt < job.maxAttempts ? 'retry' : 'dead', seconds());
          throw err;
        }
        this.jobRun(job.task, 'done', seconds());
        return result;
      };
    }
    return out;
  }
}
