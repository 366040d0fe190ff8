/**
 * Holds the OTCS ticket: obtains it with POST /api/v1/auth, takes refreshed values from the
 * `OTCSTicket` response header, and renews it single-flight: when many calls see 401 at once,
 * one re-authenticates and the rest wait for it (pyxecm's strategy, otcs-api.md §1.3).
 */
export class TicketHolder {
  #ticket: string | undefined;
  #pending: Promise<string> | undefined;
  readonly #login: () => Promise<string>;

  constructor(login: () => Promise<string>) {
    this.#login = login;
  }

  get current(): string | undefined {
    return this.#ticket;
  }

  /** The current ticket, logging in first if there is none. */
  async get(): Promise<string> {
    return this.#ticket ?? this.renew(undefined);
  }

  /**
   * Renews after a 401. `stale` is the ticket the failed call used: if another call already
   * replaced it, that newer ticket is returned without logging in again.
   */
  async renew(stale: string | undefined): Promise<string> {
    if (this.#ticket !== undefined && this.#ticket !== stale) return this.#ticket;
    this.#pending ??= this.#login().then(
      (t) => {
        this.#ticket = t;
        this.#pending = undefined;
        return t;
      },
      (err: unknown) => {
        this.#pending = undefined;
        throw err;
      },
    );
    return this.#pending;
  }

  /** A response carried an `OTCSTicket` header: always use the latest ticket. */
  refreshed(ticket: string): void {
    if (ticket) this.#ticket = ticket;
  }

  clear(): void {
    this.#ticket = undefined;
  }
}

/** How long a refused sign-in blocks the next one when the configuration does not say (ms). */
export const DEFAULT_AUTH_RETRY_AFTER_MS = 300_000;

export interface SignInRefusal {
  /** When the sign-in was refused (epoch ms). */
  at: number;
  /** No sign-in before this (epoch ms). */
  until: number;
  reason: string;
}

/**
 * Remembers a refused sign-in for a cool-down: a directory service (OTDS) locks an account after a
 * few failed attempts, so a wrong password must not be tried again by every call, renewal and job.
 */
export class SignInLatch {
  #refusal: SignInRefusal | undefined;
  readonly #coolDownMs: number;
  readonly #now: () => number;

  constructor(coolDownMs: number, now: () => number = Date.now) {
    this.#coolDownMs = coolDownMs;
    this.#now = now;
  }

  /** The refusal still in force, if any. */
  refusal(): SignInRefusal | undefined {
    if (this.#refusal !== undefined && this.#now() >= this.#refusal.until) this.#refusal = undefined;
    return this.#refusal;
  }

  trip(reason: string): SignInRefusal {
    const at = this.#now();
    this.#refusal = { at, until: at + this.#coolDownMs, reason };
    return this.#refusal;
  }

  clear(): void {
    this.#refusal = undefined;
  }
}
