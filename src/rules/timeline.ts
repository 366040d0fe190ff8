import { parseGid } from '../vocabulary.js';
import type { ResourceType } from '../vocabulary.js';

/**
 * Timelines (jobs 2 and 4): a case or exception workspace reflects every change routed to it, folded
 * in Shopify's time order. The fold is a pure function of the set of changes, so a lifecycle
 * delivered in any order, with duplicates, ends in the same state as one delivered in order. The
 * rules' expressions (rules/defaults/j2-case.ts, j4-exception.ts) then read the view these
 * functions build, as other rules read a payload.
 */

/** One stored change, as a timeline sees it. */
export interface TimelineEvent {
  /** The event's store id (the last tie-breaker of the sort, so the sort is total). */
  id: number;
  topic: string;
  resourceType: ResourceType;
  resourceId: string;
  /** Shopify's time of the change (epoch ms): `updated_at`, or X-Shopify-Triggered-At. */
  version: number;
  /** The payload, read losslessly (jobs/payload.ts). */
  payload: unknown;
  /** X-Shopify-Triggered-At of its delivery (epoch ms), when it came by webhook: places it within its second. */
  triggeredAt?: number | null | undefined;
  /** When it was read or received (epoch ms): places a change without `triggeredAt` (sync, a read in full) within its second. */
  readAt?: number | null | undefined;
}

/** A line of the status history: when (ISO UTC, seconds), the status reached, by which topic. */
export interface HistoryEntry {
  at: string;
  status: string;
  topic: string;
  note: string | null;
}

/** What a case or an exception needs to know of its order (the latest state known). */
export interface OrderFacts {
  id: string;
  name: string | null;
  tags: string[];
  email: string | null;
  customer: string | null;
  /** The company's numeric id (B2B), as text. */
  companyId: string | null;
  currency: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  lineItems: Array<{ id: string; title: string | null; sku: string | null; price: string | null; quantity: number }>;
}

export interface CaseLine {
  lineItemId: string | null;
  title: string | null;
  sku: string | null;
  quantity: number;
  /** Return reason (REST words: `defective`, `not_as_described`, …) or a refund's restock type. */
  reason: string | null;
  reasonNote: string | null;
  customerNote: string | null;
  /** Refund lines: `no_restock`, `cancel`, `return`, `legacy_restock`. */
  restockType: string | null;
  /** Line amount (price × quantity for returns, the refunded subtotal for refunds), decimal text. */
  amount: string | null;
}

export interface CaseTransaction {
  id: string;
  kind: string | null;
  gateway: string | null;
  status: string | null;
  amount: string | null;
  currency: string | null;
  processedAt: string | null;
  /** The gateway's reference (authorization, or the acquirer reference number). */
  reference: string | null;
}

export type CaseKind = 'return' | 'refund' | 'dispute';

/** The state of one case (a return, a refund, a dispute): what job 2's rules and documents read. */
export interface CaseView {
  kind: CaseKind;
  /** The business object id: `return-<id>`, `refund-<id>`, `dispute-<id>`. */
  caseId: string;
  /** Shopify's numeric id, as text. */
  id: string;
  /** The case's number: the return's name (`#1001-R1`), else Shopify's id. */
  number: string;
  /** A person's name for the case: `Return #1001-R1`, `Refund 123`, `Dispute 456`. */
  title: string;
  order: OrderFacts | null;
  /** The order's numeric id (from the order's facts, else from the case's changes). */
  orderId: string | null;
  /** Shopify's status word, lower case (`requested`, `open`, `closed`, `won`, …; refunds: `refunded`, `pending`, `failure`). */
  status: string;
  open: boolean;
  reasons: string[];
  amount: string | null;
  currency: string | null;
  openedAt: string | null;
  closedAt: string | null;
  evidenceDueBy: string | null;
  lines: CaseLine[];
  transactions: CaseTransaction[];
  restock: boolean | null;
  note: string | null;
  decline: { reason: string | null; note: string | null } | null;
  dispute: {
    type: string | null;
    reason: string | null;
    networkReasonCode: string | null;
    initiatedAt: string | null;
    evidenceSentOn: string | null;
    finalizedOn: string | null;
  } | null;
  history: HistoryEntry[];
}

/** One note per change of an exception: what happened and when (documents/exception-note.ts renders it). */
export interface ExceptionNote {
  /** ISO UTC time of the change. */
  at: string;
  /** Short words: `delayed`, `delivery failure`, `on hold`, `hold released`, `partially fulfilled`, `fulfilled`, `cancelled`, `refunded`, `restocked`, `in transit`, `delivered`. */
  what: string;
  /** The folder of the exception workspace it belongs in. */
  folder: 'Carrier Correspondence' | 'Warehouse Notes';
  /** File name: `<stamp> <what>.txt`, unique within the workspace. */
  fileName: string;
  orderName: string | null;
  topic: string;
  /** Lines of detail (`Reason: …`, `Carrier: …`, `Message: …`), in a fixed order. */
  details: string[];
}

/** The state of an order's exception (job 4). */
export interface ExceptionView {
  orderId: string;
  order: OrderFacts | null;
  /** Every kind of exception seen, in the order first seen: `delayed`, `delivery failure`, `on hold`, `partially fulfilled`, `cancelled`. */
  types: string[];
  /** The kinds still unresolved. */
  active: string[];
  /** `resolved`, or the Shopify word of the latest unresolved problem (`delayed`, `failure`, `on_hold`, `partial`, `cancelled`). */
  status: string;
  resolved: boolean;
  holdReasons: string[];
  carrier: string | null;
  trackingNumbers: string[];
  openedAt: string | null;
  resolvedAt: string | null;
  history: HistoryEntry[];
  notes: ExceptionNote[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Text of a string or a (lossless) number; null otherwise. */
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const nonEmpty = (v: unknown): string | null => {
  const t = text(v);
  return t !== null && t.trim() !== '' ? t : null;
};
const idOf = (v: unknown, gidType: string): string | null => {
  if (typeof v === 'string') {
    const g = parseGid(v);
    if (g) return g.type === gidType ? g.id : null;
  }
  const t = text(v);
  return t !== null && /^\d+$/.test(t) ? t : null;
};
/** ISO UTC to the second, from an ISO text or epoch ms; null when unreadable. */
export function isoSecond(v: unknown): string | null {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}
const cents = (v: unknown): number | null => {
  const t = text(v);
  if (t === null || !/^-?\d+(\.\d+)?$/.test(t.trim())) return null;
  return Math.round(Number(t) * 100);
};
const decimal = (c: number): string => (c < 0 ? '-' : '') + (Math.abs(c) / 100).toFixed(2);

/**
 * The order a change belongs to (its numeric id as text), read from the payload: the order itself,
 * `order.admin_graphql_api_id`, or `order_id` (read losslessly, so exact). Undefined for changes
 * that do not name their order (fulfillment order holds: the job asks the Admin API).
 */
export function orderIdOf(resourceType: ResourceType, payload: unknown): string | undefined {
  const p = obj(payload);
  if (resourceType === 'order') return idOf(p.admin_graphql_api_id, 'Order') ?? undefined;
  return idOf(obj(p.order).admin_graphql_api_id, 'Order') ?? idOf(obj(p.order).id, 'Order') ?? idOf(p.order_id, 'Order') ?? undefined;
}

/** Pure: an order payload (REST shape) → what cases and exceptions read of it. */
export function orderFacts(payload: unknown): OrderFacts | null {
  const o = obj(payload);
  const id = idOf(o.admin_graphql_api_id, 'Order');
  if (id === null) return null;
  const customer = obj(o.customer);
  const who = [text(customer.first_name), text(customer.last_name)].filter((x): x is string => x !== null && x !== '').join(' ');
  const company = obj(o.company);
  return {
    id,
    name: nonEmpty(o.name),
    tags: (text(o.tags) ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    email: nonEmpty(o.email) ?? nonEmpty(o.contact_email) ?? nonEmpty(customer.email),
    customer: who === '' ? null : who,
    companyId: idOf(company.admin_graphql_api_id, 'Company') ?? idOf(company.id, 'Company'),
    currency: nonEmpty(o.currency),
    financialStatus: nonEmpty(o.financial_status),
    fulfillmentStatus: nonEmpty(o.fulfillment_status),
    lineItems: arr(o.line_items).map((li) => {
      const l = obj(li);
      return {
        id: idOf(l.admin_graphql_api_id, 'LineItem') ?? idOf(l.id, 'LineItem') ?? '',
        title: nonEmpty(l.title) ?? nonEmpty(l.name),
        sku: nonEmpty(l.sku),
        price: text(l.price),
        quantity: typeof l.quantity === 'number' ? l.quantity : 0,
      };
    }),
  };
}

/** Where a topic falls in a lifecycle, for changes that carry the same time (the last tie-breaker is the store id). */
const TOPIC_RANK: Record<string, number> = {
  'returns/request': 0,
  'disputes/create': 0,
  'refunds/create': 0,
  'orders/create': 0,
  'returns/approve': 1,
  'returns/decline': 1,
  'returns/process': 2,
  'returns/close': 3,
  'returns/cancel': 3,
  'returns/reopen': 4,
};

/** Pure: the changes in Shopify's time order, one per identical change (same topic, time and content). */
export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  // Shopify's timestamps are whole seconds; X-Shopify-Triggered-At places a change within its second.
  // A change read from the Admin API (sync, a read in full) is the resource as it was when it was read:
  // placed there within its second, after the webhooks of that second that led to it and before those
  // that came later (at the start of the second it came before both, and a fold could go back).
  // Remaining ties are broken by lifecycle rank and content, never by store id (arrival).
  const placed = (e: TimelineEvent): number => {
    if (e.triggeredAt != null) return e.triggeredAt >= e.version && e.triggeredAt < e.version + 1000 ? e.triggeredAt : e.version;
    return e.readAt != null ? Math.min(Math.max(e.readAt, e.version), e.version + 999) : e.version;
  };
  const keyed = events.map((e) => ({ e, at: placed(e), key: `${e.topic}\u0000${e.version}\u0000${JSON.stringify(e.payload)}` }));
  keyed.sort(
    (a, b) => a.at - b.at || (TOPIC_RANK[a.e.topic] ?? 1) - (TOPIC_RANK[b.e.topic] ?? 1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.e.id - b.e.id,
  );
  const seen = new Set<string>();
  return keyed
    .filter(({ key }) => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ e }) => e);
}

const RETURN_OPEN = new Set(['requested', 'open']);
const DISPUTE_OPEN = new Set(['needs_response', 'under_review']);

/** Whether a dispute status keeps the order's records on hold. */
export const disputeIsOpen = (status: string): boolean => DISPUTE_OPEN.has(status);

/**
 * Pure: a case's state from its changes (any order, duplicates allowed) and its order's latest known
 * state. Later changes override what they carry (a minimal `returns/close` keeps the lines an
 * earlier `returns/request` gave); the history has one line per status change.
 */
export function caseView(events: readonly TimelineEvent[], order: OrderFacts | null): CaseView | undefined {
  const timeline = sortTimeline(events);
  const first = timeline[0];
  if (!first) return undefined;
  const kind: CaseKind = first.resourceType === 'refund' ? 'refund' : first.resourceType === 'dispute' ? 'dispute' : 'return';
  const own = timeline.filter((e) => e.resourceType === first.resourceType);
  const merged: Json = {};
  for (const e of own) for (const [k, v] of Object.entries(obj(e.payload))) if (v !== undefined) merged[k] = v;
  const id = first.resourceId;
  const currency = nonEmpty(merged.currency) ?? order?.currency ?? null;
  const lineOf = (lineItemId: string | null) => (lineItemId === null ? undefined : order?.lineItems.find((l) => l.id === lineItemId));

  const history: HistoryEntry[] = [];
  let status = '';
  let closedAt: string | null = null;
  for (const e of own) {
    const p = obj(e.payload);
    const s = caseStatus(kind, p);
    const at = isoSecond(e.version) ?? '';
    if (s !== null && s !== status) {
      const note = kind === 'return' && s === 'declined' ? nonEmpty(obj(p.decline).reason) : kind === 'dispute' ? nonEmpty(p.reason) : null;
      history.push({ at, status: s, topic: e.topic, note });
      status = s;
    }
  }
  let lines: CaseLine[] = [];
  let transactions: CaseTransaction[] = [];
  let amountCents: number | null;
  let reasons: string[];
  let openedAt = isoSecond(first.version);
  let evidenceDueBy: string | null = null;
  let dispute: CaseView['dispute'] = null;
  if (kind === 'return') {
    lines = arr(merged.return_line_items).map((x) => {
      const l = obj(x);
      const lineItemId = idOf(obj(obj(l.fulfillment_line_item).line_item).admin_graphql_api_id, 'LineItem');
      const li = lineOf(lineItemId);
      const quantity = typeof l.quantity === 'number' ? l.quantity : 0;
      const price = cents(li?.price);
      return {
        lineItemId,
        title: li?.title ?? null,
        sku: li?.sku ?? null,
        quantity,
        reason: nonEmpty(l.return_reason)?.toLowerCase() ?? null,
        reasonNote: nonEmpty(l.return_reason_note),
        customerNote: nonEmpty(l.customer_note),
        restockType: null,
        amount: price === null ? null : decimal(price * quantity),
      };
    });
    reasons = [...new Set(lines.map((l) => l.reason).filter((r): r is string => r !== null))];
    const known = lines.map((l) => cents(l.amount));
    amountCents = known.length > 0 && known.every((c) => c !== null) ? known.reduce<number>((a, c) => a + (c ?? 0), 0) : null;
  } else if (kind === 'refund') {
    lines = arr(merged.refund_line_items).map((x) => {
      const l = obj(x);
      const li = obj(l.line_item);
      const lineItemId = idOf(li.admin_graphql_api_id, 'LineItem') ?? idOf(l.line_item_id, 'LineItem');
      const known = lineOf(lineItemId);
      return {
        lineItemId,
        title: nonEmpty(li.title) ?? known?.title ?? null,
        sku: nonEmpty(li.sku) ?? known?.sku ?? null,
        quantity: typeof l.quantity === 'number' ? l.quantity : 0,
        reason: null,
        reasonNote: null,
        customerNote: null,
        restockType: nonEmpty(l.restock_type),
        amount: text(obj(obj(l.subtotal_set).shop_money).amount) ?? (cents(l.subtotal) === null ? null : decimal(cents(l.subtotal) ?? 0)),
      };
    });
    transactions = arr(merged.transactions).map((x) => {
      const t = obj(x);
      return {
        id: idOf(t.admin_graphql_api_id, 'OrderTransaction') ?? text(t.id) ?? '',
        kind: nonEmpty(t.kind),
        gateway: nonEmpty(t.gateway),
        status: nonEmpty(t.status),
        amount: text(t.amount),
        currency: nonEmpty(t.currency),
        processedAt: isoSecond(t.processed_at),
        // The payment id first: webhooks and the Admin API both carry it (the acquirer reference only webhooks do).
        reference: nonEmpty(t.authorization) ?? nonEmpty(t.payment_id) ?? nonEmpty(obj(t.payments_refund_attributes).acquirer_reference_number),
      };
    });
    const sum = transactions.filter((t) => t.kind === 'refund' && t.status !== 'failure' && t.status !== 'error').map((t) => cents(t.amount) ?? 0);
    amountCents = sum.length > 0 ? sum.reduce((a, c) => a + c, 0) : null;
    reasons = nonEmpty(merged.note) ? [String(merged.note)] : [];
    openedAt = isoSecond(merged.created_at) ?? openedAt;
  } else {
    amountCents = cents(merged.amount);
    reasons = [nonEmpty(merged.reason)].filter((r): r is string => r !== null);
    openedAt = isoSecond(merged.initiated_at) ?? openedAt;
    evidenceDueBy = isoSecond(merged.evidence_due_by);
    dispute = {
      type: nonEmpty(merged.type),
      reason: nonEmpty(merged.reason),
      networkReasonCode: nonEmpty(merged.network_reason_code),
      initiatedAt: isoSecond(merged.initiated_at),
      evidenceSentOn: isoSecond(merged.evidence_sent_on),
      finalizedOn: isoSecond(merged.finalized_on),
    };
  }
  const open = kind === 'return' ? RETURN_OPEN.has(status) : kind === 'dispute' ? DISPUTE_OPEN.has(status) : status === 'pending';
  if (!open) closedAt = history.at(-1)?.at ?? null;
  if (kind === 'dispute' && !open) closedAt = isoSecond(merged.finalized_on) ?? closedAt;
  const declined = obj(merged.decline);
  const number = nonEmpty(merged.name) ?? id;
  return {
    kind,
    caseId: `${kind}-${id}`,
    id,
    number,
    title: `${kind === 'return' ? 'Return' : kind === 'refund' ? 'Refund' : 'Dispute'} ${number}`,
    order,
    orderId: order?.id ?? own.map((e) => orderIdOf(e.resourceType, e.payload)).find((x) => x !== undefined) ?? null,
    status,
    open,
    reasons,
    amount: amountCents === null ? null : decimal(amountCents),
    currency,
    openedAt,
    closedAt,
    evidenceDueBy,
    lines,
    transactions,
    restock: typeof merged.restock === 'boolean' ? merged.restock : null,
    note: nonEmpty(merged.note),
    decline: status === 'declined' || Object.keys(declined).length > 0 ? { reason: nonEmpty(declined.reason), note: nonEmpty(declined.note) } : null,
    dispute,
    history,
  };
}

function caseStatus(kind: CaseKind, p: Json): string | null {
  if (kind !== 'refund') return nonEmpty(p.status)?.toLowerCase() ?? null;
  const statuses = arr(p.transactions).map((t) => nonEmpty(obj(t).status));
  if (statuses.length === 0) return 'refunded';
  if (statuses.some((s) => s === 'pending')) return 'pending';
  if (statuses.every((s) => s === 'failure' || s === 'error')) return 'failure';
  return 'refunded';
}

/**
 * Whether an order change by itself says the order has an exception (cancelled, partially
 * fulfilled). Other order changes join an exception's timeline only once it has one.
 */
export function orderSignalsException(payload: unknown): boolean {
  const p = obj(payload);
  return nonEmpty(p.cancelled_at) !== null || nonEmpty(p.fulfillment_status) === 'partial';
}

const NOTE_STAMP = (at: string): string => at.replace(/[-:]/g, '');

/**
 * Pure: an order's exception from every change routed to it (the order's own changes, its
 * fulfilment events and its fulfilment orders' holds), in any order. Each problem opens when
 * Shopify reports it and resolves when a later change clears it (hold released, delivery moving
 * again, fulfilled, refunded or restocked after a cancellation); the exception is resolved when no
 * problem is left, and stays so (it is never deleted).
 */
export function exceptionView(orderId: string, events: readonly TimelineEvent[], order: OrderFacts | null): ExceptionView {
  const timeline = sortTimeline(events);
  const types: string[] = [];
  const active = new Map<string, string>(); // kind → Shopify word
  const holdsByFo = new Map<string, string[]>();
  const delayedFulfillments = new Set<string>();
  const holdReasons: string[] = [];
  const tracking: string[] = [];
  let carrier: string | null = null;
  let cancelled = false;
  const history: HistoryEntry[] = [];
  const notes: ExceptionNote[] = [];
  let openedAt: string | null = null;
  let resolvedAt: string | null = null;
  let orderName = order?.name ?? null;
  let lastFulfillment: string | null = null;
  let lastFinancial: string | null = null;

  const open = (kind: string, word: string, at: string) => {
    if (!types.includes(kind)) types.push(kind);
    active.delete(kind);
    active.set(kind, word);
    openedAt ??= at;
    resolvedAt = null;
  };
  const close = (kind: string, at: string) => {
    if (!active.delete(kind)) return;
    if (active.size === 0) resolvedAt = at;
  };
  const note = (e: TimelineEvent, at: string, what: string, folder: ExceptionNote['folder'], details: Array<string | null>) => {
    const base = `${NOTE_STAMP(at)} ${what}`;
    const n = notes.filter((x) => x.fileName === `${base}.txt` || x.fileName.startsWith(`${base} (`)).length;
    const fileName = n === 0 ? `${base}.txt` : `${base} (${n + 1}).txt`;
    notes.push({ at, what, folder, fileName, orderName, topic: e.topic, details: details.filter((d): d is string => d !== null) });
    history.push({ at, status: what, topic: e.topic, note: details.find((d) => d !== null) ?? null });
  };

  for (const e of timeline) {
    const p = obj(e.payload);
    const at = isoSecond(e.version) ?? '';
    if (e.resourceType === 'order') {
      orderName = nonEmpty(p.name) ?? orderName;
      const fulfillment = nonEmpty(p.fulfillment_status);
      const financial = nonEmpty(p.financial_status);
      for (const f of arr(p.fulfillments)) {
        const fo = obj(f);
        carrier = nonEmpty(fo.tracking_company) ?? carrier;
        for (const n of [fo.tracking_number, ...arr(fo.tracking_numbers)]) {
          const t = nonEmpty(n);
          if (t !== null && !tracking.includes(t)) tracking.push(t);
        }
      }
      if (!cancelled && nonEmpty(p.cancelled_at) !== null) {
        cancelled = true;
        open('cancelled', 'cancelled', at);
        note(e, at, 'cancelled', 'Warehouse Notes', [
          nonEmpty(p.cancel_reason) && `Reason: ${String(p.cancel_reason)}`,
          financial && `Financial status: ${financial}`,
        ]);
      }
      if (fulfillment !== lastFulfillment) {
        if (fulfillment === 'partial') {
          open('partially fulfilled', 'partial', at);
          note(e, at, 'partially fulfilled', 'Warehouse Notes', [
            carrier && `Carrier: ${carrier}`,
            tracking.length > 0 ? `Tracking: ${tracking.join(', ')}` : null,
          ]);
        } else if (fulfillment === 'fulfilled' && lastFulfillment !== null && types.length > 0) {
          close('partially fulfilled', at);
          note(e, at, 'fulfilled', 'Warehouse Notes', [carrier && `Carrier: ${carrier}`, tracking.length > 0 ? `Tracking: ${tracking.join(', ')}` : null]);
        } else if (fulfillment === 'restocked' && cancelled) {
          close('cancelled', at);
          note(e, at, 'restocked', 'Warehouse Notes', []);
        }
        lastFulfillment = fulfillment;
      }
      if (financial !== lastFinancial) {
        if (cancelled && (financial === 'refunded' || financial === 'voided')) {
          close('cancelled', at);
          note(e, at, financial === 'refunded' ? 'refunded' : 'voided', 'Warehouse Notes', [`Financial status: ${financial}`]);
        }
        lastFinancial = financial;
      }
    } else if (e.resourceType === 'fulfillment_event') {
      const status = nonEmpty(p.status)?.toLowerCase() ?? '';
      const fulfillment = text(p.fulfillment_id) ?? '';
      const details = [
        nonEmpty(p.message) && `Message: ${String(p.message)}`,
        place(p),
        nonEmpty(p.estimated_delivery_at) && `Estimated delivery: ${isoSecond(p.estimated_delivery_at)}`,
      ];
      if (status === 'delayed' || status === 'failure') {
        delayedFulfillments.add(fulfillment);
        open(status === 'delayed' ? 'delayed' : 'delivery failure', status, at);
        note(e, at, status === 'delayed' ? 'delayed' : 'delivery failure', 'Carrier Correspondence', details);
      } else if (delayedFulfillments.has(fulfillment) && status !== '') {
        delayedFulfillments.delete(fulfillment);
        if (delayedFulfillments.size === 0) {
          close('delayed', at);
          close('delivery failure', at);
        }
        note(e, at, status.replace(/_/g, ' '), 'Carrier Correspondence', details);
      }
    } else if (e.resourceType === 'fulfillment_order') {
      const fo = obj(p.fulfillment_order);
      const foId = idOf(fo.id, 'FulfillmentOrder') ?? e.resourceId;
      const hold = obj(p.fulfillment_hold ?? p.created_fulfillment_hold);
      const reasons = [hold, ...arr(fo.fulfillment_holds).map(obj)].map((h) => nonEmpty(h.reason)).filter((r): r is string => r !== null);
      if (e.topic === 'fulfillment_orders/placed_on_hold' || e.topic === 'fulfillment_holds/added') {
        const held = holdsByFo.get(foId) ?? [];
        for (const r of reasons) {
          if (!held.includes(r)) held.push(r);
          if (!holdReasons.includes(r)) holdReasons.push(r);
        }
        const wasHeld = holdsByFo.has(foId);
        holdsByFo.set(foId, held);
        open('on hold', 'on_hold', at);
        if (!wasHeld || e.topic === 'fulfillment_holds/added')
          note(e, at, 'on hold', 'Warehouse Notes', [
            reasons.length > 0 ? `Reason: ${reasons.join(', ')}` : null,
            nonEmpty(hold.reason_notes) && `Notes: ${String(hold.reason_notes)}`,
          ]);
      } else if (e.topic === 'fulfillment_orders/hold_released' || e.topic === 'fulfillment_holds/released') {
        if (!holdsByFo.has(foId)) continue;
        if (e.topic === 'fulfillment_orders/hold_released' || nonEmpty(fo.status) !== 'on_hold') holdsByFo.delete(foId);
        if (holdsByFo.size === 0) close('on hold', at);
        note(e, at, 'hold released', 'Warehouse Notes', [reasons.length > 0 ? `Reason: ${reasons.join(', ')}` : null]);
      }
    }
  }
  const latest = [...active.values()].at(-1);
  const resolved = types.length > 0 && active.size === 0;
  return {
    orderId,
    order,
    types,
    active: [...active.keys()],
    status: latest ?? (resolved ? 'resolved' : 'none'),
    resolved,
    holdReasons,
    carrier,
    trackingNumbers: tracking,
    openedAt,
    resolvedAt: resolved ? resolvedAt : null,
    history,
    notes: notes.map((n) => ({ ...n, orderName: n.orderName ?? orderName })),
  };
}

function place(p: Json): string | null {
  const where = [nonEmpty(p.city), nonEmpty(p.province), nonEmpty(p.country)].filter((x): x is string => x !== null).join(', ');
  return where === '' ? null : `Location: ${where}`;
}
