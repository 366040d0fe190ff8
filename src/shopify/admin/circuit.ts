import { ShopifyError } from './errors.js';

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. (Default: 3) */
  threshold?: number;
  /** First time it stays open (ms); doubles while trials fail, up to `maxOpenMs`. (Default: 30000) */
  openMs?: number;
  /** (Default: 300000) */
  maxOpenMs?: number;
  now?: () => number;
}

/**
 * One breaker per shop's Admin API: after `threshold` failures in a row (unreachable, 5xx, a revoked
 * token or a missing scope) calls fail at once, without touching the network, until the cool-down
 * ends; then one call is let through as a trial. A broken dependency is backed off as a whole instead
 * of by every job, and no worker slot waits on it.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #maxOpenMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openUntil = 0;
  #currentOpenMs: number;
  #last = '';

  constructor(opts: CircuitOptions = {}) {
    this.#threshold = opts.threshold ?? 3;
    this.#openMs = opts.openMs ?? 30_000;
    this.#maxOpenMs = opts.maxOpenMs ?? 300_000;
    this.#now = opts.now ?? Date.now;
    this.#currentOpenMs = this.#openMs;
  }

  /** Throws SHOPIFY_UNAVAILABLE (retried by the queue) while the circuit is open. */
  check(op: string): void {
    const left = this.#openUntil - this.#now();
    if (left > 0) {
      throw new ShopifyError(
        'SHOPIFY_UNAVAILABLE',
        `${op}: the Admin API is backed off for ${Math.ceil(left / 1000)} s more after ${this.#failures} failures in a row (last: ${this.#last})`,
        undefined,
        left,
      );
    }
  }

  /** True when this failure opened (or re-opened) the circuit. */
  failure(message: string): boolean {
    this.#failures++;
    this.#last = message;
    if (this.#failures < this.#threshold) return false;
    this.#openUntil = this.#now() + this.#currentOpenMs;
    this.#currentOpenMs = Math.min(this.#maxOpenMs, this.#currentOpenMs * 2);
    return true;
  }

  success(): void {
    this.#failures = 0;
    this.#openUntil = 0;
    this.#currentOpenMs = this.#openMs;
  }

  get open(): boolean {
    return this.#openUntil > this.#now();
  }
}
