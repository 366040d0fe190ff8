import { sleep } from '../../util/sleep.js';

/**
 * A local model of Shopify's leaky bucket per shop (shopify-api.md §4.4). It is refreshed from every
 * response's `extensions.cost.throttleStatus`; before a request it waits until the bucket holds
 * the query's expected cost, and reserves that cost at once so concurrent requests cannot together
 * overdraw it. The aim: never be answered THROTTLED.
 */
/** Longest single wait before the bucket's level is looked at again. */
const WAIT_SLICE_MS = 250;

export class CostThrottle {
  #max: number;
  #available: number;
  #restoreRate: number;
  #at: number;
  /** Points reserved by requests not yet answered (Shopify's figures do not include them yet). */
  #inFlight = 0;
  #chain: Promise<void> = Promise.resolve();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(opts: { maximumAvailable?: number; restoreRate?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
    // Until Shopify tells us, assume the Standard plan: 100 points/s (the bucket size is learned from the first answer).
    this.#max = opts.maximumAvailable ?? 1000;
    this.#available = this.#max;
    this.#restoreRate = opts.restoreRate ?? 100;
    this.#now = opts.now ?? (() => performance.now());
    this.#at = this.#now();
    this.#sleep = opts.sleep ?? sleep;
  }

  #level(now: number): number {
    return Math.min(this.#max, this.#available + ((now - this.#at) / 1000) * this.#restoreRate);
  }

  /**
   * Waits until `cost` points are available, then reserves them. Calls are served in order. Resolves
   * with the milliseconds this call waited for the bucket itself (0: the points were there on its turn).
   */
  acquire(cost: number): Promise<number> {
    const need = Math.min(cost, this.#max);
    const turn = this.#chain.then(async () => {
      // Wait in short slices: an answer that arrives meanwhile (with Shopify's real figures, often a
      // far fuller bucket than the estimates assumed) shortens the wait.
      let waited = 0;
      for (;;) {
        const level = this.#level(this.#now());
        if (level >= need) break;
        const slice = Math.min(WAIT_SLICE_MS, Math.ceil(((need - level) / this.#restoreRate) * 1000));
        await this.#sleep(slice);
        waited += slice;
      }
      const now = this.#now();
      this.#available = this.#level(now) - need;
      this.#at = now;
      this.#inFlight += need;
      return waited;
    });
    this.#chain = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /**
   * A request was answered. Shopify's figures are the truth for everything it has seen; requests
   * still in flight are not in them yet, so their reservations are subtracted. Without figures, the
   * difference between the estimate and the actual cost is refunded.
   */
  update(
    status: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number } | undefined,
    estimated: number,
    actual: number | null | undefined,
  ): void {
    const now = this.#now();
    const reserved = Math.min(estimated, this.#max);
    this.#inFlight = Math.max(0, this.#inFlight - reserved);
    if (status?.maximumAvailable) this.#max = status.maximumAvailable;
    if (status?.restoreRate) this.#restoreRate = status.restoreRate;
    if (typeof status?.currentlyAvailable === 'number') {
      this.#available = status.currentlyAvailable - this.#inFlight;
      this.#at = now;
    } else if (typeof actual === 'number' && actual < reserved) {
      this.#available = Math.min(this.#max, this.#level(now) + (reserved - actual));
      this.#at = now;
    }
  }

  /** Points per second the bucket restores; sync paces itself with it. */
  get restoreRate(): number {
    return this.#restoreRate;
  }

  get available(): number {
    return this.#level(this.#now());
  }
}
