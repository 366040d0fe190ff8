import type { Step } from '../../rules/plan.js';
import { workspaceKey } from './step.js';
import type { StepRunner } from './step.js';

/** A folder in the workspace (template folders usually exist already; the plan lists the workspace once). */
export const ensureFolder: StepRunner<Extract<Step, { op: 'ensure-folder' }>> = async (step, ctx) => {
  const f = await ctx.audited(
    `${workspaceKey(step.workspace)}/${step.folder}`,
    () => ctx.folder(step.workspace, step.folder),
    (x) => (x.created ? { action: 'create-folder', nodeId: x.node.id } : undefined),
  );
  return { outcome: f.created ? 'created' : 'exists', nodeId: f.node.id };
};
