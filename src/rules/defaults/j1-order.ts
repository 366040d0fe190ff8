/**
 * Job 1, order workspace (DESIGN.md §1): an order that is high value, B2B or custom gets a "Shopify
 * Order" workspace with its confirmation, snapshot and communications, related to its account and
 * to the product workspaces of its line items.
 * Expressions are JSONata over the order's REST payload; helpers in rules/functions.ts.
 */
export const J1_ORDER_RULES = {
  'order-workspace': {
    resource: 'order',
    workspace: 'order',
    criteria: {
      'high value': '$number(total_price) >= 5000',
      B2B: '$exists(company) and company != null',
      'custom tag': "'custom' in $tags(tags)",
      'custom line items': '$count(line_items[$count(properties) > 0]) > 0',
    },
    boId: '$gidId(admin_graphql_api_id)',
    name: "'Order ' & name & ' – ' & $party($)",
    attributes: {
      'Order Number': "$string(order_number ? order_number : $substringAfter(name, '#'))",
      'Order Name': 'name',
      Shop: '$shop',
      Customer: "$trim($join([customer.first_name, customer.last_name], ' '))",
      'Customer Email': 'email ? email : (contact_email ? contact_email : customer.email)',
      Company: 'billing_address.company ? billing_address.company : customer.default_address.company',
      'PO Number': 'po_number',
      Total: '$money(current_total_price ? current_total_price : total_price)',
      Currency: 'currency',
      'Financial Status': 'financial_status',
      'Fulfillment Status': "fulfillment_status ? fulfillment_status : 'unfulfilled'",
      'Order Date': '$utc(created_at)',
      Tags: '$tags(tags)',
      B2B: '$exists(company) and company != null',
    },
    documents: [
      { name: "name & ' confirmation.pdf'", folder: 'Confirmation and Invoices', render: 'order-confirmation' },
      { name: "name & ' snapshot.json'", folder: 'Archive', render: 'order-snapshot' },
    ],
    relations: [
      { to: 'account', boId: '$string(company.id)', when: '$exists(company) and company != null', relType: 'parent' },
      // The product workspaces (job 5) of its line items. A product without one waits at most 30 days,
      // and no longer once its rule has judged it not regulated.
      { to: 'product', boId: '$distinct(line_items[product_id != null].$string(product_id))', relType: 'parent', waitDays: 30 },
    ],
    followUps: ['order-communications'],
    classify: true,
  },
} as const;
