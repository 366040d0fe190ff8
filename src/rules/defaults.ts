/**
 * The shipped rules (DESIGN.md §1 default criteria, §3 default model). They are the base layer of the
 * configuration: `shopify-xecm.yaml` overrides any part by name, e.g.
 *
 *   rules:
 *     order-workspace:
 *       criteria:
 *         high value: "$number(total_price) >= 2000"
 *
 * Expressions are JSONata (https://jsonata.org) evaluated against the change's payload (the REST
 * shape webhooks carry), with the helpers in rules/functions.ts bound ($money, $utc, $gidId, $tags,
 * $party, $shop).
 */
export const DEFAULT_RULES = {
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
      'Customer Email': "email ? email : (contact_email ? contact_email : customer.email)",
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
    relations: [{ to: 'account', boId: '$string(company.id)', when: '$exists(company) and company != null', relType: 'parent' }],
    communications: true,
    classify: true,
  },
  'account-workspace': {
    resource: 'company',
    workspace: 'account',
    criteria: {},
    boId: '$gidId(admin_graphql_api_id)',
    name: 'name',
    attributes: {
      'Account Name': 'name',
      'External ID': 'external_id',
      'Main Contact': 'main_contact_admin_graphql_api_id ? $gidId(main_contact_admin_graphql_api_id) : null',
      'Customer Since': '$utc(customer_since)',
      Shop: '$shop',
    },
    documents: [],
    relations: [],
  },
  // A B2B customer without a company (DESIGN.md §3: business object `customer-<id>`). Which customers
  // count as B2B is the merchant's call; the shipped criterion is a `b2b` tag.
  'account-customer': {
    resource: 'customer',
    workspace: 'account',
    criteria: { 'B2B tag': "'b2b' in $tags(tags).$lowercase($)" },
    boId: "'customer-' & $gidId(admin_graphql_api_id)",
    name: "$trim($join([first_name, last_name], ' ')) ? $trim($join([first_name, last_name], ' ')) : email",
    attributes: {
      'Account Name': "$trim($join([first_name, last_name], ' '))",
      'External ID': "$gidId(admin_graphql_api_id)",
      'Main Contact': 'email',
      'Tax Exempt': 'tax_exempt = true',
      'Customer Since': '$utc(created_at)',
      Shop: '$shop',
    },
    documents: [],
    relations: [],
  },
  // Company contacts belong to their company's account; the main contact is recorded on it. ($missing
  // is unbound: it selects nothing, so for other contacts the attribute is left as it is.)
  'account-contact': {
    resource: 'company_contact',
    workspace: 'account',
    criteria: {},
    boId: '$gidId(company.admin_graphql_api_id)',
    name: 'company.name',
    attributes: {
      'Main Contact': "company.main_contact_admin_graphql_api_id = admin_graphql_api_id ? ($gidId(customer_admin_graphql_api_id) & (title ? ' (' & title & ')' : '')) : $missing",
      Shop: '$shop',
    },
    documents: [],
    relations: [],
  },
  'account-location': {
    resource: 'company_location',
    workspace: 'account',
    criteria: {},
    boId: '$gidId(company.admin_graphql_api_id)',
    name: 'company.name',
    attributes: {
      Locations: '[name]',
      'Tax Registration': 'tax_registration.tax_id ? tax_registration.tax_id : tax_settings.tax_registration_id',
      'Tax Exempt': 'tax_settings.tax_exempt = true or $count(tax_exemptions) > 0',
      'Payment Terms': 'buyer_experience_configuration.payment_terms_template.name',
      Shop: '$shop',
    },
    /** Multi-value attributes gathered across events (a company has many locations). */
    mergeAttributes: ['Locations'],
    documents: [],
    relations: [],
  },
} as const;
