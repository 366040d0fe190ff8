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
 * and by inheritance every document in it, and the order's archive folder outside it) are under a records-management
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
    // The order's archive outside its workspace (job 7) is held with it.
    const archived = await deps.store.archivedOrder(shop, orderId);
    const targets: Array<{ nodeId: number; target: string }> = [];
    if (ws) targets.push({ nodeId: ws.id, target: `${boType}/${orderId}` });
    if (archived && !archived.inWorkspace) targets.push({ nodeId: archived.folderId, target: `archive/${orderId}` });
    const name = disputeHoldName(shop, orderId);
    const audit = async (action: string, holdId: number, t: { nodeId: number; target: string }, started: number) =>
      deps.store.audit({
        shop,
        eventId: null,
        jobId: job.id,
        rule: 'dispute-hold',
        action,
        target: t.target,
        nodeId: t.nodeId,
        result: 'ok',
        detail: JSON.stringify({ holdId, hold: name, disputes: open.map((d) => d.disputeId) }),
        durationMs: Math.round(performance.now() - started),
      });
    if (open.length > 0) {
      const holdId = await deps.records.ensureHold({
        name,
        type: deps.config.model.holdType,
        comment: `Open disputes: ${open.map((d) => d.disputeId).join(', ')}`,
      });
      let applied = 0;
      for (const t of targets) {
        const started = performance.now();
        if ((await deps.records.nodeHolds(t.nodeId)).includes(holdId)) continue;
        await deps.records.applyHold(t.nodeId, holdId);
        await audit('apply-hold', holdId, t, started);
        log.info({ orderId, nodeId: t.nodeId, holdId, disputes: open.length }, 'dispute hold applied');
        applied++;
      }
      if (!ws) throw new IntegrationError('WORKSPACE_NOT_READY', `order ${orderId} has an open dispute but no workspace yet`);
      return { outcome: applied > 0 ? 'applied' : 'held', open: open.length };
    }
    const hold = targets.length > 0 ? (await deps.records.holds()).find((h) => h.HoldName === name) : undefined;
    if (!hold) return { outcome: 'no-hold', open: 0 };
    let released = 0;
    for (const t of targets) {
      const started = performance.now();
      if (!(await deps.records.nodeHolds(t.nodeId)).includes(hold.HoldID)) continue;
      await deps.records.releaseHold(t.nodeId, hold.HoldID);
      await audit('release-hold', hold.HoldID, t, started);
      log.info({ orderId, nodeId: t.nodeId, holdId: hold.HoldID }, 'dispute hold released');
      released++;
    }
    return { outcome: released > 0 ? 'released' : 'no-hold', open: 0 };
  });
}
