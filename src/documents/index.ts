/**
 * Document renderers for the order workspace, addressable by key so rules can
 * name them (e.g. `renderer: order-confirmation`). Every renderer is
 * deterministic: the same input gives byte-identical output.
 */
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
  fileExtension: 'pdf' | 'json';
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
} as const satisfies Record<RendererKey, DocumentRenderer>;

export { renderOrderConfirmation } from './order-confirmation.js';
export type { OrderConfirmationOptions } from './order-confirmation.js';
export { renderOrderSnapshot, canonicalJson } from './order-snapshot.js';
