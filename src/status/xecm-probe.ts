import type { XecmConfig } from '../config/schema.js';
import { coerceError } from '../errors.js';
import type { Logger } from '../log.js';
import { XecmClient } from '../xecm/client.js';
import type { FetchFn } from '../xecm/client.js';
import type { XecmStatus } from './summary.js';

/** How long `status` waits for Content Server at most, per call (shorter when `xecm.timeoutMs` is). */
export const STATUS_XECM_TIMEOUT_MS = 5000;

/** The base URL to show: no credentials, query or fragment. */
function shownUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Content Server as `status` reports it, never throwing: GET /api/v1/ping (reachable), a sign-in, then
 * a timed GET /api/v1/auth with the ticket (authenticated, latency). Its own client: one attempt per
 * call (no retries) and a short timeout, so an unreachable server is reported in seconds; the session
 * is ended afterwards.
 */
export async function probeXecm(config: XecmConfig | undefined, log: Logger, opts: { timeoutMs?: number; fetch?: FetchFn } = {}): Promise<XecmStatus> {
  if (!config) return { configured: false };
  const url = shownUrl(config.url);
  const client = new XecmClient({
    config: { ...config, timeoutMs: Math.min(config.timeoutMs, opts.timeoutMs ?? STATUS_XECM_TIMEOUT_MS), retries: 0 },
    log,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const failed = (err: unknown): string => {
    const e = coerceError(err);
    return `${e.code}: ${e.message}`;
  };
  try {
    let started = performance.now();
    try {
      await client.ping();
    } catch (err) {
      return { configured: true, url, reachable: false, authenticated: false, latencyMs: null, error: failed(err) };
    }
    const pingMs = Math.round(performance.now() - started);
    try {
      await client.tickets.get();
      started = performance.now();
      await client.verifySession();
      return { configured: true, url, reachable: true, authenticated: true, latencyMs: Math.round(performance.now() - started), error: null };
    } catch (err) {
      return { configured: true, url, reachable: true, authenticated: false, latencyMs: pingMs, error: failed(err) };
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}
