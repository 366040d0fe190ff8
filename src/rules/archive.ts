/**
 * Pure: what the archive (job 7) does with an order: whether it has reached an archived state (the
 * configured criteria, JSONata over the REST order), where its artifacts go, and which artifacts it
 * has. jobs/archive-order.ts renders and files them; documents/archive-documents.ts renders.
 */
import { criteriaTrace } from './plan.js';
import type { ArchiveRule } from './schema.js';

/** The topic of the changes `backfill` stores (their archive jobs are enqueued with them). */
export const BACKFILL_TOPIC = 'backfill';

export async function archiveApplies(rule: ArchiveRule, order: unknown, shop: string): Promise<boolean> {
  return rule.enabled && (await criteriaTrace('archive', rule.when, order, { shop })).some((t) => t.held);
}

/** The order's name for file names: its `name` (`#1001`), else `Order <id>`. */
export function archiveOrderName(order: { name?: string | null | undefined; id?: string | null | undefined }): string {
  const n = order.name?.trim();
  return n ? n : `Order ${order.id ?? '?'}`;
}

/**
 * The folder path of an order without a workspace, below the archive's root node:
 * `<root…>/<shop>/<year>/<month>/<order name>` (UTC, from processed_at, else created_at).
 */
export function archiveFolderPath(
  rule: Pick<ArchiveRule, 'root'>,
  shop: string,
  order: { processed_at?: string | null | undefined; created_at?: string | null | undefined },
  orderName: string,
): string[] {
  const at = Date.parse(order.processed_at ?? order.created_at ?? '');
  const d = new Date(Number.isFinite(at) ? at : 0);
  const root = rule.root
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...root, shop, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), orderName];
}

export type ArtifactKind = 'confirmation' | 'payment-record' | 'refund' | 'communications';

/** One artifact of an order's archive: its file name and what renders it. */
export interface ArtifactSpec {
  name: string;
  kind: ArtifactKind;
  mimeType: string;
  /** For `refund`: the refund's index in the order's refunds. */
  index?: number;
}

/** The manifest's file name. */
export const manifestName = (orderName: string): string => `${orderName} manifest.json`;

/**
 * The artifacts of an order: its confirmation, its payment record, one record per refund, and its
 * communications when it has any. Names start with the order's name, so they are unique in a folder.
 */
export function archiveArtifacts(
  orderName: string,
  order: { refunds?: Array<{ id?: string | null | undefined }> | null | undefined },
  comments: number,
): ArtifactSpec[] {
  const specs: ArtifactSpec[] = [
    { name: `${orderName} confirmation.pdf`, kind: 'confirmation', mimeType: 'application/pdf' },
    { name: `${orderName} payment record.pdf`, kind: 'payment-record', mimeType: 'application/pdf' },
  ];
  (order.refunds ?? []).forEach((r, index) => {
    specs.push({ name: `${orderName} refund ${r.id ?? String(index + 1)}.pdf`, kind: 'refund', mimeType: 'application/pdf', index });
  });
  if (comments > 0) specs.push({ name: `${orderName} communications.txt`, kind: 'communications', mimeType: 'text/plain' });
  return specs;
}

/** The names the archive gives an order's artifacts (what `verify` counts as one in a shared folder). */
export function archiveArtifactPattern(orderName: string): RegExp {
  const escaped = orderName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped} (confirmation\\.pdf|payment record\\.pdf|refund .+\\.pdf|communications\\.txt|manifest\\.json)$`);
}
