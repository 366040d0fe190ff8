/**
 * Shared pdfkit layout for the case documents (case-documents.ts): A4, standard Helvetica, text kept
 * extractable, and byte-deterministic output, on the same terms as order-confirmation.ts:
 *  - /CreationDate and /ModDate are a date given by the caller (from the data, never the wall clock);
 *  - the trailer /ID is the first 16 bytes of a SHA-256 over the renderer's version, the shop and the
 *    canonical JSON of the input (pdfkit's own is an md5 of the info dictionary);
 *  - PDF 1.3 (no XMP stream repeating the date), no encryption, no attachments; font resource names
 *    are assigned in call order; content streams are deflated by Node's zlib;
 *  - nothing reads the host time zone or locale: dates are printed from their ISO text and amounts
 *    with a fixed 'en-US' formatter.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { canonicalJson } from './order-snapshot.js';

export const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
export const MARGIN = { top: 50, bottom: 60, left: 50, right: 50 };
export const LEFT = MARGIN.left;
export const RIGHT = PAGE.width - MARGIN.right;
export const CONTENT_WIDTH = RIGHT - LEFT;
export const BOTTOM = PAGE.height - MARGIN.bottom;

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
export const GREY = '#555555';
export const BLACK = '#000000';
export const ACCENT = '#b00020';
const RULE = '#bbbbbb';

/** A single table cell never grows beyond this height (longer text is cut with "…"), so a row always fits a page. */
const MAX_CELL_HEIGHT = 240;
/** Single fields are capped at this many characters before they are measured. */
const MAX_FIELD_CHARS = 1000;

export type Align = 'left' | 'right' | 'center';
export interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  align?: Align;
}

// ------------------------------------------------------------ text utils ---

/** Characters Helvetica (WinAnsiEncoding) can show beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/**
 * A value made printable with the standard fonts: pdfkit's AFM fonts encode WinAnsi only (other
 * code points would corrupt the text string), so accents are stripped where that helps (NFKD) and
 * the rest becomes "?". Line breaks and other control characters become spaces.
 */
export function clean(value: string | null | undefined, maxChars = MAX_FIELD_CHARS): string {
  if (value == null) return '';
  let out = '';
  for (const ch of value.normalize('NFC')) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      out += ' ';
      continue;
    }
    const decomposed = [...ch.normalize('NFKD')].filter((c) => !/\p{M}/u.test(c));
    out += decomposed.length > 0 && decomposed.every(isWinAnsi) ? decomposed.join('') : '?';
  }
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out;
}

export function present(value: string | null | undefined): value is string {
  return value != null && value.trim() !== '';
}

/** A Shopify word in words: `not_as_described` → "Not as described". */
export function words(value: string | null | undefined): string {
  const t = clean(value).replace(/_/g, ' ').trim();
  return t === '' ? '' : t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
}

// ----------------------------------------------------------- formatting ---

const NUMBER = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** "14632.8" + "USD" → "14,632.80 USD"; unparseable input is printed as written; null → "". */
export function money(value: string | null | undefined, currency: string | null | undefined): string {
  if (!present(value)) return '';
  const t = value.trim();
  const n = /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  const formatted = Number.isFinite(n) ? NUMBER.format(Object.is(n, -0) ? 0 : n) : clean(t);
  const c = clean(currency);
  return c === '' ? formatted : `${formatted} ${c}`;
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO timestamp printed as written, in its own offset: "2026-07-14 10:58:01 UTC",
 * "2026-07-14 10:58 UTC-04:00", "2026-07-14". Text that is not ISO is printed cleaned.
 */
export function displayDate(iso: string | null | undefined): string {
  if (!present(iso)) return '';
  const m = ISO.exec(iso.trim());
  if (!m) return clean(iso);
  const [, day, time, seconds, zone] = m;
  if (time === undefined) return day ?? '';
  const clock = seconds === undefined ? time : `${time}:${seconds}`;
  if (zone === undefined) return `${day} ${clock}`;
  return `${day} ${clock} ${zone === 'Z' ? 'UTC' : `UTC${zone}`}`;
}

/** The document's fixed CreationDate/ModDate: the ISO text read as UTC when it names no offset; else the epoch. */
export function documentDate(iso: string | null | undefined): Date {
  if (!present(iso)) return new Date(0);
  const t = iso.trim();
  const m = ISO.exec(t);
  if (!m) return new Date(0);
  // Without an offset, Date.parse would read a date-time in the host's time zone: read it as UTC.
  const ms = Date.parse(m[4] === undefined && m[2] !== undefined ? `${t}Z` : t);
  return Number.isFinite(ms) ? new Date(ms) : new Date(0);
}

// -------------------------------------------------------------- document ---

/** pdfkit 0.20's private font state of a document, as far as `pdfDocument` touches it. */
interface FontInternals {
  _font?: unknown;
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
}

/** The standard fonts the renderers use, each parsed once per process (see `pdfDocument`). */
const SHARED_FONTS: ReadonlySet<string> = new Set([FONT, FONT_BOLD]);
const parsedFonts = new Map<string, object>();

/** pdfkit's font object for a standard font, parsed once (in a document of its own, never written). */
function parsedFont(name: string): object | undefined {
  const known = parsedFonts.get(name);
  if (known) return known;
  const f = (new PDFDocument({ font: name, autoFirstPage: false }) as unknown as FontInternals)._font;
  if (f === null || typeof f !== 'object' || !('font' in f) || !('document' in f) || !('id' in f)) return undefined;
  parsedFonts.set(name, f);
  return f;
}

/**
 * A PDFDocument whose standard fonts (Helvetica, Helvetica-Bold) come from fonts parsed once per
 * process. pdfkit parses a standard font's metrics (AFM widths and kerning pairs) anew for every
 * document that uses it, which was the largest single cost of rendering an order confirmation. The
 * parsed metrics are read-only; each document gets its own font object (its own `document`, its own
 * resource id and PDF dictionary) around the shared metrics, with the ids pdfkit would give (F1, F2, …
 * in the order of first use), so the bytes are exactly those pdfkit writes on its own.
 */
export function pdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // No default font in the constructor: it is set below, through the shared fonts.
  const doc = new PDFDocument({ ...options, font: '' });
  const internals = doc as unknown as FontInternals;
  const families = internals._fontFamilies;
  if (families && typeof internals._fontCount === 'number') {
    const font = doc.font.bind(doc) as (src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number) => PDFKit.PDFDocument;
    doc.font = ((src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number) => {
      if (typeof src === 'string' && typeof family !== 'string' && SHARED_FONTS.has(src) && families[src] === undefined) {
        const parsed = parsedFont(src);
        if (parsed)
          families[src] = Object.assign(Object.create(Object.getPrototypeOf(parsed) as object) as object, parsed, {
            document: doc,
            id: `F${++(internals._fontCount as number)}`,
          });
      }
      return font(src, family, size);
    }) as typeof doc.font;
  }
  return doc.font(FONT);
}

export interface PdfMeta {
  /** Renderer name and layout version (bump on layout changes, so new renderings get new IDs). */
  version: string;
  title: string;
  subject: string;
  author: string;
  date: Date;
  /** What the trailer /ID is derived from (with the version and author). */
  idSource: unknown;
}

/** A buffered A4 document and the promise of its bytes (resolved after `doc.end()`). */
export function openPdf(meta: PdfMeta): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = pdfDocument({
    size: 'A4',
    margins: MARGIN,
    compress: true,
    bufferPages: true, // footers need the total page count
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: 'shopify-xecm',
      Producer: 'shopify-xecm (PDFKit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  // pdfkit computes the trailer /ID in its constructor as md5(info) and keeps it in the private
  // `_id` (written by `_finalize`); replace it with one derived from the content.
  const internals = doc as unknown as { _id?: unknown };
  if (internals._id instanceof Uint8Array) {
    const hash = createHash('sha256').update(`${meta.version}\n${meta.author}\n`).update(canonicalJson(meta.idSource)).digest();
    internals._id = new Uint8Array(hash.subarray(0, 16));
  }
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/** "<label> · Page 1 of 3" at the foot of every (buffered) page. */
export function writeFooters(doc: PDFKit.PDFDocument, label: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit add a page; lift it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(GREY)
      .text(`${label} · Page ${i + 1} of ${range.count}`, LEFT, PAGE.height - 40, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export interface Column {
  label: string;
  width: number;
  align?: Align;
}

/** A cursor over the pages: text placed at measured heights, a new page when the next block does not fit. */
export class Writer {
  y = MARGIN.top;
  private tableHeader: (() => void) | undefined;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  private style(s: TextStyle): void {
    this.doc
      .font(s.font ?? FONT)
      .fontSize(s.size ?? 9)
      .fillColor(s.color ?? BLACK);
  }

  /**
   * Heights measured so far, by font, size, width and text: a height is a pure function of these
   * (the document's line gap and spacing are never changed here), and `fit`, `put` and the table and
   * fact layouts measure the same text more than once before it is drawn.
   */
  private readonly heights = new Map<string, number>();

  height(text: string, width: number, s: TextStyle = {}): number {
    if (text === '') return 0;
    // Styled even when the height is known: the colour operators it writes are part of the bytes.
    this.style(s);
    const key = `${s.font ?? FONT}\u0000${s.size ?? 9}\u0000${width}\u0000${text}`;
    const known = this.heights.get(key);
    if (known !== undefined) return known;
    const h = this.doc.heightOfString(text, { width });
    this.heights.set(key, h);
    return h;
  }

  /** Text cut (with "…") to the longest prefix no taller than `maxHeight` at this width. */
  fit(text: string, width: number, s: TextStyle = {}, maxHeight = MAX_CELL_HEIGHT): string {
    if (this.height(text, width, s) <= maxHeight) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.height(`${text.slice(0, mid)}…`, width, s) <= maxHeight) lo = mid;
      else hi = mid - 1;
    }
    return `${text.slice(0, lo)}…`;
  }

  /** Write text at (x, y) without moving the cursor; returns its height. */
  put(text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
    if (text === '') return 0;
    const h = this.height(text, width, s);
    this.style(s);
    this.doc.text(text, x, y, { width, align: s.align ?? 'left', lineBreak: true });
    return h;
  }

  /** Start a new page when `h` points do not fit any more. */
  ensure(h: number): void {
    if (this.y + h <= BOTTOM) return;
    this.doc.addPage();
    this.y = MARGIN.top;
    this.tableHeader?.();
  }

  rule(color = RULE, width = 0.5): void {
    this.doc.save().moveTo(LEFT, this.y).lineTo(RIGHT, this.y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  /** Repeat `header` at the top of every page added while `body` runs. */
  withTableHeader(header: () => void, body: () => void): void {
    this.tableHeader = header;
    header();
    body();
    this.tableHeader = undefined;
  }

  /** The document's title, a line under it in grey, and a heavy rule. */
  title(title: string, subtitle: string): void {
    this.y +=
      this.put(this.fit(clean(title, 200), CONTENT_WIDTH, { font: FONT_BOLD, size: 20 }, 80), LEFT, this.y, CONTENT_WIDTH, { font: FONT_BOLD, size: 20 }) + 4;
    this.y += this.put(this.fit(clean(subtitle, 300), CONTENT_WIDTH, { size: 10, color: GREY }, 60), LEFT, this.y, CONTENT_WIDTH, { size: 10, color: GREY });
    this.y += 10;
    this.rule(BLACK, 0.75);
    this.y += 10;
  }

  heading(text: string): void {
    this.y += 8;
    this.ensure(40); // the heading and at least a line of what follows
    this.y += this.put(text, LEFT, this.y, CONTENT_WIDTH, { font: FONT_BOLD, size: 11 }) + 4;
  }

  /** Label: value pairs, one a line (values already cleaned); empty values are left out. */
  facts(rows: Array<[string, string, TextStyle?]>): void {
    const labelW = 130;
    const valueX = LEFT + labelW + 10;
    const valueW = RIGHT - valueX;
    for (const [label, value, style] of rows) {
      if (value === '') continue;
      const s: TextStyle = style ?? {};
      const v = this.fit(value, valueW, s);
      const h = Math.max(this.height(label, labelW, { font: FONT_BOLD, size: s.size ?? 9, color: s.color ?? GREY }), this.height(v, valueW, s));
      this.ensure(h + 3);
      this.put(label, LEFT, this.y, labelW, { font: FONT_BOLD, size: s.size ?? 9, color: s.color ?? GREY });
      this.put(v, valueX, this.y, valueW, s);
      this.y += h + 3;
    }
  }

  /** Paragraphs in full (a paragraph longer than a page is left to pdfkit's own page flow). */
  paragraphs(text: string, s: TextStyle = {}): void {
    const paragraphs = text
      .split(/\r\n|\r|\n/)
      .map((p) => clean(p, Infinity))
      .filter((p) => p !== '');
    for (const p of paragraphs) {
      const h = this.height(p, CONTENT_WIDTH, s);
      const fitsAPage = h <= BOTTOM - MARGIN.top;
      if (fitsAPage) this.ensure(h);
      this.put(p, LEFT, this.y, CONTENT_WIDTH, s);
      this.y = fitsAPage ? this.y + h + 2 : this.doc.y + 2;
    }
  }

  /** A table (cells already cleaned), its header repeated on every page it runs onto. */
  table(columns: Column[], rows: string[][], empty: string): void {
    const gap = 5;
    const xs: number[] = [];
    let x = LEFT;
    for (const c of columns) {
      xs.push(x);
      x += c.width + gap;
    }
    const header = (): void => {
      const s: TextStyle = { font: FONT_BOLD, size: 8 };
      const h = Math.max(...columns.map((c) => this.height(c.label, c.width, s)));
      columns.forEach((c, i) => this.put(c.label, xs[i] ?? LEFT, this.y, c.width, { ...s, align: c.align ?? 'left' }));
      this.y += h + 3;
      this.rule(BLACK, 0.75);
      this.y += 4;
    };
    this.ensure(60); // the header and at least one row on the same page
    this.tableHeader = header;
    header();
    if (rows.length === 0) {
      this.ensure(14);
      this.y += this.put(empty, LEFT, this.y, CONTENT_WIDTH, { color: GREY, size: 8 }) + 6;
    }
    const s: TextStyle = { size: 8 };
    for (const row of rows) {
      const cells = columns.map((c, i) => this.fit(row[i] ?? '', c.width, s));
      const h = Math.max(0, ...cells.map((cell, i) => this.height(cell, columns[i]?.width ?? 0, s)));
      this.ensure(h + 6);
      cells.forEach((cell, i) => this.put(cell, xs[i] ?? LEFT, this.y, columns[i]?.width ?? 0, { ...s, align: columns[i]?.align ?? 'left' }));
      this.y += h + 3;
      this.rule();
      this.y += 3;
    }
    this.tableHeader = undefined;
  }
}
