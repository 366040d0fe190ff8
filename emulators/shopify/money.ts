/** Money is held in integer cents; Shopify shows it as decimal strings ("199.00"). */
export const fmt = (cents: number): string => (cents / 100).toFixed(2);

/** Parses "199.5" / 199.5 to cents (rounded). */
export function toCents(amount: string | number): number {
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${String(amount)}`);
  return Math.round(n * 100);
}

/** REST `*_set` object: shop and presentment money in the shop currency. */
export function restSet(
  cents: number,
  currency: string,
): { shop_money: { amount: string; currency_code: string }; presentment_money: { amount: string; currency_code: string } } {
  const m = { amount: fmt(cents), currency_code: currency };
  return { shop_money: m, presentment_money: { ...m } };
}

/** GraphQL `MoneyV2`. */
export const moneyV2 = (cents: number, currency: string): { amount: string; currencyCode: string } => ({ amount: fmt(cents), currencyCode: currency });

/** GraphQL `MoneyBag`. */
export const moneyBag = (
  cents: number,
  currency: string,
): { shopMoney: { amount: string; currencyCode: string }; presentmentMoney: { amount: string; currencyCode: string } } => ({
  shopMoney: moneyV2(cents, currency),
  presentmentMoney: moneyV2(cents, currency),
});
