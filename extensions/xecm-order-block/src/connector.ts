/**
 * The connector this block reads from: its public HTTPS base (the connector's server.publicUrl).
 * Change it before `shopify app deploy`.
 */
export const CONNECTOR_URL = 'https://connector.example.com';

/** The parts of `GET /api/lookup`'s answer the block shows (the connector's lookup/lookup.ts). */
export interface DeepLinks {
  classic: string;
  smartView: string;
}
export interface LookupDocument {
  id: number;
  name: string;
  folder: string;
  size: number | null;
  modified: string | null;
  links: DeepLinks;
}
export interface LookupWorkspace {
  kind: 'order' | 'case' | 'account' | 'exception' | 'product';
  nodeId: number;
  name: string;
  workspaceType: string;
  links: DeepLinks;
  status?: Record<string, unknown>;
  documents?: LookupDocument[];
  liveError?: string;
}
export interface LookupAnswer {
  matches: Array<{ resourceType: string; resourceId: string; title: string; workspaces: LookupWorkspace[] }>;
}

/** Asks the connector for the order's workspaces, signed in with the admin's session token. */
export async function lookupOrder(orderGid: string, idToken: string | null): Promise<LookupWorkspace[]> {
  if (!idToken) throw new Error('Shopify gave no session token; reload the page to sign in again.');
  const res = await fetch(`${CONNECTOR_URL}/api/lookup?q=${encodeURIComponent(orderGid)}`, {
    headers: { authorization: `Bearer ${idToken}`, accept: 'application/json' },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(`The xECM connector answered ${res.status}${body.error ? `: ${body.error}` : ''}`);
  }
  const answer = (await res.json()) as LookupAnswer;
  return answer.matches.find((m) => m.resourceType === 'order')?.workspaces ?? [];
}

/** "12 KB", "1.4 MB": a document's size for people. */
export function humanSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
