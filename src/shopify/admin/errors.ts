import { IntegrationError } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';

/** A failed Admin API call; `retryable` mirrors Shopify's own split (throttled/5xx vs auth/validation). */
export class ShopifyError extends IntegrationError {
  readonly status: number | undefined;
  /** Seconds to wait, when Shopify said (Retry-After) or the bucket arithmetic did. */
  readonly retryAfterMs: number | undefined;
  constructor(code: ErrorCode, message: string, status?: number, retryAfterMs?: number) {
    super(code, message, { details: { status, retryAfterMs } });
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** One mapper from a failed response to an error class (STYLE.md example 2). */
export function mapShopifyFailure(operation: string, status: number | undefined, message: string, gqlCodes: string[], retryAfterMs?: number): ShopifyError {
  const what = `${operation}: ${status ? `HTTP ${status} ` : ''}${message}`;
  if (gqlCodes.includes('THROTTLED')) return new ShopifyError('SHOPIFY_THROTTLED', what, status, retryAfterMs);
  if (status === 429) return new ShopifyError('SHOPIFY_THROTTLED', what, status, retryAfterMs);
  if (status === 401 || status === 403) return new ShopifyError('SHOPIFY_AUTH_FAILED', what, status);
  if (status === undefined || status >= 500) return new ShopifyError('SHOPIFY_UNAVAILABLE', what, status, retryAfterMs);
  return new ShopifyError(gqlCodes.includes('MAX_COST_EXCEEDED') ? 'SHOPIFY_QUERY_TOO_COSTLY' : 'SHOPIFY_QUERY_INVALID', what, status);
}
