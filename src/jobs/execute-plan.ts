import { IntegrationError } from '../errors.js';
import { nodeName } from '../xecm/names.js';
import type { NodeProperties } from '../xecm/types.js';
import type { Plan, Step } from '../rules/plan.js';
import { describeStep } from '../rules/plan.js';
import { classify } from './steps/classify.js';
import { ensureFolder } from './steps/ensure-folder.js';
import { ensureWorkspace } from './steps/ensure-workspace.js';
import { putDocument } from './steps/put-document.js';
import { relate } from './steps/relate.js';
import { workspaceKey } from './steps/step.js';
import type { ExecuteContext, StepContext, StepResult, StepRunner } from './steps/step.js';

export type { ExecuteContext, StepResult } from './steps/step.js';

/** One runner per step kind (jobs/steps/); adding a kind is one file and one line here. */
const STEPS: { [K in Step['op']]: StepRunner<Extract<Step, { op: K }>> } = {
  'ensure-workspace': ensureWorkspace,
  'ensure-folder': ensureFolder,
  'put-document': putDocument,
  classify,
  relate,
};

function runStep<S extends Step>(step: S, ctx: StepContext): Promise<Omit<StepResult, 'step'>> {
  const run = STEPS[step.op] as StepRunner<S>;
  return run(step, ctx);
}

/**
 * Carries a plan out against xECM, step by step and idempotently: each step first looks at what is
 * there, and only a real write (create, update, upload, version, relate) reaches the audit log with
 * its target, result and duration. Running the same plan twice writes nothing the second time.
 */
export async function executePlan(plan: Plan, exec: ExecuteContext): Promise<StepResult[]> {
  const nodeIds = new Map<string, number>();
  /** Workspaces (node ids) this plan created. */
  const created = new Set<number>();
  /** Per workspace node: its children by name, listed once (with the folders this plan created since). */
  const children = new Map<number, Promise<Map<string, { node: NodeProperties; created: boolean }>>>();
  const ctx: StepContext = {
    ...exec,
    async audited(target, fn, wrote) {
      const started = performance.now();
      const entry = { shop: exec.shop, eventId: exec.eventId, jobId: exec.jobId, rule: plan.rule, target };
      try {
        const r = await fn();
        const w = wrote(r);
        if (w) {
          await exec.store.audit({
            ...entry,
            action: w.action,
            nodeId: w.nodeId ?? null,
            result: 'ok',
            detail: w.detail === undefined ? null : JSON.stringify(w.detail),
            durationMs: Math.round(performance.now() - started),
          });
        }
        return r;
      } catch (err) {
        await exec.store.audit({
          ...entry,
          action: 'failed',
          nodeId: null,
          result: 'error',
          detail: err instanceof Error ? err.message : String(err),
          durationMs: Math.round(performance.now() - started),
        });
        throw err;
      }
    },
    async workspaceNode(ref) {
      const known = nodeIds.get(workspaceKey(ref));
      if (known !== undefined) return known;
      const found = await exec.workspaces.findByBusinessObject({ extSystemId: exec.extSystemId, boType: ref.boType, boId: ref.boId });
      if (found) nodeIds.set(workspaceKey(ref), found.id);
      return found?.id;
    },
    async requireWorkspace(ref) {
      const id = await ctx.workspaceNode(ref);
      if (id === undefined) throw new IntegrationError('WORKSPACE_NOT_READY', `no workspace for ${workspaceKey(ref)}`);
      return id;
    },
    remember(ref, nodeId, opts) {
      nodeIds.set(workspaceKey(ref), nodeId);
      if (opts?.created) created.add(nodeId);
    },
    async folder(ref, name) {
      const ws = await ctx.requireWorkspace(ref);
      let listing = children.get(ws);
      if (!listing) {
        listing = exec.nodes.children(ws).then((nodes) => new Map(nodes.map((node) => [node.name, { node, created: false }])));
        // A failed listing is not remembered: the next step (or the job's retry) lists again.
        listing.catch(() => children.delete(ws));
        children.set(ws, listing);
      }
      const byName = await listing;
      const safe = nodeName(name);
      const known = byName.get(safe);
      if (known) return { node: known.node, created: false, fresh: known.created || created.has(ws) };
      const node = await exec.nodes.ensureFolder(ws, name, { absent: true });
      const made = node.created === true;
      byName.set(safe, { node, created: made });
      return { node, created: made, fresh: made || created.has(ws) };
    },
  };
  const results: StepResult[] = [];
  for (const step of plan.steps) {
    const text = describeStep(step);
    const r = await runStep(step, ctx);
    results.push({ step: text, ...r });
    // Ids only: a step's text carries the workspace name (the customer's, for orders).
    exec.log.debug({ op: step.op, workspace: workspaceKey(step.workspace), outcome: r.outcome, nodeId: r.nodeId }, 'step done');
  }
  return results;
}
