/**
 * An order's money, worked out once from its records for the state's totals, the GraphQL views
 * and the REST payloads alike: the discount code's allocations, the taxes on lines and on
 * shipping, and the totals they make. Everything is in integer cents and adds up exactly:
 * total = line items − discounts + shipping + taxes.
 */
import type { LineItemRec, OrderRec, TaxLineRec } from './types.js';

export const DEFAULT_TAX_TITLE = 'State Tax';

/**
 * Splits `total` over `weights` in proportion; the parts sum to `total` (largest remainders get
 * the leftover cents, earlier parts first on ties). All-zero weights split nothing.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, p) => a + p, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

export interface LinePricing {
  line: LineItemRec;
  /** price × quantity */
  originalCents: number;
  discountCents: number;
  /** originalCents − discountCents: what taxes and refunds are reckoned on. */
  discountedCents: number;
  taxLines: TaxLineRec[];
  taxCents: number;
}

export interface OrderPricing {
  lines: LinePricing[];
  /** Σ price × quantity (REST `total_line_items_price`). */
  lineItemsCents: number;
  itemDiscountCents: number;
  /** Line items after their discounts (REST `subtotal_price`). */
  subtotalCents: number;
  /** Shipping as charged before discounts (REST `total_shipping_price_set`). */
  shippingCents: number;
  shippingDiscountCents: number;
  shippingDiscountedCents: number;
  shippingTaxLines: TaxLineRec[];
  shippingTaxCents: number;
  /** Item and shipping discounts (REST `total_discounts`). */
  discountCents: number;
  taxCents: number;
  /** The order's taxes by title and rate, lines and shipping together (REST `tax_lines`). */
  taxLines: TaxLineRec[];
  totalCents: number;
}

const sumTax = (lines: TaxLineRec[]): number => lines.reduce((a, t) => a + t.priceCents, 0);

export function orderPricing(o: OrderRec): OrderPricing {
  const base = o.lineItems.map((li) => {
    const originalCents = li.priceCents * li.quantity;
    const discountCents = Math.min(originalCents, li.discountCents ?? 0);
    return { line: li, originalCents, discountCents, discountedCents: originalCents - discountCents };
  });
  // Lines without tax lines of their own share the order's rate: one rounding for all of them,
  // allocated back to the lines so that their tax lines add up to the order's.
  const byRate = base.filter((b) => b.line.taxLines === undefined);
  const pooled = Math.round(byRate.reduce((a, b) => a + b.discountedCents, 0) * o.taxRate);
  const shares = allocate(
    pooled,
    byRate.map((b) => b.discountedCents),
  );
  const title = o.taxTitle ?? DEFAULT_TAX_TITLE;
  const lines: LinePricing[] = base.map((b) => {
    const i = byRate.indexOf(b);
    const share = i < 0 ? 0 : (shares[i] ?? 0);
    const taxLines = b.line.taxLines ?? (share > 0 ? [{ title, rate: o.taxRate, priceCents: share, channelLiable: false }] : []);
    return { ...b, taxLines, taxCents: sumTax(taxLines) };
  });
  const lineItemsCents = lines.reduce((a, l) => a + l.originalCents, 0);
  const itemDiscountCents = lines.reduce((a, l) => a + l.discountCents, 0);
  const shippingDiscountCents = Math.min(o.shippingCents, o.shippingDiscountCents ?? 0);
  const shippingTaxLines = o.shippingTaxLines ?? [];
  const shippingTaxCents = sumTax(shippingTaxLines);
  const taxLines: TaxLineRec[] = [];
  for (const t of [...lines.flatMap((l) => l.taxLines), ...shippingTaxLines]) {
    const same = taxLines.find((x) => x.title === t.title && x.rate === t.rate);
    if (same) same.priceCents += t.priceCents;
    else taxLines.push({ ...t });
  }
  const taxCents = lines.reduce((a, l) => a + l.taxCents, 0) + shippingTaxCents;
  const subtotalCents = lineItemsCents - itemDiscountCents;
  const shippingDiscountedCents = o.shippingCents - shippingDiscountCents;
  return {
    lines,
    lineItemsCents,
    itemDiscountCents,
    subtotalCents,
    shippingCents: o.shippingCents,
    shippingDiscountCents,
    shippingDiscountedCents,
    shippingTaxLines,
    shippingTaxCents,
    discountCents: itemDiscountCents + shippingDiscountCents,
    taxCents,
    taxLines,
    totalCents: subtotalCents + shippingDiscountedCents + taxCents,
  };
}

/** What refunding `quantity` of a line comes to: its discounted price and its tax, pro rata. */
export function refundLineAmounts(o: OrderRec, li: LineItemRec, quantity: number): { subtotalCents: number; taxCents: number } {
  const p = orderPricing(o).lines.find((l) => l.line.id === li.id);
  if (!p || li.quantity <= 0) return { subtotalCents: 0, taxCents: 0 };
  if (quantity >= li.quantity) return { subtotalCents: p.discountedCents, taxCents: p.taxCents };
  const subtotalCents = Math.round((p.discountedCents * quantity) / li.quantity);
  const rate = p.taxLines.reduce((a, t) => a + t.rate, 0);
  return { subtotalCents, taxCents: Math.round(subtotalCents * rate) };
}
