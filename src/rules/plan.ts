import type { AttributeValues, RendererKey, WorkspaceKind } from '../vocabulary.js';
import { IntegrationError } from '../errors.js';
import { evaluate, isLimitError } from './engine.js';
import type { Rule } from './schema.js';

/** What planning needs of the xECM model (config `model`): each kind's business object type, the RM classification. */
export type PlanModel = Record<WorkspaceKind, { boType: string; workspaceType: string }> & { classificationId?: number | undefined };

/** A workspace named by its business object. */
export interface WorkspaceRef {
  kind: WorkspaceKind;
  boType: string;
  boId: string;
}

/** One thing the executor does, idempotently. `plan` prints these; the executor performs exactly these. */
export type Step =
  | { op: 'ensure-workspace'; workspace: WorkspaceRef; name: string; attributes: AttributeValues; merge: string[]; rename?: boolean }
  | { op: 'ensure-folder'; workspace: WorkspaceRef; folder: string }
  | { op: 'put-document'; workspace: WorkspaceRef; folder: string; name: string; render: RendererKey; input?: unknown }
  | { op: 'relate'; workspace: WorkspaceRef; to: WorkspaceRef; relType: 'child' | 'parent'; waitDays?: number }
  | { op: 'classify'; workspace: WorkspaceRef; classId: number };

export interface Plan {
  rule: string;
  /** Which criteria held and which did not (name → result, or the evaluation error). */
  trace: Array<{ criterion: string; held: boolean; error?: string }>;
  applies: boolean;
  /** Why it applies although no criterion held (e.g. the workspace already exists). */
  because?: string;
  steps: Step[];
}

/** A short, stable text for a step: what `plan` prints and what the executor reports. */
export function describeStep(s: Step): string {
  const ws = `${s.workspace.boType}/${s.workspace.boId}`;
  switch (s.op) {
    case 'ensure-workspace':
      return `ensure-workspace ${ws} "${s.name}"`;
    case 'ensure-folder':
      return `ensure-folder ${ws} ${s.folder}`;
    case 'put-document':
      return `put-document ${ws} ${s.folder}/${s.name} (${s.render})`;
    case 'relate':
      return `relate ${ws} → ${s.to.boType}/${s.to.boId} (${s.relType})`;
    case 'classify':
      return `classify ${ws} as record ${s.classId}`;
  }
}

function scalar(v: unknown): string | number | boolean | null | string[] {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(String);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/**
 * A business object id must be text (from a GID, or `$string()` of a field read exactly): a JSON
 * number that reached JavaScript may already have lost digits, so it is refused.
 */
function idText(v: unknown, rule: string, what: string): string | undefined {
  if (typeof v === 'number') {
    throw new IntegrationError(
      'RULE_INVALID',
      `rule "${rule}": ${what} evaluated to the number ${v}; ids must be text: take them from a GID ($gidId) or wrap the field in $string()`,
    );
  }
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Evaluates named criteria (null entries removed by the configuration are skipped): which held, and
 * the error of any that could not be evaluated (it counts as not holding). A criterion stopped by a
 * limit fails the caller (and its job) rather than quietly not holding. `who` prefixes that error.
 */
export async function criteriaTrace(
  who: string,
  criteria: Record<string, string | null>,
  payload: unknown,
  bindings: Record<string, unknown>,
): Promise<Plan['trace']> {
  const trace: Plan['trace'] = [];
  for (const [criterion, src] of Object.entries(criteria)) {
    if (src === null) continue;
    try {
      trace.push({ criterion, held: (await evaluate(src, payload, bindings)) === true });
    } catch (err) {
      // JSONata raises plain objects with a message, not Error instances.
      const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
      if (isLimitError(err)) throw new IntegrationError('RULE_INVALID', `${who}: criterion "${criterion}": ${message}`, { cause: err });
      trace.push({ criterion, held: false, error: message });
    }
  }
  return trace;
}

/** Pure: the workspace a rule maintains for this payload (its business object), or undefined when the payload names none. */
export async function targetOf(
  name: string,
  rule: Rule,
  payload: unknown,
  ctx: { shop: string; model: PlanModel; bindings?: Record<string, unknown> },
): Promise<WorkspaceRef | undefined> {
  const boId = idText(await evaluate(rule.boId, payload, { ...ctx.bindings, shop: ctx.shop }), name, 'boId');
  return boId === undefined ? undefined : { kind: rule.workspace, boType: ctx.model[rule.workspace].boType, boId };
}

/**
 * Pure: a change's payload + one rule (+ whether its workspace is already known) → the ordered
 * steps that make xECM reflect it. No I/O; `plan` and the jobs call the same function.
 */
export async function planRule(
  name: string,
  rule: Rule,
  payload: unknown,
  ctx: {
    shop: string;
    model: PlanModel;
    workspaceKnown?: (ref: WorkspaceRef) => Promise<boolean>;
    /** The business object, when the caller already knows it (a timeline rule's workspace, from its queue). */
    boId?: string;
    /** Plan although no criterion holds, for this reason (e.g. a case needs its order's workspace). */
    force?: string;
    /** Further variables for the expressions (e.g. `orderId`). */
    bindings?: Record<string, unknown>;
  },
): Promise<Plan> {
  const bindings = { ...ctx.bindings, shop: ctx.shop };
  const trace = await criteriaTrace(`rule "${name}"`, rule.criteria, payload, bindings);
  const boId = ctx.boId ?? idText(await evaluate(rule.boId, payload, bindings), name, 'boId');
  const kind = ctx.model[rule.workspace];
  const plan: Plan = { rule: name, trace, applies: false, steps: [] };
  if (!rule.enabled || boId === undefined) return plan;
  const workspace: WorkspaceRef = { kind: rule.workspace, boType: kind.boType, boId };
  const criteriaHold = trace.length === 0 || trace.some((t) => t.held);
  if (!criteriaHold) {
    // Criteria decide whether a workspace is created; once one exists it follows its resource.
    if (ctx.workspaceKnown && (await ctx.workspaceKnown(workspace))) plan.because = 'the workspace exists';
    else if (ctx.force !== undefined) plan.because = ctx.force;
    else return plan;
  }
  plan.applies = true;
  const attributes: AttributeValues = {};
  for (const [attr, src] of Object.entries(rule.attributes)) {
    if (src === null) continue;
    // An expression that selects nothing leaves the attribute as it is (a payload without the field,
    // e.g. a thinner sync payload, does not wipe it); an explicit null clears it.
    const value = await evaluate(src, payload, bindings);
    if (value !== undefined) attributes[attr] = scalar(value);
  }
  const wsName = String((await evaluate(rule.name, payload, bindings)) ?? `${kind.workspaceType} ${boId}`);
  // A timeline's name is derived from what is known so far (a return's name may come after its first
  // change): the workspace follows it.
  plan.steps.push({ op: 'ensure-workspace', workspace, name: wsName, attributes, merge: rule.mergeAttributes, ...(rule.timeline ? { rename: true } : {}) });
  const folders = [...new Set(rule.documents.map((d) => d.folder))];
  for (const f of rule.folders) if (!f.when || (await evaluate(f.when, payload, bindings)) === true) folders.push(f.name);
  for (const folder of new Set(folders)) plan.steps.push({ op: 'ensure-folder', workspace, folder });
  for (const d of rule.documents) {
    if (d.each === undefined) {
      const docName = await evaluate(d.name, payload, bindings);
      if (typeof docName === 'string' && docName !== '') plan.steps.push({ op: 'put-document', workspace, folder: d.folder, name: docName, render: d.render });
      continue;
    }
    const items = await evaluate(d.each, payload, bindings);
    for (const item of items === undefined ? [] : Array.isArray(items) ? items : [items]) {
      const docName = await evaluate(d.name, item, bindings);
      if (typeof docName === 'string' && docName !== '')
        plan.steps.push({ op: 'put-document', workspace, folder: d.folder, name: docName, render: d.render, input: item });
    }
  }
  if (rule.classify && ctx.model.classificationId !== undefined) plan.steps.push({ op: 'classify', workspace, classId: ctx.model.classificationId });
  for (const r of rule.relations) {
    if (r.when && (await evaluate(r.when, payload, bindings)) !== true) continue;
    // A list of ids (e.g. an order's products) is one relation each, in order, without repeats.
    const selected = await evaluate(r.boId, payload, bindings);
    const ids = (Array.isArray(selected) ? selected : [selected]).map((v) => idText(v, name, `relation to ${r.to}: boId`));
    for (const to of new Set(ids)) {
      if (to === undefined || (r.to === rule.workspace && to === boId)) continue;
      plan.steps.push({
        op: 'relate',
        workspace,
        to: { kind: r.to, boType: ctx.model[r.to].boType, boId: to },
        relType: r.relType,
        ...(r.waitDays === undefined ? {} : { waitDays: r.waitDays }),
      });
    }
  }
  return plan;
}
