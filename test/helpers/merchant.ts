/** The Admin API as the merchant calls it (ShopStack.graphql). */
type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * The merchant sells one paid line to a new customer, ships it, and the customer asks to return it
 * as defective (a damaged-goods claim): orderCreate, fulfillmentCreate, returnRequest, all through
 * the Admin API, which sends the webhooks Shopify would.
 */
export async function sellShipAndReturn(
  gql: Gql,
  o: { email: string; firstName: string; lastName: string; title: string; sku: string; amount: string },
): Promise<{ gid: string; id: string; name: string; returnId: string }> {
  const created = await gql<{ orderCreate: { order: { id: string; name: string } } }>(
    `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name } userErrors { message } } }`,
    {
      order: {
        email: o.email,
        currency: 'USD',
        financialStatus: 'PAID',
        customer: { toUpsert: { email: o.email, firstName: o.firstName, lastName: o.lastName } },
        lineItems: [{ title: o.title, sku: o.sku, quantity: 1, priceSet: { shopMoney: { amount: o.amount, currencyCode: 'USD' } } }],
      },
    },
  );
  const gid = created.orderCreate.order.id;
  const fo = await gql<{ order: { fulfillmentOrders: { nodes: Array<{ id: string }> } } }>(
    'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id } } } }',
    {
      id: gid,
    },
  );
  await gql('mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }', {
    f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.order.fulfillmentOrders.nodes[0]?.id }], trackingInfo: { company: 'UPS', number: '1Z777' } },
  });
  const fli = await gql<{ order: { fulfillments: Array<{ fulfillmentLineItems: { nodes: Array<{ id: string }> } }> } }>(
    'query($id: ID!) { order(id: $id) { fulfillments { fulfillmentLineItems(first: 5) { nodes { id } } } } }',
    { id: gid },
  );
  const req = await gql<{ returnRequest: { return: { id: string } } }>(
    'mutation($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id } userErrors { message } } }',
    {
      i: {
        orderId: gid,
        returnLineItems: [{ fulfillmentLineItemId: fli.order.fulfillments[0]?.fulfillmentLineItems.nodes[0]?.id, quantity: 1, returnReason: 'DEFECTIVE' }],
      },
    },
  );
  return { gid, id: gid.split('/').pop() ?? '', name: created.orderCreate.order.name, returnId: req.returnRequest.return.id.split('/').pop() ?? '' };
}
