/**
 * Document renderers, addressable by key so rules can name them (e.g.
 * `renderer: order-confirmation`): the order workspace's (order-confirmation,
 * order-snapshot), a case workspace's (return-summary, refund-record,
 * dispute-summary: a `CaseView` in) and an exception workspace's
 * (exception-note: an `ExceptionNote` in). Every renderer is deterministic:
 * the same input gives byte-identical output.
 */
import { renderDisputeSummary, renderRefundRecord, renderReturnSummary } from './case-documents.js';
import { parseExceptionNote, renderExceptionNote } from './exception-note.js';
import { renderOrderConfirmation } from './order-confirmation.js';
import { renderOrderSnapshot } from './order-snapshot.js';
import type { RendererKey } from '../vocabulary.js';

export interface RenderContext {
  /** Shop domain, e.g. "acme-industrial.myshopify.com". */
  shop: string;
  /** Optional display name of the shop (used by the PDF renderers). */
  shopName?: string;
  /** The payload's text exactly as received, for renderers that must keep every number as written. */
  raw?: string;
}

export interface DocumentRenderer {
  fileExtension: 'pdf' | 'json' | 'txt';
  mimeType: string;
  render(input: unknown, ctx: RenderContext): Promise<Buffer>;
}

export const RENDERERS = {
  'order-confirmation': {
    fileExtension: 'pdf',
    mimeType: 'application/pdf',
    render: (input: unknown, ctx: RenderContext) => renderOrderConfirmation(input, { shop: ctx.shop, shopName: ctx.shopName }),
  },
  'order-snapshot': {
    fileExtension: 'json',
    mimeType: 'application/json',
    render: (input: unknown, ctx: RenderContext) => Promise.resolve().then(() => renderOrderSnapshot(ctx.raw ?? input)),
  },
  'return-summary': {
    fileExtension: 'pdf',
    mimeType: 'application/pdf',
    render: (input: unknown, ctx: RenderContext) => renderReturnSummary(input, { shop: ctx.shop, shopName: ctx.shopName }),
  },
  'refund-record': {
    fileExtension: 'pdf',
    mimeType: 'application/pdf',
    render: (input: unknown, ctx: RenderContext) => renderRefundRecord(input, { shop: ctx.shop, shopName: ctx.shopName }),
  },
  'dispute-summary': {
    fileExtension: 'pdf',
    mimeType: 'application/pdf',
    render: (input: unknown, ctx: RenderContext) => renderDisputeSummary(input, { shop: ctx.shop, shopName: ctx.shopName }),
  },
  'exception-note': {
    fileExtension: 'txt',
    mimeType: 'text/plain',
    render: (input: unknown, _ctx: RenderContext) => Promise.resolve().then(() => renderExceptionNote(parseExceptionNote(input))),
  },
} as const satisfies Record<RendererKey, DocumentRenderer>;

export { renderOrderConfirmation } from './order-confirmation.js';
export type { OrderConfirmationOptions } from './order-confirmation.js';
export { renderOrderSnapshot, canonicalJson } from './order-snapshot.js';
export { renderReturnSummary, renderRefundRecord, renderDisputeSummary, parseCaseView, returnCaseType } from './case-documents.js';
export type { CaseDocumentOptions } from './case-documents.js';
export { renderExceptionNote, parseExceptionNote } from './exception-note.js';
