/**
 * Job 7, archive (DESIGN.md §1): every order, with or without a workspace, is archived once it
 * reaches one of these states: its confirmation, payment record, refund records and communications,
 * rendered from the order read in full, with a manifest of SHA-256 checksums. Expressions are
 * JSONata over the order's REST payload (webhook, sync or backfill), like the other rules.
 */
export const J7_ARCHIVE = {
  enabled: true,
  when: {
    'paid and fulfilled': "financial_status in ['paid', 'partially_refunded'] and fulfillment_status = 'fulfilled'",
    closed: '$exists(closed_at) and closed_at != null',
    refunded: "financial_status = 'refunded'",
  },
  /** Orders without a workspace go under this folder path (from the Enterprise Workspace), by year and month. */
  root: 'Shopify Archive',
} as const;
