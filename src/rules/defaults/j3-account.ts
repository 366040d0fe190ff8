/**
 * Job 3, customer account sync (DESIGN.md §1): companies, their locations and contacts, and B2B
 * customers without a company, each kept in one "Shopify Customer Account" workspace.
 */
export const J3_ACCOUNT_RULES = {
  // The company's own fields. Its main contact is written by account-contact alone, in one format
  // (customer id and title), so that the order in which a burst of changes lands cannot change it.
  'account-workspace': {
    resource: 'company',
    workspace: 'account',
    criteria: {},
    boId: '$gidId(admin_graphql_api_id)',
    name: 'name',
    attributes: {
      'Account Name': 'name',
      'External ID': 'external_id',
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
      'External ID': '$gidId(admin_graphql_api_id)',
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
      'Main Contact':
        "company.main_contact_admin_graphql_api_id = admin_graphql_api_id ? ($gidId(customer_admin_graphql_api_id) & (title ? ' (' & title & ')' : '')) : $missing",
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
