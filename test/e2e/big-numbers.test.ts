import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

const BIG = '9007199254740993'; // 2^53 + 1: a JavaScript number reads it as …992

interface Related {
  results: Array<{ data: { properties: { id: number } } }>;
}
interface Children {
  results: Array<{ data: { properties: { id: number; name: string } } }>;
}

/** Issue 9 "big numbers": ids beyond 2^53 stay exact from the payload's text to xECM. */
describe('ids beyond 2^53', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.stop());

  it('relates an order to company 9007199254740993 (not …992) and keeps the number exactly in the snapshot', async () => {
    const company = { ...fixture('companies-create.json').body, admin_graphql_api_id: `gid://shopify/Company/${BIG}` };
    expect((await postDelivery(stack.url, 'companies/create', company)).status).toBe(200);
    // The REST order carries company.id as a JSON number: write the exact text Shopify sends.
    const text = JSON.stringify(fixture('orders-create.b2b-high-value.json').body).replace('"company":{"id":1983315,', `"company":{"id":${BIG},`);
    expect(text).toContain(`"id":${BIG},"location_id"`);
    expect((await postDelivery(stack.url, 'orders/create', Buffer.from(text))).status).toBe(200);
    await stack.drained();
    expect(await stack.deps.queue.deadLetters()).toEqual([]);

    const [account] = await stack.otcs.workspacesFor('shopify_account', BIG);
    const [order] = await stack.otcs.workspacesFor('shopify_order', '5931282661421');
    expect(account).toBeDefined();
    const related = await stack.otcs.get<Related>(`/v2/businessworkspaces/${order?.id}/relateditems`);
    expect(related.body.results.map((r) => r.data.properties.id)).toEqual([account?.id]);
    expect(await stack.otcs.workspacesFor('shopify_account', '9007199254740992')).toEqual([]);

    // The snapshot keeps the number as Shopify wrote it.
    const folders = await stack.otcs.get<Children>(`/v2/nodes/${order?.id}/nodes`);
    const archive = folders.body.results.find((r) => r.data.properties.name === 'Archive')?.data.properties.id;
    const docs = await stack.otcs.get<Children>(`/v2/nodes/${archive}/nodes`);
    const snapshot = docs.body.results.find((r) => r.data.properties.name.endsWith('snapshot.json'))?.data.properties.id;
    const res = await fetch(`${stack.xecmUrl}/api/v2/nodes/${snapshot}/content`, { headers: { otcsticket: await stack.otcs.ticket() } });
    const body = await res.text();
    expect(body).toContain(`"id": ${BIG},`);
  });

  it('refuses a business object id that a rule reads as a JavaScript number, with a clear error', async () => {
    const s = await startStack({ overrides: { rules: { 'order-workspace': { boId: 'order_number' } } } });
    try {
      expect((await postDelivery(s.url, 'orders/create', fixture('orders-create.b2b-high-value.json').body)).status).toBe(200);
      await s.drained();
      const [dead] = await s.deps.queue.deadLetters();
      expect(dead?.reason).toMatch(/^RULE_INVALID: rule "order-workspace": boId evaluated to the number 1187; ids must be text/);
    } finally {
      await s.stop();
    }
  });
});
