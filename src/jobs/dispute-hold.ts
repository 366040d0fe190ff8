import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { TaskHandler } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { Records } from '../xecm/records.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { defineTask } from './tasks.js';

/** The legal hold that keeps one order's records while it has an open dispute. */
export const disputeHoldName = (shop: string, orderId: string): string => `Shopify dispute ${shop} order ${orderId}`;

/**
 * `dispute.hold` (job 2): while any dispute of an order is open, the order's records (its workspace,
 * and by inheritance every document in it, archived ones included) are under a records-management
 * legal hold of the model's hold type; when the last open dispute ends (won, lost, accepted, …) the
 * hold is released. Both are written to the audit log. Runs on the order workspace's queue, from the
 * disputes as the store knows them, so two disputes of one order never race over the hold.
 */
export function disputeHoldTask(deps: { config: Readonly<Config>; store: Store; workspaces: Workspaces; records: Records }): TaskHandler {
  return defineTask('dispute.hold', async ({ shop, orderId }, job, { log }) => {
    const shopCfg = deps.config.shops.find((s) => s.domain === shop);
    if (!shopCfg) throw new IntegrationError('PAYLOAD_INVALID', `shop ${shop} is not configured`);
    const open = (await deps.store.disputesOf(shop, orderId)).filter((d) => d.open);
    const boType = deps.config.model.order.boType;
    const ws = await deps.workspaces.findByBusinessObject({ extSystemId: shopCfg.externalSystemId, boType, boId: orderId });
    if (!ws) {
      if (open.length === 0) return { outcome: 'no-hold', open: 0 };
      throw new IntegrationError('WORKSPACE_NOT_READY', `order ${orderId} has an open dispute but no workspace yet`);
    }
    const name = disputeHoldName(shop, orderId);
    const audit = async (action: string, holdId: number, started: number) =>
      deps.store.audit({
        shop,
        eventId: null,
        jobId: job.id,
        rule: 'dispute-hold',
        action,
        target: `${boType}/${orderId}`,
        nodeId: ws.id,
        result: 'ok',
        detail: JSON.stringify({ holdId, hold: name, disputes: open.map((d) => d.disputeId) }),
        durationMs: Math.round(performance.now() - started),
      });
    const started = performance.now();
    if (open.length > 0) {
      const holdId = await deps.records.ensureHold({
        name,
        type: deps.config.model.holdType,
        comment: `Open disputes: ${open.map((d) => d.disputeId).join(', ')}`,
      });
      if ((await deps.records.nodeHolds(ws.id)).includes(holdId)) return { outcome: 'held', open: open.length };
      await deps.records.applyHold(ws.id, holdId);
      await audit('apply-hold', holdId, started);
      log.info({ orderId, nodeId: ws.id, holdId, disputes: open.length }, 'dispute hold applied');
      return { outcome: 'applied', open: open.length };
    }
    const hold = (await deps.records.holds()).find((h) => h.HoldName === name);
    if (!hold || !(await deps.records.nodeHolds(ws.id)).includes(hold.HoldID)) return { outcome: 'no-hold', open: 0 };
    await deps.records.releaseHold(ws.id, hold.HoldID);
    await audit('release-hold', hold.HoldID, started);
    log.info({ orderId, nodeId: ws.id, holdId: hold.HoldID }, 'dispute hold released');
    return { outcome: 'released', open: 0 };
  });
}
