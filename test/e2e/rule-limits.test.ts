import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../helpers/stack.js';
import type { Stack } from '../helpers/stack.js';
import { fixture, postDelivery } from '../helpers/webhooks.js';

/** Issue 9 "rules cannot stall the process": a runaway expression fails its own job, naming the rule; other work goes on. */
describe('a rule whose expression runs away', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      overrides: {
        rules: {
          'runaway-check': {
            resource: 'order',
            workspace: 'order',
            criteria: { 'exponential audit': '($f := function($n){ $n > 0 ? $f($n - 1) + $f($n - 1) : 1 }; $f(40)) > 0' },
            boId: '$gidId(admin_graphql_api_id)',
            name: "'never'",
          },
        },
      },
    });
  });
  afterAll(async () => stack.stop());

  it('fails only its own job with a message naming the rule, while intake and the other rules go on', async () => {
    const order = fixture('orders-create.b2b-high-value.json').body;
    expect((await postDelivery(stack.url, 'orders/create', order)).status).toBe(200);
    await stack.drained();
    const dead = await stack.deps.queue.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason).toMatch(/^RULE_INVALID: rule "runaway-check": criterion "exponential audit": Evaluation timeout after 1000 milliseconds/);
    expect(dead[0]?.attempts).toBe(1);
    // The shipped order rule on the same change did its work.
    expect(await stack.otcs.workspacesFor('shopify_order', '5931282661421')).toHaveLength(1);
  }, 60_000);
});
