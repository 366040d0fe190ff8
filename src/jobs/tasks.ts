import { z } from 'zod';
import { IntegrationError } from '../errors.js';
import type { Job, JobSpec, TaskHandler } from '../queue/queue.js';
import { COMPLIANCE_TOPICS } from '../shopify/webhooks/topics.js';
import type { FollowUp, WorkspaceKind } from '../vocabulary.js';

/**
 * The task registry: each task's name and the zod schema of its payload. Producers build payloads
 * of these types; handlers receive them validated (a payload of another shape is a PAYLOAD_INVALID
 * dead letter, never a cast).
 */
export const TASK_PAYLOADS = {
  /**
   * Route one stored change to the queue of each workspace the rules that follow it maintain
   * (jobs/route-to-workspace.ts); `rule` routes for that rule alone (jobs queued before 0.2).
   */
  'rule.route': z.object({ eventId: z.number().int().positive(), rule: z.string().min(1).optional() }),
  /**
   * Apply one rule to one stored change, on its workspace's queue (jobs/apply-rule.ts). `boId`: the
   * workspace, as the route found it (timeline rules, whose view is the workspace's, not the change's).
   */
  rule: z.object({ eventId: z.number().int().positive(), rule: z.string().min(1), boId: z.string().min(1).optional() }),
  /** Make sure an order has its workspace, read in full from the Admin API (jobs/ensure-order.ts): a case or exception needs it. */
  'order.ensure': z.object({ shop: z.string().min(1), orderId: z.string().regex(/^\d+$/, 'a numeric order id'), because: z.string().min(1) }),
  /** Make sure a product has its workspace, read in full from the Admin API (jobs/ensure-product.ts): the Flow action asks for it. */
  'product.ensure': z.object({ shop: z.string().min(1), productId: z.string().regex(/^\d+$/, 'a numeric product id'), because: z.string().min(1) }),
  /** Make sure a customer has its customer account workspace, read from the Admin API (jobs/ensure-account.ts): the Flow action asks for it. */
  'account.ensure': z.object({ shop: z.string().min(1), customerId: z.string().regex(/^\d+$/, 'a numeric customer id'), because: z.string().min(1) }),
  /** Put the order's records under the dispute hold, or release it, as its disputes stand (jobs/dispute-hold.ts). */
  'dispute.hold': z.object({ shop: z.string().min(1), orderId: z.string().regex(/^\d+$/, 'a numeric order id') }),
  /**
   * Archive an order that reached an archived state (jobs/archive-order.ts), on its workspace's queue.
   * `comments`: its timeline comments when the producer read them already (backfill's bulk query).
   */
  'order.archive': z.object({
    eventId: z.number().int().positive(),
    comments: z.array(z.object({ id: z.string(), createdAt: z.string(), author: z.string().nullable(), message: z.string() })).optional(),
  }),
  /** File an order's timeline comments (jobs/order-communications.ts). */
  'order.communications': z.object({ shop: z.string().min(1), orderId: z.string().regex(/^\d+$/, 'a numeric order id') }),
  /**
   * Keep a product workspace's checklist of required documents (job 5, jobs/product-checklist.ts):
   * after the product rule, on a schedule, or on demand (`compliance check`). `because` says which.
   */
  'product.checklist': z.object({
    shop: z.string().min(1),
    productId: z.string().regex(/^\d+$/, 'a numeric product id'),
    because: z.enum(['product', 'schedule', 'on demand']).default('product'),
  }),
  /** An inventory item changed (inventory_items/update): its product read again and stored as a change (jobs/product-refresh.ts). */
  'product.refresh': z.object({ eventId: z.number().int().positive() }),
  /** Carry out a stored compliance request on local data (jobs/privacy.ts); the body stays in the delivery. */
  privacy: z.object({ deliveryId: z.number().int().positive(), topic: z.enum(COMPLIANCE_TOPICS) }),
} as const;

export type TaskName = keyof typeof TASK_PAYLOADS;
export type TaskPayload<T extends TaskName> = z.infer<(typeof TASK_PAYLOADS)[T]>;

export const TASKS = {
  route: 'rule.route',
  rule: 'rule',
  orderCommunications: 'order.communications',
  privacy: 'privacy',
  orderEnsure: 'order.ensure',
  productEnsure: 'product.ensure',
  accountEnsure: 'account.ensure',
  disputeHold: 'dispute.hold',
  orderArchive: 'order.archive',
  productChecklist: 'product.checklist',
  productRefresh: 'product.refresh',
} as const satisfies Record<string, TaskName>;

/**
 * The queue of one target workspace: shop, kind, business object. Every job that writes a workspace
 * runs on its queue, so two jobs never write one workspace at once (a company, its locations,
 * contacts and B2B customers all write one account workspace; DESIGN.md §4).
 */
export const workspaceQueue = (shop: string, ws: { kind: WorkspaceKind; boId: string }): string => `${shop}:ws:${ws.kind}:${ws.boId}`;

/** A handler for one task, receiving its validated payload. */
export type TypedHandler<T extends TaskName> = (payload: TaskPayload<T>, job: Job, ctx: Parameters<TaskHandler>[1]) => Promise<unknown>;

/** Wraps a typed handler: the payload is validated against the task's schema before it runs. */
export function defineTask<T extends TaskName>(task: T, handler: TypedHandler<T>): TaskHandler {
  const schema = TASK_PAYLOADS[task];
  return async (job, ctx) => {
    const parsed = schema.safeParse(job.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new IntegrationError('PAYLOAD_INVALID', `task ${task}: payload ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
    }
    return handler(parsed.data as TaskPayload<T>, job, ctx);
  };
}

/** The payload fields that name a stored record, which a job's log lines carry: the change (event) and the delivery. */
const ID_FIELDS = ['eventId', 'deliveryId'] as const;

/**
 * The ids a job's payload names, for its log lines (RunnerOptions.logFields): `eventId` and
 * `deliveryId` when they are whole numbers. Nothing else of the payload (it may carry a comment's text).
 */
export function jobLogFields(job: { payload: unknown }): Partial<Record<(typeof ID_FIELDS)[number], number>> {
  const p = job.payload;
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return {};
  const out: Partial<Record<(typeof ID_FIELDS)[number], number>> = {};
  for (const k of ID_FIELDS) {
    const v: unknown = (p as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isSafeInteger(v)) out[k] = v;
  }
  return out;
}

/** A job spec for a task, its payload typed by the registry. */
export function taskJob<T extends TaskName>(task: T, payload: TaskPayload<T>, opts: Omit<JobSpec, 'task' | 'payload'>): JobSpec {
  return { task, payload, ...opts };
}

/**
 * Follow-up work a rule declares (`followUps:`), once its workspace exists: the job to enqueue for
 * it. Each is a task of its own, on its own queue, so it retries on its own and never holds up the
 * rule's job. The job key makes repeats of the same change one job.
 */
export const FOLLOW_UP_JOBS: Record<FollowUp, (c: { shop: string; boId: string; eventKey: string }) => JobSpec> = {
  'order-communications': ({ shop, boId, eventKey }) =>
    taskJob('order.communications', { shop, orderId: boId }, { jobKey: `${eventKey}:comms`, queueName: `${shop}:order-comms:${boId}` }),
  // On the product workspace's own queue: it writes that workspace (after the rule's job, which holds the queue now).
  'product-checklist': ({ shop, boId, eventKey }) =>
    taskJob(
      'product.checklist',
      { shop, productId: boId, because: 'product' },
      { jobKey: `${eventKey}:checklist`, queueName: workspaceQueue(shop, { kind: 'product', boId }) },
    ),
};

/** Follow-ups that read the Admin API: enqueued only for shops with an access token. */
export const FOLLOW_UP_READS_ADMIN: Record<FollowUp, boolean> = { 'order-communications': true, 'product-checklist': false };
