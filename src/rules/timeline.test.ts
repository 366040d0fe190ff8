import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RENDERERS } from '../documents/index.js';
import { RETURN_LIFECYCLE, RETURN_ORDER, T0 } from '../../test/helpers/returns.js';
import { J2_CASE_RULES } from './defaults/j2-case.js';
import { J4_EXCEPTION_RULES } from './defaults/j4-exception.js';
import { planRule } from './plan.js';
import type { PlanModel } from './plan.js';
import { ruleSchema } from './schema.js';
import { caseView, exceptionView, orderFacts } from './timeline.js';
import type { TimelineEvent } from './timeline.js';

const MODEL: PlanModel = {
  order: { boType: 'shopify_order', workspaceType: 'Shopify Order' },
  case: { boType: 'shopify_case', workspaceType: 'Shopify Case' },
  account: { boType: 'shopify_account', workspaceType: 'Shopify Customer Account' },
  exception: { boType: 'shopify_order_exception', workspaceType: 'Shopify Order Exception' },
  product: { boType: 'shopify_product', workspaceType: 'Shopify Product' },
};
const ORDER = RETURN_ORDER;

/** A return's five-event lifecycle: requested, approved, closed, reopened, closed again. */
const LIFECYCLE: Array<Omit<TimelineEvent, 'id'>> = RETURN_LIFECYCLE.map((e) => ({
  topic: e.topic,
  resourceType: 'return' as const,
  resourceId: '7001',
  version: e.at,
  payload: e.body,
}));

/** Delivered in this order (indices into `base`), each duplicate a separate stored event; store ids follow arrival. */
const arrive = <E extends Omit<TimelineEvent, 'id'>>(base: readonly E[], order: number[]): TimelineEvent[] =>
  order.map((i, n) => ({ ...(base[i] as E), id: 100 + n }));

const arrivals = (n: number) =>
  fc
    .tuple(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n + 3)), { maxLength: 4 }))
    .map(([perm, dups]) => {
      const order = [...perm];
      for (const [which, at] of dups) order.splice(Math.min(at, order.length), 0, which);
      return order;
    });

/** What the case rule would write, and the summary's bytes: the workspace state, as a value. */
async function caseState(events: TimelineEvent[]) {
  const view = caseView(events, orderFacts(ORDER));
  const rule = ruleSchema.parse(J2_CASE_RULES['case-return']);
  const plan = await planRule('case-return', rule, view, { shop: 'acme.myshopify.com', model: MODEL, boId: 'return-7001' });
  const doc = plan.steps.find((s) => s.op === 'put-document');
  const bytes = doc && doc.op === 'put-document' ? await RENDERERS[doc.render].render(doc.input ?? view, { shop: 'acme.myshopify.com' }) : undefined;
  return { view, steps: plan.steps, sha: bytes ? Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex') : null };
}

describe('case timelines (job 2)', () => {
  it('folds a lifecycle: the last status wins, the lines of the first change stay, one history line per status', async () => {
    const { view, steps } = await caseState(arrive(LIFECYCLE, [0, 1, 2, 3, 4]));
    expect(view).toMatchObject({
      caseId: 'return-7001',
      title: 'Return #1001-R1',
      status: 'closed',
      open: false,
      reasons: ['defective'],
      amount: '200.00',
      currency: 'USD',
      openedAt: '2026-11-27T09:01:00Z',
      closedAt: '2026-11-27T09:05:00Z',
    });
    expect(view?.lines).toEqual([expect.objectContaining({ title: 'Pump housing', sku: 'PH-1', quantity: 2, customerNote: 'Arrived broken' })]);
    expect(view?.history.map((h) => h.status)).toEqual(['requested', 'open', 'closed', 'open', 'closed']);
    const ws = steps[0];
    expect(ws?.op === 'ensure-workspace' ? ws.attributes : {}).toMatchObject({ 'Case Type': 'damaged-goods claim', Status: 'closed', 'Order Number': '#1001' });
    // The claim folder beside the summary's; related to the order (no company: no account relation).
    expect(steps.map((s) => s.op)).toEqual(['ensure-workspace', 'ensure-folder', 'ensure-folder', 'put-document', 'relate']);
  });

  it('property: every arrival order of the five-event lifecycle, with duplicates, ends in the same workspace state', async () => {
    const reference = await caseState(arrive(LIFECYCLE, [0, 1, 2, 3, 4]));
    await fc.assert(
      fc.asyncProperty(arrivals(LIFECYCLE.length), async (order) => {
        expect(await caseState(arrive(LIFECYCLE, order))).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exception timelines (job 4)', () => {
  const FO = 'gid://shopify/FulfillmentOrder/8001';
  const order = (fulfillment: string | null, at: number, extra: Record<string, unknown> = {}) => ({
    topic: 'orders/updated',
    resourceType: 'order' as const,
    resourceId: '5001',
    version: at,
    payload: { ...ORDER, fulfillment_status: fulfillment, fulfillments: [{ tracking_company: 'UPS', tracking_number: '1Z9' }], ...extra },
  });
  const EVENTS: Array<Omit<TimelineEvent, 'id'>> = [
    {
      topic: 'fulfillment_orders/placed_on_hold',
      resourceType: 'fulfillment_order',
      resourceId: '8001',
      version: T0 + 1000,
      payload: { fulfillment_order: { id: FO, status: 'on_hold', fulfillment_holds: [{ reason: 'inventory_out_of_stock' }] } },
    },
    {
      topic: 'fulfillment_orders/hold_released',
      resourceType: 'fulfillment_order',
      resourceId: '8001',
      version: T0 + 2000,
      payload: { fulfillment_order: { id: FO, status: 'open' } },
    },
    order('partial', T0 + 3000),
    {
      topic: 'fulfillment_events/create',
      resourceType: 'fulfillment_event',
      resourceId: '9001',
      version: T0 + 4000,
      payload: { id: 9001, fulfillment_id: 31, order_id: 5001, status: 'delayed', message: 'Storm' },
    },
    order('fulfilled', T0 + 5000),
    {
      topic: 'fulfillment_events/create',
      resourceType: 'fulfillment_event',
      resourceId: '9002',
      version: T0 + 6000,
      payload: { id: 9002, fulfillment_id: 31, order_id: 5001, status: 'delivered', message: 'Left at door' },
    },
  ];

  it('opens each problem when Shopify reports it and resolves the exception when none is left', () => {
    const view = exceptionView('5001', arrive(EVENTS, [0, 1, 2, 3, 4, 5]), orderFacts(ORDER));
    expect(view).toMatchObject({
      types: ['on hold', 'partially fulfilled', 'delayed'],
      active: [],
      status: 'resolved',
      resolved: true,
      holdReasons: ['inventory_out_of_stock'],
      carrier: 'UPS',
      trackingNumbers: ['1Z9'],
      resolvedAt: '2026-11-27T09:00:06Z',
    });
    expect(view.notes.map((n) => `${n.folder}: ${n.what}`)).toEqual([
      'Warehouse Notes: on hold',
      'Warehouse Notes: hold released',
      'Warehouse Notes: partially fulfilled',
      'Carrier Correspondence: delayed',
      'Warehouse Notes: fulfilled',
      'Carrier Correspondence: delivered',
    ]);
    const open = exceptionView('5001', arrive(EVENTS, [0, 2, 3]), orderFacts(ORDER));
    expect(open).toMatchObject({ active: ['on hold', 'partially fulfilled', 'delayed'], status: 'delayed', resolved: false });
  });

  it('property: every arrival order, with duplicates, gives the same exception (and the same plan)', async () => {
    const rule = ruleSchema.parse(J4_EXCEPTION_RULES['exception-delay']);
    const state = async (events: TimelineEvent[]) => {
      const view = exceptionView('5001', events, orderFacts(ORDER));
      return { view, plan: await planRule('exception-delay', rule, view, { shop: 'acme.myshopify.com', model: MODEL, boId: '5001' }) };
    };
    const reference = await state(arrive(EVENTS, [0, 1, 2, 3, 4, 5]));
    await fc.assert(
      fc.asyncProperty(arrivals(EVENTS.length), async (o) => {
        expect(await state(arrive(EVENTS, o))).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('a sync snapshot of a second in which several webhooks changed the order is that second’s last state (no second "refunded" note)', () => {
    // Found by the crash run (test/reliability/crash.test.ts): a partial refund and the cancellation
    // (with the rest refunded) in one second, delivered by webhook (placed by X-Shopify-Triggered-At),
    // and `sync` reading the order afterwards: its snapshot has the same whole-second updated_at and
    // the final state. Placed at the start of the second, it came before the partial refund, and the
    // cancellation's "refunded" was noted twice (a second note with the first one's content). It is
    // placed where it was read (clamped into its second).
    const S = T0 + 10_000;
    const cancelled = { cancelled_at: '2026-11-27T09:00:10Z', cancel_reason: 'customer', financial_status: 'refunded' };
    const events: TimelineEvent[] = [
      { ...order(null, T0, { financial_status: 'paid' }), id: 1, triggeredAt: T0 + 100 },
      { ...order(null, S, { financial_status: 'partially_refunded' }), id: 2, triggeredAt: S + 300 },
      { ...order(null, S, cancelled), topic: 'orders/cancelled', id: 3, triggeredAt: S + 500 },
      // The same state as the sync reads it (its own field order: other bytes, another event).
      { ...order(null, S, { ...cancelled, source: 'sync' }), id: 4, triggeredAt: null, readAt: S + 800 },
    ];
    const view = exceptionView('5001', events, orderFacts(ORDER));
    expect(view.notes.map((n) => n.fileName)).toEqual(['20261127T090010Z cancelled.txt', '20261127T090010Z refunded.txt']);
    // Whichever way they arrived.
    expect(
      exceptionView(
        '5001',
        [events[3], events[0], events[2], events[1]].map((e, i) => ({ ...(e as TimelineEvent), id: 10 + i })),
        orderFacts(ORDER),
      ).notes,
    ).toEqual(view.notes);
  });
});
