import { archiveArtifactPattern, manifestName } from '../rules/archive.js';
import type { ArchivedOrder, Store } from '../store/store.js';
import { XecmError } from '../xecm/errors.js';
import type { Nodes } from '../xecm/nodes.js';
import { NODE_TYPES } from '../xecm/node-types.js';
import type { NodeProperties } from '../xecm/types.js';

/** One thing wrong with an order's archive. */
export interface VerifyProblem {
  shop: string;
  orderId: string;
  orderName: string;
  /** The artifact (document name). */
  name: string;
  /** missing: listed but gone; altered: its content is not what was archived; unexpected: an artifact the manifest does not list. */
  problem: 'missing' | 'altered' | 'unexpected';
  nodeId?: number;
  expected?: { sha256: string; size: number };
  actual?: { sha256: string; size: number };
}

export interface VerifyReport {
  orders: number;
  artifacts: number;
  intact: number;
  problems: VerifyProblem[];
}

/**
 * `verify`: for every archived order of the ledger (all, one, or those archived since a time), each
 * artifact and the manifest are read back from Content Server and hashed as they stream (memory flat
 * in the document's size), and compared with what was archived; documents in the order's archive
 * folder that the manifest does not list are named too. `onOrder` reports progress.
 */
export async function verifyArchive(
  deps: { store: Store; nodes: Nodes },
  filter: { shop?: string; orderId?: string; since?: number; concurrency?: number },
  onOrder?: (order: ArchivedOrder, problems: VerifyProblem[]) => void,
): Promise<VerifyReport> {
  const report: VerifyReport = { orders: 0, artifacts: 0, intact: 0, problems: [] };
  let after: { shop: string; orderId: string } | undefined;
  for (;;) {
    const page = await deps.store.archivedOrders({
      ...(filter.shop !== undefined ? { shop: filter.shop } : {}),
      ...(filter.orderId !== undefined ? { orderId: filter.orderId } : {}),
      ...(filter.since !== undefined ? { since: filter.since } : {}),
      ...(after ? { after } : {}),
      limit: 100,
    });
    if (page.length === 0) break;
    const queue = [...page];
    const worker = async (): Promise<void> => {
      for (let o = queue.shift(); o; o = queue.shift()) {
        const problems = await verifyOrder(deps.nodes, o);
        report.orders++;
        report.artifacts += o.artifacts.length + 1;
        report.intact += o.artifacts.length + 1 - problems.filter((p) => p.problem !== 'unexpected').length;
        report.problems.push(...problems);
        onOrder?.(o, problems);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, filter.concurrency ?? 4) }, worker));
    const last = page[page.length - 1];
    after = last ? { shop: last.shop, orderId: last.orderId } : undefined;
    if (page.length < 100) break;
  }
  report.problems.sort((a, b) => (a.shop + a.orderId + a.name < b.shop + b.orderId + b.name ? -1 : 1));
  return report;
}

async function verifyOrder(nodes: Nodes, o: ArchivedOrder): Promise<VerifyProblem[]> {
  const base = { shop: o.shop, orderId: o.orderId, orderName: o.orderName };
  const problems: VerifyProblem[] = [];
  let children: NodeProperties[];
  try {
    children = await nodes.children(o.folderId, { whereType: NODE_TYPES.document });
  } catch (err) {
    if (!(err instanceof XecmError && err.code === 'XECM_NOT_FOUND')) throw err;
    children = [];
  }
  const present = new Map(children.map((c) => [c.id, c]));
  const listed = [...o.artifacts, { name: manifestName(o.orderName), nodeId: o.manifest.nodeId, sha256: o.manifest.sha256, size: o.manifest.size }];
  for (const a of listed) {
    const expected = { sha256: a.sha256, size: a.size };
    if (!present.has(a.nodeId)) {
      problems.push({ ...base, name: a.name, problem: 'missing', nodeId: a.nodeId, expected });
      continue;
    }
    const actual = await nodes.digest(a.nodeId);
    if (actual.sha256 !== a.sha256) problems.push({ ...base, name: a.name, problem: 'altered', nodeId: a.nodeId, expected, actual });
  }
  // In the order's own folder every document is an artifact; in a workspace's Archive folder, those named like one.
  const known = new Set(listed.map((a) => a.nodeId));
  const looksLikeArtifact = archiveArtifactPattern(o.orderName);
  for (const c of children)
    if (!known.has(c.id) && (!o.inWorkspace || looksLikeArtifact.test(c.name))) problems.push({ ...base, name: c.name, problem: 'unexpected', nodeId: c.id });
  return problems;
}
