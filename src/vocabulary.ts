import { z } from 'zod';

/**
 * The connector's vocabulary, each list defined once. Zod enums, types and tables elsewhere derive
 * from these; nothing else spells them out.
 */

/** The Shopify resources the connector follows, each keyed by its numeric Shopify id. */
export const RESOURCE_TYPES = [
  'order',
  'refund',
  'return',
  'dispute',
  'company',
  'company_location',
  'company_contact',
  'customer',
  'product',
  // A variant's inventory item (its HS code, origin): a change of it refreshes its product (job 5).
  'inventory_item',
  'fulfillment_order',
  'fulfillment',
  'fulfillment_event',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const resourceTypeSchema = z.enum(RESOURCE_TYPES);

/** Workspace kinds of the xECM model (DESIGN.md §3; config `model.<kind>`). */
export const WORKSPACE_KINDS = ['order', 'case', 'account', 'exception', 'product'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];
export const workspaceKindSchema = z.enum(WORKSPACE_KINDS);

/** Document renderers (src/documents), by the key a rule names. */
export const RENDERER_KEYS = ['order-confirmation', 'order-snapshot', 'return-summary', 'refund-record', 'dispute-summary', 'exception-note'] as const;
export type RendererKey = (typeof RENDERER_KEYS)[number];
export const rendererKeySchema = z.enum(RENDERER_KEYS);

/** Follow-up work a rule may declare; each is a task of its own (src/jobs/tasks.ts). */
export const FOLLOW_UPS = ['order-communications', 'product-checklist'] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
export const followUpSchema = z.enum(FOLLOW_UPS);
/** The workspace kind each follow-up works in (a rule of another kind cannot declare it). */
export const FOLLOW_UP_WORKSPACE: Record<FollowUp, WorkspaceKind> = { 'order-communications': 'order', 'product-checklist': 'product' };

/** Category attribute values as the rules produce them and the xECM client writes them. */
export type AttributeValues = Record<string, string | number | boolean | null | string[]>;

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

/** A Shopify GID (`gid://shopify/Order/123`) → its type and numeric id (as text, never a number). */
export function parseGid(gid: string): { type: string; id: string } | undefined {
  const m = GID.exec(gid);
  return m && m[1] && m[2] ? { type: m[1], id: m[2] } : undefined;
}
