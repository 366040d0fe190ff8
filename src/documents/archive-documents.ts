/**
 * The archive's documents (job 7), rendered from an order read in full (the REST shape of
 * intake/from-graphql.ts `restOrderFullFromGraphql`) and its timeline comments: the payment record
 * (every transaction with its gateway references, amounts and times), one refund record per refund,
 * the communications, and the manifest that lists every artifact with its SHA-256. Deterministic as
 * the other renderers are (pdf-layout.ts): the same order gives the same bytes; /CreationDate is the
 * order's processed_at, the trailer /ID a SHA-256 of the canonical input.
 */
import { z } from 'zod';
import { canonicalJson } from './order-snapshot.js';
import { CONTENT_WIDTH, FONT_BOLD, Writer, clean, displayDate, documentDate, money, openPdf, present, words, writeFooters } from './pdf-layout.js';

const text = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .nullish()
  .catch(undefined);

const transactionSchema = z.looseObject({
  id: text,
  kind: text,
  status: text,
  gateway: text,
  amount: text,
  currency: text,
  processed_at: text,
  created_at: text,
  authorization: text,
  payment_id: text,
  parent_id: text,
  test: z.boolean().nullish().catch(undefined),
});

const refundSchema = z.looseObject({
  id: text,
  created_at: text,
  processed_at: text,
  note: text,
  total_refunded_set: z
    .looseObject({ shop_money: z.looseObject({ amount: text, currency_code: text }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  refund_line_items: z
    .array(
      z.looseObject({
        quantity: z.number().nullish().catch(undefined),
        restock_type: text,
        subtotal: z.union([z.number(), z.string()]).nullish().catch(undefined),
        line_item: z.looseObject({ title: text, sku: text }).nullish().catch(undefined),
      }),
    )
    .nullish()
    .catch(undefined),
  transactions: z.array(transactionSchema).nullish().catch(undefined),
});

/** What the archive's documents read of an order; every field optional. */
const archiveOrderSchema = z.looseObject({
  id: text,
  name: text,
  email: text,
  currency: text,
  financial_status: text,
  fulfillment_status: text,
  created_at: text,
  processed_at: text,
  closed_at: text,
  cancelled_at: text,
  total_price: text,
  current_total_price: text,
  total_outstanding: text,
  payment_gateway_names: z.array(z.string()).nullish().catch(undefined),
  transactions: z.array(transactionSchema).nullish().catch(undefined),
  refunds: z.array(refundSchema).nullish().catch(undefined),
});

export type ArchiveOrderInput = z.infer<typeof archiveOrderSchema>;
export type ArchiveRefund = z.infer<typeof refundSchema>;

export function parseArchiveOrder(order: unknown): ArchiveOrderInput {
  const r = archiveOrderSchema.safeParse(order);
  return r.success ? r.data : {};
}

/** A staff comment on the order's timeline (Admin API `Order.events`, CommentEvent). */
export interface ArchiveComment {
  id: string;
  createdAt: string;
  author: string | null;
  message: string;
}

export interface ArchiveDocumentOptions {
  shop: string;
}

type Txn = z.infer<typeof transactionSchema>;

const reference = (t: Txn): string =>
  [t.authorization, t.payment_id]
    .filter(present)
    .map((x) => clean(x, 60))
    .join(' / ');

function transactionsTable(w: Writer, txns: Txn[], empty: string): void {
  w.table(
    [
      { label: 'Id', width: 70 },
      { label: 'Kind', width: 50 },
      { label: 'Status', width: 50 },
      { label: 'Gateway', width: 65 },
      { label: 'Processed at', width: 80 },
      { label: 'Amount', width: 65, align: 'right' },
      { label: 'Reference', width: CONTENT_WIDTH - 70 - 50 - 50 - 65 - 80 - 65 - 30 },
    ],
    txns.map((t) => [
      clean(t.id),
      words(t.kind),
      words(t.status),
      clean(t.gateway),
      displayDate(t.processed_at ?? t.created_at),
      money(t.amount, t.currency),
      reference(t) + (t.test ? ' (test)' : ''),
    ]),
    empty,
  );
}

async function pdf(
  meta: { version: string; title: string; subtitle: string; date: string | null | undefined; shop: string; idSource: unknown },
  body: (w: Writer) => void,
): Promise<Buffer> {
  const { doc, bytes } = openPdf({
    version: meta.version,
    title: meta.title,
    subject: meta.subtitle,
    author: meta.shop,
    date: documentDate(meta.date),
    idSource: meta.idSource,
  });
  const w = new Writer(doc);
  w.title(meta.title, meta.subtitle);
  body(w);
  writeFooters(doc, [clean(meta.shop, 80), clean(meta.title, 80)].filter((x) => x !== '').join(' · '));
  doc.end();
  return bytes;
}

/** The payment record: the order's money facts and every transaction (authorisations, captures, sales, refunds). */
export async function renderPaymentRecord(order: unknown, opts: ArchiveDocumentOptions): Promise<Buffer> {
  const o = parseArchiveOrder(order);
  const txns = [...(o.transactions ?? [])];
  return pdf(
    {
      version: 'payment-record/1',
      title: `Payment record ${clean(o.name) || clean(o.id)}`,
      subtitle: `Archived record of the order's payments · ${clean(opts.shop)}`,
      date: o.processed_at ?? o.created_at,
      shop: opts.shop,
      idSource: { o: o.id, txns },
    },
    (w) => {
      w.facts([
        ['Order', clean(o.name)],
        ['Order id', clean(o.id)],
        ['Placed', displayDate(o.processed_at ?? o.created_at)],
        ['Financial status', words(o.financial_status)],
        ['Total', money(o.current_total_price ?? o.total_price, o.currency), { font: FONT_BOLD }],
        ['Outstanding', money(o.total_outstanding, o.currency)],
        ['Gateways', (o.payment_gateway_names ?? []).map((g) => clean(g, 60)).join(', ')],
      ]);
      w.heading('Transactions');
      transactionsTable(w, txns, 'No transactions.');
    },
  );
}

/** One refund's record: when, how much, which items, the money movements that paid it. */
export async function renderArchiveRefund(input: { order: unknown; refund: unknown }, opts: ArchiveDocumentOptions): Promise<Buffer> {
  const o = parseArchiveOrder(input.order);
  const parsed = refundSchema.safeParse(input.refund);
  const r: ArchiveRefund = parsed.success ? parsed.data : {};
  const total = r.total_refunded_set?.shop_money;
  return pdf(
    {
      version: 'archive-refund/1',
      title: `Refund ${clean(r.id)} · ${clean(o.name)}`,
      subtitle: `Archived refund record · ${clean(opts.shop)}`,
      date: r.processed_at ?? r.created_at,
      shop: opts.shop,
      idSource: { o: o.id, r },
    },
    (w) => {
      w.facts([
        ['Order', clean(o.name)],
        ['Refund id', clean(r.id)],
        ['Processed', displayDate(r.processed_at ?? r.created_at)],
        ['Refunded', money(total?.amount, total?.currency_code), { font: FONT_BOLD }],
        ['Note', clean(r.note)],
      ]);
      w.heading('Refunded items');
      w.table(
        [
          { label: 'Item', width: 220 },
          { label: 'SKU', width: 100 },
          { label: 'Qty', width: 35, align: 'right' },
          { label: 'Restock', width: 70 },
          { label: 'Subtotal', width: CONTENT_WIDTH - 220 - 100 - 35 - 70 - 20, align: 'right' },
        ],
        (r.refund_line_items ?? []).map((l) => [
          clean(l.line_item?.title) || 'Item',
          clean(l.line_item?.sku),
          String(l.quantity ?? ''),
          words(l.restock_type),
          money(l.subtotal === undefined || l.subtotal === null ? null : String(l.subtotal), total?.currency_code),
        ]),
        'No refunded items.',
      );
      w.heading('Transactions');
      transactionsTable(w, r.transactions ?? [], 'No transactions.');
    },
  );
}

/** The order's communications: its staff timeline comments, oldest first, as plain text. */
export function renderCommunications(orderName: string, comments: ArchiveComment[]): Buffer {
  const sorted = [...comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const blocks = sorted.map(
    (c) => `At: ${new Date(c.createdAt).toISOString()}\nFrom: ${c.author ?? 'Shopify'}\nId: ${c.id}\n\n${c.message.replace(/\r\n?/g, '\n')}\n`,
  );
  return Buffer.from(`Communications of order ${orderName}\n${'='.repeat(40)}\n\n${blocks.join('\n----\n\n')}`, 'utf8');
}

/** One artifact as the manifest lists it. */
export interface ManifestArtifact {
  name: string;
  nodeId: number;
  version: number;
  size: number;
  sha256: string;
  /** The connector's stored change the artifact was rendered from. */
  eventId: number | null;
  /** When this version was filed (ISO). */
  archivedAt: string;
}

export interface Manifest {
  shop: string;
  order: { id: string; name: string };
  artifacts: ManifestArtifact[];
}

/** `<order name> manifest.json`: canonical JSON (sorted keys, artifacts by name), so the same archive gives the same bytes. */
export function renderManifest(m: Manifest): Buffer {
  const sorted: Manifest = { ...m, artifacts: [...m.artifacts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  return Buffer.from(`${canonicalJson({ format: 'shopify-xecm/archive-manifest/1', ...sorted })}\n`, 'utf8');
}

const manifestSchema = z.object({
  shop: z.string(),
  order: z.object({ id: z.string(), name: z.string() }),
  artifacts: z.array(
    z.object({
      name: z.string(),
      nodeId: z.number(),
      version: z.number(),
      size: z.number(),
      sha256: z.string(),
      eventId: z.number().nullable(),
      archivedAt: z.string(),
    }),
  ),
});

/** Reads a manifest's bytes back (verify); undefined when they are not a manifest. */
export function parseManifest(bytes: Buffer): Manifest | undefined {
  try {
    const r = manifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
