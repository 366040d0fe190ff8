import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pdfText } from '../../test/helpers/pdf-text.js';
import { IntegrationError } from '../errors.js';
import { caseView } from '../rules/timeline.js';
import type { CaseView, OrderFacts, TimelineEvent } from '../rules/timeline.js';
import { renderDisputeSummary, renderRefundRecord, renderReturnSummary, returnCaseType } from './case-documents.js';

const SHOP = { shop: 'acme-industrial.myshopify.com', shopName: 'ACME Industrial' };
const ms = (iso: string): number => Date.parse(iso);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
/** pdfjs splits text into items; compare with runs of white space made single spaces. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');
const pageCount = (b: Buffer): number => (b.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

const ORDER: OrderFacts = {
  id: '5',
  name: '#1001',
  tags: [],
  email: 'dana@example.com',
  customer: 'Dana Whitfield',
  companyId: null,
  currency: 'USD',
  financialStatus: 'paid',
  fulfillmentStatus: 'fulfilled',
  lineItems: [
    { id: '9', title: 'Valve X200 stainless', sku: 'VLV-X200-SS', price: '1250.00', quantity: 10 },
    { id: '10', title: 'Gasket kit', sku: 'GSK-50', price: '12.50', quantity: 4 },
  ],
};

let nextId = 1;
function event(topic: string, resourceType: TimelineEvent['resourceType'], resourceId: string, at: string, payload: unknown): TimelineEvent {
  return { id: nextId++, topic, resourceType, resourceId, version: ms(at), payload };
}

function returnRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    admin_graphql_api_id: 'gid://shopify/Return/1',
    status: 'requested',
    name: '#1001-R1',
    order: { id: 5, admin_graphql_api_id: 'gid://shopify/Order/5' },
    return_line_items: [
      {
        quantity: 2,
        return_reason: 'defective',
        return_reason_note: 'Thread stripped on arrival',
        customer_note: 'Please send a replacement',
        fulfillment_line_item: { line_item: { admin_graphql_api_id: 'gid://shopify/LineItem/9' } },
      },
      {
        quantity: 1,
        return_reason: 'size_too_small',
        return_reason_note: null,
        customer_note: null,
        fulfillment_line_item: { line_item: { admin_graphql_api_id: 'gid://shopify/LineItem/10' } },
      },
    ],
    ...overrides,
  };
}

function returnView(events: TimelineEvent[] = [event('returns/request', 'return', '1', '2026-03-02T10:15:30Z', returnRequest())]): CaseView {
  const v = caseView(events, ORDER);
  if (!v) throw new Error('no view');
  return v;
}

function refundView(): CaseView {
  const payload = {
    id: 77,
    admin_graphql_api_id: 'gid://shopify/Refund/77',
    order_id: 5,
    created_at: '2026-03-05T08:00:00-05:00',
    note: 'Goodwill refund for the stripped valves',
    restock: true,
    refund_line_items: [
      {
        id: 701,
        quantity: 2,
        line_item_id: 9,
        restock_type: 'return',
        subtotal: 2500,
        subtotal_set: { shop_money: { amount: '2500.00', currency_code: 'USD' } },
        line_item: { id: 9, admin_graphql_api_id: 'gid://shopify/LineItem/9', title: 'Valve X200 stainless', sku: 'VLV-X200-SS' },
      },
    ],
    transactions: [
      {
        id: 9001,
        admin_graphql_api_id: 'gid://shopify/OrderTransaction/9001',
        kind: 'refund',
        gateway: 'shopify_payments',
        status: 'success',
        amount: '2500.00',
        currency: 'USD',
        processed_at: '2026-03-05T08:00:00-05:00',
        authorization: null,
        payments_refund_attributes: { status: 'success', acquirer_reference_number: 'ARN-123456789' },
      },
    ],
  };
  const v = caseView([event('refunds/create', 'refund', '77', '2026-03-05T13:00:00Z', payload)], ORDER);
  if (!v) throw new Error('no view');
  return v;
}

function disputeView(status = 'needs_response'): CaseView {
  const payload = {
    id: 4321,
    order_id: 5,
    type: 'chargeback',
    amount: '1250.00',
    currency: 'USD',
    reason: 'product_not_received',
    network_reason_code: '13.1',
    status,
    evidence_due_by: '2026-04-10T23:59:59Z',
    evidence_sent_on: status === 'under_review' ? '2026-04-01T12:00:00Z' : null,
    finalized_on: null,
    initiated_at: '2026-03-20T09:30:00Z',
  };
  const v = caseView([event('disputes/create', 'dispute', '4321', '2026-03-20T09:30:00Z', payload)], ORDER);
  if (!v) throw new Error('no view');
  return v;
}

describe('renderReturnSummary', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints the return, its lines, reasons, notes and amounts', async () => {
    const view = returnView();
    const buf = await renderReturnSummary(view, SHOP);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(await pdfText(buf));
    expect(text).toContain('Return #1001-R1');
    expect(text).toContain('Order #1001');
    expect(text).toContain('Dana Whitfield');
    expect(text).toContain('Requested');
    expect(text).toContain('Damaged-goods claim');
    expect(text).toContain('Opened 2026-03-02 10:15:30 UTC');
    expect(text).toContain('Valve X200 stainless');
    expect(text).toContain('VLV-X200-SS');
    expect(text).toContain('Damaged or defective');
    expect(text).toContain('Size was too small');
    expect(text).toContain('Thread stripped on arrival');
    expect(text).toContain('Please send a replacement');
    expect(text).toContain('2,500.00'); // 2 × 1250.00
    expect(text).toContain('12.50');
    expect(text).toContain('Total amount 2,512.50 USD');
    expect(text).toContain('returns/request');
    expect(text).toContain('Page 1 of 1');
  });

  it('names a plain return, and prints the decline and the history of a declined one', async () => {
    const plain = returnView([
      event(
        'returns/request',
        'return',
        '1',
        '2026-03-02T10:15:30Z',
        returnRequest({
          return_line_items: [
            { quantity: 1, return_reason: 'unwanted', fulfillment_line_item: { line_item: { admin_graphql_api_id: 'gid://shopify/LineItem/10' } } },
          ],
        }),
      ),
      event('returns/decline', 'return', '1', '2026-03-03T11:00:00Z', {
        id: 1,
        admin_graphql_api_id: 'gid://shopify/Return/1',
        status: 'declined',
        order: { id: 5, admin_graphql_api_id: 'gid://shopify/Order/5' },
        decline: { reason: 'return_period_ended', note: 'Bought 95 days ago' },
      }),
    ]);
    expect(returnCaseType(plain)).toBe('Return');
    const text = flat(await pdfText(await renderReturnSummary(plain, SHOP)));
    expect(text).toContain('Case type Return');
    expect(text).toContain('Customer changed their mind');
    expect(text).toContain('Declined');
    expect(text).toContain('Return period ended');
    expect(text).toContain('Bought 95 days ago');
    expect(text).toContain('Closed 2026-03-03 11:00:00 UTC');
    expect(text).toContain('2026-03-02 10:15:30 UTC Requested returns/request');
    expect(text).toContain('2026-03-03 11:00:00 UTC Declined returns/decline');
  });

  it('gives byte-identical output for the same view, whatever the clock or time zone, and other bytes for another view', async () => {
    const first = await renderReturnSummary(returnView(), SHOP);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-02T03:04:05Z'));
    const previousTz = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    let second: Buffer;
    try {
      second = await renderReturnSummary(returnView(), SHOP);
    } finally {
      if (previousTz === undefined) delete process.env.TZ;
      else process.env.TZ = previousTz;
    }
    vi.useRealTimers();
    const reordered = Object.fromEntries(Object.entries(returnView()).reverse());
    const third = await renderReturnSummary(reordered, SHOP);
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(third)).toBe(sha256(first));

    const other = await renderReturnSummary({ ...returnView(), status: 'open' }, SHOP);
    expect(sha256(other)).not.toBe(sha256(first));
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    expect(id(first)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(other)).not.toBe(id(first));
  });

  it('takes /CreationDate from openedAt, else the epoch', async () => {
    const dated = (await renderReturnSummary(returnView(), SHOP)).toString('latin1');
    expect(dated.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20260302101530Z)', '(D:20260302101530Z)']);
    const undated = (await renderReturnSummary({ ...returnView(), openedAt: null }, SHOP)).toString('latin1');
    expect(undated.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:19700101000000Z)', '(D:19700101000000Z)']);
  });

  it('paginates 200 lines with long titles, repeating the table header', async () => {
    const view = returnView();
    const lines = Array.from({ length: 200 }, (_, i) => ({
      lineItemId: String(1000 + i),
      title: i % 50 === 0 ? `Very long title ${'x'.repeat(3000)}` : `Widget ${String(i + 1).padStart(3, '0')}`,
      sku: i % 70 === 0 ? 'W'.repeat(2000) : `WID-${i + 1}`,
      quantity: 1,
      reason: 'defective',
      reasonNote: i % 30 === 0 ? 'word '.repeat(400) : null,
      customerNote: null,
      restockType: null,
      amount: '10.00',
    }));
    const buf = await renderReturnSummary({ ...view, lines, amount: '2000.00' }, SHOP);
    const pages = pageCount(buf);
    expect(pages).toBeGreaterThan(3);
    const text = flat(await pdfText(buf));
    expect(text).toContain('Widget 002');
    expect(text).toContain('Widget 200');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect((text.match(/Customer note/g) ?? []).length).toBeGreaterThanOrEqual(pages - 1);
  });

  it('prints characters outside WinAnsi as "?" without crashing', async () => {
    const view = returnView();
    const odd: CaseView = {
      ...view,
      number: '#1001-R1 東京',
      order: { ...ORDER, customer: 'Zoë Ünal', name: '#1001 🚚' },
      lines: view.lines.map((l) => ({ ...l, title: 'Teeservice 日本 😀', customerNote: 'Zoë says: 👍🏽 broken\r\nsecond line' })),
    };
    const buf = await renderReturnSummary(odd, SHOP);
    const text = flat(await pdfText(buf));
    expect(text).toContain('Zoë Ünal');
    expect(text).toContain('Teeservice ?? ?');
    expect(text).toContain('Return #1001-R1 ??');
    expect(text).toContain('Zoë says: ?? broken second line');
  });

  it('rejects input that is not a return view with PAYLOAD_INVALID', async () => {
    for (const bad of [null, [], 'text', { kind: 'return' }, { ...returnView(), lines: 'none' }, refundView(), disputeView()]) {
      const err: unknown = await renderReturnSummary(bad, SHOP).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationError);
      expect((err as IntegrationError).code).toBe('PAYLOAD_INVALID');
    }
  });
});

describe('renderRefundRecord', () => {
  it('prints the refund, its lines, transactions and history', async () => {
    const buf = await renderRefundRecord(refundView(), SHOP);
    const text = flat(await pdfText(buf));
    expect(text).toContain('Refund 77');
    expect(text).toContain('Order #1001');
    expect(text).toContain('Amount 2,500.00 USD');
    expect(text).toContain('Goodwill refund for the stripped valves');
    expect(text).toContain('Restock Yes');
    expect(text).toContain('Created 2026-03-05 13:00:00 UTC');
    expect(text).toContain('Valve X200 stainless VLV-X200-SS 2 Return 2,500.00');
    expect(text).toContain('9001 Refund shopify_payments Success 2,500.00 USD 2026-03-05 13:00:00 UTC ARN-123456789');
    expect(text).toContain('Refunded refunds/create');
    expect(buf.toString('latin1')).toContain('(D:20260305130000Z)');
  });

  it('is deterministic and differs for another refund', async () => {
    const a = await renderRefundRecord(refundView(), SHOP);
    const b = await renderRefundRecord(refundView(), SHOP);
    expect(sha256(b)).toBe(sha256(a));
    const c = await renderRefundRecord({ ...refundView(), restock: false }, SHOP);
    expect(sha256(c)).not.toBe(sha256(a));
    expect(flat(await pdfText(c))).toContain('Restock No');
    // The shop is part of the document.
    const d = await renderRefundRecord(refundView(), { shop: 'other.myshopify.com' });
    expect(sha256(d)).not.toBe(sha256(a));
  });

  it('prints a note longer than a page in full and many lines over several pages', async () => {
    const view = refundView();
    const note = `first\n${Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ')}\nlast paragraph END`;
    const lines = Array.from({ length: 200 }, (_, i) => ({ ...view.lines[0]!, title: `Part ${i + 1} ${'long '.repeat(i % 7 === 0 ? 300 : 1)}` }));
    const buf = await renderRefundRecord({ ...view, note, lines }, SHOP);
    expect(pageCount(buf)).toBeGreaterThan(3);
    const text = flat(await pdfText(buf));
    expect(text).toContain('w2999');
    expect(text).toContain('last paragraph END');
    expect(text).toContain('Part 200');
    expect(text).toContain('ARN-123456789');
  });

  it('rejects input that is not a refund view with PAYLOAD_INVALID', async () => {
    for (const bad of [undefined, 42, returnView(), { ...refundView(), transactions: [{ id: 1 }] }]) {
      await expect(renderRefundRecord(bad, SHOP)).rejects.toMatchObject({ name: 'IntegrationError', code: 'PAYLOAD_INVALID' });
    }
  });
});

describe('renderDisputeSummary', () => {
  it('prints the dispute with the evidence due date emphasised', async () => {
    const buf = await renderDisputeSummary(disputeView(), SHOP);
    const text = flat(await pdfText(buf));
    expect(text).toContain('Dispute 4321');
    expect(text).toContain('Evidence due by 2026-04-10 23:59:59 UTC');
    expect(text).toContain('Order #1001');
    expect(text).toContain('Type Chargeback');
    expect(text).toContain('Reason Product not received');
    expect(text).toContain('Network reason code 13.1');
    expect(text).toContain('Amount 1,250.00 USD');
    expect(text).toContain('Status Needs response');
    expect(text).toContain('Initiated 2026-03-20 09:30:00 UTC');
    expect(text).toContain('Needs response disputes/create');
    // The emphasis: the due date in the accent colour, in a box, in bold.
    const buf2 = await renderDisputeSummary(disputeView(), SHOP);
    expect(sha256(buf2)).toBe(sha256(buf));
    expect(buf.toString('latin1')).toContain('(D:20260320093000Z)');
  });

  it('prints when the evidence was sent, and differs when the status does', async () => {
    const open = await renderDisputeSummary(disputeView(), SHOP);
    const review = await renderDisputeSummary(disputeView('under_review'), SHOP);
    expect(sha256(review)).not.toBe(sha256(open));
    const text = flat(await pdfText(review));
    expect(text).toContain('Evidence sent on 2026-04-01 12:00:00 UTC');
    expect(text).toContain('Status Under review');
  });

  it('prints an inquiry with no evidence date, and non-WinAnsi text, without crashing', async () => {
    const v = disputeView();
    const view: CaseView = {
      ...v,
      evidenceDueBy: null,
      order: { ...ORDER, name: '#東京-1' },
      dispute: { ...v.dispute!, type: 'inquiry', evidenceSentOn: null, networkReasonCode: '🙂' },
    };
    const text = flat(await pdfText(await renderDisputeSummary(view, SHOP)));
    expect(text).toContain('Type Inquiry');
    expect(text).toContain('Evidence due by not given');
    expect(text).toContain('Order #??-1');
  });

  it('rejects input that is not a dispute view with PAYLOAD_INVALID', async () => {
    for (const bad of [{}, refundView(), { ...disputeView(), dispute: 'x' }]) {
      await expect(renderDisputeSummary(bad)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' });
    }
  });
});
