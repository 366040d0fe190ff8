import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../errors.js';
import { silentLogger } from '../log.js';
import type { Job, QueueCounts } from '../queue/queue.js';
import { parsePromText, total } from '../../test/helpers/prom-text.js';
import { Metrics } from './metrics.js';

const job = (attempt: number, maxAttempts = 3): Job => ({ id: '1', task: 'rule', jobKey: 'k', queueName: 'q', payload: {}, attempt, maxAttempts });
const ctx = { log: silentLogger, signal: new AbortController().signal };
const counts = (c: Partial<QueueCounts>): QueueCounts => ({ queued: 0, running: 0, dead: 0, nextRunAt: undefined, oldestDueAt: undefined, ...c });

describe('Metrics', () => {
  it('counts job runs as done, retry (retryable, attempts left) or dead, and rethrows what the handler threw', async () => {
    const m = new Metrics({ processMetrics: false });
    const transient = new IntegrationError('XECM_UNAVAILABLE', 'down');
    const permanent = new IntegrationError('XECM_BAD_REQUEST', 'no');
    let next: unknown;
    const h = m.observeHandlers({
      rule: async () => {
        if (next) throw next;
        return { ok: true };
      },
    }).rule;
    if (!h) throw new Error('no wrapped handler');
    await expect(h(job(1), ctx)).resolves.toEqual({ ok: true });
    next = transient;
    await expect(h(job(1), ctx)).rejects.toBe(transient);
    await expect(h(job(3), ctx)).rejects.toBe(transient);
    next = permanent;
    await expect(h(job(1), ctx)).rejects.toBe(permanent);
    next = new Error('a bug');
    await expect(h(job(1), ctx)).rejects.toThrow('a bug');
    const f = parsePromText(await m.text());
    const runs = (result: string) => total(f, 'shopify_xecm_job_runs_total', { task: 'rule', result });
    expect([runs('done'), runs('retry'), runs('dead')]).toEqual([1, 1, 3]);
    expect(total(f, 'shopify_xecm_job_duration_seconds_count', { task: 'rule' })).toBe(5);
  });

  it('reads the queue once per scrape: jobs by state and the lag of the oldest due job', async () => {
    let reads = 0;
    let answer: () => Promise<QueueCounts> = async () => counts({ queued: 4, running: 1, dead: 2, oldestDueAt: 10_000 });
    const m = new Metrics({
      processMetrics: false,
      now: () => 12_500,
      queue: {
        counts: () => {
          reads++;
          return answer();
        },
      },
    });
    let f = parsePromText(await m.text());
    expect(reads).toBe(1);
    expect(['queued', 'running', 'dead'].map((state) => total(f, 'shopify_xecm_jobs', { state }))).toEqual([4, 1, 2]);
    expect(total(f, 'shopify_xecm_queue_lag_seconds')).toBe(2.5);
    // A queue that cannot be read: the scrape still answers, without the queue's depth and with its lag unknown.
    answer = () => Promise.reject(new Error('database is locked'));
    f = parsePromText(await m.text());
    expect(f.get('shopify_xecm_jobs')?.samples).toEqual([]);
    expect(f.get('shopify_xecm_queue_lag_seconds')?.samples.map((x) => x.value)).toEqual([Number.NaN]);
  });

  it('keeps each instance’s figures apart (own registry) and ignores non-positive cost and waits', async () => {
    const a = new Metrics({ processMetrics: false });
    const b = new Metrics({ processMetrics: false });
    a.delivery('orders/create', 'stored');
    a.shopifyCost('s.myshopify.com', 12);
    a.shopifyCost('s.myshopify.com', 0);
    a.shopifyThrottle('s.myshopify.com', 1500);
    a.shopifyThrottle('s.myshopify.com', 0);
    const fa = parsePromText(await a.text());
    const fb = parsePromText(await b.text());
    expect(total(fa, 'shopify_xecm_deliveries_total')).toBe(1);
    expect(total(fb, 'shopify_xecm_deliveries_total')).toBe(0);
    expect(total(fa, 'shopify_xecm_shopify_query_cost_total')).toBe(12);
    expect(total(fa, 'shopify_xecm_shopify_throttle_waits_total')).toBe(1);
    expect(total(fa, 'shopify_xecm_shopify_throttle_wait_seconds_total')).toBe(1.5);
  });
});
