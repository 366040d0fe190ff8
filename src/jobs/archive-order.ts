import type { Config } from '../config/schema.js';
import { renderArchiveRefund, renderCommunications, renderManifest, renderPaymentRecord } from '../documents/archive-documents.js';
import type { ArchiveComment, ManifestArtifact } from '../documents/archive-documents.js';
import { carriesFullOrder } from '../documents/order-input.js';
import { renderOrderConfirmation } from '../documents/order-confirmation.js';
import { IntegrationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { TaskHandler } from '../queue/queue.js';
import { archiveApplies, archiveArtifacts, archiveFolderPath, archiveOrderName, manifestName } from '../rules/archive.js';
import type { ArtifactSpec } from '../rules/archive.js';
import type { ArchivedArtifact, ArchivedOrder, AuditEntry, Store } from '../store/store.js';
import { nodeName } from '../xecm/names.js';
import { sha256Of } from '../xecm/nodes.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Records } from '../xecm/records.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { disputeHoldName } from './dispute-hold.js';
import { parsePayload } from './payload.js';
import { defineTask } from './tasks.js';
import type { ReadOrder } from './timeline.js';

/** The folder of an order workspace the archive files into. */
export const ARCHIVE_FOLDER = 'Archive';

export interface ArchiveDeps {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
  nodes: Nodes;
  records: Records;
  /** The order read in full from the Admin API (undefined: it no longer exists, or the shop has no token). */
  readOrder: ReadOrder;
  /** The order's timeline comments from the Admin API (undefined: the shop has no token). */
  readComments: (shop: string, orderId: string) => Promise<ArchiveComment[] | undefined>;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** A payload that is an order read in full (backfill, `order.ensure`): it carries its transactions and priced lines. */
const isFullRead = (o: Obj): boolean => Array.isArray(o.transactions) && Array.isArray(o.refunds) && carriesFullOrder(o);

/**
 * `order.archive` (job 7), on the order workspace's queue (one writer with the order's workspace
 * jobs): once an order reaches an archived state (rules/defaults/j7-archive.ts), its confirmation,
 * payment record, refund records and communications, rendered from the order read in full, are filed
 * with a manifest of their SHA-256 checksums, in the order workspace's Archive folder or else under
 * the archive root by year and month, each classified as a record and, while a dispute is open,
 * held. The local ledger remembers each artifact: an unchanged order writes nothing (not even a read
 * of Content Server), a changed artifact becomes a new version and the manifest a new version too.
 */
export function archiveOrderTask(deps: ArchiveDeps): TaskHandler {
  // Folders of the dated tree, found once per process (path → node id).
  const folders = new Map<string, number>();
  return defineTask('order.archive', async ({ eventId, comments: given }, job, { log }) => {
    const rule = deps.config.archive;
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new IntegrationError('PAYLOAD_INVALID', `event ${eventId} is not in the store`);
    if (event.resourceType !== 'order') throw new IntegrationError('PAYLOAD_INVALID', `event ${eventId} is a ${event.resourceType}, not an order`);
    const { shop, resourceId: orderId } = event;
    if (!rule.enabled) return { outcome: 'disabled' };
    const changed = parsePayload(event.payload) as Obj;
    if (!(await archiveApplies(rule, changed, shop))) return { outcome: 'not-yet' };
    const prior = await deps.store.archivedOrder(shop, orderId);
    // updated_at has whole seconds: a change in the same second as the archived one is looked at again
    // (its artifacts compared by checksum), an older one never.
    if (prior && prior.orderVersion > event.version) return { outcome: 'unchanged', reason: 'archived at a later version' };
    const classId = rule.classificationId ?? deps.config.model.classificationId;
    if (classId === undefined)
      throw new IntegrationError(
        'CONFIG_INVALID',
        'archive: no records-management classification configured (set archive.classificationId or model.classificationId); archived documents must be records',
      );

    // The order in full, and its communications.
    let order = changed;
    if (!isFullRead(changed)) {
      const full = await deps.readOrder(shop, orderId);
      if (!full)
        throw new IntegrationError(
          'SHOPIFY_NOT_FOUND',
          `order ${orderId} could not be read in full from the Admin API (deleted, or the shop has no access token)`,
        );
      order = full.payload;
    }
    const comments = given ?? (await deps.readComments(shop, orderId));
    if (comments === undefined) throw new IntegrationError('SHOPIFY_NOT_FOUND', `order ${orderId}: its communications could not be read from the Admin API`);
    const version = Date.parse(str(order.updated_at) ?? '');
    const orderVersion = Number.isFinite(version) ? Math.max(version, event.version) : event.version;
    if (prior && prior.orderVersion > orderVersion) return { outcome: 'unchanged', reason: 'archived at a later version' };
    const orderName = archiveOrderName({ name: str(order.name), id: orderId });

    // Where: the order workspace's Archive folder, else the dated tree.
    const location = await locate(shop, orderId, order, orderName);
    const audit: AuditEntry[] = [];
    const specs = archiveArtifacts(orderName, order as { refunds?: Array<{ id?: string | null }> }, comments.length);
    const now = Date.now();
    const priorArtifacts = new Map((prior && prior.folderId === location.folderId ? prior.artifacts : []).map((a) => [a.name, a]));
    const artifacts: ArchivedArtifact[] = [];
    const counts = { created: 0, versioned: 0, unchanged: 0 };
    const filing = { shop, orderId, eventId, jobId: job.id, folderId: location.folderId, fresh: location.fresh, classId, now, audit };
    for (const spec of specs) {
      const bytes = await render(spec, order, comments, orderName, shop);
      // The ledger keeps the name the document has in Content Server.
      const name = nodeName(spec.name);
      artifacts.push(await file(name, spec.mimeType, bytes, priorArtifacts.get(name), counts, filing));
    }
    // The manifest: every artifact, its node, version, size and checksum.
    const manifestArtifacts: ManifestArtifact[] = artifacts.map((a) => ({ ...a, archivedAt: new Date(a.archivedAt).toISOString() }));
    const manifestBytes = renderManifest({
      shop,
      order: { id: orderId, name: orderName },
      artifacts: manifestArtifacts,
    });
    const manifestSha = await sha256Of({ kind: 'bytes', bytes: manifestBytes, fileName: manifestName(orderName), mimeType: 'application/json' });
    let manifest = prior && prior.folderId === location.folderId ? prior.manifest : undefined;
    let archivedAt = prior?.archivedAt ?? now;
    if (!manifest || manifest.sha256 !== manifestSha) {
      const m = await file(nodeName(manifestName(orderName)), 'application/json', manifestBytes, undefined, counts, filing);
      manifest = { nodeId: m.nodeId, version: m.version, size: m.size, sha256: m.sha256 };
      archivedAt = now;
    }
    if (!location.inWorkspace) await holdIfDisputed(shop, orderId, location.folderId, log);
    const entry: ArchivedOrder = {
      shop,
      orderId,
      orderName,
      folderId: location.folderId,
      inWorkspace: location.inWorkspace,
      orderVersion,
      manifest,
      artifacts,
      archivedAt,
    };
    // The ledger and the audit of the writes that made it, in one commit.
    await deps.store.recordArchive(entry, audit);
    if (counts.created + counts.versioned > 0) log.info({ orderId, folderId: location.folderId, ...counts }, 'order archived');
    return { outcome: 'archived', folderId: location.folderId, inWorkspace: location.inWorkspace, ...counts };
  });

  /** The order workspace's Archive folder, else `<root>/<shop>/<year>/<month>/<order name>` (created when missing). */
  async function locate(shop: string, orderId: string, order: Obj, orderName: string): Promise<{ folderId: number; inWorkspace: boolean; fresh: boolean }> {
    const boType = deps.config.model.order.boType;
    const known = await deps.store.getWorkspace(shop, boType, orderId);
    if (known) return { folderId: (await deps.nodes.ensureFolder(known.nodeId, ARCHIVE_FOLDER)).id, inWorkspace: true, fresh: false };
    const path = archiveFolderPath(deps.config.archive, shop, { processed_at: str(order.processed_at), created_at: str(order.created_at) }, orderName);
    let parent = deps.config.archive.rootId;
    let fresh = false;
    for (let i = 0; i < path.length; i++) {
      const key = `${deps.config.archive.rootId}/${path.slice(0, i + 1).join('/')}`;
      const last = i === path.length - 1;
      const cached = last ? undefined : folders.get(key);
      if (cached !== undefined) {
        parent = cached;
        continue;
      }
      const folder = await deps.nodes.ensureFolder(parent, path[i] ?? '');
      parent = folder.id;
      if (last) fresh = folder.created === true;
      else folders.set(key, parent);
    }
    return { folderId: parent, inWorkspace: false, fresh };
  }

  /** Files one artifact: nothing when the ledger has these bytes there; else put by content hash, classified as a record. */
  async function file(
    name: string,
    mimeType: string,
    bytes: Buffer,
    prior: ArchivedArtifact | undefined,
    counts: { created: number; versioned: number; unchanged: number },
    c: {
      shop: string;
      orderId: string;
      eventId: number;
      jobId: string;
      folderId: number;
      fresh: boolean;
      classId: number;
      now: number;
      audit: AuditEntry[];
    },
  ): Promise<ArchivedArtifact> {
    const sha256 = await sha256Of({ kind: 'bytes', bytes, fileName: name, mimeType });
    if (prior && prior.sha256 === sha256) {
      counts.unchanged++;
      return prior;
    }
    const started = performance.now();
    const r = await deps.nodes.putDocument(c.folderId, name, { kind: 'bytes', bytes, fileName: name, mimeType }, { fresh: c.fresh });
    // A document found unchanged without a ledger entry was filed by a run that stopped before its
    // ledger write: make sure it is a record too, and audit it as adopted.
    if (r.action === 'created' || (r.action === 'unchanged' && !(await deps.records.rmClassIds(r.nodeId)).includes(c.classId)))
      await deps.records.rmClassify(r.nodeId, c.classId);
    counts[r.action]++;
    c.audit.push({
      shop: c.shop,
      eventId: c.eventId,
      jobId: c.jobId,
      rule: 'archive',
      action: r.action === 'created' ? 'upload-document' : r.action === 'versioned' ? 'add-version' : 'adopt-document',
      target: `archive/${c.orderId}/${name}`,
      nodeId: r.nodeId,
      result: 'ok',
      detail: JSON.stringify({ sha256, bytes: bytes.length, version: r.version }),
      durationMs: Math.round(performance.now() - started),
    });
    return { name, nodeId: r.nodeId, version: r.version, size: bytes.length, sha256, eventId: c.eventId, archivedAt: c.now };
  }

  /** While the order has an open dispute, its archive folder (outside any workspace) is under the dispute's hold. */
  async function holdIfDisputed(shop: string, orderId: string, folderId: number, log: Logger): Promise<void> {
    const open = (await deps.store.disputesOf(shop, orderId)).filter((d) => d.open);
    if (open.length === 0) return;
    const holdId = await deps.records.ensureHold({
      name: disputeHoldName(shop, orderId),
      type: deps.config.model.holdType,
      comment: `Open disputes: ${open.map((d) => d.disputeId).join(', ')}`,
    });
    if ((await deps.records.nodeHolds(folderId)).includes(holdId)) return;
    await deps.records.applyHold(folderId, holdId);
    log.info({ orderId, nodeId: folderId, holdId }, 'archive folder put under the dispute hold');
  }
}

/** Renders one artifact from the order read in full (deterministic bytes). */
async function render(spec: ArtifactSpec, order: Obj, comments: ArchiveComment[], orderName: string, shop: string): Promise<Buffer> {
  switch (spec.kind) {
    case 'confirmation':
      return renderOrderConfirmation(order, { shop, idFromPrinted: true });
    case 'payment-record':
      return renderPaymentRecord(order, { shop });
    case 'refund': {
      const refunds = Array.isArray(order.refunds) ? (order.refunds as unknown[]) : [];
      return renderArchiveRefund({ order, refund: refunds[spec.index ?? 0] }, { shop });
    }
    case 'communications':
      return renderCommunications(orderName, comments);
  }
}
