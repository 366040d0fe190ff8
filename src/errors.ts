/**
 * One base class for every failure the connector reports. The `kind` drives the log level and
 * whether the panel offers "fix config" or "retry"; `retryable` tells the queue what to do next.
 */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

/** Stable codes; each is documented in docs/errors.md (a test keeps the two in step). */
export const ERROR_CODES = {
  CONFIG_INVALID: 'CONFIG_INVALID',
  WEBHOOK_SIGNATURE_INVALID: 'WEBHOOK_SIGNATURE_INVALID',
  WEBHOOK_HEADERS_MISSING: 'WEBHOOK_HEADERS_MISSING',
  WEBHOOK_SHOP_UNKNOWN: 'WEBHOOK_SHOP_UNKNOWN',
  WEBHOOK_BODY_MALFORMED: 'WEBHOOK_BODY_MALFORMED',
  WEBHOOK_BODY_TOO_LARGE: 'WEBHOOK_BODY_TOO_LARGE',
  PAYLOAD_INVALID: 'PAYLOAD_INVALID',
  XECM_AUTH_FAILED: 'XECM_AUTH_FAILED',
  XECM_NOT_FOUND: 'XECM_NOT_FOUND',
  XECM_ALREADY_EXISTS: 'XECM_ALREADY_EXISTS',
  XECM_BAD_REQUEST: 'XECM_BAD_REQUEST',
  XECM_FORBIDDEN: 'XECM_FORBIDDEN',
  XECM_CONFLICT: 'XECM_CONFLICT',
  XECM_UNAVAILABLE: 'XECM_UNAVAILABLE',
  XECM_WORKSPACE_TYPE_UNKNOWN: 'XECM_WORKSPACE_TYPE_UNKNOWN',
  XECM_CATEGORY_ATTRIBUTE_UNKNOWN: 'XECM_CATEGORY_ATTRIBUTE_UNKNOWN',
  RULE_INVALID: 'RULE_INVALID',
  SHOPIFY_THROTTLED: 'SHOPIFY_THROTTLED',
  SHOPIFY_UNAVAILABLE: 'SHOPIFY_UNAVAILABLE',
  SHOPIFY_AUTH_FAILED: 'SHOPIFY_AUTH_FAILED',
  SHOPIFY_QUERY_INVALID: 'SHOPIFY_QUERY_INVALID',
  JOB_TASK_UNKNOWN: 'JOB_TASK_UNKNOWN',
  UNEXPECTED: 'UNEXPECTED',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface IntegrationErrorOptions {
  code: ErrorCode;
  kind: ErrorKind;
  retryable: boolean;
  cause?: unknown;
  /** Structured, secret-free details for logs and the panel. */
  details?: Record<string, unknown>;
}

export class IntegrationError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(message: string, opts: IntegrationErrorOptions) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.kind = opts.kind;
    this.retryable = opts.retryable;
    this.details = opts.details ?? {};
  }
}

/** Turn anything thrown into an IntegrationError; unknown errors are unexpected and not retried blindly. */
export function coerceError(err: unknown): IntegrationError {
  if (err instanceof IntegrationError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new IntegrationError(message, { code: ERROR_CODES.UNEXPECTED, kind: 'unexpected', retryable: false, cause: err });
}
