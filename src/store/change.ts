import { createHash } from 'node:crypto';
import type { ResourceType } from '../vocabulary.js';

/**
 * One change to one resource, from a webhook or from `sync`: keyed by shop, resource and version
 * (its `updated_at`, or the best timestamp the payload has), so the same change seen twice is one
 * event, and an older change arriving late can be recognised and skipped.
 */
export interface ResourceChange {
  resourceType: ResourceType;
  resourceId: string;
  /** epoch ms */
  version: number;
  /** true when the payload says the resource was deleted */
  deleted: boolean;
}

/**
 * The identity of a change: shop, resource, version and a digest of what was received. Identical
 * deliveries (Shopify duplicates, orders/create + orders/paid of one state) are one event. The digest
 * also keeps two different changes that share a timestamp apart (REST timestamps have one-second
 * resolution), so neither is lost; the jobs' own last-writer-wins check orders them.
 */
export function eventKey(shop: string, c: Pick<ResourceChange, 'resourceType' | 'resourceId' | 'version'>, payload: string): string {
  return `${shop}:${c.resourceType}:${c.resourceId}:${c.version}:${createHash('sha256').update(payload).digest('hex').slice(0, 16)}`;
}
