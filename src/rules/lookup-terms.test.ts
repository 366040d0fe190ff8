import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupEntry, lookupTerm } from './lookup-terms.js';

/** A sample delivery's body (its ids are within 2^53, so JSON.parse keeps them). */
const body = (name: string): unknown =>
  (JSON.parse(readFileSync(new URL(`../../test/fixtures/shopify/${name}.json`, import.meta.url), 'utf8')) as { body: unknown }).body;

describe('lookupEntry (job 6: what a resource is found by)', () => {
  it('finds an order by its name, number, emails and SKUs, and links it to its company, customer and products', () => {
    const e = lookupEntry('order', '5931282661421', body('orders-create.b2b-high-value'));
    expect(e?.title).toBe('#1187');
    expect(e?.terms).toEqual(expect.arrayContaining(['#1187', '1187', 'dana.whitfield@keystone-process.example', 'vlv-x200-ss', 'gsk-gk50']));
    expect(e?.links).toEqual(
      expect.arrayContaining([
        { resourceType: 'product', resourceId: '8123456789013' },
        { resourceType: 'product', resourceId: '8123456721429' },
        { resourceType: 'company', resourceId: '1983315' },
        { resourceType: 'customer', resourceId: '7204358898733' },
      ]),
    );
  });

  it('finds a case by its case id and name, linked to its order', () => {
    const e = lookupEntry('return', '13108281645', body('returns-request'));
    expect(e).toEqual({ title: 'Return #1187-R1', terms: ['return-13108281645', '#1187-r1'], links: [{ resourceType: 'order', resourceId: '5931282661421' }] });
    const d = lookupEntry('dispute', '11223344', body('disputes-create'));
    expect(d?.terms).toContain('dispute-11223344');
    expect(d?.links).toHaveLength(1);
  });

  it('finds a company by name and external id, a product by title, handle and variant SKUs', () => {
    expect(lookupEntry('company', '1983315', body('companies-create'))).toEqual({
      title: 'Keystone Process Systems LLC',
      terms: ['keystone process systems llc', 'erp-cust-004471'],
      links: [],
    });
    expect(lookupEntry('product', '1', body('products-update'))?.terms).toEqual([
      'industrial valve x200',
      'industrial-valve-x200',
      'vlv-x200-ss',
      'vlv-x200-dx',
    ]);
  });

  it('indexes nothing of other resources, and folds case, width and spaces in terms', () => {
    expect(lookupEntry('fulfillment_order', '1', {})).toBeUndefined();
    expect(lookupTerm('  ＡＣＭＥ   Industrial ')).toBe('acme industrial');
  });
});
