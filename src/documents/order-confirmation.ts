/**
 * Order confirmation PDF (A4) rendered with pdfkit and the standard Helvetica
 * fonts (no font files, text stays extractable).
 *
 * Deterministic output: the same order (and shop) yields byte-identical PDFs.
 *  - /CreationDate and /ModDate come from the order's created_at (fallback:
 *    processed_at, then the Unix epoch) — never the wall clock.
 *  - The trailer /ID is derived from a SHA-256 of the canonical order JSON
 *    (see `fileId`), replacing pdfkit's md5-of-info ID.
 *  - pdfkit 0.20 has no other time/random inputs on this path: randomness is
 *    only used for encryption (no passwords set here), Date.now() only for
 *    file attachments (none), and the XMP metadata stream (which would repeat
 *    the date) is only written for PDF >= 1.4 (we use the default 1.3).
 *    Font resource names (F1, F2, …) are assigned in call order.
 *  - Content streams are deflated with Node's zlib, deterministic for a given
 *    zlib build.
 *  - Nothing depends on the host time zone or locale: dates are printed from
 *    the order's own ISO string and numbers with a fixed 'en-US' formatter.
 *
 * Amounts: the "as placed" values are preferred (total_line_items_price,
 * total_price, …) with the current_* values as fallback, so totals stay
 * consistent with the line items (quantity × price) and add up: subtotal −
 * discounts + shipping + taxes = total (see `renderTotals`).
 *
 * Single fields (titles, property values, …) are capped at 1000 characters so
 * a table row always fits on a page; the order note is printed in full.
 */
import { createHash } from 'node:crypto';
import { parseOrderInput } from './order-input.js';
import type { OrderAddress, OrderInput, OrderLineItem, OrderTaxLine } from './order-input.js';
import { canonicalJson } from './order-snapshot.js';
import { BLACK, BOTTOM, CONTENT_WIDTH, FONT_BOLD, GREY, LEFT, MARGIN, RIGHT, Writer, clean, pdfDocument, present, writeFooters } from './pdf-layout.js';
import type { TextStyle } from './pdf-layout.js';

export interface OrderConfirmationOptions {
  /** Shop domain, e.g. "acme-industrial.myshopify.com". */
  shop: string;
  /** Human-readable shop name; defaults to the domain. */
  shopName?: string;
  /**
   * Derive the trailer /ID from what is printed instead of from the whole order, so a change the
   * document does not show (a tag, updated_at) leaves its bytes alone (the archive, job 7).
   */
  idFromPrinted?: boolean;
}

/** Bump when the layout changes, so document IDs of new renderings differ. */
const RENDERER_VERSION = 'order-confirmation/2';

// ---------------------------------------------------------------- layout ---

/** Table columns (x, width, alignment). */
const COLS = {
  item: { x: LEFT, w: 195, align: 'left' },
  sku: { x: LEFT + 200, w: 85, align: 'left' },
  qty: { x: LEFT + 290, w: 35, align: 'right' },
  unit: { x: LEFT + 330, w: 80, align: 'right' },
  total: { x: LEFT + 415, w: 80, align: 'right' },
} as const;
const PROPERTY_INDENT = 12;
const PROPERTY_WIDTH = COLS.qty.x - 5 - (LEFT + PROPERTY_INDENT);

// ------------------------------------------------------------ text utils ---

// ----------------------------------------------------------- formatting ---

const NUMBER = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  useGrouping: true,
});

function toAmount(value: string | null | undefined): number | undefined {
  if (!present(value)) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** "14632.8" + "USD" → "14,632.80 USD"; unparseable input is printed as-is. */
function money(value: string | number | null | undefined, currency: string): string {
  if (value == null) return '';
  const n = typeof value === 'number' ? value : toAmount(value);
  if (n === undefined) return clean(String(value));
  const formatted = NUMBER.format(Object.is(n, -0) ? 0 : n);
  return currency ? `${formatted} ${currency}` : formatted;
}

/** Tax rate 0.08 → "8%", 0.0725 → "7.25%". */
function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(4)).toString()}%`;
}

/** Print an ISO timestamp in its own offset: "2026-07-14 10:58 (UTC-04:00)". */
function displayDate(iso: string | null | undefined): string {
  if (!present(iso)) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m) return clean(iso);
  const [, day, time, zone] = m;
  if (zone === undefined) return `${day} ${time}`;
  return `${day} ${time} (UTC${zone === 'Z' ? '' : zone})`;
}

function isoDay(iso: string | null | undefined): string | undefined {
  if (!present(iso)) return undefined;
  return /^(\d{4}-\d{2}-\d{2})/.exec(iso.trim())?.[1];
}

/** The document's fixed CreationDate/ModDate. */
function documentDate(order: OrderInput): Date {
  for (const candidate of [order.created_at, order.processed_at]) {
    if (!present(candidate)) continue;
    const d = new Date(candidate);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date(0);
}

function addressLines(a: OrderAddress | null | undefined): string[] {
  if (!a) return [];
  const name = present(a.name) ? a.name : [a.first_name, a.last_name].filter(present).join(' ');
  const region = [present(a.province_code) ? a.province_code : a.province, a.zip].filter(present).join(' ');
  const cityLine = [a.city, region].filter(present).join(', ');
  return [name, a.company, a.address1, a.address2, cityLine, a.country].filter(present).map((line) => clean(line));
}

function paymentTermsText(order: OrderInput): string | undefined {
  const t = order.payment_terms;
  if (!t) return undefined;
  const parts: string[] = [];
  if (present(t.payment_terms_name)) parts.push(t.payment_terms_name);
  else if (t.due_in_days != null) parts.push(`Net ${t.due_in_days}`);
  const due = isoDay(t.payment_schedules?.[0]?.due_at);
  if (due) parts.push(`(due ${due})`);
  else if (t.due_in_days != null && present(t.payment_terms_name)) parts.push(`(due in ${t.due_in_days} days)`);
  return parts.length > 0 ? clean(parts.join(' ')) : undefined;
}

function lineTitle(item: OrderLineItem): string {
  return clean(present(item.title) ? item.title : present(item.name) ? item.name : 'Item');
}

function lineTotal(item: OrderLineItem): number | undefined {
  const price = toAmount(item.price);
  if (price === undefined || item.quantity == null) return undefined;
  return (Math.round(price * 100) * item.quantity) / 100;
}

/** Trailer /ID: first 16 bytes of SHA-256 over the canonical order + context. */
function fileId(order: unknown, opts: OrderConfirmationOptions): Uint8Array {
  const hash = createHash('sha256')
    .update(`${RENDERER_VERSION}\n${opts.shop}\n${opts.shopName ?? ''}\n`)
    .update(canonicalJson(order))
    .digest();
  return new Uint8Array(hash.subarray(0, 16));
}

// -------------------------------------------------------------- renderer ---

function renderHeader(w: Writer, o: OrderInput, opts: OrderConfirmationOptions, orderName: string): void {
  const shopName = clean(opts.shopName ?? opts.shop);
  const colW = 240;
  const rightX = RIGHT - colW;

  let left = MARGIN.top;
  left += w.put('Order confirmation', LEFT, left, colW, { font: FONT_BOLD, size: 20 }) + 6;
  left += w.put(shopName, LEFT, left, colW, { font: FONT_BOLD, size: 11 });
  if (present(opts.shopName) && opts.shopName !== opts.shop) {
    left += w.put(clean(opts.shop), LEFT, left, colW, { size: 9, color: GREY });
  }

  let right = MARGIN.top + 2;
  right += w.put(`Order ${orderName}`, rightX, right, colW, { font: FONT_BOLD, size: 13, align: 'right' }) + 4;
  const facts: [string, string | undefined][] = [
    ['Date', displayDate(present(o.created_at) ? o.created_at : o.processed_at)],
    ['PO number', present(o.po_number) ? clean(o.po_number) : undefined],
    ['Payment terms', paymentTermsText(o)],
  ];
  for (const [label, value] of facts) {
    if (!present(value)) continue;
    right += w.put(`${label}: ${value}`, rightX, right, colW, { size: 9, align: 'right' }) + 1;
  }

  w.y = Math.max(left, right) + 14;
  w.rule(BLACK, 0.75);
  w.y += 10;
}

function renderParties(w: Writer, o: OrderInput): void {
  const colW = (CONTENT_WIDTH - 20) / 3;
  const company = present(o.billing_address?.company) ? o.billing_address?.company : o.shipping_address?.company;
  const customerName = [o.customer?.first_name, o.customer?.last_name].filter(present).join(' ');
  const email = [o.email, o.contact_email, o.customer?.email].find(present);

  const customer = [customerName, email].filter(present).map((line) => clean(line));
  if (present(company)) customer.unshift(clean(company));
  if (o.company) customer.push('B2B order');

  const blocks: [string, string[]][] = [
    ['Customer', customer],
    ['Billing address', addressLines(o.billing_address)],
    ['Shipping address', addressLines(o.shipping_address)],
  ];
  if (blocks.every(([, lines]) => lines.length === 0)) return;

  const heights = blocks.map(([title, lines]) => w.height(title, colW, { font: FONT_BOLD, size: 10 }) + 3 + lines.reduce((h, l) => h + w.height(l, colW), 0));
  w.ensure(Math.max(...heights));
  let maxH = 0;
  blocks.forEach(([title, lines], i) => {
    const x = LEFT + i * (colW + 10);
    let y = w.y;
    y += w.put(title, x, y, colW, { font: FONT_BOLD, size: 10 }) + 3;
    if (lines.length === 0) y += w.put('-', x, y, colW, { color: GREY });
    for (const line of lines) y += w.put(line, x, y, colW);
    maxH = Math.max(maxH, y - w.y);
  });
  w.y += maxH + 16;
}

function renderLines(w: Writer, o: OrderInput, currency: string): void {
  const items = o.line_items ?? [];

  const header = (): void => {
    const s: TextStyle = { font: FONT_BOLD, size: 9 };
    const h = w.height('Item', COLS.item.w, s);
    w.put('Item', COLS.item.x, w.y, COLS.item.w, s);
    w.put('SKU', COLS.sku.x, w.y, COLS.sku.w, s);
    w.put('Qty', COLS.qty.x, w.y, COLS.qty.w, { ...s, align: 'right' });
    w.put('Unit price', COLS.unit.x, w.y, COLS.unit.w, { ...s, align: 'right' });
    w.put('Line total', COLS.total.x, w.y, COLS.total.w, { ...s, align: 'right' });
    w.y += h + 3;
    w.rule(BLACK, 0.75);
    w.y += 4;
  };

  w.ensure(60); // header plus at least one row on the same page
  w.withTableHeader(header, () => {
    if (items.length === 0) {
      w.ensure(14);
      w.y += w.put('No line items.', LEFT, w.y, CONTENT_WIDTH, { color: GREY }) + 6;
      return;
    }
    for (const item of items) {
      const title = lineTitle(item);
      const variant = present(item.variant_title) ? clean(item.variant_title) : '';
      const sku = present(item.sku) ? clean(item.sku) : '';
      const qty = item.quantity != null ? String(item.quantity) : '';
      const unit = money(item.price, currency);
      const total = money(lineTotal(item), currency);

      const titleH = w.height(title, COLS.item.w) + w.height(variant, COLS.item.w, { size: 8 });
      const rowH = Math.max(titleH, w.height(sku, COLS.sku.w), w.height(unit, COLS.unit.w), w.height(total, COLS.total.w));
      w.ensure(rowH + 6);
      const y = w.y;
      const tH = w.put(title, COLS.item.x, y, COLS.item.w);
      w.put(variant, COLS.item.x, y + tH, COLS.item.w, { size: 8, color: GREY });
      w.put(sku, COLS.sku.x, y, COLS.sku.w);
      w.put(qty, COLS.qty.x, y, COLS.qty.w, { align: 'right' });
      w.put(unit, COLS.unit.x, y, COLS.unit.w, { align: 'right' });
      w.put(total, COLS.total.x, y, COLS.total.w, { align: 'right' });
      w.y += rowH + 2;

      // Properties starting with "_" are private by Shopify convention.
      for (const p of item.properties ?? []) {
        if (!present(p.name) || p.name.startsWith('_')) continue;
        const text = `${clean(p.name)}: ${clean(p.value)}`;
        const h = w.height(text, PROPERTY_WIDTH, { size: 8 });
        w.ensure(h + 4);
        w.y += w.put(text, LEFT + PROPERTY_INDENT, w.y, PROPERTY_WIDTH, { size: 8, color: GREY }) + 1;
      }
      w.y += 3;
      w.rule();
      w.y += 4;
    }
  });
}

/** Tax lines summed by title and rate, in cents (lines without a parseable price are left out). */
function groupTaxes(lines: OrderTaxLine[]): { title: string; rate: number | null | undefined; cents: number }[] {
  const groups: { title: string; rate: number | null | undefined; cents: number }[] = [];
  for (const t of lines) {
    const amount = toAmount(t.price);
    if (amount === undefined) continue;
    const title = present(t.title) ? clean(t.title) : 'Tax';
    const same = groups.find((g) => g.title === title && g.rate === t.rate);
    if (same) same.cents += Math.round(amount * 100);
    else groups.push({ title, rate: t.rate, cents: Math.round(amount * 100) });
  }
  return groups;
}

/**
 * The totals block reads as a sum: the line items before discounts, minus each discount code (and
 * any other discounts), plus each shipping line as charged before its discount, plus the taxes
 * (shipping taxes on rows of their own when the payload itemises them), makes the total.
 */
function renderTotals(w: Writer, o: OrderInput, currency: string): void {
  const rows: { label: string; value: string; bold?: boolean }[] = [];
  const pick = (...values: (string | null | undefined)[]): string | undefined => values.find(present);
  const items = o.line_items ?? [];
  const shippingLines = o.shipping_lines ?? [];

  const discounts = Math.round(Math.abs(toAmount(pick(o.total_discounts, o.current_total_discounts)) ?? 0) * 100);
  // subtotal_price is already net of item discounts: without total_line_items_price, the lines'
  // own totals stand for the subtotal when discounts are to be taken off below.
  const lineTotals = items.map(lineTotal);
  const summed =
    items.length > 0 && lineTotals.every((t) => t !== undefined) ? lineTotals.reduce<number>((a, t) => a + Math.round((t ?? 0) * 100), 0) / 100 : undefined;
  const subtotal =
    pick(o.total_line_items_price) ??
    (discounts === 0 ? pick(o.subtotal_price, o.current_subtotal_price) : undefined) ??
    summed ??
    pick(o.subtotal_price, o.current_subtotal_price);
  if (subtotal !== undefined) rows.push({ label: 'Subtotal', value: money(subtotal, currency) });

  if (discounts !== 0) {
    let listed = 0;
    const codeRows: { label: string; value: string }[] = [];
    for (const d of o.discount_codes ?? []) {
      const amount = Math.round(Math.abs(toAmount(d.amount) ?? 0) * 100);
      if (!present(d.code) || amount === 0) continue;
      codeRows.push({ label: `${d.type === 'shipping' ? 'Shipping discount' : 'Discount'} (${clean(d.code)})`, value: money(-amount / 100, currency) });
      listed += amount;
    }
    if (listed > discounts) {
      rows.push({ label: 'Discounts', value: money(-discounts / 100, currency) });
    } else {
      rows.push(...codeRows);
      if (discounts > listed) rows.push({ label: listed > 0 ? 'Other discounts' : 'Discounts', value: money(-(discounts - listed) / 100, currency) });
    }
  }

  if (shippingLines.length > 0) {
    for (const s of shippingLines) {
      const title = present(s.title) ? clean(s.title) : 'Shipping';
      rows.push({ label: `Shipping: ${title}`, value: money(s.price ?? '0', currency) });
    }
  } else {
    const shipping = pick(o.total_shipping_price_set?.shop_money?.amount, o.current_shipping_price_set?.shop_money?.amount);
    if (shipping !== undefined) rows.push({ label: 'Shipping', value: money(shipping, currency) });
  }

  const included = o.taxes_included === true ? ' (included)' : '';
  const rate = (r: number | null | undefined): string => (r != null ? ` (${percent(r)})` : '');
  const totalTax = toAmount(pick(o.total_tax, o.current_total_tax));
  const itemTaxes = groupTaxes(items.flatMap((i) => i.tax_lines ?? []));
  const shippingTaxes = groupTaxes(shippingLines.flatMap((s) => s.tax_lines ?? []));
  const itemised = [...itemTaxes, ...shippingTaxes].reduce((a, g) => a + g.cents, 0);
  const taxLines = o.tax_lines ?? [];
  if (shippingTaxes.length > 0 && totalTax !== undefined && itemised === Math.round(totalTax * 100)) {
    for (const g of itemTaxes) rows.push({ label: `${g.title}${rate(g.rate)}${included}`, value: money(g.cents / 100, currency) });
    for (const g of shippingTaxes) rows.push({ label: `Shipping tax: ${g.title}${rate(g.rate)}${included}`, value: money(g.cents / 100, currency) });
  } else if (taxLines.length > 0) {
    for (const t of taxLines) {
      const title = present(t.title) ? clean(t.title) : 'Tax';
      rows.push({ label: `${title}${rate(t.rate)}${included}`, value: money(t.price ?? '0', currency) });
    }
  } else {
    const tax = pick(o.total_tax, o.current_total_tax);
    if (tax !== undefined) rows.push({ label: `Tax${included}`, value: money(tax, currency) });
  }

  const total = pick(o.total_price, o.current_total_price);
  if (total !== undefined) rows.push({ label: 'Total', value: money(total, currency), bold: true });
  if (present(currency)) rows.push({ label: 'Currency', value: currency });
  if (rows.length === 0) return;

  const labelX = LEFT + 230;
  const labelW = 180;
  const valueX = COLS.total.x - 5;
  const valueW = COLS.total.w + 5;
  w.y += 6;
  for (const row of rows) {
    const s: TextStyle = row.bold ? { font: FONT_BOLD, size: 11 } : { size: 9 };
    const h = Math.max(w.height(row.label, labelW, s), w.height(row.value, valueW, s));
    w.ensure(h + (row.bold ? 8 : 3));
    if (row.bold) {
      w.y += 2;
      w.doc.save().moveTo(labelX, w.y).lineTo(RIGHT, w.y).lineWidth(0.75).strokeColor(BLACK).stroke().restore();
      w.y += 4;
    }
    w.put(row.label, labelX, w.y, labelW, { ...s, align: 'right' });
    w.put(row.value, valueX, w.y, valueW, { ...s, align: 'right' });
    w.y += h + 3;
  }
}

function renderNote(w: Writer, o: OrderInput): void {
  if (!present(o.note)) return;
  const paragraphs = o.note
    .split(/\r?\n/)
    .map((p) => clean(p, Infinity))
    .filter((p) => p !== '');
  if (paragraphs.length === 0) return;
  w.y += 16;
  w.ensure(40);
  w.y += w.put('Note', LEFT, w.y, CONTENT_WIDTH, { font: FONT_BOLD, size: 10 }) + 3;
  for (const p of paragraphs) {
    const h = w.height(p, CONTENT_WIDTH);
    // A paragraph longer than a page is left to pdfkit's own page flow.
    if (h <= BOTTOM - MARGIN.top) w.ensure(h);
    w.put(p, LEFT, w.y, CONTENT_WIDTH);
    w.y = h <= BOTTOM - MARGIN.top ? w.y + h + 2 : w.doc.y + 2;
  }
}

export async function renderOrderConfirmation(order: unknown, opts: OrderConfirmationOptions): Promise<Buffer> {
  const o = parseOrderInput(order);
  const currency = clean(present(o.currency) ? o.currency : o.presentment_currency);
  const orderName = clean(present(o.name) ? o.name : present(o.order_number) ? `#${o.order_number}` : present(o.id) ? o.id : '(unnamed)');
  const shopLabel = clean(opts.shopName ?? opts.shop);
  const date = documentDate(o);

  const doc = pdfDocument({
    size: 'A4',
    margins: MARGIN,
    compress: true,
    bufferPages: true, // footers need the total page count
    info: {
      Title: `Order confirmation ${orderName}`,
      Author: shopLabel,
      Subject: `Order ${orderName} - ${clean(opts.shop)}`,
      Creator: 'shopify-xecm',
      Producer: 'shopify-xecm (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  // pdfkit computes the trailer /ID in its constructor as md5(info) and keeps
  // it in the private `_id` (written by `_finalize`). Replace it with an ID
  // derived from the order content so distinct orders never share an ID.
  const internals = doc as unknown as { _id?: unknown };
  if (internals._id instanceof Uint8Array) internals._id = fileId(order, opts);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Every text drawn, with its place, feeds the /ID when it is derived from what is printed.
  const printed = opts.idFromPrinted ? createHash('sha256').update(`${RENDERER_VERSION}\n${opts.shop}\n${opts.shopName ?? ''}\n`) : undefined;
  if (printed) {
    const text = doc.text.bind(doc);
    doc.text = ((str: string, x?: number, y?: number, o2?: PDFKit.Mixins.TextOptions) => {
      printed.update(`${x ?? ''},${y ?? ''}:${String(str)}\n`);
      return text(str, x, y, o2);
    }) as typeof doc.text;
  }
  const w = new Writer(doc);
  renderHeader(w, o, opts, orderName);
  renderParties(w, o);
  renderLines(w, o, currency);
  renderTotals(w, o, currency);
  renderNote(w, o);
  // "shop · Order #1187 · Page 1 of 3" on every page.
  writeFooters(doc, `${shopLabel} · Order ${orderName}`);
  if (printed && internals._id instanceof Uint8Array) internals._id = new Uint8Array(printed.digest().subarray(0, 16));
  doc.end();
  return done;
}
