/**
 * Fault injection for the REST API (DESIGN §6: latency, error rates, ticket expiry).
 *
 * Spec grammar (whitespace around separators is ignored):
 *
 *   spec   := entry ( ( "," | ";" ) entry )*
 *   entry  := [ scope ":" ] key "=" value
 *   scope  := METHOD " " PATH        METHOD: GET | POST | PUT | DELETE | *
 *                                    PATH: a route relative to `/api`, e.g. `/v2/nodes`,
 *                                          `/v2/nodes/{id}/versions` (`{id}` and `:id` are the same)
 *   key    := "5xx" | "timeout" | "html"     value: a probability 0..1
 *           | "ticket-expiry"                value: ms (integer > 0); global only
 *           | "latency"                      value: ms, "N" or "MIN..MAX" (integers ≥ 0); global only
 *
 * Every entry stands alone: `POST /v2/nodes:5xx=0.3,timeout=0.1` sets 5xx for that endpoint and a
 * global timeout rate. An endpoint's rates replace the global ones for that key.
 *
 * Semantics, per REST request (never `GET /api/v1/ping` or `POST /api/v1/auth`, so a client can
 * always renew its ticket):
 * - `5xx`: answer 500, 502 or 503 before doing any work; the body is `{"error": ...}`, or an HTML
 *   page with probability `html` (proxies and crashes do that, §6.1).
 * - `timeout`: do the work, hold the answer for `timeoutHoldMs`, then answer 504. A client with a
 *   shorter timeout sees a timeout although the write happened.
 * - `ticket-expiry=N`: every N ms all current tickets become invalid (401 on their next use).
 * - `latency=MIN..MAX`: every REST answer (ping and auth too) waits a uniformly drawn MIN..MAX ms
 *   before any work: slow answers with jitter. Drawn from a PRNG of its own, so that turning it on
 *   leaves the sequence of the other faults unchanged for a seed.
 */

export interface FaultRates {
  '5xx'?: number;
  timeout?: number;
  html?: number;
}

export interface EndpointFault {
  method: string;
  /** Normalised route, parameters as `:` (e.g. `/v2/nodes/:/versions`). */
  path: string;
  /** The route as written in the spec. */
  raw: string;
  rates: FaultRates;
}

export interface FaultSpec {
  global: FaultRates;
  endpoints: EndpointFault[];
  ticketExpiryMs?: number;
  /** `latency=MIN..MAX`: each answer delayed a uniformly drawn MIN..MAX ms. */
  latencyMs?: { min: number; max: number };
}

const RATE_KEYS = ['5xx', 'timeout', 'html'] as const;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', '*']);

/** `/api/v2/nodes/{id}` and `/v2/nodes/:id` both become `/v2/nodes/:`. */
export function normaliseRoute(path: string): string {
  let p = path.trim().replace(/\/+$/, '');
  if (p.startsWith('/api/')) p = p.slice(4);
  return p.replace(/\{[^}/]*\}|:[^/]+/g, ':');
}

const bad = (entry: string, why: string): Error => new Error(`Invalid fault spec entry "${entry}": ${why}`);

/** Parses a fault spec string; throws an Error naming the offending entry. An empty spec → no faults. */
export function parseFaultSpec(spec: string): FaultSpec {
  const out: FaultSpec = { global: {}, endpoints: [] };
  for (const rawEntry of spec.split(/[,;]/)) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const eq = entry.lastIndexOf('=');
    if (eq < 0) throw bad(entry, 'expected key=value');
    const value = entry.slice(eq + 1).trim();
    const head = entry.slice(0, eq).trim();
    // The key follows the last ':' of the head (a scope's path may contain ':id').
    const colon = head.lastIndexOf(':');
    const key = (colon >= 0 ? head.slice(colon + 1) : head).trim();
    const scope = colon >= 0 ? head.slice(0, colon).trim() : '';
    let target: FaultRates = out.global;
    if (scope !== '') {
      const m = /^(\S+)\s+(\/\S*)$/.exec(scope);
      if (!m) throw bad(entry, 'a scope is "METHOD /path", e.g. "POST /v2/nodes"');
      const method = (m[1] ?? '').toUpperCase();
      if (!METHODS.has(method)) throw bad(entry, `unknown method ${m[1] ?? ''}`);
      const raw = m[2] ?? '';
      const path = normaliseRoute(raw);
      let ep = out.endpoints.find((e) => e.method === method && e.path === path);
      if (!ep) {
        ep = { method, path, raw, rates: {} };
        out.endpoints.push(ep);
      }
      target = ep.rates;
    }
    if (key === 'ticket-expiry') {
      if (scope !== '') throw bad(entry, 'ticket-expiry applies to the whole server, not to one endpoint');
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw bad(entry, 'ticket-expiry takes milliseconds, an integer > 0');
      out.ticketExpiryMs = n;
      continue;
    }
    if (key === 'latency') {
      if (scope !== '') throw bad(entry, 'latency applies to the whole server, not to one endpoint');
      const m = /^(\d+)(?:\s*\.\.\s*(\d+))?$/.exec(value);
      const min = Number(m?.[1]);
      const max = m?.[2] === undefined ? min : Number(m[2]);
      if (!m || max < min) throw bad(entry, 'latency takes milliseconds, "N" or "MIN..MAX" (integers, MIN ≤ MAX)');
      out.latencyMs = { min, max };
      continue;
    }
    if (!(RATE_KEYS as readonly string[]).includes(key)) {
      throw bad(entry, `unknown key "${key}" (expected 5xx, timeout, html, ticket-expiry or latency)`);
    }
    const p = Number(value);
    if (value === '' || !Number.isFinite(p) || p < 0 || p > 1) throw bad(entry, `${key} takes a probability between 0 and 1`);
    target[key as (typeof RATE_KEYS)[number]] = p;
  }
  return out;
}

/** The spec in its string form (for `GET /emulator/faults`). */
export function formatFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  for (const k of RATE_KEYS) if (spec.global[k] !== undefined) parts.push(`${k}=${spec.global[k]}`);
  if (spec.ticketExpiryMs !== undefined) parts.push(`ticket-expiry=${spec.ticketExpiryMs}`);
  if (spec.latencyMs !== undefined) parts.push(`latency=${spec.latencyMs.min}..${spec.latencyMs.max}`);
  for (const e of spec.endpoints) for (const k of RATE_KEYS) if (e.rates[k] !== undefined) parts.push(`${e.method} ${e.raw}:${k}=${e.rates[k]}`);
  return parts.join(',');
}

/** mulberry32: small, fast, seedable; fault runs are reproducible for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision = { kind: 'none' } | { kind: '5xx'; status: 500 | 502 | 503; html: boolean } | { kind: 'timeout' };

export interface FaultCounters {
  status500: number;
  status502: number;
  status503: number;
  html: number;
  timeout: number;
  ticketExpiry: number;
  /** Answers delayed by `latency`, and their delay in all. */
  slow: number;
  slowMs: number;
}

const zeroCounters = (): FaultCounters => ({ status500: 0, status502: 0, status503: 0, html: 0, timeout: 0, ticketExpiry: 0, slow: 0, slowMs: 0 });
/** The latency PRNG's seed, apart from the faults' own. */
const LATENCY_SEED = 0x9e3779b9;

/** Decides per request; counts what it injected; runs the ticket-expiry timer. */
export class FaultInjector {
  #spec: FaultSpec | undefined;
  #random: () => number;
  #latencyRandom: () => number;
  readonly #seed: number;
  readonly #expireTickets: () => void;
  #timer: NodeJS.Timeout | undefined;
  counters: FaultCounters = zeroCounters();

  constructor(seed: number, expireTickets: () => void) {
    this.#seed = seed;
    this.#random = prng(seed);
    this.#latencyRandom = prng(seed ^ LATENCY_SEED);
    this.#expireTickets = expireTickets;
  }

  get spec(): FaultSpec | undefined {
    return this.#spec;
  }

  /** Replaces the spec (undefined clears it) and restarts the PRNG from the seed. */
  set(spec: FaultSpec | undefined): void {
    this.#spec = spec;
    this.#random = prng(this.#seed);
    this.#latencyRandom = prng(this.#seed ^ LATENCY_SEED);
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (spec?.ticketExpiryMs !== undefined) {
      this.#timer = setInterval(() => {
        this.counters.ticketExpiry += 1;
        this.#expireTickets();
      }, spec.ticketExpiryMs);
      this.#timer.unref();
    }
  }

  resetCounters(): void {
    this.counters = zeroCounters();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** How long this answer waits (`latency`), ms; 0 without it. Counted when > 0. */
  latency(): number {
    const l = this.#spec?.latencyMs;
    if (!l) return 0;
    const ms = l.min + Math.floor(this.#latencyRandom() * (l.max - l.min + 1));
    if (ms > 0) {
      this.counters.slow += 1;
      this.counters.slowMs += ms;
    }
    return ms;
  }

  /** `route` is relative to `/api` with Fastify parameters (`/v2/nodes/:id`). */
  decide(method: string, route: string): FaultDecision {
    const spec = this.#spec;
    if (!spec) return { kind: 'none' };
    const path = normaliseRoute(route);
    const ep = spec.endpoints.find((e) => (e.method === '*' || e.method === method) && e.path === path);
    const rate = (k: (typeof RATE_KEYS)[number]): number => ep?.rates[k] ?? spec.global[k] ?? 0;
    const p5xx = rate('5xx');
    if (p5xx > 0 && this.#random() < p5xx) {
      const pick = this.#random();
      const status = pick < 1 / 3 ? 500 : pick < 2 / 3 ? 502 : 503;
      const pHtml = rate('html');
      const html = pHtml > 0 && this.#random() < pHtml;
      this.counters[`status${status}`] += 1;
      if (html) this.counters.html += 1;
      return { kind: '5xx', status, html };
    }
    const pTimeout = rate('timeout');
    if (pTimeout > 0 && this.#random() < pTimeout) {
      this.counters.timeout += 1;
      return { kind: 'timeout' };
    }
    return { kind: 'none' };
  }
}

const REASONS: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** The HTML a proxy or a crashing server sends instead of JSON. */
export function htmlErrorPage(status: number): string {
  const reason = REASONS[status] ?? 'Error';
  return `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1><p>The server encountered an error and could not complete your request.</p><hr><address>emulated proxy</address></body></html>\n`;
}

export function faultMessage(status: number): string {
  return `${REASONS[status] ?? 'Error'} (injected fault)`;
}
