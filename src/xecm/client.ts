import { randomUUID } from 'node:crypto';
import type { XecmConfig } from '../config/schema.js';
import type { Logger } from '../log.js';
import { backoffDelay } from '../util/backoff.js';
import { Semaphore } from '../util/semaphore.js';
import { sleep } from '../util/sleep.js';
import { DEFAULT_AUTH_RETRY_AFTER_MS, SignInLatch, TicketHolder } from './auth.js';
import { mapXecmFailure, transportFailure, XecmError } from './errors.js';
import { fetchTransport, pooledTransport } from './http.js';
import type { FetchFn, StreamingFormData, Transport, TransportRequest, TransportResponse } from './http.js';

export type { FetchFn } from './http.js';

export type FormValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

/** How a request carries its data (otcs-api.md §0.2). */
export type RequestBody =
  /** application/x-www-form-urlencoded with one field `body` holding JSON (v2 create/update calls). */
  | { kind: 'body-json'; value: unknown }
  /** Plain form fields; arrays become repeated keys (auth, categories, relations, members). */
  | { kind: 'form'; fields: Record<string, FormValue> }
  /** multipart/form-data (files), streamed; built by the caller. */
  | { kind: 'multipart'; form: StreamingFormData };

export interface RequestOptions {
  query?: Record<string, FormValue>;
  body?: RequestBody;
  /** Expect a binary body instead of JSON. */
  binary?: boolean;
  /**
   * Read a binary body as a stream (never held whole): called once per attempt with the body, its
   * result is the call's `consumed`.
   */
  consume?: (body: AsyncIterable<Uint8Array>) => Promise<unknown>;
  /** Retry transient failures of this call. (Default: only for GET, PUT and DELETE) */
  idempotent?: boolean;
}

export interface XecmClientOptions {
  config: Pick<XecmConfig, 'url' | 'username' | 'password' | 'timeoutMs' | 'maxConcurrency' | 'retries' | 'retryBaseMs'> &
    Partial<Pick<XecmConfig, 'authRetryAfterMs'>>;
  log: Logger;
  fetch?: FetchFn;
  /** Told of every HTTP request (each attempt) once it ends: for metrics. Never throws into the call. */
  onCall?: (c: XecmCallInfo) => void;
}

/** One HTTP request to Content Server as an observer sees it. */
export interface XecmCallInfo {
  /** Method and path with every id replaced: `GET /v2/nodes/:id/nodes` (never a query or a name). */
  operation: string;
  result: 'ok' | 'client_error' | 'server_error' | 'timeout' | 'network' | 'auth';
  ms: number;
}

/** `GET /v2/nodes/:id/nodes` for `GET /v2/nodes/12345/nodes`: numeric path segments become `:id`. */
export function operationOf(method: string, path: string): string {
  const bare = path.split('?')[0] ?? '';
  return `${method.toUpperCase()} ${bare.replace(/\/-?\d+(?=\/|$)/g, '/:id')}`;
}

/** The result class of a failed request: its status (401/403: auth; 4xx; 5xx), or how the transport failed. */
function failureResult(status: number | undefined, cause: unknown): XecmCallInfo['result'] {
  if (status === undefined) return cause instanceof Error && cause.name === 'TimeoutError' ? 'timeout' : 'network';
  if (status === 401 || status === 403) return 'auth';
  return status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'server_error';
}

function encodeForm(fields: Record<string, FormValue>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v as ReadonlyArray<string | number>) p.append(k, String(item));
    else p.append(k, v === null ? '' : String(v));
  }
  return p;
}

/**
 * The one transport to Content Server: base URL, ticket, bounded concurrency (a keep-alive pool
 * underneath Node's fetch), per-call timeout, retries with backoff for transient failures only,
 * and a log line with request id and timing for every call (never the ticket or password).
 */
/** Fresh tickets one call asks for when Content Server keeps rejecting them (each 401 renews once). */
const TICKET_RENEWALS = 3;

export class XecmClient {
  readonly apiBase: string;
  readonly #cfg: XecmClientOptions['config'];
  readonly #log: Logger;
  readonly #send: Transport;
  readonly #limit: Semaphore;
  readonly tickets: TicketHolder;
  readonly #refusals: SignInLatch;
  readonly #closeTransport: (() => Promise<void>) | undefined;
  readonly #onCall: ((c: XecmCallInfo) => void) | undefined;

  constructor(opts: XecmClientOptions) {
    this.#cfg = opts.config;
    this.#onCall = opts.onCall;
    this.apiBase = `${opts.config.url.replace(/\/+$/, '')}/api`;
    this.#log = opts.log.child({ component: 'xecm' });
    if (opts.fetch) {
      this.#send = fetchTransport(opts.fetch);
    } else {
      const pool = pooledTransport({ connections: opts.config.maxConcurrency });
      this.#send = pool.send;
      this.#closeTransport = pool.close;
    }
    this.#limit = new Semaphore(opts.config.maxConcurrency);
    this.tickets = new TicketHolder(() => this.#authenticate());
    this.#refusals = new SignInLatch(opts.config.authRetryAfterMs ?? DEFAULT_AUTH_RETRY_AFTER_MS);
  }

  /**
   * Signs in once (POST is never retried). A refused sign-in latches: until the cool-down passes no
   * call contacts Content Server to sign in again, so a wrong password cannot lock the account.
   */
  async #authenticate(): Promise<string> {
    const latched = this.#refusals.refusal();
    if (latched) {
      throw new XecmError(
        'XECM_AUTH_FAILED',
        `Content Server refused the sign-in at ${new Date(latched.at).toISOString()} (${latched.reason}); not signing in again before ${new Date(latched.until).toISOString()} (xecm.authRetryAfterMs) or a restart`,
        { method: 'POST', path: '/v1/auth', status: undefined, requestId: '-' },
      );
    }
    let res: SendResult;
    try {
      res = await this.#retrying(
        'POST',
        '/v1/auth',
        { body: { kind: 'form', fields: { username: this.#cfg.username, password: this.#cfg.password } } },
        undefined,
      );
    } catch (err) {
      if (err instanceof XecmError && (err.status === 401 || err.status === 403)) this.#refused(`answered ${err.status}`, err.details.requestId);
      throw err;
    }
    const ticket = (res.json as { ticket?: unknown } | undefined)?.ticket;
    if (typeof ticket !== 'string' || ticket === '') {
      this.#refused('answered without a ticket', res.requestId);
      throw new XecmError('XECM_AUTH_FAILED', 'POST /v1/auth answered without a ticket', {
        method: 'POST',
        path: '/v1/auth',
        status: res.status,
        requestId: res.requestId,
      });
    }
    this.#refusals.clear();
    return ticket;
  }

  #refused(reason: string, requestId: unknown): void {
    const r = this.#refusals.trip(reason);
    this.#log.error(
      { requestId, username: this.#cfg.username, reason, retryAfterMs: r.until - r.at, until: new Date(r.until).toISOString() },
      'xECM sign-in refused: check xecm.username and xecm.password; no new sign-in until the cool-down passes or the process restarts',
    );
  }

  /** Unauthenticated readiness probe (GET /api/v1/ping); pyxecm treats a non-JSON 200 as not ready. */
  async ping(): Promise<void> {
    await this.#retrying('GET', '/v1/ping', {}, undefined);
  }

  /** Authenticated probe (GET /api/v1/auth): gets a ticket when there is none and has the server accept it. */
  async verifySession(): Promise<void> {
    await this.request('GET', '/v1/auth');
  }

  /** Ends the session (DELETE /api/v1/auth) and closes the connection pool. */
  async logout(): Promise<void> {
    if (this.tickets.current !== undefined) {
      await this.request('DELETE', '/v1/auth').catch(() => undefined);
      this.tickets.clear();
    }
    await this.#closeTransport?.();
  }

  /** JSON call with the ticket; transparent re-authentication on 401 (up to TICKET_RENEWALS times). */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.call(method, path, opts);
    return res.json as T;
  }

  /** Streams a binary body into `consume` (a retried attempt starts it again); returns what it returned. */
  async stream<T>(path: string, consume: (body: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T> {
    const res = await this.call('GET', path, { consume });
    return res.consumed as T;
  }

  /** Binary download (document content). */
  async download(path: string): Promise<{ bytes: Buffer; contentType: string | null }> {
    const res = await this.call('GET', path, { binary: true });
    return { bytes: res.bytes ?? Buffer.alloc(0), contentType: res.contentType };
  }

  async call(method: string, path: string, opts: RequestOptions): Promise<SendResult> {
    let ticket = await this.tickets.get();
    for (let renewals = 0; ; renewals++) {
      try {
        return await this.#retrying(method, path, opts, ticket);
      } catch (err) {
        if (!(err instanceof XecmError) || err.status !== 401) throw err;
        // The sign-in itself worked (a refused one latches as XECM_AUTH_FAILED in signIn): a ticket
        // that keeps expiring under the call is Content Server's session trouble, which passes.
        if (renewals >= TICKET_RENEWALS)
          throw new XecmError(
            'XECM_UNAVAILABLE',
            `${method} ${path}: Content Server rejected ${renewals + 1} tickets in a row, each just issued; retried later`,
            { method, path, status: 401, requestId: typeof err.details.requestId === 'string' ? err.details.requestId : '' },
            err,
          );
        this.#log.info({ method, path, renewals }, 'ticket rejected; re-authenticating');
        ticket = await this.tickets.renew(ticket);
      }
    }
  }

  async #retrying(method: string, path: string, opts: RequestOptions, ticket: string | undefined): Promise<SendResult> {
    const idempotent = opts.idempotent ?? method !== 'POST';
    const maxTries = idempotent ? this.#cfg.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#limit.run(() => this.#once(method, path, opts, ticket, attempt));
      } catch (err) {
        const retry = err instanceof XecmError && err.retryable && err.status !== 401 && attempt < maxTries;
        if (!retry) throw err;
        const delay = backoffDelay(attempt, this.#cfg.retryBaseMs, this.#cfg.timeoutMs);
        this.#log.warn({ method, path, attempt, delayMs: delay, err: err.message }, 'xECM call failed; retrying');
        await sleep(delay);
      }
    }
  }

  /** One request, told to the observer (`onCall`) with its operation, result and time. */
  async #once(method: string, path: string, opts: RequestOptions, ticket: string | undefined, attempt: number): Promise<SendResult> {
    const started = performance.now();
    let result: XecmCallInfo['result'] = 'ok';
    try {
      return await this.#attempt(method, path, opts, ticket, attempt);
    } catch (err) {
      result = err instanceof XecmError ? failureResult(err.status, err.cause) : 'network';
      throw err;
    } finally {
      if (this.#onCall) {
        try {
          this.#onCall({ operation: operationOf(method, path), result, ms: performance.now() - started });
        } catch {
          // an observer's failure is never the call's
        }
      }
    }
  }

  async #attempt(method: string, path: string, opts: RequestOptions, ticket: string | undefined, attempt: number): Promise<SendResult> {
    const requestId = randomUUID();
    const url = new URL(this.apiBase + path);
    if (opts.query) for (const [k, v] of encodeForm(opts.query)) url.searchParams.append(k, v);
    const headers: Record<string, string> = { Accept: 'application/json;charset=utf-8' };
    if (ticket !== undefined) headers.OTCSTicket = ticket;
    let body: TransportRequest['body'];
    if (opts.body?.kind === 'body-json') body = encodeForm({ body: JSON.stringify(opts.body.value) });
    else if (opts.body?.kind === 'form') body = encodeForm(opts.body.fields);
    else if (opts.body?.kind === 'multipart') body = opts.body.form;
    const started = performance.now();
    let res: TransportResponse;
    try {
      res = await this.#send(url, { method, headers, body, signal: AbortSignal.timeout(this.#cfg.timeoutMs) });
    } catch (err) {
      const e = transportFailure(method, path, requestId, err);
      this.#log.warn({ requestId, method, path, attempt, ms: Math.round(performance.now() - started), err: e.message }, 'xECM call');
      throw e;
    }
    const fresh = res.header('otcsticket');
    if (fresh && ticket !== undefined) this.tickets.refreshed(fresh);
    const contentType = res.header('content-type');
    const ms = Math.round(performance.now() - started);
    if (res.status < 200 || res.status > 299) {
      const text = await res.text().catch(() => '');
      const err = mapXecmFailure(method, path, res.status, text, requestId);
      this.#log[res.status === 401 ? 'debug' : 'warn']({ requestId, method, path, status: res.status, attempt, ms, code: err.code }, 'xECM call');
      throw err;
    }
    if (opts.consume) {
      let consumed: unknown;
      try {
        consumed = await opts.consume(res.stream());
      } catch (err) {
        res.discard();
        throw transportFailure(method, path, requestId, err);
      }
      this.#log.debug({ requestId, method, path, status: res.status, attempt, ms: Math.round(performance.now() - started) }, 'xECM call (streamed)');
      return { status: res.status, requestId, json: undefined, bytes: undefined, contentType, consumed };
    }
    if (opts.binary) {
      const bytes = await res.bytes();
      this.#log.debug({ requestId, method, path, status: res.status, attempt, ms, bytes: bytes.length }, 'xECM call');
      return { status: res.status, requestId, json: undefined, bytes, contentType };
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? {} : (JSON.parse(text) as unknown);
    } catch (err) {
      // A 200 with a non-JSON body happens while a server restarts (pyxecm treats it as transient).
      const e = new XecmError(
        'XECM_UNAVAILABLE',
        `${method} ${path} → ${res.status} with a body that is not JSON`,
        { method, path, status: res.status, requestId },
        err,
      );
      this.#log.warn({ requestId, method, path, status: res.status, attempt, ms }, 'xECM call: body not JSON');
      throw e;
    }
    this.#log.debug({ requestId, method, path, status: res.status, attempt, ms }, 'xECM call');
    return { status: res.status, requestId, json, bytes: undefined, contentType };
  }
}

export interface SendResult {
  status: number;
  requestId: string;
  json: unknown;
  bytes: Buffer | undefined;
  contentType: string | null;
  /** What `consume` returned (streamed calls). */
  consumed?: unknown;
}
