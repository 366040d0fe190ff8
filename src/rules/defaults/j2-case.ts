/**
 * Job 2, case workspaces (DESIGN.md §1): one "Shopify Case" workspace per return, refund and
 * dispute, related to its order's workspace and its customer account's. These rules read the case's
 * timeline (`timeline: case`): every change of the case folded in Shopify's time order into the view
 * rules/timeline.ts `caseView` builds (kind, number, title, status, open, reasons, amount, currency,
 * openedAt, closedAt, evidenceDueBy, lines, transactions, dispute, history, and the order's facts
 * under `order`), so a lifecycle delivered in any order ends in one state.
 *
 * A damaged-goods claim is a return with a line reason `defective` or `not_as_described`, or whose
 * order carries the tag `damaged`: its Case Type says so and it gets the claim folder. Change the
 * words here (both places) to change what counts.
 */
const DAMAGED = "kind = 'return' and ($count(reasons[$ in ['defective', 'not_as_described']]) > 0 or 'damaged' in order.tags)";

// Document names are fixed (the workspace names the case): a return's name may arrive after its
// first change, and a name taken from it would leave a second document behind.
const CASE = {
  workspace: 'case',
  timeline: 'case',
  criteria: {},
  boId: 'caseId',
  name: "title & (order.name ? ' – Order ' & order.name : '')",
  attributes: {
    'Case Type': `kind = 'dispute' ? (dispute.type ? dispute.type : 'dispute') : (${DAMAGED} ? 'damaged-goods claim' : kind)`,
    'Case Number': 'number',
    'Order Number': 'order.name',
    Customer: 'order.customer',
    Status: 'status',
    'Status History': "[history.(at & ' ' & status & (note ? ' (' & note & ')' : ''))]",
    Reason: "$join(reasons, ', ')",
    Amount: 'amount',
    Currency: 'currency',
    Opened: 'openedAt ? $utc(openedAt) : null',
    Closed: 'closedAt ? $utc(closedAt) : null',
    'Evidence Due': 'evidenceDueBy ? $utc(evidenceDueBy) : null',
    Shop: '$shop',
  },
  folders: [{ name: 'Damage Claim', when: DAMAGED }],
  relations: [
    { to: 'order', boId: 'orderId', relType: 'parent' },
    { to: 'account', boId: 'order.companyId', relType: 'parent' },
  ],
  classify: true,
} as const;

export const J2_CASE_RULES = {
  'case-return': {
    ...CASE,
    resource: 'return',
    boId: "'return-' & $gidId(admin_graphql_api_id)",
    documents: [{ name: "'Return summary.pdf'", folder: 'Inspection Notes', render: 'return-summary' }],
  },
  'case-refund': {
    ...CASE,
    resource: 'refund',
    boId: "'refund-' & $gidId(admin_graphql_api_id)",
    documents: [{ name: "'Refund record.pdf'", folder: 'Refund Approvals', render: 'refund-record' }],
  },
  // Disputes carry no GID: the id is read from the raw JSON text (never a parsed number).
  'case-dispute': {
    ...CASE,
    resource: 'dispute',
    boId: "'dispute-' & $string(id)",
    documents: [{ name: "'Dispute summary.pdf'", folder: 'Correspondence', render: 'dispute-summary' }],
  },
} as const;
