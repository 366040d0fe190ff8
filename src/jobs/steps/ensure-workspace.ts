import type { Step, WorkspaceRef } from '../../rules/plan.js';
import type { AttributeValues } from '../../xecm/types.js';
import type { WorkspaceModel } from '../../xecm/workspaces.js';
import { workspaceKey } from './step.js';
import type { StepContext, StepRunner } from './step.js';

type EnsureWorkspace = Extract<Step, { op: 'ensure-workspace' }>;

/** `{workspace type}\u0000{attribute}` already warned about: one warning per process. */
const warnedMissing = new Set<string>();

/**
 * Leaves out the attributes the category lacks (an administrator's model that differs a little),
 * warning once per workspace type and attribute per process. With `model.strictAttributes` nothing
 * is left out, so that the write refuses with XECM_CATEGORY_ATTRIBUTE_UNKNOWN as before.
 */
function withoutMissing(ctx: StepContext, model: WorkspaceModel, attributes: AttributeValues): { attributes: AttributeValues; missing: string[] } {
  const missing = Object.keys(attributes).filter((a) => !model.attributeKeys.has(a));
  if (missing.length === 0 || ctx.model.strictAttributes) return { attributes, missing: [] };
  const fresh = missing.filter((a) => !warnedMissing.has(`${model.typeName}\u0000${a}`));
  if (fresh.length > 0) {
    for (const a of fresh) warnedMissing.add(`${model.typeName}\u0000${a}`);
    ctx.log.warn(
      { workspaceType: model.typeName, category: model.categoryName, attributes: fresh },
      `category "${model.categoryName}" lacks attribute(s) ${fresh.join(', ')}: skipped (model.strictAttributes: true refuses instead)`,
    );
  }
  return { attributes: Object.fromEntries(Object.entries(attributes).filter(([a]) => model.attributeKeys.has(a))), missing };
}

/**
 * Finds the workspace by its business object, creates it (template, BO link, category values) or
 * updates the attributes that changed; records the mapping and makes the relations that waited for it.
 */
export const ensureWorkspace: StepRunner<EnsureWorkspace> = async (step, ctx) => {
  const kind = ctx.model[step.workspace.kind];
  const model = await ctx.workspaces.model(kind.workspaceType, kind.category);
  let attributes: AttributeValues = step.attributes;
  if (step.merge.length > 0) {
    // Gathered attributes: add to what the workspace already holds, keep its order.
    const existing = await ctx.workspaceNode(step.workspace);
    const current = existing === undefined ? {} : ((await ctx.workspaces.categoryValues(existing, model.categoryId)) ?? {});
    attributes = { ...attributes };
    for (const attr of step.merge) {
      const k = model.attributeKeys.get(attr);
      const have = k && Array.isArray(current[k]) ? (current[k] as unknown[]).map(String) : [];
      const add = Array.isArray(attributes[attr]) ? (attributes[attr] as string[]) : [];
      attributes[attr] = [...have, ...add.filter((a) => !have.includes(a))];
    }
  }
  const { attributes: written, missing } = withoutMissing(ctx, model, attributes);
  const res = await ctx.audited(
    workspaceKey(step.workspace),
    () =>
      ctx.workspaces.ensure(model, {
        name: step.name,
        bo: { extSystemId: ctx.extSystemId, boType: step.workspace.boType, boId: step.workspace.boId },
        attributes: written,
        ...(step.rename ? { rename: true } : {}),
      }),
    (x) =>
      x.outcome === 'created'
        ? { action: 'create-workspace', nodeId: x.nodeId, detail: { name: x.name } }
        : x.outcome === 'updated'
          ? { action: 'update-attributes', nodeId: x.nodeId, detail: { attributes: x.changed } }
          : undefined,
  );
  ctx.remember(step.workspace, res.nodeId, { created: res.outcome === 'created' });
  await settlePending(ctx, step.workspace, res.nodeId);
  await ctx.store.putWorkspace({
    shop: ctx.shop,
    boType: step.workspace.boType,
    boId: step.workspace.boId,
    nodeId: res.nodeId,
    name: res.name,
    workspaceType: kind.workspaceType,
  });
  return { outcome: res.outcome, nodeId: res.nodeId, ...(missing.length > 0 ? { missingAttributes: missing } : {}) };
};

/** Makes the relations that were waiting for this workspace to exist. */
async function settlePending(ctx: StepContext, ref: WorkspaceRef, nodeId: number): Promise<void> {
  for (const p of await ctx.store.pendingRelationsTo(ctx.shop, ref.boType, ref.boId)) {
    const from = await ctx.workspaces.findByBusinessObject({ extSystemId: ctx.extSystemId, boType: p.from.boType, boId: p.from.boId });
    if (from) {
      await ctx.audited(
        `${workspaceKey(p.from)}→${workspaceKey(ref)}`,
        () => ctx.workspaces.relate(from.id, nodeId, p.relType),
        (x) => (x === 'added' ? { action: 'relate', nodeId, detail: { relType: p.relType, pending: true } } : undefined),
      );
    }
    await ctx.store.removePendingRelation(p);
  }
}
