import type { Step } from '../../rules/plan.js';
import { workspaceKey } from './step.js';
import type { StepRunner } from './step.js';

/** A folder in the workspace (template folders usually exist already). */
export const ensureFolder: StepRunner<Extract<Step, { op: 'ensure-folder' }>> = async (step, ctx) => {
  const ws = await ctx.requireWorkspace(step.workspace);
  const f = await ctx.audited(
    `${workspaceKey(step.workspace)}/${step.folder}`,
    () => ctx.nodes.ensureFolder(ws, step.folder),
    (x) => (x.created ? { action: 'create-folder', nodeId: x.id } : undefined),
  );
  return { outcome: f.created ? 'created' : 'exists', nodeId: f.id };
};
