import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeHoldName } from '../../src/jobs/dispute-hold.js';
import { pdfText } from '../helpers/pdf-text.js';
import { EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';

/**
 * Issue 10, job 2: the merchant acts through the Shopify emulator's Admin API (returns, refunds) and
 * the card network through its control route (disputes); the result is read through Content
 * Server's REST API on the xECM emulator, as an administrator would.
 */
describe('case workspaces (job 2)', () => {
  let stack: ShopStack;
  let order: { gid: string; id: string; name: string; lineItemIds: string[] };

  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => stack.graphql<T>(query, variables);
  const values = async (boType: string, boId: string) => {
    const [ws] = await stack.otcs.workspacesFor(boType, boId);
    if (!ws) throw new Error(`no ${boType} workspace for ${boId}`);
    return { ws, values: await stack.otcs.categoryValuesByName(ws.id) };
  };
  const docIn = async (wsId: number, folder: string) => {
    const f = await stack.otcs.child(wsId, folder);
    if (!f) throw new Error(`no folder ${folder}`);
    return stack.otcs.children(f.id);
  };
  const dispute = async (body: Record<string, unknown>): Promise<string> => {
    const r = await fetch(`${stack.shopify.url}/emulator/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(200);
    return String(((await r.json()) as { dispute: { id: number } }).dispute.id);
  };

  beforeAll(async () => {
    stack = await startShopStack({ shopify: { orders: 0, seed: 10 } });
    // An ordinary order (under the high-value threshold, not B2B, not custom): no order workspace of its own.
    const created = await gql<{ orderCreate: { order: { id: string; name: string; lineItems: { nodes: Array<{ id: string }> } } } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name lineItems(first: 5) { nodes { id } } } userErrors { message } } }`,
      {
        order: {
          email: 'pat@example.com',
          currency: 'USD',
          financialStatus: 'PAID',
          customer: { toUpsert: { email: 'pat@example.com', firstName: 'Pat', lastName: 'Lee' } },
          lineItems: [
            { title: 'Pump housing', sku: 'PH-1', quantity: 3, priceSet: { shopMoney: { amount: '100.00', currencyCode: 'USD' } } },
            { title: 'Seal kit', sku: 'SK-2', quantity: 2, priceSet: { shopMoney: { amount: '20.00', currencyCode: 'USD' } } },
          ],
        },
      },
    );
    const o = created.orderCreate.order;
    order = { gid: o.id, id: o.id.split('/').pop() ?? '', name: o.name, lineItemIds: o.lineItems.nodes.map((n) => n.id) };
    const fo = await gql<{ order: { fulfillmentOrders: { nodes: Array<{ id: string }> } } }>(
      'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id } } } }',
      { id: order.gid },
    );
    await gql('mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }', {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.order.fulfillmentOrders.nodes[0]?.id }], trackingInfo: { company: 'UPS', number: '1Z999' } },
    });
    await stack.drained();
  }, 60_000);
  afterAll(async () => stack.stop());

  it('a return with a defective line is a damaged-goods claim: its case, claim folder, summary and relations, and its order gets a workspace', async () => {
    expect(await stack.otcs.workspacesFor('shopify_order', order.id)).toEqual([]);
    const fli = await gql<{ order: { fulfillments: Array<{ fulfillmentLineItems: { nodes: Array<{ id: string; lineItem: { id: string } }> } }> } }>(
      'query($id: ID!) { order(id: $id) { fulfillments { fulfillmentLineItems(first: 5) { nodes { id lineItem { id } } } } } }',
      { id: order.gid },
    );
    const pump = fli.order.fulfillments[0]?.fulfillmentLineItems.nodes.find((n) => n.lineItem.id === order.lineItemIds[0]);
    const req = await gql<{ returnRequest: { return: { id: string; name: string } } }>(
      'mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id name } userErrors { message } } }',
      {
        i: {
          orderId: order.gid,
          returnLineItems: [{ fulfillmentLineItemId: pump?.id, quantity: 2, returnReason: 'DEFECTIVE', customerNote: 'Cracked on arrival' }],
        },
      },
    );
    const ret = req.returnRequest.return;
    await gql('mutation($id: ID!) { returnApproveRequest(input: { id: $id }) { userErrors { message } } }', { id: ret.id });
    await stack.drained();

    const returnId = ret.id.split('/').pop() ?? '';
    const { ws, values: v } = await values('shopify_case', `return-${returnId}`);
    expect(ws.name).toBe(`Return ${ret.name} – Order ${order.name}`);
    expect(v).toMatchObject({
      'Case Type': 'damaged-goods claim',
      'Case Number': ret.name,
      'Order Number': order.name,
      Customer: 'Pat Lee',
      Status: 'open',
      Reason: 'defective',
      Amount: '200.00',
      Currency: 'USD',
      Shop: EMU_SHOP,
    });
    expect(v['Status History']).toEqual([expect.stringMatching(/Z requested$/), expect.stringMatching(/Z open$/)]);
    expect(await stack.otcs.child(ws.id, 'Damage Claim')).toBeDefined();
    const [summary] = await docIn(ws.id, 'Inspection Notes');
    expect(summary?.name).toBe('Return summary.pdf');
    const text = await pdfText(await stack.otcs.content(summary?.id ?? 0));
    expect(text).toContain('Pump housing');
    expect(text).toContain('Cracked on arrival');

    // A case always has its order: read in full from the Admin API, its workspace made, the two related.
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', order.id);
    expect(orderWs).toBeDefined();
    expect(await stack.otcs.related(ws.id)).toContain(orderWs?.id);
    const confirmation = await docIn(orderWs?.id ?? 0, 'Confirmation and Invoices');
    expect(confirmation.map((d) => d.name)).toEqual([`${order.name} confirmation.pdf`]);
    expect(await pdfText(await stack.otcs.content(confirmation[0]?.id ?? 0))).toContain('Seal kit');

    // Closing it moves the status and keeps the lines (returns/close carries none).
    await gql('mutation($id: ID!) { returnClose(id: $id) { userErrors { message } } }', { id: ret.id });
    await stack.drained();
    const after = await stack.otcs.categoryValuesByName(ws.id);
    expect(after).toMatchObject({ Status: 'closed', Reason: 'defective', 'Case Type': 'damaged-goods claim' });
    expect(after.Closed).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(after['Status History']).toHaveLength(3);
  });

  it('a refund gets its case with the refund record (amounts, transactions, restock)', async () => {
    const r = await gql<{ refundCreate: { refund: { id: string } } }>(
      'mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }',
      {
        input: {
          orderId: order.gid,
          note: 'Goodwill for late delivery',
          refundLineItems: [{ lineItemId: order.lineItemIds[1], quantity: 1, restockType: 'NO_RESTOCK' }],
          transactions: [{ orderId: order.gid, gateway: 'manual', kind: 'REFUND', amount: '20.00' }],
        },
      },
    );
    await stack.drained();
    const refundId = r.refundCreate.refund.id.split('/').pop() ?? '';
    const { ws, values: v } = await values('shopify_case', `refund-${refundId}`);
    expect(ws.name).toBe(`Refund ${refundId} – Order ${order.name}`);
    expect(v).toMatchObject({ 'Case Type': 'refund', Status: 'refunded', Amount: '20.00', Currency: 'USD', Reason: 'Goodwill for late delivery' });
    const [record] = await docIn(ws.id, 'Refund Approvals');
    expect(record?.name).toBe('Refund record.pdf');
    const text = await pdfText(await stack.otcs.content(record?.id ?? 0));
    expect(text).toContain('Seal kit');
    expect(text).toContain('20.00');
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', order.id);
    expect(await stack.otcs.related(ws.id)).toContain(orderWs?.id);
  });

  it("a B2B order's case is related to the order's and the company's account workspaces", async () => {
    const c = await gql<{ companyCreate: { company: { id: string } } }>(
      'mutation($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id } userErrors { message } } }',
      { input: { company: { name: 'Harbor Pumps Ltd', externalId: 'ERP-42' } } },
    );
    const companyId = c.companyCreate.company.id;
    const l = await gql<{ companyLocationCreate: { companyLocation: { id: string } } }>(
      'mutation($companyId: ID!, $input: CompanyLocationInput!) { companyLocationCreate(companyId: $companyId, input: $input) { companyLocation { id } userErrors { message } } }',
      {
        companyId,
        input: {
          name: 'Dock 4',
          shippingAddress: { address1: '1 Pier Rd', city: 'Tacoma', zoneCode: 'WA', zip: '98421', countryCode: 'US' },
          billingSameAsShipping: true,
        },
      },
    );
    const ct = await gql<{ companyContactCreate: { companyContact: { customer: { id: string } } } }>(
      'mutation($companyId: ID!, $input: CompanyContactInput!) { companyContactCreate(companyId: $companyId, input: $input) { companyContact { customer { id } } userErrors { message } } }',
      { companyId, input: { email: 'buyer@harbor.example', firstName: 'Kim', lastName: 'Ode' } },
    );
    const o = await gql<{ orderCreate: { order: { id: string; lineItems: { nodes: Array<{ id: string }> } } } }>(
      'mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id lineItems(first: 1) { nodes { id } } } userErrors { message } } }',
      {
        order: {
          customer: { toAssociate: { id: ct.companyContactCreate.companyContact.customer.id } },
          companyLocationId: l.companyLocationCreate.companyLocation.id,
          financialStatus: 'PAID',
          currency: 'USD',
          lineItems: [{ title: 'Impeller', quantity: 2, priceSet: { shopMoney: { amount: '80.00', currencyCode: 'USD' } } }],
        },
      },
    );
    const b2b = o.orderCreate.order;
    const r = await gql<{ refundCreate: { refund: { id: string } } }>(
      'mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }',
      {
        input: {
          orderId: b2b.id,
          refundLineItems: [{ lineItemId: b2b.lineItems.nodes[0]?.id, quantity: 1, restockType: 'RETURN' }],
          transactions: [{ orderId: b2b.id, gateway: 'manual', kind: 'REFUND', amount: '80.00' }],
        },
      },
    );
    await stack.drained();
    const { ws } = await values('shopify_case', `refund-${r.refundCreate.refund.id.split('/').pop() ?? ''}`);
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', b2b.id.split('/').pop() ?? '');
    const [accountWs] = await stack.otcs.workspacesFor('shopify_account', companyId.split('/').pop() ?? '');
    expect(orderWs && accountWs).toBeTruthy();
    expect((await stack.otcs.related(ws.id)).sort()).toEqual([orderWs?.id, accountWs?.id].sort());
  });

  it("a dispute holds the order's records until it ends; two open disputes keep the hold until both end", async () => {
    const [orderWs] = await stack.otcs.workspacesFor('shopify_order', order.id);
    if (!orderWs) throw new Error('no order workspace');
    const holdName = disputeHoldName(EMU_SHOP, order.id);
    const held = async (nodeId: number) => (await stack.otcs.holds(nodeId)).some((h) => h.hold_name === holdName);
    const confirmation = (await docIn(orderWs.id, 'Confirmation and Invoices'))[0];

    const a = await dispute({ orderId: order.gid, type: 'chargeback', reason: 'fraudulent', amount: '120.00' });
    await stack.drained();
    const { ws, values: v } = await values('shopify_case', `dispute-${a}`);
    expect(ws.name).toBe(`Dispute ${a} – Order ${order.name}`);
    expect(v).toMatchObject({ 'Case Type': 'chargeback', Status: 'needs_response', Reason: 'fraudulent', Amount: '120.00' });
    expect(v['Evidence Due']).toEqual(expect.stringMatching(/^\d{4}-/));
    const [summary] = await docIn(ws.id, 'Correspondence');
    expect(await pdfText(await stack.otcs.content(summary?.id ?? 0))).toContain('fraudulent');
    expect(await held(orderWs.id)).toBe(true);
    // The order's documents are held too (inherited from the workspace).
    expect(await stack.otcs.holds(confirmation?.id ?? 0)).toEqual([expect.objectContaining({ hold_name: holdName, hold_appliedmethod: 'Inherited' })]);

    const b = await dispute({ orderId: order.gid, type: 'inquiry', reason: 'product_not_received' });
    await dispute({ disputeId: a, status: 'under_review' });
    await dispute({ disputeId: a, status: 'won' });
    await stack.drained();
    expect((await values('shopify_case', `dispute-${a}`)).values).toMatchObject({ Status: 'won' });
    expect(await held(orderWs.id)).toBe(true);

    await dispute({ disputeId: b, status: 'lost' });
    await stack.drained();
    expect((await values('shopify_case', `dispute-${b}`)).values).toMatchObject({ Status: 'lost', 'Case Type': 'inquiry' });
    expect(await held(orderWs.id)).toBe(false);
    expect(await stack.otcs.holds(confirmation?.id ?? 0)).toEqual([]);

    const audit = (await stack.deps.store.listAudit()).filter((e) => e.rule === 'dispute-hold').map((e) => e.action);
    expect(audit).toEqual(['apply-hold', 'release-hold']);
  });
});
