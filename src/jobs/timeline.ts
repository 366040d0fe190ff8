import type { Config } from '../config/schema.js';
import type { JobSpec } from '../queue/queue.js';
import type { Rule } from '../rules/schema.js';
import { caseView, exceptionView, orderFacts, orderIdOf, orderSignalsException } from '../rules/timeline.js';
import type { CaseView, ExceptionView, OrderFacts, TimelineEvent } from '../rules/timeline.js';
import type { StoredEvent, Store } from '../store/store.js';
import { parsePayload } from './payload.js';
import { workspaceQueue } from './route-to-workspace.js';
import { taskJob } from './tasks.js';

/** Reads an order in full from the Admin API (REST shape, as webhooks carry it); undefined when Shopify has no such order. */
export type ReadOrder = (shop: string, orderId: string) => Promise<{ payload: Record<string, unknown>; text: string } | undefined>;

export interface TimelineDeps {
  config: Readonly<Config>;
  store: Store;
  /** Absent for shops without an access token: the order is then known only from its own changes. */
  readOrder?: ReadOrder | undefined;
}

const asTimeline = (events: StoredEvent[]): TimelineEvent[] =>
  events.map((e) => ({
    id: e.id,
    topic: e.topic,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    version: e.version,
    payload: parsePayload(e.payload),
    triggeredAt: e.triggeredAt ?? null,
    readAt: e.receivedAt,
  }));

/** The order's latest known state: its newest stored change, else read from the Admin API. */
async function knownOrder(deps: TimelineDeps, shop: string, orderId: string): Promise<OrderFacts | null> {
  const stored = await deps.store.latestEvent(shop, 'order', orderId);
  if (stored) return orderFacts(parsePayload(stored.payload));
  const read = await deps.readOrder?.(shop, orderId);
  return read ? orderFacts(read.payload) : null;
}

/**
 * A timeline rule's view of its workspace (jobs 2 and 4): the change joins the workspace's timeline,
 * and the whole timeline is folded (rules/timeline.ts) with the order's latest known state. The
 * view depends on the set of changes only, never on the order they arrived in.
 */
export async function timelineView(
  deps: TimelineDeps,
  rule: Rule & { timeline: 'case' | 'exception' },
  shop: string,
  boId: string,
  eventId: number,
): Promise<CaseView | ExceptionView | undefined> {
  const boType = deps.config.model[rule.workspace].boType;
  if (rule.timeline === 'exception') {
    // Every order change could join its exception's timeline; only those that say there is one, and
    // any once there is, do (the store keeps timelines whole). The order's latest change always
    // counts, so an order fulfilled before its hold arrived still resolves it.
    const event = await deps.store.getEvent(eventId);
    let known = await deps.store.timeline(shop, boType, boId);
    if (event && !known.some((e) => e.id === event.id)) {
      if (event.resourceType !== 'order' || known.length > 0 || orderSignalsException(parsePayload(event.payload))) {
        await deps.store.addToTimeline(shop, { boType, boId }, eventId);
        known = await deps.store.timeline(shop, boType, boId);
      }
    }
    if (known.length === 0) return undefined;
    const latest = await deps.store.latestEvent(shop, 'order', boId);
    const events = asTimeline(latest && !known.some((e) => e.id === latest.id) ? [...known, latest] : known);
    // No stored change of the order: its facts come from the Admin API (latestEvent was just asked).
    const read = latest ? undefined : await deps.readOrder?.(shop, boId);
    return exceptionView(boId, events, latest ? orderFacts(parsePayload(latest.payload)) : read ? orderFacts(read.payload) : null);
  }
  await deps.store.addToTimeline(shop, { boType, boId }, eventId);
  const events = asTimeline(await deps.store.timeline(shop, boType, boId));
  const orderId = events.map((e) => orderIdOf(e.resourceType, e.payload)).find((id) => id !== undefined);
  return caseView(events, orderId === undefined ? null : await knownOrder(deps, shop, orderId));
}

/**
 * What a case or exception starts beyond its own workspace, each on the order workspace's queue (the
 * one writer of the order's workspace and records): the order's workspace when it has none yet (a
 * case always has its order), and for a dispute, the hold on the order's records as its disputes
 * now stand.
 */
export async function timelineFollowUps(deps: TimelineDeps, shop: string, view: CaseView | ExceptionView, key: string): Promise<JobSpec[]> {
  const orderId = view.orderId;
  if (orderId === null) return [];
  const queueName = workspaceQueue(shop, { kind: 'order', boId: orderId });
  const jobs: JobSpec[] = [];
  if (!(await deps.store.getWorkspace(shop, deps.config.model.order.boType, orderId)) && deps.readOrder) {
    const because = 'caseId' in view ? `${view.kind} ${view.id} needs its order` : 'the order has an exception';
    jobs.push(taskJob('order.ensure', { shop, orderId, because }, { jobKey: `${key}:order-ensure`, queueName }));
  }
  if ('caseId' in view && view.kind === 'dispute') {
    const latest = view.history.at(-1);
    await deps.store.recordDispute({
      shop,
      disputeId: view.id,
      orderId,
      status: view.status,
      open: view.open,
      version: latest ? Date.parse(latest.at) : 0,
    });
    jobs.push(taskJob('dispute.hold', { shop, orderId }, { jobKey: `${key}:dispute-hold`, queueName }));
  }
  return jobs;
}
