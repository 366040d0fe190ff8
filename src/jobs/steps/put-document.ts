import { RENDERERS } from '../../documents/index.js';
import type { Step } from '../../rules/plan.js';
import { nodeName } from '../../xecm/names.js';
import { workspaceKey } from './step.js';
import type { StepRunner } from './step.js';

/**
 * Renders the document (deterministic bytes) and files it: uploaded when new, a new version when
 * its content changed, nothing when the same bytes are there.
 */
export const putDocument: StepRunner<Extract<Step, { op: 'put-document' }>> = async (step, ctx) => {
  const { node: folder, fresh } = await ctx.folder(step.workspace, step.folder);
  if (ctx.sameVersion && (await ctx.nodes.childNamed(folder.id, step.name))) return { outcome: 'kept' };
  const renderer = RENDERERS[step.render];
  // An item of a list (`each`) is rendered by itself; otherwise the change (or the timeline's view).
  const bytes = await renderer.render(step.input !== undefined ? step.input : ctx.payload, { shop: ctx.shop, raw: ctx.payloadText });
  const r = await ctx.audited(
    `${workspaceKey(step.workspace)}/${step.folder}/${step.name}`,
    () => ctx.nodes.putDocument(folder.id, step.name, { kind: 'bytes', bytes, fileName: nodeName(step.name), mimeType: renderer.mimeType }, { fresh }),
    (x) =>
      x.action === 'unchanged'
        ? undefined
        : { action: x.action === 'created' ? 'upload-document' : 'add-version', nodeId: x.nodeId, detail: { sha256: x.sha256, bytes: bytes.length } },
  );
  return { outcome: r.action === 'created' ? 'created' : r.action === 'versioned' ? 'versioned' : 'unchanged', nodeId: r.nodeId };
};
