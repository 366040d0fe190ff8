import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { JobSpec, TaskHandler } from '../queue/queue.js';
import { planRule } from '../rules/plan.js';
import { eventKey } from '../store/change.js';
import type { Store } from '../store/store.js';
import type { Nodes } from '../xecm/nodes.js';
import type { Records } from '../xecm/records.js';
import type { Workspaces } from '../xecm/workspaces.js';
import { executePlan } from './execute-plan.js';
import type { StepResult } from './execute-plan.js';
import { parsePayload } from './payload.js';
import { FOLLOW_UP_JOBS, defineTask } from './tasks.js';

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
}

const invalid = (message: string) => new IntegrationError('PAYLOAD_INVALID', message);

/**
 * The one job behind every rule: load the change, skip it when older than what this rule already
 * applied for the resource (last writer wins), plan (pure), execute (idempotent, audited), enqueue
 * the follow-ups the rule declares, record the version. The plan is exactly what `shopify-xecm plan`
 * prints for the same payload.
 */
export function applyRuleTask(deps: ApplyRuleDeps): TaskHandler {
  return defineTask('rule', async ({ eventId, rule: ruleName }, job, { log }) => {
    const event = await deps.store.getEvent(eventId);
    if (!event) throw invalid(`event ${eventId} is not in the store`);
    const rule = deps.config.rules[ruleName];
    if (!rule) throw invalid(`rule "${ruleName}" is no longer configured`);
    const shop = deps.config.shops.find((s) => s.domain === event.shop);
    if (!shop) throw invalid(`an event for shop ${event.shop}, which is not configured`);
    const task = `rule:${ruleName}`;
    const resource = `${event.resourceType}/${event.resourceId}`;
    const applied = await deps.store.appliedVersion(event.shop, event.resourceType, event.resourceId, task);
    if (applied !== undefined && event.version < applied) {
      log.info({ rule: ruleName, resource, version: event.version, applied }, 'stale change skipped');
      return { outcome: 'stale', rule: ruleName, version: event.version, applied } satisfies RuleOutcome;
    }
    const payload = parsePayload(event.payload);
    let plan;
    try {
      plan = await planRule(ruleName, rule, payload, {
        shop: event.shop,
        model: deps.config.model,
        workspaceKnown: async (ref) => (await deps.store.getWorkspace(event.shop, ref.boType, ref.boId)) !== undefined,
      });
    } catch (err) {
      if (err instanceof IntegrationError) throw err;
      // JSONata raises plain objects with a message, not Error instances.
      const message = err !== null && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
      throw new IntegrationError('RULE_INVALID', `rule "${ruleName}": ${message}`, { cause: err });
    }
    const trace = plan.trace.map(({ criterion, held }) => ({ criterion, held }));
    let result: RuleOutcome;
    if (!plan.applies) {
      log.debug({ rule: ruleName, resource, trace }, 'rule criteria not met; nothing to do');
      result = { outcome: 'skipped', rule: ruleName, trace };
    } else {
      const sameVersion = applied !== undefined && event.version === applied;
      const steps = await executePlan(plan, {
        shop: event.shop,
        extSystemId: shop.externalSystemId,
        model: deps.config.model,
        workspaces: deps.workspaces,
        nodes: deps.nodes,
        records: deps.records,
        store: deps.store,
        log,
        payload,
        payloadText: event.payload,
        eventId,
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
        ...(plan.because ? { because: plan.because } : {}),
        ...(missingAttributes.length > 0 ? { missingAttributes } : {}),
        steps,
      };
      // Follow-ups read the Admin API: only for shops with a token, once the workspace exists.
      const target = plan.steps[0]?.workspace;
      if (rule.followUps.length > 0 && shop.accessToken && target && steps[0]?.nodeId !== undefined) {
        const key = eventKey(event.shop, event, event.payload);
        await deps.enqueue(rule.followUps.map((f) => FOLLOW_UP_JOBS[f]({ shop: event.shop, boId: target.boId, eventKey: key })));
      }
    }
    await deps.store.recordApplied(event.shop, event.resourceType, event.resourceId, task, event.version, event.id);
    return result;
  });
}
