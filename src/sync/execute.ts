import type { ModelConfig } from '../config/schema.js';
import { ERROR_CODES, IntegrationError } from '../errors.js';
import type { Logger } from '../log.js';
import { RENDERERS } from '../documents/index.js';
import type { Plan, Step, WorkspaceRef } from '../rules/plan.js';
import { describeStep } from '../rules/plan.js';
import type { Store } from '../store/store.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Records } from '../xecm/records.js';
import type { AttributeValues } from '../xecm/types.js';
import type { Workspaces } from '../xecm/workspaces.js';

export interface StepResult {
  step: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'versioned' | 'added' | 'exists' | 'pending' | 'kept' | 'classified';
  nodeId?: number;
}

export interface ExecuteContext {
  shop: string;
  model: ModelConfig;
  workspaces: Workspaces;
  nodes: Nodes;
  records: Records;
  store: Store;
  log: Logger;
  /** The change's payload: what documents are rendered from. */
  payload: unknown;
  eventId: number;
  jobId: number;
  /** The shop's xECM external system id. */
  extSystemId: string;
  /**
   * This version of the resource was applied before (the same state seen again, e.g. by sync):
   * documents already filed for it are kept rather than rendered again from a payload that may
   * carry less detail.
   */
  sameVersion?: boolean;
}

/**
 * Carries a plan out against xECM, step by step and idempotently: each step first looks at what is
 * there, and only a real write (create, update, upload, version, relate) reaches the audit log with
 * its target, result and duration. Running the same plan twice writes nothing the second time.
 */
export async function executePlan(plan: Plan, ctx: ExecuteContext): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const nodeIds = new Map<string, number>();
  const key = (w: WorkspaceRef) => `${w.boType}/${w.boId}`;
  /** Runs one xECM operation; when it wrote something (`wrote` returns the write), records it. */
  const audited = async <T>(target: string, fn: () => Promise<T>, wrote: (r: T) => { action: string; nodeId?: number; detail?: unknown } | undefined): Promise<T> => {
    const started = performance.now();
    const entry = { shop: ctx.shop, eventId: ctx.eventId, jobId: ctx.jobId, rule: plan.rule, target };
    try {
      const r = await fn();
      const w = wrote(r);
      if (w) await ctx.store.audit({ ...entry, action: w.action, nodeId: w.nodeId ?? null, result: 'ok', detail: w.detail === undefined ? null : JSON.stringify(w.detail), durationMs: Math.round(performance.now() - started) });
      return r;
    } catch (err) {
      await ctx.store.audit({ ...entry, action: 'failed', nodeId: null, result: 'error', detail: err instanceof Error ? err.message : String(err), durationMs: Math.round(performance.now() - started) });
      throw err;
    }
  };
  const workspaceNode = async (ref: WorkspaceRef): Promise<number | undefined> => {
    const known = nodeIds.get(key(ref));
    if (known !== undefined) return known;
    const found = await ctx.workspaces.findByBusinessObject({ extSystemId: ctx.extSystemId, boType: ref.boType, boId: ref.boId });
    if (found) nodeIds.set(key(ref), found.id);
    return found?.id;
  };

  for (const step of plan.steps) {
    const text = describeStep(step);
    const r = await runStep(step);
    results.push({ step: text, ...r });
    ctx.log.debug({ step: text, outcome: r.outcome }, 'step done');
  }
  return results;

  async function runStep(step: Step): Promise<Omit<StepResult, 'step'>> {
    switch (step.op) {
      case 'ensure-workspace': {
        const kind = ctx.model[step.workspace.kind];
        const model = await ctx.workspaces.model(kind.workspaceType, kind.category);
        let attributes: AttributeValues = step.attributes;
        if (step.merge.length > 0) {
          // Gathered attributes: add to what the workspace already holds, keep its order.
          const existing = await workspaceNode(step.workspace);
          const current = existing === undefined ? {} : ((await ctx.workspaces.categoryValues(existing, model.categoryId)) ?? {});
          attributes = { ...attributes };
          for (const attr of step.merge) {
            const k = model.attributeKeys.get(attr);
            const have = k && Array.isArray(current[k]) ? (current[k] as unknown[]).map(String) : [];
            const add = Array.isArray(attributes[attr]) ? (attributes[attr] as string[]) : [];
            attributes[attr] = [...have, ...add.filter((a) => !have.includes(a))];
          }
        }
        const target = key(step.workspace);
        const res = await audited(
          target,
          () => ctx.workspaces.ensure(model, { name: step.name, bo: { extSystemId: ctx.extSystemId, boType: step.workspace.boType, boId: step.workspace.boId }, attributes }),
          (x) =>
            x.outcome === 'created'
              ? { action: 'create-workspace', nodeId: x.nodeId, detail: { name: x.name } }
              : x.outcome === 'updated'
                ? { action: 'update-attributes', nodeId: x.nodeId, detail: { attributes: x.changed } }
                : undefined,
        );
        nodeIds.set(target, res.nodeId);
        await settlePending(step.workspace, res.nodeId);
        await ctx.store.putWorkspace({ shop: ctx.shop, boType: step.workspace.boType, boId: step.workspace.boId, nodeId: res.nodeId, name: res.name, workspaceType: kind.workspaceType });
        return { outcome: res.outcome, nodeId: res.nodeId };
      }
      case 'ensure-folder': {
        const ws = await requireWorkspace(step.workspace);
        const f = await audited(`${key(step.workspace)}/${step.folder}`, () => ctx.nodes.ensureFolder(ws, step.folder), (x) => (x.created ? { action: 'create-folder', nodeId: x.id } : undefined));
        return { outcome: f.created ? 'created' : 'exists', nodeId: f.id };
      }
      case 'put-document': {
        const ws = await requireWorkspace(step.workspace);
        if (ctx.sameVersion && (await ctx.nodes.childNamed((await ctx.nodes.ensureFolder(ws, step.folder)).id, step.name))) return { outcome: 'kept' };
        const folder = await ctx.nodes.ensureFolder(ws, step.folder);
        const renderer = RENDERERS[step.render];
        const bytes = await renderer.render(ctx.payload, { shop: ctx.shop });
        const r = await audited(
          `${key(step.workspace)}/${step.folder}/${step.name}`,
          () => ctx.nodes.putDocument(folder.id, step.name, { kind: 'bytes', bytes, fileName: step.name, mimeType: renderer.mimeType }),
          (x) => (x.action === 'unchanged' ? undefined : { action: x.action === 'created' ? 'upload-document' : 'add-version', nodeId: x.nodeId, detail: { sha256: x.sha256, bytes: bytes.length } }),
        );
        return { outcome: r.action === 'created' ? 'created' : r.action === 'versioned' ? 'versioned' : 'unchanged', nodeId: r.nodeId };
      }
      case 'classify': {
        const ws = await requireWorkspace(step.workspace);
        if ((await ctx.records.rmClassIds(ws)).includes(step.classId)) return { outcome: 'exists' };
        await audited(key(step.workspace), () => ctx.records.rmClassify(ws, step.classId), () => ({ action: 'classify', nodeId: ws, detail: { classId: step.classId } }));
        return { outcome: 'classified', nodeId: ws };
      }
      case 'relate': {
        const ws = await requireWorkspace(step.workspace);
        let other = await workspaceNode(step.to);
        if (other === undefined) {
          // The target (say, the order's company) has no workspace yet: remember the relation; the
          // job that creates the target makes it. Look once more in case it was created meanwhile.
          const pending = { shop: ctx.shop, from: { boType: step.workspace.boType, boId: step.workspace.boId }, to: { boType: step.to.boType, boId: step.to.boId }, relType: step.relType };
          await ctx.store.addPendingRelation(pending);
          other = await workspaceNode(step.to);
          if (other === undefined) return { outcome: 'pending' };
          await ctx.store.removePendingRelation(pending);
        }
        // rel_type is from `ws`'s side: "parent" = the other workspace is this one's parent.
        const r = await audited(`${key(step.workspace)}→${key(step.to)}`, () => ctx.workspaces.relate(ws, other, step.relType), (x) => (x === 'added' ? { action: 'relate', nodeId: other, detail: { relType: step.relType } } : undefined));
        return { outcome: r === 'added' ? 'added' : 'exists' };
      }
    }
  }

  /** Makes the relations that were waiting for this workspace to exist. */
  async function settlePending(ref: WorkspaceRef, nodeId: number): Promise<void> {
    for (const p of await ctx.store.pendingRelationsTo(ctx.shop, ref.boType, ref.boId)) {
      const from = await ctx.workspaces.findByBusinessObject({ extSystemId: ctx.extSystemId, boType: p.from.boType, boId: p.from.boId });
      if (from) {
        await audited(`${p.from.boType}/${p.from.boId}→${key(ref)}`, () => ctx.workspaces.relate(from.id, nodeId, p.relType), (x) => (x === 'added' ? { action: 'relate', nodeId, detail: { relType: p.relType, pending: true } } : undefined));
      }
      await ctx.store.removePendingRelation(p);
    }
  }

  async function requireWorkspace(ref: WorkspaceRef): Promise<number> {
    const id = await workspaceNode(ref);
    if (id === undefined) throw new IntegrationError(`no workspace for ${key(ref)}`, { code: ERROR_CODES.XECM_NOT_FOUND, kind: 'operational', retryable: true });
    return id;
  }
}
