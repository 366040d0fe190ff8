import { ERROR_CODES, IntegrationError } from '../../errors.js';
import type { ErrorKind } from '../../errors.js';

/** A failed Admin API call; `retryable` mirrors Shopify's own split (throttled/5xx vs auth/validation). */
export class ShopifyError extends IntegrationError {
  readonly status: number | undefined;
  /** Seconds to wait, when Shopify said (Retry-After) or the bucket arithmetic did. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, code: (typeof ERROR_CODES)[keyof typeof ERROR_CODES], kind: ErrorKind, retryable: boolean, status?: number, retryAfterMs?: number) {
    super(message, { code, kind, retryable, details: { status, retryAfterMs } });
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** One mapper from a failed response to an error class (STYLE.md example 2). */
export function mapShopifyFailure(operation: string, status: number | undefined, message: string, gqlCodes: string[], retryAfterMs?: number): ShopifyError {
  const what = `${operation}: ${status ? `HTTP ${status} ` : ''}${message}`;
  if (gqlCodes.includes('THROTTLED')) return new ShopifyError(what, ERROR_CODES.SHOPIFY_THROTTLED, 'operational', true, status, retryAfterMs);
  if (status === 429) return new ShopifyError(what, ERROR_CODES.SHOPIFY_THROTTLED, 'operational', true, status, retryAfterMs);
  if (status === 401 || status === 403) return new ShopifyError(what, ERROR_CODES.SHOPIFY_AUTH_FAILED, 'user', false, status);
  if (status === undefined || status >= 500) return new ShopifyError(what, ERROR_CODES.SHOPIFY_UNAVAILABLE, 'operational', true, status, retryAfterMs);
  return new ShopifyError(what, ERROR_CODES.SHOPIFY_QUERY_INVALID, gqlCodes.includes('MAX_COST_EXCEEDED') ? 'unexpected' : 'user', false, status);
}
