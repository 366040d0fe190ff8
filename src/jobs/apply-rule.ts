import type { Config, ShopConfig } from '../config/schema.js';
import { ERROR_CODES, IntegrationError } from '../errors.js';
import type { NewJob } from '../queue/queue.js';
import type { TaskHandler } from '../queue/worker.js';
import { eventKey } from '../sync/normalize.js';
import { TASKS } from '../sync/route-delivery.js';
import type { CommunicationsJobPayload } from './order-communications.js';
import { planRule } from '../rules/plan.js';
import type { Store } from '../store/store.js';
import { executePlan } from '../sync/execute.js';
import type { StepResult } from '../sync/execute.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Records } from '../xecm/records.js';
import type { Workspaces } from '../xecm/workspaces.js';

/** Payload of a `rule` job: which change, which rule. */
export interface RuleJobPayload {
  eventId: number;
  rule: string;
}

export type RuleOutcome =
  | { outcome: 'stale'; rule: string; version: number; applied: number }
  | { outcome: 'skipped'; rule: string; trace: Array<{ criterion: string; held: boolean }> }
  | { outcome: 'created' | 'updated' | 'unchanged'; rule: string; trace: Array<{ criterion: string; held: boolean }>; because?: string; steps: StepResult[] };

export interface ApplyRuleDeps {
  config: Readonly<Config>;
  store: Store;
  workspaces: Workspaces;
  nodes: Nodes;
  records: Records;
  /** Enqueues follow-up work (the communications job). */
  enqueue: (job: NewJob) => Promise<unknown>;
}

const invalid = (message: string) => new IntegrationError(message, { code: ERROR_CODES.PAYLOAD_INVALID, kind: 'user', retryable: false });

/**
 * The one job behind every rule: load the change, skip it when older than what this rule already
 * applied for the resource (last writer wins), plan (pure), execute (idempotent, audited), record the
 * version. The plan is exactly what `shopify-xecm plan` prints for the same payload.
 */
export function applyRuleTask(deps: ApplyRuleDeps): TaskHandler {
  return async (job, { log }) => {
    const { eventId, rule: ruleName } = job.payload as RuleJobPayload;
    const event = await deps.store.getEvent(eventId);
    if (!event) throw invalid(`event ${eventId} is not in the store`);
    const rule = deps.config.rules[ruleName];
    if (!rule) throw invalid(`rule "${ruleName}" is no longer configured`);
    const shop: ShopConfig | undefined = deps.config.shops.find((s) => s.domain === event.shop);
    if (!shop) throw invalid(`an event for shop ${event.shop}, which is not configured`);
    const task = `rule:${ruleName}`;
    const applied = await deps.store.appliedVersion(event.shop, event.resourceType, event.resourceId, task);
    if (applied !== undefined && event.version < applied) {
      log.info({ rule: ruleName, resource: `${event.resourceType}/${event.resourceId}`, version: event.version, applied }, 'stale change skipped');
      return { outcome: 'stale', rule: ruleName, version: event.version, applied } satisfies RuleOutcome;
    }
    const payload: unknown = JSON.parse(event.payload);
    let plan;
    try {
      plan = await planRule(ruleName, rule, payload, {
        shop: event.shop,
        model: deps.config.model,
        workspaceKnown: async (ref) => (await deps.store.getWorkspace(event.shop, ref.boType, ref.boId)) !== undefined,
      });
    } catch (err) {
      const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
      throw new IntegrationError(`rule "${ruleName}": ${message}`, { code: ERROR_CODES.RULE_INVALID, kind: 'user', retryable: false, cause: err });
    }
    const trace = plan.trace.map(({ criterion, held }) => ({ criterion, held }));
    let result: RuleOutcome;
    if (!plan.applies) {
      log.debug({ rule: ruleName, resource: `${event.resourceType}/${event.resourceId}`, trace }, 'rule criteria not met; nothing to do');
      result = { outcome: 'skipped', rule: ruleName, trace };
    } else {
      const sameVersion = applied !== undefined && event.version === applied;
      const steps = await executePlan(plan, { shop: event.shop, extSystemId: shop.externalSystemId, model: deps.config.model, workspaces: deps.workspaces, nodes: deps.nodes, records: deps.records, store: deps.store, log, payload, eventId, jobId: job.id, sameVersion });
      const ws = steps[0]?.outcome;
      const outcome = ws === 'created' || ws === 'updated' ? ws : 'unchanged';
      if (outcome !== 'unchanged') log.info({ rule: ruleName, resource: `${event.resourceType}/${event.resourceId}`, outcome, nodeId: steps[0]?.nodeId }, `workspace ${outcome}`);
      result = { outcome, rule: ruleName, trace, ...(plan.because ? { because: plan.because } : {}), steps };
      // Timeline comments come from the Admin API: a job of its own that retries on its own and never
      // holds this one up. One per order change; the job key makes repeats of the same change one job.
      if (rule.communications && rule.workspace === 'order' && shop.accessToken && steps[0]?.nodeId !== undefined) {
        const ws = plan.steps[0]?.workspace;
        if (ws) {
          await deps.enqueue({
            task: TASKS.orderCommunications,
            payload: { shop: event.shop, orderId: ws.boId } satisfies CommunicationsJobPayload,
            jobKey: `${eventKey(event.shop, event, event.payload)}:comms`,
            queueName: `${event.shop}:order-comms:${ws.boId}`,
          });
        }
      }
    }
    await deps.store.recordApplied(event.shop, event.resourceType, event.resourceId, task, event.version, event.id);
    return result;
  };
}
