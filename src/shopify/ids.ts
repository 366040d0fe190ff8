/**
 * Shopify ids. REST payloads carry ids as JSON numbers that can exceed 2^53, so the connector takes
 * them from GID strings (`admin_graphql_api_id`), never from parsed numbers.
 */
const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

export function parseGid(gid: string): { type: string; id: string } | undefined {
  const m = GID.exec(gid);
  return m && m[1] && m[2] ? { type: m[1], id: m[2] } : undefined;
}

/** Numeric id (as a string) from a GID of the expected type, or undefined. */
export function idFromGid(gid: unknown, type: string): string | undefined {
  if (typeof gid !== 'string') return undefined;
  const p = parseGid(gid);
  return p && p.type === type ? p.id : undefined;
}
