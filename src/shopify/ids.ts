/**
 * Shopify ids. REST payloads carry ids as JSON numbers that can exceed 2^53, so the connector takes
 * them from GID strings (`admin_graphql_api_id`), never from parsed numbers.
 */
import { parseGid } from '../vocabulary.js';

export { parseGid } from '../vocabulary.js';

/** Numeric id (as a string) from a GID of the expected type, or undefined. */
export function idFromGid(gid: unknown, type: string): string | undefined {
  if (typeof gid !== 'string') return undefined;
  const p = parseGid(gid);
  return p && p.type === type ? p.id : undefined;
}
