import type { OrderJobConfig } from '../config/schema.js';
import type { ShopifyOrder } from '../shopify/payloads.js';

/** Money string ("14632.80") → integer cents, without floating point. */
export function toCents(amount: string | number): number {
  const s = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,}))?$/.exec(s);
  if (!m) return Number.NaN;
  const frac = ((m[3] ?? '') + '00').slice(0, 2);
  const cents = Number(m[2]) * 100 + Number(frac);
  return m[1] ? -cents : cents;
}

export interface CriteriaResult {
  matched: boolean;
  /** Which criteria held, e.g. ["high value (14632.80 USD ≥ 5000)", "B2B (company)"] */
  reasons: string[];
  /** Which criteria were checked and did not hold. */
  failed: string[];
}

/** Job 1's default criteria (DESIGN.md §1): high value, B2B, or a custom configuration. */
export function orderCriteria(order: ShopifyOrder, cfg: OrderJobConfig): CriteriaResult {
  const reasons: string[] = [];
  const failed: string[] = [];
  // The value at checkout (total_price), not the value now: an order that was high value stays one
  // after a refund or cancellation, so whether it qualifies never depends on which deliveries arrived.
  const total = order.total_price ?? order.current_total_price ?? '0';
  const cents = toCents(total);
  const threshold = Math.round(cfg.highValueThreshold * 100);
  (cents >= threshold ? reasons : failed).push(`high value (${total} ${order.currency ?? ''} ${cents >= threshold ? '≥' : '<'} ${cfg.highValueThreshold})`);
  if (cfg.b2b) (order.company ? reasons : failed).push(order.company ? 'B2B (company present)' : 'B2B (no company)');
  const tags = (order.tags ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const customTag = cfg.customTags.find((t) => tags.includes(t.toLowerCase()));
  (customTag ? reasons : failed).push(customTag ? `custom (tag "${customTag}")` : 'custom (no custom tag)');
  if (cfg.customLineItemProperties) {
    const withProps = (order.line_items ?? []).some((li) => (li.properties ?? []).length > 0);
    (withProps ? reasons : failed).push(withProps ? 'custom (line-item properties)' : 'custom (no line-item properties)');
  }
  return { matched: reasons.length > 0, reasons, failed };
}
