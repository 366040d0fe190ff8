/**
 * Webhook delivery as Shopify does it (shopify-api.md §1, §7): one POST per subscription and topic,
 * the body serialised once and signed base64 HMAC-SHA256 with the app secret, the X-Shopify-* headers,
 * a 5-second timeout, any non-2xx a failure, retries on a (compressed) exponential schedule with the
 * same webhook id and the original payload. Fault switches, drawn from a seeded PRNG: drop (never
 * delivered), duplicate (delivered twice with the same webhook id), reorder (shuffled within a batch).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { signBody } from '../../src/shopify/webhooks/verify.js';
import type { Prng } from './prng.js';
import { triggeredAt } from './time.js';
import type { WebhookSubscriptionRec } from './types.js';

export interface WebhookFaults {
  /** Probability that a delivery is never sent. (Default: 0) */
  drop: number;
  /** Probability that a delivery is sent twice with the same webhook id. (Default: 0) */
  duplicate: number;
  /** Shuffle the deliveries of one batch. (Default: false) */
  reorder: boolean;
}

export const NO_FAULTS: WebhookFaults = { drop: 0, duplicate: 0, reorder: false };

/** Parses "drop=0.2,duplicate=0.1,reorder=1"; throws on unknown keys or bad values. */
export function parseWebhookFaults(spec: string | undefined): WebhookFaults {
  const out: WebhookFaults = { ...NO_FAULTS };
  if (!spec || !spec.trim()) return out;
  for (const part of spec.split(',')) {
    const [k, v = ''] = part.split('=').map((x) => x.trim());
    const n = Number(v);
    if (k === 'reorder') out.reorder = v === '' || v === 'true' || n > 0;
    else if (k === 'drop' || k === 'duplicate') {
      if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`webhook fault ${k} must be a probability in [0, 1] (got "${v}")`);
      out[k] = n;
    } else throw new Error(`unknown webhook fault "${k}" (known: drop, duplicate, reorder)`);
  }
  return out;
}

/** Compressed stand-in for Shopify's 8 retries over 4 hours, ms between attempts. */
export const DEFAULT_RETRY_SCHEDULE = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000];

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'dropped';

export interface DeliveryRecord {
  webhookId: string;
  eventId: string;
  topic: string;
  uri: string;
  subscriptionId: number;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status per attempt; 0 for a network error or timeout. */
  responses: number[];
  duplicated: boolean;
  triggeredAt: string;
  lastError: string | null;
}

/** What the dispatcher did, per subscription address (kept apart from the bounded log). */
export interface DeliveryCounts {
  /** Deliveries made (one per subscription and action), dropped ones included. */
  deliveries: number;
  dropped: number;
  /** Sent twice with the same webhook id. */
  duplicated: number;
  /** First sent after a delivery to the same address that was made later (overtaken). */
  reordered: number;
  /** Attempts after a failed one. */
  retries: number;
  /** Gave up after all retries. */
  failed: number;
}

const zeroCounts = (): DeliveryCounts => ({ deliveries: 0, dropped: 0, duplicated: 0, reordered: 0, retries: 0, failed: 0 });

interface Delivery {
  /** Order of making, per dispatcher. */
  seq: number;
  rec: DeliveryRecord;
  body: Buffer;
  headers: Record<string, string>;
  appLevel: boolean;
}

export interface DispatcherOptions {
  shopDomain: string;
  apiSecret: string;
  apiVersion: string;
  retrySchedule: number[];
  /** Per attempt. (Default: 5000) */
  timeoutMs: number;
  faults: WebhookFaults;
  rng: Prng;
  subscriptions: () => readonly WebhookSubscriptionRec[];
  /** Called when an Admin-API subscription exhausted its retries (Shopify then deletes it). */
  onExhausted?: (subscriptionId: number) => void;
  logger?: Logger;
  /** Keep at most this many delivery records. (Default: 10000) */
  logLimit?: number;
  /** With `reorder`, each delivery is held back a random 0..this many ms, so later ones overtake it. (Default: 150) */
  reorderWindowMs?: number;
}

/** Shopify's JSON escapes `/` and `&`; doing the same makes receivers verify raw bytes, not re-serialised JSON. */
function serialise(payload: unknown): Buffer {
  return Buffer.from(JSON.stringify(payload).replace(/\//g, '\\/').replace(/&/g, '\\u0026'), 'utf8');
}

function trim(payload: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  if (fields.length === 0) return payload;
  return Object.fromEntries(Object.entries(payload).filter(([k]) => fields.includes(k)));
}

export class WebhookDispatcher {
  readonly log: DeliveryRecord[] = [];
  faults: WebhookFaults;
  /** Faults for one subscription address, overriding `faults` (e.g. one lossy endpoint beside a perfect one). */
  readonly faultsByUri = new Map<string, WebhookFaults>();
  #ready: Delivery[] = [];
  #timers = new Set<NodeJS.Timeout>();
  #outstanding = new Set<Delivery>();
  #pumping = false;
  #waiters: Array<() => void> = [];
  #closed = false;
  #seq = 0;
  /** Per address: the highest `seq` sent so far. */
  readonly #sentSeq = new Map<string, number>();
  readonly #counts = new Map<string, DeliveryCounts>();

  constructor(private readonly opts: DispatcherOptions) {
    this.faults = opts.faults;
  }

  /** A new X-Shopify-Event-Id, shared by every delivery of one merchant action. */
  newEventId(): string {
    return randomUUID();
  }

  /** Queues deliveries of `topic` to every subscription of it. */
  emit(topic: string, payload: Record<string, unknown>, eventId: string, at: number): number {
    const subs = this.opts.subscriptions().filter((s) => s.topic === topic);
    for (const sub of subs) {
      const body = serialise(trim(payload, sub.includeFields));
      const webhookId = randomUUID();
      const rec: DeliveryRecord = {
        webhookId,
        eventId,
        topic,
        uri: sub.uri,
        subscriptionId: sub.id,
        status: 'pending',
        attempts: 0,
        responses: [],
        duplicated: false,
        triggeredAt: triggeredAt(at),
        lastError: null,
      };
      // Both draws always happen, so one switch does not shift the other's sequence.
      const faults = this.faultsByUri.get(sub.uri) ?? this.faults;
      const drop = this.opts.rng.chance(faults.drop);
      const duplicate = this.opts.rng.chance(faults.duplicate);
      this.#record(rec);
      const counts = this.#countsOf(sub.uri);
      counts.deliveries++;
      if (drop) {
        rec.status = 'dropped';
        counts.dropped++;
        continue;
      }
      rec.duplicated = duplicate;
      if (duplicate) counts.duplicated++;
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': 'Shopify-Captain-Hook',
        'X-Shopify-Topic': topic,
        'X-Shopify-Hmac-Sha256': signBody(this.opts.apiSecret, body),
        'X-Shopify-Shop-Domain': this.opts.shopDomain,
        'X-Shopify-API-Version': this.opts.apiVersion,
        'X-Shopify-Webhook-Id': webhookId,
        'X-Shopify-Event-Id': eventId,
        'X-Shopify-Triggered-At': rec.triggeredAt,
      };
      if (sub.name) headers['X-Shopify-Name'] = sub.name;
      const d: Delivery = { seq: this.#seq++, rec, body, headers, appLevel: sub.appLevel };
      this.#outstanding.add(d);
      if (faults.reorder) {
        // Held back a random moment: deliveries of consecutive actions overtake one another.
        const timer = setTimeout(
          () => {
            this.#timers.delete(timer);
            this.#ready.push(d);
            this.#schedule();
          },
          Math.floor(this.opts.rng.next() * (this.opts.reorderWindowMs ?? 150)),
        );
        this.#timers.add(timer);
      } else {
        this.#ready.push(d);
      }
    }
    this.#schedule();
    return subs.length;
  }

  #countsOf(uri: string): DeliveryCounts {
    let c = this.#counts.get(uri);
    if (!c) {
      c = zeroCounts();
      this.#counts.set(uri, c);
    }
    return c;
  }

  /** Counts per subscription address, and over all of them (for GET /emulator/faults). */
  counts(): { total: DeliveryCounts; byUri: Record<string, DeliveryCounts> } {
    const total = zeroCounts();
    const byUri: Record<string, DeliveryCounts> = {};
    for (const [uri, c] of this.#counts) {
      byUri[uri] = { ...c };
      for (const k of Object.keys(total) as Array<keyof DeliveryCounts>) total[k] += c[k];
    }
    return { total, byUri };
  }

  #record(rec: DeliveryRecord): void {
    this.log.push(rec);
    const limit = this.opts.logLimit ?? 10_000;
    if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
  }

  #schedule(): void {
    if (this.#pumping || this.#closed) return;
    this.#pumping = true;
    setImmediate(() => void this.#pump());
  }

  async #pump(): Promise<void> {
    try {
      while (this.#ready.length > 0 && !this.#closed) {
        const batch = this.#ready.splice(0);
        // Per-address reordering happens through the random hold-back in emit(); only the global
        // switch shuffles whole batches.
        const ordered = this.faults.reorder ? this.opts.rng.shuffle(batch) : batch;
        for (const d of ordered) await this.#attempt(d);
      }
    } finally {
      this.#pumping = false;
      if (this.#ready.length > 0 && !this.#closed) this.#schedule();
      else this.#settle();
    }
  }

  async #post(d: Delivery): Promise<number> {
    try {
      const res = await fetch(d.rec.uri, {
        method: 'POST',
        headers: d.headers,
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch (err) {
      d.rec.lastError = err instanceof Error ? err.message : String(err);
      return 0;
    }
  }

  async #attempt(d: Delivery): Promise<void> {
    d.rec.attempts++;
    const counts = this.#countsOf(d.rec.uri);
    if (d.rec.attempts === 1) {
      const latest = this.#sentSeq.get(d.rec.uri) ?? -1;
      if (d.seq < latest) counts.reordered++;
      else this.#sentSeq.set(d.rec.uri, d.seq);
    } else counts.retries++;
    const status = await this.#post(d);
    d.rec.responses.push(status);
    if (status >= 200 && status < 300) {
      d.rec.status = 'delivered';
      d.rec.lastError = null;
      if (d.rec.duplicated) d.rec.responses.push(await this.#post(d));
      this.#outstanding.delete(d);
      return;
    }
    if (status !== 0) d.rec.lastError = `HTTP ${status}`;
    const delay = this.opts.retrySchedule[d.rec.attempts - 1];
    if (delay === undefined || this.#closed) {
      d.rec.status = 'failed';
      counts.failed++;
      this.opts.logger?.warn({ topic: d.rec.topic, webhookId: d.rec.webhookId, attempts: d.rec.attempts }, 'webhook delivery failed after all retries');
      if (!d.appLevel) this.opts.onExhausted?.(d.rec.subscriptionId);
      this.#outstanding.delete(d);
      return;
    }
    d.rec.status = 'retrying';
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#ready.push(d);
      this.#schedule();
    }, delay);
    this.#timers.add(timer);
  }

  #settle(): void {
    if (this.#outstanding.size > 0 || this.#pumping) return;
    const waiters = this.#waiters.splice(0);
    for (const w of waiters) w();
  }

  /** Resolves when every queued delivery (retries included) has been delivered, failed or dropped. */
  flush(): Promise<void> {
    if (this.#outstanding.size === 0 && !this.#pumping) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Counts by status, for GET /emulator/state. */
  summary(): Record<DeliveryStatus, number> {
    const out: Record<DeliveryStatus, number> = { pending: 0, retrying: 0, delivered: 0, failed: 0, dropped: 0 };
    for (const r of this.log) out[r.status]++;
    return out;
  }

  /** Stops retries and pending work (used on close and reset); waiting flushes resolve. */
  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const d of this.#ready.splice(0)) {
      d.rec.status = 'failed';
      d.rec.lastError = 'emulator closed';
    }
    this.#outstanding.clear();
    const waiters = this.#waiters.splice(0);
    for (const w of waiters) w();
  }

  /** Forgets queued work and the log but keeps running (reset). */
  clear(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#ready.splice(0);
    this.log.splice(0);
    this.#counts.clear();
    this.#sentSeq.clear();
    this.#outstanding.clear();
    this.#settle();
  }
}
