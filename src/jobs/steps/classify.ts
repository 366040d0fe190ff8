import type { Step } from '../../rules/plan.js';
import { workspaceKey } from './step.js';
import type { StepRunner } from './step.js';

/** Declares the workspace a record under the records-management classification (once). */
export const classify: StepRunner<Extract<Step, { op: 'classify' }>> = async (step, ctx) => {
  const ws = await ctx.requireWorkspace(step.workspace);
  if ((await ctx.records.rmClassIds(ws)).includes(step.classId)) return { outcome: 'exists' };
  await ctx.audited(
    workspaceKey(step.workspace),
    () => ctx.records.rmClassify(ws, step.classId),
    () => ({ action: 'classify', nodeId: ws, detail: { classId: step.classId } }),
  );
  return { outcome: 'classified', nodeId: ws };
};
