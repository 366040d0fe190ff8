import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { jobsForEvent } from './route-delivery.js';

describe('jobsForEvent', () => {
  const { rules } = loadConfig({ env: {} });
  const change = { resourceType: 'order' as const, resourceId: '5931282661421', version: 1000, deleted: false };

  it('starts one rule.route job per change, however many rules follow the resource, on the resource’s queue, keyed by the change', () => {
    expect(jobsForEvent('acme.myshopify.com', rules)(7, change, 'KEY')).toEqual([
      { task: 'rule.route', payload: { eventId: 7 }, jobKey: 'KEY:route', queueName: 'acme.myshopify.com:order:5931282661421' },
    ]);
  });

  it('starts nothing for a deletion or when no enabled rule follows the resource', () => {
    expect(jobsForEvent('s', rules)(7, { ...change, deleted: true }, 'K')).toEqual([]);
    const off = {
      ...rules,
      'order-workspace': { ...rules['order-workspace']!, enabled: false },
      'exception-order': { ...rules['exception-order']!, enabled: false },
    };
    expect(jobsForEvent('s', off)(7, change, 'K')).toEqual([]);
    expect(jobsForEvent('s', { ...rules, 'exception-order': { ...rules['exception-order']!, enabled: false } })(7, change, 'K')).toHaveLength(1);
  });

  it('makes an inventory item’s change a refresh of its product (job 5), and a product’s deletion nothing: its governed records stay', () => {
    const item = { resourceType: 'inventory_item' as const, resourceId: '47611223343149', version: 1000, deleted: false };
    expect(jobsForEvent('s', rules)(8, item, 'K')).toEqual([
      { task: 'product.refresh', payload: { eventId: 8 }, jobKey: 'K:refresh', queueName: 's:inventory_item:47611223343149' },
    ]);
    const off = { ...rules, 'product-workspace': { ...rules['product-workspace']!, enabled: false } };
    expect(jobsForEvent('s', off)(8, item, 'K')).toEqual([]);
    expect(jobsForEvent('s', rules)(9, { resourceType: 'product', resourceId: '8123456789013', version: 1000, deleted: true }, 'K')).toEqual([]);
  });
});
