/**
 * One base class for every failure the connector reports, and one registry of codes. A throw site
 * names a code and a message; the registry says who acts (`kind`: the log level, and whether the
 * panel offers "fix config" or "retry"), whether the queue retries, and the HTTP status when the
 * code is ever an HTTP answer. docs/errors.md documents every code; a test keeps the two in step.
 */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

export interface ErrorSpec {
  kind: ErrorKind;
  retryable: boolean;
  /** HTTP status when the connector answers a request with this code; null: never an HTTP answer. */
  http: number | null;
}

export const ERRORS = {
  CONFIG_INVALID: { kind: 'user', retryable: false, http: null },
  REQUEST_INVALID: { kind: 'user', retryable: false, http: 400 },
  ROUTE_NOT_FOUND: { kind: 'user', retryable: false, http: 404 },
  API_UNAUTHENTICATED: { kind: 'user', retryable: false, http: 401 },
  API_RATE_LIMITED: { kind: 'user', retryable: true, http: 429 },
  STORE_UNAVAILABLE: { kind: 'operational', retryable: true, http: 503 },
  STORE_TOO_NEW: { kind: 'user', retryable: false, http: null },
  NETWORK_UNAVAILABLE: { kind: 'operational', retryable: true, http: null },
  WEBHOOK_SIGNATURE_INVALID: { kind: 'user', retryable: false, http: 401 },
  WEBHOOK_HEADERS_MISSING: { kind: 'user', retryable: false, http: 400 },
  WEBHOOK_SHOP_UNKNOWN: { kind: 'user', retryable: false, http: 401 },
  WEBHOOK_BODY_MALFORMED: { kind: 'user', retryable: false, http: 400 },
  WEBHOOK_BODY_TOO_LARGE: { kind: 'user', retryable: false, http: 413 },
  PAYLOAD_INVALID: { kind: 'user', retryable: false, http: null },
  WORKSPACE_NOT_READY: { kind: 'operational', retryable: true, http: null },
  XECM_AUTH_FAILED: { kind: 'user', retryable: false, http: null },
  XECM_NOT_FOUND: { kind: 'operational', retryable: false, http: null },
  XECM_ALREADY_EXISTS: { kind: 'operational', retryable: false, http: null },
  XECM_BAD_REQUEST: { kind: 'user', retryable: false, http: null },
  XECM_FORBIDDEN: { kind: 'user', retryable: false, http: null },
  XECM_CONFLICT: { kind: 'operational', retryable: true, http: null },
  XECM_UNAVAILABLE: { kind: 'operational', retryable: true, http: null },
  XECM_WORKSPACE_TYPE_UNKNOWN: { kind: 'user', retryable: false, http: null },
  XECM_CATEGORY_ATTRIBUTE_UNKNOWN: { kind: 'user', retryable: false, http: null },
  RULE_INVALID: { kind: 'user', retryable: false, http: null },
  SHOPIFY_THROTTLED: { kind: 'operational', retryable: true, http: null },
  SHOPIFY_UNAVAILABLE: { kind: 'operational', retryable: true, http: null },
  SHOPIFY_AUTH_FAILED: { kind: 'user', retryable: false, http: null },
  SHOPIFY_REDIRECT_REFUSED: { kind: 'user', retryable: false, http: null },
  SHOPIFY_QUERY_INVALID: { kind: 'user', retryable: false, http: null },
  SHOPIFY_NOT_FOUND: { kind: 'operational', retryable: false, http: null },
  SHOPIFY_QUERY_TOO_COSTLY: { kind: 'unexpected', retryable: false, http: null },
  OUTBOUND_HOST_REFUSED: { kind: 'user', retryable: false, http: null },
  JOB_INTERRUPTED: { kind: 'operational', retryable: true, http: null },
  JOB_TASK_UNKNOWN: { kind: 'unexpected', retryable: false, http: null },
  UNEXPECTED: { kind: 'unexpected', retryable: false, http: 500 },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export interface IntegrationErrorOptions {
  cause?: unknown;
  /** Structured, secret-free details for logs and the panel. */
  details?: Record<string, unknown>;
}

export class IntegrationError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: IntegrationErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    const spec: ErrorSpec = ERRORS[code];
    this.code = code;
    this.kind = spec.kind;
    this.retryable = spec.retryable;
    this.details = opts.details ?? {};
  }
}

/**
 * Store answers that pass, retried: SQLite's busy or locked database, I/O error, full disk, read-only
 * database (its file or folder made read-only, a read-only mount); and PostgreSQL's SQLSTATEs for a
 * lost connection (08…), a read-only transaction (25006: `default_transaction_read_only`, a standby),
 * a serialization failure or deadlock (40001, 40P01), insufficient resources such as a full disk or
 * too many connections (53…), a server shutting down (57P01–57P03) and a lock not available (55P03).
 */
const TRANSIENT_STORE = /^(SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|PROTOCOL)|08[0-9A-Z]{3}$|25006$|40001$|40P01$|53[0-9A-Z]{3}$|57P0[1-3]$|55P03$)/;
/** Network failures outside the clients' own mapping: retried. */
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Turn anything thrown into an IntegrationError. Transient store and network failures are retried
 * (operational); anything else unknown is unexpected and not retried blindly.
 */
export function coerceError(err: unknown): IntegrationError {
  if (err instanceof IntegrationError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (TRANSIENT_STORE.test(code)) return new IntegrationError('STORE_UNAVAILABLE', `${code}: ${message}`, { cause: err });
  if (TRANSIENT_NETWORK.has(code)) return new IntegrationError('NETWORK_UNAVAILABLE', `${code}: ${message}`, { cause: err });
  return new IntegrationError('UNEXPECTED', message, { cause: err });
}
