import { describe, expect, it } from 'vitest';
import { orderJobSchema } from '../config/schema.js';
import { shopifyOrder } from '../shopify/payloads.js';
import { orderCriteria, toCents } from './order-criteria.js';

const cfg = orderJobSchema.parse({});
const order = (o: Record<string, unknown>) => shopifyOrder.parse({ admin_graphql_api_id: 'gid://shopify/Order/1', name: '#1', currency: 'USD', ...o });

describe('order criteria (defaults: 5000, B2B, tag custom)', () => {
  it('converts money strings without floating point', () => {
    expect(toCents('14632.80')).toBe(1463280);
    expect(toCents('5000')).toBe(500000);
    expect(toCents('0.1')).toBe(10);
    expect(toCents('abc')).toBeNaN();
  });
  it('holds at exactly the threshold and not one cent below', () => {
    expect(orderCriteria(order({ current_total_price: '5000.00' }), cfg).matched).toBe(true);
    expect(orderCriteria(order({ current_total_price: '4999.99' }), cfg).matched).toBe(false);
  });
  it('holds for B2B, a custom tag (any case) or line-item properties', () => {
    expect(orderCriteria(order({ total_price: '10.00', company: { id: 1, location_id: 2 } }), cfg).reasons).toEqual(['B2B (company present)']);
    expect(orderCriteria(order({ total_price: '10.00', tags: 'gift, Custom' }), cfg).reasons).toEqual(['custom (tag "custom")']);
    expect(orderCriteria(order({ total_price: '10.00', line_items: [{ properties: [{ name: 'Engraving', value: 'AB' }] }] }), cfg).matched).toBe(true);
    expect(orderCriteria(order({ total_price: '10.00', tags: 'customer-vip' }), cfg).matched).toBe(false);
  });
  it('judges the value at checkout, not what is left after refunds', () => {
    expect(orderCriteria(order({ total_price: '7000.00', current_total_price: '0.00' }), cfg).matched).toBe(true);
  });
  it('follows a changed threshold', () => {
    expect(orderCriteria(order({ total_price: '2500.00' }), { ...cfg, highValueThreshold: 2000 }).matched).toBe(true);
  });
});
