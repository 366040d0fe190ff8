import type { Step } from '../../rules/plan.js';
import { workspaceKey } from './step.js';
import type { StepRunner } from './step.js';

const DAY_MS = 86_400_000;

/**
 * Relates two workspaces. When the target (say, the order's company) has no workspace yet, the
 * relation is remembered and the job that creates the target makes it; with `waitDays` (an order's
 * products, which get a workspace only when regulated) it is remembered for that long at most.
 */
export const relate: StepRunner<Extract<Step, { op: 'relate' }>> = async (step, ctx) => {
  const ws = await ctx.requireWorkspace(step.workspace);
  let other = await ctx.workspaceNode(step.to);
  if (other === undefined) {
    const pending = {
      shop: ctx.shop,
      from: { boType: step.workspace.boType, boId: step.workspace.boId },
      to: { boType: step.to.boType, boId: step.to.boId },
      relType: step.relType,
      ...(step.waitDays === undefined ? {} : { expiresAt: Date.now() + Math.round(step.waitDays * DAY_MS) }),
    };
    await ctx.store.addPendingRelation(pending);
    // Look once more in case it was created meanwhile.
    other = await ctx.workspaceNode(step.to);
    if (other === undefined) return { outcome: 'pending' };
    await ctx.store.removePendingRelation(pending);
  }
  const target = other;
  // rel_type is from `ws`'s side: "parent" = the other workspace is this one's parent.
  const r = await ctx.audited(
    `${workspaceKey(step.workspace)}→${workspaceKey(step.to)}`,
    () => ctx.workspaces.relate(ws, target, step.relType),
    (x) => (x === 'added' ? { action: 'relate', nodeId: target, detail: { relType: step.relType } } : undefined),
  );
  return { outcome: r === 'added' ? 'added' : 'exists' };
};
