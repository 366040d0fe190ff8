import type { Config } from '../config/schema.js';
import { carriesFullOrder } from '../documents/order-input.js';
import { IntegrationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Job, JobSpec, TaskHandler } from '../queue/queue.js';
import { planRule, targetOf } from '../rules/plan.js';
import type { Plan } from '../rules/plan.js';
import type { Rule } from '../rules/schema.js';
import { eventKey } from '../store/change.js';
import type { Store, StoredEvent } from '../store/store.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Records } from '../xecm/records.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { executePlan } from './execute-plan.js';
import type { StepResult } from './execute-plan.js';
import { parsePayload } from './payload.js';
import { FOLLOW_UP_JOBS, FOLLOW_UP_READS_ADMIN, defineTask } from './tasks.js';
import { timelineFollowUps, timelineView } from './timeline.js';
import type { ReadOrder } from './timeline.js';

export type RuleOutcome =
  | { outcome: 'stale'; rule: string; version: number; applied: number }
  | { outcome: 'skipped'; rule: string; trace: Array<{ criterion: string; held: boolean }> }
  | {
      outcome: 'created' | 'updated' | 'unchanged';
      rule: string;
      trace: Array<{ criterion: string; held: boolean }>;
      because?: string;
      /** Attributes the rule writes that the category lacks, skipped (model.strictAttributes false). */
      missingAttributes?: string[];
      steps: StepResult[];
    };

export interface ApplyRuleDeps {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
  nodes: Nodes;
  records: Records;
  /** Enqueues the follow-up work the rule declares. */
  enqueue: (jobs: JobSpec[]) => Promise<unknown>;
  /** Reads an order in full from the Admin API (shops with an access token). */
  readOrder?: ReadOrder | undefined;
  /** Reads a product in full (variants' inventory items, metafields) from the Admin API (shops with an access token). */
  readProduct?: ReadProduct | undefined;
}

/** Reads a product in full from the Admin API (intake/read-product.ts); undefined when Shopify has no such product or the shop no token. */
export type ReadProduct = ReadOrder;

/** A product as read in full (a change product.refresh stored): metafields, and each variant's inventory item. */
function carriesFullProduct(payload: unknown): boolean {
  if (payload === null || typeof payload !== 'object') return false;
  const p = payload as { metafields?: unknown; variants?: unknown };
  return (
    Array.isArray(p.metafields) && Array.isArray(p.variants) && p.variants.every((v) => v !== null && typeof v === 'object' && 'harmonized_system_code' in v)
  );
}

/** Whether a criterion reads metafields, which products/* webhooks do not carry. */
const readsMissingMetafields = (rule: Rule, payload: unknown): boolean =>
  payload !== null &&
  typeof payload === 'object' &&
  !('metafields' in payload) &&
  Object.values(rule.criteria).some((c) => c !== null && c.includes('metafields'));

const invalid = (message: string) => new IntegrationError('PAYLOAD_INVALID', message);

/**
 * The one job behind every rule: load the change, skip it when older than what this rule already
 * applied for the resource (last writer wins), plan (pure), execute (idempotent, audited), enqueue
 * the follow-ups the rule declares, record the version. The plan is exactly what `shopify-xecm plan`
 * prints for the same payload.
 */
export function applyRuleTask(deps: ApplyRuleDeps): TaskHandler {
  return defineTask('rule', async ({ eventId, rule: ruleName, boId }, job, { log }) => {
    const event = await deps.store.getEvent(eventId);
    if (!event) throw invalid(`event ${eventId} is not in the store`);
    return runRule(deps, ruleName, event, job, log, boId === undefined ? {} : { boId });
  });
}

/**
 * Applies one rule to one stored change (the `rule` job's work; `order.ensure` runs it too, with
 * `force`). A timeline rule (jobs 2 and 4) plans from its workspace's whole timeline rather than the
 * change alone, so it needs no last-writer-wins check: every run folds every change known.
 */
export async function runRule(
  deps: ApplyRuleDeps,
  ruleName: string,
  event: StoredEvent,
  job: Pick<Job, 'id'>,
  log: Logger,
  opts: { boId?: string; force?: string } = {},
): Promise<RuleOutcome> {
  const rule = deps.config.rules[ruleName];
  if (!rule) throw invalid(`rule "${ruleName}" is no longer configured`);
  const shop = deps.config.shops.find((s) => s.domain === event.shop);
  if (!shop) throw invalid(`an event for shop ${event.shop}, which is not configured`);
  const task = `rule:${ruleName}`;
  const resource = `${event.resourceType}/${event.resourceId}`;
  // Last writer wins for a change-driven rule; a timeline rule folds every change known, so it keeps no version.
  const applied = rule.timeline ? undefined : await deps.store.appliedVersion(event.shop, event.resourceType, event.resourceId, task);
  if (!rule.timeline && applied !== undefined && event.version < applied && opts.force === undefined) {
    log.info({ rule: ruleName, resource, version: event.version, applied }, 'stale change skipped');
    return { outcome: 'stale', rule: ruleName, version: event.version, applied };
  }
  let payload: unknown = parsePayload(event.payload);
  let payloadText = event.payload;
  let view: Awaited<ReturnType<typeof timelineView>>;
  if (rule.timeline) {
    if (opts.boId === undefined) {
      log.debug({ rule: ruleName, resource }, 'the change names no workspace; nothing to do');
      return { outcome: 'skipped', rule: ruleName, trace: [] };
    }
    view = await timelineView(deps, { ...rule, timeline: rule.timeline }, event.shop, opts.boId, event.id);
    if (!view) return { outcome: 'skipped', rule: ruleName, trace: [] };
    payload = view;
  }
  const planOn = (p: unknown): Promise<Plan> =>
    plan(ruleName, rule, p, {
      shop: event.shop,
      model: deps.config.model,
      workspaceKnown: async (ref) => (await deps.store.getWorkspace(event.shop, ref.boType, ref.boId)) !== undefined,
      ...(opts.boId !== undefined ? { boId: opts.boId } : {}),
      ...(opts.force !== undefined ? { force: opts.force } : {}),
    });
  let planned = await planOn(payload);
  // A product's HS codes, origins (on its inventory items) and metafields come only from the Admin
  // API: it is read in full when the rule applies, or when a criterion reads metafields.
  if (
    !rule.timeline &&
    event.resourceType === 'product' &&
    deps.readProduct &&
    !carriesFullProduct(payload) &&
    (planned.applies || readsMissingMetafields(rule, payload))
  ) {
    const full = await deps.readProduct(event.shop, event.resourceId);
    if (full) {
      payload = full.payload;
      payloadText = full.text;
      planned = await planOn(payload);
    }
  }
  // Order documents are rendered from the order in full: a change found by sync carries less.
  if (
    planned.applies &&
    !rule.timeline &&
    event.resourceType === 'order' &&
    planned.steps.some((s) => s.op === 'put-document') &&
    deps.readOrder &&
    !carriesFullOrder(payload)
  ) {
    const full = await deps.readOrder(event.shop, event.resourceId);
    if (full) {
      payload = full.payload;
      payloadText = full.text;
      planned = await planOn(payload);
    }
  }
  const trace = planned.trace.map(({ criterion, held }) => ({ criterion, held }));
  let result: RuleOutcome;
  if (!planned.applies) {
    log.debug({ rule: ruleName, resource, trace }, 'rule criteria not met; nothing to do');
    result = { outcome: 'skipped', rule: ruleName, trace };
    // Judged to get no workspace (a product that is not regulated): relations that may stop waiting for it stop now.
    const target = rule.timeline ? undefined : await targetOf(ruleName, rule, payload, { shop: event.shop, model: deps.config.model });
    if (target) {
      const ended = await deps.store.dropWaitingRelationsTo(event.shop, target.boType, target.boId);
      if (ended > 0) log.info({ rule: ruleName, resource, ended }, 'relations waiting for a workspace that will not be created ended');
    }
  } else {
    const sameVersion = !rule.timeline && applied !== undefined && event.version === applied;
    const steps = await executePlan(planned, {
      shop: event.shop,
      extSystemId: shop.externalSystemId,
      model: deps.config.model,
      workspaces: deps.workspaces,
      nodes: deps.nodes,
      records: deps.records,
      store: deps.store,
      log,
      payload,
      payloadText,
      eventId: event.id,
      jobId: job.id,
      sameVersion,
    });
    const ws = steps[0]?.outcome;
    const outcome = ws === 'created' || ws === 'updated' ? ws : 'unchanged';
    if (outcome !== 'unchanged') log.info({ rule: ruleName, resource, outcome, nodeId: steps[0]?.nodeId }, `workspace ${outcome}`);
    const missingAttributes = [...new Set(steps.flatMap((s) => s.missingAttributes ?? []))];
    result = {
      outcome,
      rule: ruleName,
      trace,
      ...(planned.because ? { because: planned.because } : {}),
      ...(missingAttributes.length > 0 ? { missingAttributes } : {}),
      steps,
    };
    const key = eventKey(event.shop, event, event.payload);
    // Follow-ups, once the workspace exists; those that read the Admin API only for shops with a token.
    const target = planned.steps[0]?.workspace;
    const followUps = rule.followUps.filter((f) => !FOLLOW_UP_READS_ADMIN[f] || shop.accessToken);
    if (followUps.length > 0 && target && steps[0]?.nodeId !== undefined) {
      await deps.enqueue(followUps.map((f) => FOLLOW_UP_JOBS[f]({ shop: event.shop, boId: target.boId, eventKey: key })));
    }
    if (view) {
      const more = await timelineFollowUps(deps, event.shop, view, `${key}:${ruleName}`);
      if (more.length > 0) await deps.enqueue(more);
    }
  }
  if (!rule.timeline) await deps.store.recordApplied(event.shop, event.resourceType, event.resourceId, task, event.version, event.id);
  return result;
}

async function plan(ruleName: string, rule: Rule, payload: unknown, ctx: Parameters<typeof planRule>[3]): Promise<Plan> {
  try {
    return await planRule(ruleName, rule, payload, ctx);
  } catch (err) {
    if (err instanceof IntegrationError) throw err;
    // JSONata raises plain objects with a message, not Error instances.
    const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
    throw new IntegrationError('RULE_INVALID', `rule "${ruleName}": ${message}`, { cause: err });
  }
}
