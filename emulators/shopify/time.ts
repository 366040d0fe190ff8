/** Time formats Shopify uses: GraphQL DateTime is UTC ISO-8601; REST payloads carry the shop's offset. */

/** The emulated shop's UTC offset (America/New_York in summer), as REST payloads show it. */
export const SHOP_UTC_OFFSET_MINUTES = -240;

/** `2026-07-14T14:58:01Z` (GraphQL DateTime). */
export function isoUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2026-07-14T10:58:01-04:00` (REST payload timestamps). */
export function isoShop(ms: number): string {
  const local = new Date(ms + SHOP_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
  const sign = SHOP_UTC_OFFSET_MINUTES < 0 ? '-' : '+';
  const abs = Math.abs(SHOP_UTC_OFFSET_MINUTES);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `2025-07-10T16:15:47.000000Z` (X-Shopify-Triggered-At, microseconds). */
export function triggeredAt(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoUtc(ms));
export const shopOrNull = (ms: number | null): string | null => (ms === null ? null : isoShop(ms));
