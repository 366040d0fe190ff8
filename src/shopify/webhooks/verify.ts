import { createHmac, timingSafeEqual } from 'node:crypto';

export const HmacFailure = {
  MissingHmac: 'missing_hmac',
  InvalidHmac: 'invalid_hmac',
} as const;
export type HmacFailure = (typeof HmacFailure)[keyof typeof HmacFailure];

export type HmacResult = { valid: true } | { valid: false; reason: HmacFailure };

/** base64(HMAC-SHA256(secret, raw body bytes)), as Shopify signs deliveries. */
export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Checks `X-Shopify-Hmac-Sha256` over the exact bytes received, in constant time. Comparing the
 * decoded digests (fixed 32 bytes) means neither length nor content leaks through timing.
 */
export function verifyHmac(secret: string, rawBody: Buffer, header: string | undefined): HmacResult {
  if (!header) return { valid: false, reason: HmacFailure.MissingHmac };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  const sameLength = given.length === expected.length;
  // timingSafeEqual needs equal lengths; compare against itself when they differ to keep the timing flat.
  const equal = timingSafeEqual(sameLength ? given : expected, expected);
  return sameLength && equal ? { valid: true } : { valid: false, reason: HmacFailure.InvalidHmac };
}
