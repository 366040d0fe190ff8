import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { TaskHandler } from '../queue/queue.js';
import type { AdminClient } from '../shopify/admin/client.js';
import { readOrderComments } from '../intake/read-order.js';
import type { OrderComment } from '../intake/read-order.js';
import type { Store } from '../store/store.js';
import { nodeName } from '../xecm/names.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { defineTask } from './tasks.js';

export const COMMUNICATIONS_FOLDER = 'Communications';

/** The text filed for one comment: who, when, what. Deterministic, so a comment is filed once. */
export function commentDocument(orderName: string, c: OrderComment): { name: string; bytes: Buffer } {
  const at = new Date(c.createdAt).toISOString();
  const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const id = c.id.split('/').pop() ?? c.id;
  const text = `Order: ${orderName}\nFrom: ${c.author ?? 'Shopify'}\nAt: ${at}\n\n${c.message}\n`;
  return { name: `Comment ${stamp} ${id}.txt`, bytes: Buffer.from(text, 'utf8') };
}

/**
 * Files an order's timeline comments into its workspace's Communications folder (issue 5). A job of
 * its own, on its own queue: it reads the Admin API, retries on its own, and never holds up the
 * workspace job that enqueued it. Each comment becomes one text document; filed comments are never
 * uploaded twice, and every upload reaches the audit log.
 */
export function orderCommunicationsTask(deps: {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
  nodes: Nodes;
  admin: (shop: string) => AdminClient;
}): TaskHandler {
  return defineTask('order.communications', async ({ shop, orderId }, job, { log }) => {
    const shopCfg = deps.config.shops.find((s) => s.domain === shop);
    if (!shopCfg) throw new IntegrationError('PAYLOAD_INVALID', `shop ${shop} is not configured`);
    const kind = deps.config.model.order;
    const ws = await deps.workspaces.findByBusinessObject({ extSystemId: shopCfg.externalSystemId, boType: kind.boType, boId: orderId });
    if (!ws) throw new IntegrationError('WORKSPACE_NOT_READY', `no order workspace for ${orderId} yet`);
    const read = await readOrderComments(deps.admin(shop), orderId);
    const comments = read.comments;
    const orderName = read.orderName ?? orderId;
    if (comments.length === 0) return { filed: 0, comments: 0 };
    const folder = await deps.nodes.ensureFolder(ws.id, COMMUNICATIONS_FOLDER);
    let filed = 0;
    for (const c of comments) {
      const doc = commentDocument(orderName, c);
      const started = performance.now();
      const r = await deps.nodes.putDocument(folder.id, doc.name, { kind: 'bytes', bytes: doc.bytes, fileName: nodeName(doc.name), mimeType: 'text/plain' });
      if (r.action !== 'unchanged') {
        filed++;
        await deps.store.audit({
          shop,
          eventId: null,
          jobId: job.id,
          rule: 'order-communications',
          action: r.action === 'created' ? 'upload-document' : 'add-version',
          target: `${kind.boType}/${orderId}/${COMMUNICATIONS_FOLDER}/${doc.name}`,
          nodeId: r.nodeId,
          result: 'ok',
          detail: JSON.stringify({ sha256: r.sha256 }),
          durationMs: Math.round(performance.now() - started),
        });
      }
    }
    if (filed > 0) log.info({ orderId, nodeId: folder.id, filed }, 'timeline comments filed');
    return { filed, comments: comments.length };
  });
}
