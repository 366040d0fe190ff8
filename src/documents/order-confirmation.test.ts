import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderOrderConfirmation } from './order-confirmation.js';

const FIXTURE = new URL('../../test/fixtures/shopify/orders-create.b2b-high-value.json', import.meta.url);
const SHOP = { shop: 'acme-industrial.myshopify.com', shopName: 'ACME Industrial' };

const require = createRequire(import.meta.url);
const STANDARD_FONTS = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts/');

type Order = Record<string, unknown>;

function b2bOrder(): Order {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { body: Order };
  return fixture.body;
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Text of each page (pdfjs text items joined by newlines). */
async function pdfPages(buf: Buffer): Promise<string[]> {
  const doc = await getDocument({
    data: new Uint8Array(buf),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .filter((s) => s.trim() !== '')
        .join('\n'),
    );
  }
  await doc.destroy();
  return pages;
}

async function pdfText(buf: Buffer): Promise<string> {
  return (await pdfPages(buf)).join('\n');
}

describe('renderOrderConfirmation', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders the B2B order with its key facts as extractable text', async () => {
    const order = b2bOrder();
    const buf = await renderOrderConfirmation(order, SHOP);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await pdfText(buf);
    expect(text).toContain('Order confirmation');
    expect(text).toContain('ACME Industrial');
    expect(text).toContain('Order #1187');
    expect(text).toContain('2026-07-14 10:58 (UTC-04:00)');
    expect(text).toContain('PO-KPS-88213');
    expect(text).toContain('Net 30 (due 2026-08-13)');
    expect(text).toContain('Keystone Process Systems LLC');
    expect(text).toContain('Dana Whitfield');
    expect(text).toContain('400 Foundry Road');
    expect(text).toContain('Pittsburgh, PA 15222');
    for (const item of order.line_items as { title: string }[]) expect(text).toContain(item.title);
    expect(text).toContain('Stainless / DN50');
    expect(text).toContain('VLV-X200-SS');
    expect(text).toContain('1,250.00 USD');
    expect(text).toContain('12,500.00 USD');
    expect(text).toContain('13,410.00 USD');
    expect(text).toContain('Shipping: Freight LTL');
    expect(text).toContain('PA State Tax (8%)');
    expect(text).toContain('1,072.80 USD');
    expect(text).toContain('14,632.80 USD');
    expect(text).toContain('Deliver to receiving dock 3, weekdays 7am-3pm.');
    expect(text).toContain('Page 1 of 1');
  });

  it('is an A4 document with dates taken from the order', async () => {
    const buf = await renderOrderConfirmation(b2bOrder(), SHOP);
    const raw = buf.toString('latin1');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    // 2026-07-14T10:58:01-04:00 == 14:58:01 UTC; pdfkit writes each info
    // value as an indirect object, so CreationDate and ModDate are two copies.
    expect(raw.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20260714145801Z)', '(D:20260714145801Z)']);
  });

  it('gives byte-identical output for the same order, whatever the clock, time zone or key order', async () => {
    const first = await renderOrderConfirmation(b2bOrder(), SHOP);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-02T03:04:05Z'));
    const previousTz = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    let second: Buffer;
    try {
      second = await renderOrderConfirmation(b2bOrder(), SHOP);
    } finally {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
    vi.useRealTimers();

    const reordered = Object.fromEntries(Object.entries(b2bOrder()).reverse());
    const third = await renderOrderConfirmation(reordered, SHOP);

    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(third)).toBe(sha256(first));
  });

  it('changes bytes (and document ID) when the order changes', async () => {
    const original = await renderOrderConfirmation(b2bOrder(), SHOP);
    const changed = { ...b2bOrder(), total_price: '14700.00', current_total_price: '14700.00' };
    const buf = await renderOrderConfirmation(changed, SHOP);
    expect(sha256(buf)).not.toBe(sha256(original));
    expect(await pdfText(buf)).toContain('14,700.00 USD');

    // Even a change that is not printed yields a different trailer /ID.
    const unprinted = await renderOrderConfirmation({ ...b2bOrder(), tags: 'B2B' }, SHOP);
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    expect(id(original)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(unprinted)).not.toBe(id(original));
  });

  it('spreads 120 line items over several pages and keeps every title', async () => {
    const base = b2bOrder();
    const lineItems = Array.from({ length: 120 }, (_, i) => ({
      title: `Widget ${String(i + 1).padStart(3, '0')}`,
      variant_title: i % 3 === 0 ? 'Blue / Large' : null,
      sku: `WID-${i + 1}`,
      quantity: (i % 5) + 1,
      price: '10.00',
      properties: i % 10 === 0 ? [{ name: 'Serial', value: `SN-${i + 1}` }] : [],
    }));
    const buf = await renderOrderConfirmation({ ...base, line_items: lineItems }, SHOP);
    const pages = await pdfPages(buf);
    expect(pages.length).toBeGreaterThan(2);
    const text = pages.join('\n');
    for (const item of lineItems) expect(text).toContain(`${item.title}\n`);
    expect(text).toContain('Serial: SN-111');
    pages.forEach((page, i) => {
      expect(page).toContain('Unit price'); // table header repeated on every page
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages.at(-1)).toContain('14,632.80 USD');
  });

  it('prints a note longer than a page in full', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const buf = await renderOrderConfirmation({ ...b2bOrder(), note: `first\n${words}\nlast paragraph END` }, SHOP);
    const pages = await pdfPages(buf);
    expect(pages.length).toBeGreaterThan(1);
    const text = pages.join(' ');
    expect(text).toContain('w2999');
    expect(text).toContain('last paragraph END');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('renders a minimal sync-shaped order', async () => {
    const minimal = { name: '#1001', created_at: '2026-03-01T09:00:00Z', currency: 'EUR', total_price: '99.9' };
    const buf = await renderOrderConfirmation(minimal, { shop: 'demo.myshopify.com' });
    const text = await pdfText(buf);
    expect(text).toContain('Order #1001');
    expect(text).toContain('2026-03-01 09:00 (UTC)');
    expect(text).toContain('99.90 EUR');
    expect(text).toContain('No line items.');
    expect(buf.toString('latin1')).toContain('(D:20260301090000Z)');
  });

  it('tolerates sync-shaped line items, nulls, wrong types and non-Latin text', async () => {
    const order = {
      name: '#1002',
      currency: 'JPY',
      total_price: 1500,
      total_discounts: '50.00',
      line_items: [
        { title: 'Teeservice 日本', quantity: 2, sku: null, price: null },
        {
          title: 'Größe Ü',
          quantity: 'lots',
          properties: [
            { name: 'Gravur', value: 'Für Oma' },
            { name: '_private', value: 'x' },
          ],
        },
        'not an object',
      ],
      billing_address: null,
      shipping_address: { city: 'Zürich', country: 'Switzerland' },
      customer: 'broken',
      note: 'Line one\r\nLine two',
      tax_lines: [{ title: 'VAT', rate: '0.077', price: '100.00' }],
      payment_terms: { due_in_days: 60 },
    };
    const text = await pdfText(await renderOrderConfirmation(order, { shop: 'demo.myshopify.com' }));
    expect(text).toContain('Teeservice ??');
    expect(text).toContain('Größe Ü');
    expect(text).toContain('Gravur: Für Oma');
    expect(text).not.toContain('_private');
    expect(text).toContain('Zürich');
    expect(text).toContain('-50.00 JPY');
    expect(text).toContain('VAT (7.7%)');
    expect(text).toContain('Payment terms: Net 60');
    expect(text).toContain('1,500.00 JPY');
    expect(text).toContain('Line one');
    expect(text).toContain('Line two');
  });

  it('takes discounts off the lines once, even without total_line_items_price', async () => {
    // subtotal_price (90.00) is already net of the item discount; the lines' own totals stand in.
    const order = {
      name: '#1003',
      currency: 'USD',
      line_items: [{ title: 'Widget', quantity: 2, price: '50.00' }],
      discount_codes: [
        { code: 'TEN', amount: '10.00', type: 'fixed_amount' },
        { code: 'FREESHIP', amount: '5.00', type: 'shipping' },
      ],
      total_discounts: '15.00',
      subtotal_price: '90.00',
      shipping_lines: [{ title: 'Standard', price: '5.00', discounted_price: '0.00', tax_lines: [] }],
      tax_lines: [{ title: 'VAT', rate: 0.1, price: '9.00' }],
      total_tax: '9.00',
      total_price: '99.00',
    };
    const text = (await pdfText(await renderOrderConfirmation(order, { shop: 'demo.myshopify.com' }))).replace(/\s+/g, ' ');
    expect(text).toContain(
      'Subtotal 100.00 USD Discount (TEN) -10.00 USD Shipping discount (FREESHIP) -5.00 USD Shipping: Standard 5.00 USD VAT (10%) 9.00 USD Total 99.00 USD',
    );
  });

  it('rejects a payload that is not an object', async () => {
    await expect(renderOrderConfirmation(null, SHOP)).rejects.toThrow(TypeError);
    await expect(renderOrderConfirmation([], SHOP)).rejects.toThrow(TypeError);
  });
});
