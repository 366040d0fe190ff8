/**
 * The documents of a case workspace (job 2): a return summary, a refund record and a dispute
 * summary, each an A4 PDF rendered from a `CaseView` (rules/timeline.ts), the fold of the case's
 * Shopify changes. Deterministic as order-confirmation.ts is (see pdf-layout.ts): the same view
 * gives the same bytes; dates are printed from the view's ISO text, /CreationDate is the view's
 * `openedAt` (else the epoch), and the trailer /ID is a SHA-256 of the canonical view.
 *
 * The view arrives as `unknown` (a job's payload): it is checked against the `CaseView` shape and
 * the renderer's kind, and anything else is `PAYLOAD_INVALID`.
 */
import { z } from 'zod';
import { IntegrationError } from '../errors.js';
import type { CaseKind, CaseView, HistoryEntry } from '../rules/timeline.js';
import {
  ACCENT,
  CONTENT_WIDTH,
  FONT_BOLD,
  GREY,
  LEFT,
  Writer,
  clean,
  displayDate,
  documentDate,
  money,
  openPdf,
  present,
  words,
  writeFooters,
} from './pdf-layout.js';
import type { Column } from './pdf-layout.js';

export interface CaseDocumentOptions {
  /** Shop domain, e.g. "acme-industrial.myshopify.com" (footer and document ID). */
  shop?: string;
  /** Display name of the shop; defaults to the domain. */
  shopName?: string;
}

/** Bump when a layout changes, so document IDs of new renderings differ. */
const VERSION: Record<CaseKind, string> = { return: 'return-summary/1', refund: 'refund-record/1', dispute: 'dispute-summary/1' };

// ------------------------------------------------------------------ input ---

const str = z.string();
const maybe = z.string().nullable();

const caseViewSchema = z.object({
  kind: z.enum(['return', 'refund', 'dispute']),
  caseId: str,
  id: str,
  number: str,
  title: str,
  orderId: str.nullable(),
  order: z
    .object({
      id: str,
      name: maybe,
      tags: z.array(str),
      email: maybe,
      customer: maybe,
      companyId: maybe,
      currency: maybe,
      financialStatus: maybe,
      fulfillmentStatus: maybe,
      lineItems: z.array(z.object({ id: str, title: maybe, sku: maybe, price: maybe, quantity: z.number() })),
    })
    .nullable(),
  status: str,
  open: z.boolean(),
  reasons: z.array(str),
  amount: maybe,
  currency: maybe,
  openedAt: maybe,
  closedAt: maybe,
  evidenceDueBy: maybe,
  lines: z.array(
    z.object({
      lineItemId: maybe,
      title: maybe,
      sku: maybe,
      quantity: z.number(),
      reason: maybe,
      reasonNote: maybe,
      customerNote: maybe,
      restockType: maybe,
      amount: maybe,
    }),
  ),
  transactions: z.array(
    z.object({ id: str, kind: maybe, gateway: maybe, status: maybe, amount: maybe, currency: maybe, processedAt: maybe, reference: maybe }),
  ),
  restock: z.boolean().nullable(),
  note: maybe,
  decline: z.object({ reason: maybe, note: maybe }).nullable(),
  dispute: z.object({ type: maybe, reason: maybe, networkReasonCode: maybe, initiatedAt: maybe, evidenceSentOn: maybe, finalizedOn: maybe }).nullable(),
  history: z.array(z.object({ at: str, status: str, topic: str, note: maybe })),
}) satisfies z.ZodType<CaseView>;

/** The input as a case view of `kind`; `PAYLOAD_INVALID` when it is not one. */
export function parseCaseView(input: unknown, kind: CaseKind): CaseView {
  const r = caseViewSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new IntegrationError('PAYLOAD_INVALID', `The ${kind} document needs a case view: ${issue?.message ?? 'invalid'}${where}`, { cause: r.error });
  }
  if (r.data.kind !== kind) {
    throw new IntegrationError('PAYLOAD_INVALID', `The ${kind} document needs a ${kind} case view, not a ${r.data.kind}`, { details: { kind: r.data.kind } });
  }
  return r.data;
}

// ------------------------------------------------------------------ words ---

const RETURN_REASONS: Record<string, string> = {
  color: 'Color',
  defective: 'Damaged or defective',
  not_as_described: 'Item not as described',
  other: 'Other',
  size_too_large: 'Size was too large',
  size_too_small: 'Size was too small',
  style: 'Style',
  unknown: 'Unknown',
  unwanted: 'Customer changed their mind',
  wrong_item: 'Received the wrong item',
};
const DAMAGE_REASONS = new Set(['defective', 'not_as_described']);

const DECLINE_REASONS: Record<string, string> = {
  final_sale: 'Final sale',
  return_period_ended: 'Return period ended',
  other: 'Other',
};

const DISPUTE_REASONS: Record<string, string> = {
  bank_cannot_process: 'Bank cannot process',
  credit_not_processed: 'Credit not processed',
  customer_initiated: 'Customer initiated',
  debit_not_authorized: 'Debit not authorized',
  duplicate: 'Duplicate charge',
  fraudulent: 'Fraudulent',
  general: 'General',
  incorrect_account_details: 'Incorrect account details',
  insufficient_funds: 'Insufficient funds',
  product_not_received: 'Product not received',
  product_unacceptable: 'Product unacceptable',
  subscription_canceled: 'Subscription canceled',
  unrecognized: 'Unrecognized',
};

const RESTOCK_TYPES: Record<string, string> = {
  no_restock: 'No restock',
  cancel: 'Cancel',
  return: 'Return',
  legacy_restock: 'Legacy restock',
};

/** A Shopify word in words from a table (case-insensitive), else the word itself in words. */
const inWords = (table: Record<string, string>, value: string | null): string => {
  if (!present(value)) return '';
  const known = table[value.trim().toLowerCase()];
  return known ?? words(value);
};

const yesNo = (v: boolean | null): string => (v === null ? '' : v ? 'Yes' : 'No');
const orderName = (v: CaseView): string => clean(v.order?.name ?? '') || (v.order ? `Order ${clean(v.order.id)}` : '');

// ----------------------------------------------------------------- layout ---

interface Frame {
  view: CaseView;
  opts: CaseDocumentOptions;
  title: string;
  /** The document's name in the PDF's info (and footer). */
  docName: string;
}

async function renderCase(frame: Frame, body: (w: Writer) => void): Promise<Buffer> {
  const { view, opts } = frame;
  const shop = clean(opts.shop ?? '');
  const shopLabel = clean(opts.shopName ?? opts.shop ?? '');
  const title = clean(frame.title, 200);
  const { doc, bytes } = openPdf({
    version: VERSION[view.kind],
    title,
    subject: [frame.docName, orderName(view), shop].filter((x) => x !== '').join(' - '),
    author: shopLabel === '' ? 'shopify-xecm' : shopLabel,
    date: documentDate(view.openedAt),
    idSource: { shop: opts.shop ?? null, shopName: opts.shopName ?? null, view },
  });
  const w = new Writer(doc);
  const subtitle = [frame.docName, orderName(view) === '' ? '' : `Order ${orderName(view)}`, shopLabel].filter((x) => x !== '').join(' · ');
  w.title(title, subtitle);
  body(w);
  writeFooters(doc, [shopLabel, clean(frame.title, 80)].filter((x) => x !== '').join(' · '));
  doc.end();
  return bytes;
}

function writeHistory(w: Writer, history: HistoryEntry[]): void {
  w.heading('Status history');
  const columns: Column[] = [
    { label: 'At', width: 115 },
    { label: 'Status', width: 95 },
    { label: 'Topic', width: 110 },
    { label: 'Note', width: CONTENT_WIDTH - 115 - 95 - 110 - 15 },
  ];
  w.table(
    columns,
    history.map((h) => [displayDate(h.at), words(h.status), clean(h.topic), clean(h.note)]),
    'No status changes recorded.',
  );
}

function writeNote(w: Writer, label: string, text: string | null): void {
  if (!present(text)) return;
  w.heading(label);
  w.paragraphs(text);
}

// ---------------------------------------------------------------- returns ---

/** "Damaged-goods claim" when a line's reason is `defective` or `not_as_described`; else "Return". */
export function returnCaseType(view: CaseView): 'Damaged-goods claim' | 'Return' {
  const reasons = [...view.reasons, ...view.lines.map((l) => l.reason ?? '')].map((r) => r.trim().toLowerCase());
  return reasons.some((r) => DAMAGE_REASONS.has(r)) ? 'Damaged-goods claim' : 'Return';
}

/** A return's summary (PDF): the return, its lines with reasons and notes, the decline, the history. */
export async function renderReturnSummary(input: unknown, opts: CaseDocumentOptions = {}): Promise<Buffer> {
  const view = parseCaseView(input, 'return');
  const title = `Return ${clean(view.number, 200)}`;
  return renderCase({ view, opts, title, docName: 'Return summary' }, (w) => {
    const currency = view.currency;
    w.facts([
      ['Return', clean(view.number)],
      ['Order', orderName(view)],
      ['Customer', clean(view.order?.customer)],
      ['Status', words(view.status)],
      ['Case type', returnCaseType(view), { font: FONT_BOLD }],
      ['Reasons', view.reasons.map((r) => inWords(RETURN_REASONS, r)).join(', ')],
      ['Opened', displayDate(view.openedAt)],
      ['Closed', displayDate(view.closedAt)],
      ['Total amount', money(view.amount, currency), { font: FONT_BOLD }],
      ['Currency', clean(currency)],
    ]);

    w.heading('Returned items');
    const amountLabel = present(currency) ? `Amount (${clean(currency)})` : 'Amount';
    w.table(
      [
        { label: 'Item', width: 100 },
        { label: 'SKU', width: 55 },
        { label: 'Qty', width: 25, align: 'right' },
        { label: 'Reason', width: 70 },
        { label: 'Reason note', width: 85 },
        { label: 'Customer note', width: 85 },
        { label: amountLabel, width: CONTENT_WIDTH - 100 - 55 - 25 - 70 - 85 - 85 - 30, align: 'right' },
      ],
      view.lines.map((l) => [
        clean(l.title) || (present(l.lineItemId) ? `Line item ${clean(l.lineItemId)}` : 'Item'),
        clean(l.sku),
        String(l.quantity),
        inWords(RETURN_REASONS, l.reason),
        clean(l.reasonNote),
        clean(l.customerNote),
        money(l.amount, null),
      ]),
      'No returned items.',
    );
    if (present(view.amount)) {
      w.ensure(16);
      w.y += 2;
      w.put(`Total ${money(view.amount, currency)}`, LEFT, w.y, CONTENT_WIDTH, { font: FONT_BOLD, size: 10, align: 'right' });
      w.y += 14;
    }

    if (view.status === 'declined' || view.decline) {
      w.heading('Declined');
      w.facts([
        ['Decline reason', inWords(DECLINE_REASONS, view.decline?.reason ?? null)],
        ['Decline note', clean(view.decline?.note)],
      ]);
    }
    writeHistory(w, view.history);
  });
}

// ---------------------------------------------------------------- refunds ---

/** A refund's record (PDF): amount, note, restock, lines, transactions, history. */
export async function renderRefundRecord(input: unknown, opts: CaseDocumentOptions = {}): Promise<Buffer> {
  const view = parseCaseView(input, 'refund');
  const title = present(view.number) && !/^refund\b/i.test(view.number) ? `Refund ${clean(view.number, 200)}` : clean(view.number, 200);
  return renderCase({ view, opts, title, docName: 'Refund record' }, (w) => {
    const currency = view.currency;
    w.facts([
      ['Refund', clean(view.number)],
      ['Refund id', clean(view.id)],
      ['Order', orderName(view)],
      ['Customer', clean(view.order?.customer)],
      ['Status', words(view.status)],
      ['Amount', money(view.amount, currency), { font: FONT_BOLD }],
      ['Currency', clean(currency)],
      ['Restock', yesNo(view.restock)],
      ['Created', displayDate(view.openedAt)],
    ]);
    writeNote(w, 'Note', view.note);

    w.heading('Refunded items');
    const amountLabel = present(currency) ? `Amount (${clean(currency)})` : 'Amount';
    w.table(
      [
        { label: 'Item', width: 180 },
        { label: 'SKU', width: 90 },
        { label: 'Qty', width: 30, align: 'right' },
        { label: 'Restock type', width: 85 },
        { label: amountLabel, width: CONTENT_WIDTH - 180 - 90 - 30 - 85 - 20, align: 'right' },
      ],
      view.lines.map((l) => [
        clean(l.title) || (present(l.lineItemId) ? `Line item ${clean(l.lineItemId)}` : 'Item'),
        clean(l.sku),
        String(l.quantity),
        inWords(RESTOCK_TYPES, l.restockType),
        money(l.amount, null),
      ]),
      'No refunded items.',
    );

    w.heading('Transactions');
    w.table(
      [
        { label: 'Id', width: 60 },
        { label: 'Kind', width: 40 },
        { label: 'Gateway', width: 65 },
        { label: 'Status', width: 45 },
        { label: 'Amount', width: 60, align: 'right' },
        { label: 'Currency', width: 40 },
        { label: 'Processed at', width: 70 },
        { label: 'Reference', width: CONTENT_WIDTH - 60 - 40 - 65 - 45 - 60 - 40 - 70 - 35 },
      ],
      view.transactions.map((t) => [
        clean(t.id),
        words(t.kind),
        clean(t.gateway),
        words(t.status),
        money(t.amount, null),
        clean(t.currency),
        displayDate(t.processedAt),
        clean(t.reference),
      ]),
      'No transactions.',
    );
    writeHistory(w, view.history);
  });
}

// --------------------------------------------------------------- disputes ---

/** A dispute's summary (PDF): type, reason, amount, status, the dates, the evidence due date emphasised, history. */
export async function renderDisputeSummary(input: unknown, opts: CaseDocumentOptions = {}): Promise<Buffer> {
  const view = parseCaseView(input, 'dispute');
  const d = view.dispute;
  const type = words(d?.type ?? null);
  const title = `Dispute ${clean(view.id, 200)}`;
  return renderCase({ view, opts, title, docName: 'Dispute summary' }, (w) => {
    const due = displayDate(view.evidenceDueBy);
    if (due !== '') {
      w.ensure(30);
      const text = view.open ? `Evidence due by ${due}` : `Evidence was due by ${due}`;
      const h = w.height(text, CONTENT_WIDTH - 16, { font: FONT_BOLD, size: 13 });
      w.doc
        .save()
        .rect(LEFT, w.y, CONTENT_WIDTH, h + 12)
        .lineWidth(1.5)
        .strokeColor(ACCENT)
        .stroke()
        .restore();
      w.put(text, LEFT + 8, w.y + 6, CONTENT_WIDTH - 16, { font: FONT_BOLD, size: 13, color: ACCENT });
      w.y += h + 22;
    }
    w.facts([
      ['Dispute id', clean(view.id)],
      ['Order', orderName(view)],
      ['Customer', clean(view.order?.customer)],
      ['Type', type],
      ['Reason', inWords(DISPUTE_REASONS, d?.reason ?? view.reasons[0] ?? null)],
      ['Network reason code', clean(d?.networkReasonCode)],
      ['Amount', money(view.amount, view.currency), { font: FONT_BOLD }],
      ['Currency', clean(view.currency)],
      ['Status', words(view.status)],
      ['Initiated', displayDate(d?.initiatedAt ?? view.openedAt)],
      ['Evidence due by', due, { font: FONT_BOLD, color: ACCENT }],
      ['Evidence sent on', displayDate(d?.evidenceSentOn)],
      ['Finalized on', displayDate(d?.finalizedOn)],
    ]);
    if (due === '') w.facts([['Evidence due by', 'not given', { color: GREY }]]);
    writeHistory(w, view.history);
  });
}
