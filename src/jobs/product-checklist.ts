import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Job, JobSpec, TaskHandler } from '../queue/queue.js';
import { CHECKLIST_ATTRIBUTES, PRODUCT_CLASS_ATTRIBUTE, checklistAttributes, evaluateChecklist } from '../rules/checklist.js';
import type { ChecklistResult, ComplianceConfig, FoundDocument } from '../rules/checklist.js';
import type { Store } from '../store/store.js';
import type { AttributeValues } from '../vocabulary.js';
import { NODE_TYPES } from '../xecm/node-types.js';
import type { Nodes } from '../xecm/nodes.js';
import { sameValue } from '../xecm/workspaces.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { defineTask, taskJob, workspaceQueue } from './tasks.js';

export interface ProductChecklistDeps {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
  nodes: Nodes;
}

/** `{workspace type}\u0000{attribute}` already warned about: one warning per process. */
const warned = new Set<string>();

/** Folders below the workspace's own that are searched for documents (a folder in a template folder, and one more). */
const MAX_DEPTH = 3;

const text = (v: unknown): string | null => {
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : null;
};

/**
 * Every document in a workspace, with the top-level folder it lies in and what its document
 * category (by name, DESIGN.md §3) says: Document Type and Valid Until.
 */
export async function workspaceDocuments(nodes: Nodes, workspaceId: number, category: ComplianceConfig['documentCategory']): Promise<FoundDocument[]> {
  const found: Array<Omit<FoundDocument, 'documentType' | 'validUntil'>> = [];
  const walk = async (parentId: number, folder: string | null, depth: number): Promise<void> => {
    for (const n of await nodes.children(parentId)) {
      if (n.type === NODE_TYPES.document) found.push({ id: n.id, name: n.name, folder, modified: n.modify_date ?? null });
      else if (n.type === NODE_TYPES.folder && depth < MAX_DEPTH) await walk(n.id, folder ?? n.name, depth + 1);
    }
  };
  await walk(workspaceId, null, 0);
  const lower = category.name.toLowerCase();
  return Promise.all(
    found.map(async (d) => {
      const cat = (await nodes.categoriesByName(d.id)).find((c) => c.name.toLowerCase() === lower);
      return { ...d, documentType: cat ? text(cat.values[category.documentType]) : null, validUntil: cat ? text(cat.values[category.validUntil]) : null };
    }),
  );
}

export type ChecklistOutcome =
  | { outcome: 'no-workspace'; productId: string }
  | { outcome: 'checked'; productId: string; nodeId: number; complete: boolean; missing: string[]; expired: string[]; changed: string[] };

/**
 * Checks one product workspace's required documents (job 5): its classes from its `Product Class`
 * attribute (the product rule writes them), its documents from xECM, the checklist evaluated
 * (rules/checklist.ts) and written to the workspace's checklist attributes, and recorded for
 * `compliance report`. Runs on the product workspace's queue: it never writes beside the product's
 * own job.
 */
export async function checkProduct(
  deps: ProductChecklistDeps,
  shop: string,
  productId: string,
  job: Pick<Job, 'id'>,
  log: Logger,
  now: number = Date.now(),
): Promise<ChecklistOutcome> {
  const shopCfg = deps.config.shops.find((s) => s.domain === shop);
  if (!shopCfg) throw new IntegrationError('PAYLOAD_INVALID', `shop ${shop} is not configured`);
  const kind = deps.config.model.product;
  const ws = await deps.workspaces.findByBusinessObject({ extSystemId: shopCfg.externalSystemId, boType: kind.boType, boId: productId });
  if (!ws) return { outcome: 'no-workspace', productId };
  const model = await deps.workspaces.model(kind.workspaceType, kind.category);
  const current = (await deps.workspaces.categoryValues(ws.id, model.categoryId)) ?? {};
  const valueOf = (attr: string): unknown => {
    const key = model.attributeKeys.get(attr);
    return key === undefined ? undefined : current[key];
  };
  const rawClasses = valueOf(PRODUCT_CLASS_ATTRIBUTE);
  const classes = (Array.isArray(rawClasses) ? rawClasses : [rawClasses]).filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  const documents = await workspaceDocuments(deps.nodes, ws.id, deps.config.compliance.documentCategory);
  const result: ChecklistResult = evaluateChecklist(deps.config.compliance.classes, classes, documents, now);

  // Only what differs is written; an attribute the category lacks is skipped (or refused: model.strictAttributes).
  const wanted = checklistAttributes(result, now);
  const missingAttributes = CHECKLIST_ATTRIBUTES.filter((a) => !model.attributeKeys.has(a));
  const changed: AttributeValues = {};
  for (const [attr, value] of Object.entries(wanted)) {
    if (!model.attributeKeys.has(attr) && !deps.config.model.strictAttributes) continue;
    if (!sameValue(valueOf(attr), value)) changed[attr] = value;
  }
  const fresh = missingAttributes.filter((a) => !warned.has(`${kind.workspaceType}\u0000${a}`));
  if (fresh.length > 0 && !deps.config.model.strictAttributes) {
    for (const a of fresh) warned.add(`${kind.workspaceType}\u0000${a}`);
    log.warn({ workspaceType: kind.workspaceType, attributes: fresh }, `category "${kind.category}" lacks checklist attribute(s) ${fresh.join(', ')}: skipped`);
  }
  const started = performance.now();
  if (Object.keys(changed).length > 0) await deps.workspaces.updateCategory(model, ws.id, changed);
  // Last Checked alone changing is no news for the audit log.
  const news = Object.keys(changed).filter((a) => a !== 'Last Checked');
  if (news.length > 0) {
    await deps.store.audit({
      shop,
      eventId: null,
      jobId: job.id,
      rule: 'product-checklist',
      action: 'update-checklist',
      target: `${kind.boType}/${productId}`,
      nodeId: ws.id,
      result: 'ok',
      detail: JSON.stringify({ attributes: news, missing: result.missing, expired: result.expired }),
      durationMs: Math.round(performance.now() - started),
    });
  }
  const title = text(valueOf('Product Title')) ?? ws.name;
  await deps.store.putChecklist({
    shop,
    productId,
    nodeId: ws.id,
    title,
    classes: result.classes,
    items: result.items,
    complete: result.complete,
    checkedAt: now,
  });
  if (!result.complete) log.info({ product: productId, missing: result.missing, expired: result.expired }, 'product checklist incomplete');
  return { outcome: 'checked', productId, nodeId: ws.id, complete: result.complete, missing: result.missing, expired: result.expired, changed: news };
}

/** The `product.checklist` task: after the product rule, on the schedule, or on demand. */
export function productChecklistTask(deps: ProductChecklistDeps): TaskHandler {
  return defineTask('product.checklist', async ({ shop, productId }, job, { log }) => checkProduct(deps, shop, productId, job, log));
}

/**
 * Re-check jobs for the product workspaces the store knows (all, or one product), each on its
 * workspace's queue. `key` makes a tick of the schedule (or one request) one job per product.
 */
export async function recheckJobs(
  deps: { config: Readonly<Config>; store: Store },
  opts: { because: 'schedule' | 'on demand'; key: string; shop?: string; productId?: string },
): Promise<JobSpec[]> {
  const jobs: JobSpec[] = [];
  for (const s of deps.config.shops) {
    if (opts.shop !== undefined && s.domain !== opts.shop) continue;
    // One product asked for by id is checked even when the store has no record of its workspace (the job looks in xECM).
    const products =
      opts.productId === undefined
        ? (await deps.store.workspacesOfType(deps.config.model.product.boType, { shop: s.domain })).map((w) => w.boId)
        : [opts.productId];
    for (const productId of products) {
      jobs.push(
        taskJob(
          'product.checklist',
          { shop: s.domain, productId, because: opts.because },
          { jobKey: `${s.domain}:product-checklist:${productId}:${opts.key}`, queueName: workspaceQueue(s.domain, { kind: 'product', boId: productId }) },
        ),
      );
    }
  }
  return jobs;
}
