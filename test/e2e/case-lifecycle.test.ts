import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { RETURN_LIFECYCLE, RETURN_ORDER } from '../helpers/returns.js';
import { postDelivery } from '../helpers/webhooks.js';

const ORDER = RETURN_ORDER;
/** The five deliveries of a return's lifecycle, a minute apart as Shopify triggered them (returns carry no updated_at). */
const LIFECYCLE = RETURN_LIFECYCLE.map((d, i) => ({ ...d, triggeredAt: new Date(d.at).toISOString(), webhookId: `wh-${i}` }));

/** The case workspace as an administrator sees it through REST: attributes and each document's bytes. */
async function caseState(stack: Stack) {
  const [ws] = await stack.otcs.workspacesFor('shopify_case', 'return-7001');
  if (!ws) throw new Error('no case workspace');
  const docs: Record<string, string> = {};
  for (const folder of await stack.otcs.children(ws.id)) {
    for (const d of await stack.otcs.children(folder.id)) docs[`${folder.name}/${d.name}`] = (await stack.otcs.content(d.id)).toString('base64');
  }
  return { name: ws.name, values: await stack.otcs.categoryValuesByName(ws.id), docs, folders: (await stack.otcs.children(ws.id)).map((f) => f.name).sort() };
}

/**
 * Issue 10: order of arrival does not matter. The lifecycle is delivered to the connector (signed,
 * through POST /webhooks/shopify) in every order fast-check picks, with duplicates (the same webhook
 * again, or the same change under a new webhook id), each run on a fresh connector and xECM emulator;
 * every run ends in the state the in-order delivery gives.
 */
describe('a return lifecycle in any order (job 2)', () => {
  const deliver = async (stack: Stack, order: number[], dupIds: boolean[]) => {
    await postDelivery(stack.url, 'orders/create', ORDER);
    for (const [n, i] of order.entries()) {
      const d = LIFECYCLE[i];
      if (!d) continue;
      const r = await postDelivery(stack.url, d.topic, d.body, { triggeredAt: d.triggeredAt, ...(dupIds[n] === false ? {} : { webhookId: d.webhookId }) });
      expect(r.status).toBe(200);
    }
    await stack.drained();
  };

  it('ends in the same workspace state, whatever the order and duplicates', async () => {
    const ref = await startStack();
    let reference;
    try {
      await deliver(ref, [0, 1, 2, 3, 4], []);
      reference = await caseState(ref);
    } finally {
      await ref.stop();
    }
    expect(reference.values).toMatchObject({ Status: 'closed', 'Case Type': 'damaged-goods claim', Amount: '200.00' });
    expect(reference.values['Status History']).toHaveLength(5);
    expect(Object.keys(reference.docs)).toEqual(['Inspection Notes/Return summary.pdf']);

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(4), fc.nat(8)), { maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (perm, dups, sameWebhookId) => {
          const order = [...perm];
          for (const [which, at] of dups) order.splice(Math.min(at, order.length), 0, which);
          const stack = await startStack();
          try {
            await deliver(stack, order, sameWebhookId);
            expect(await caseState(stack)).toEqual(reference);
          } finally {
            await stack.stop();
          }
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});
