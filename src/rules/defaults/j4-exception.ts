/**
 * Job 4, order exception workspaces (DESIGN.md §1): a delay (`delayed` or `failure` fulfilment
 * event), a fulfilment hold, a partial fulfilment or a cancellation ensures one "Shopify Order
 * Exception" workspace per order, related to the order's workspace and updated as the exception
 * evolves. The rules read the exception's timeline (`timeline: exception`), folded by
 * rules/timeline.ts `exceptionView` into types, active, status, resolved, holdReasons, carrier,
 * trackingNumbers, openedAt, resolvedAt, history and one note per change (`notes`). An exception that
 * resolves is marked resolved, never deleted. `$orderId` is the change's order (hold webhooks name
 * none: the route job asks the Admin API).
 */
const EXCEPTION = {
  workspace: 'exception',
  timeline: 'exception',
  boId: '$orderId',
  criteria: { 'an exception': '$count(types) > 0' },
  name: "'Order ' & (order.name ? order.name : orderId) & ' exception'",
  attributes: {
    'Order Number': 'order.name',
    'Exception Type': '[types]',
    Status: 'status',
    Resolved: 'resolved',
    'Status History': "[history.(at & ' ' & status & (note ? ' (' & note & ')' : ''))]",
    Reason: "$join(holdReasons, ', ')",
    Carrier: 'carrier',
    'Tracking Numbers': '[trackingNumbers]',
    Opened: 'openedAt ? $utc(openedAt) : null',
    'Resolved On': 'resolvedAt ? $utc(resolvedAt) : null',
    Shop: '$shop',
  },
  documents: [
    { each: "notes[folder = 'Carrier Correspondence']", name: 'fileName', folder: 'Carrier Correspondence', render: 'exception-note' },
    { each: "notes[folder = 'Warehouse Notes']", name: 'fileName', folder: 'Warehouse Notes', render: 'exception-note' },
  ],
  relations: [{ to: 'order', boId: 'orderId', relType: 'parent' }],
} as const;

export const J4_EXCEPTION_RULES = {
  // Cancellations and partial fulfilments, and the order changes that resolve them.
  'exception-order': { ...EXCEPTION, resource: 'order' },
  // Carrier delays and failures (fulfillment_events/create), and the events that clear them.
  'exception-delay': { ...EXCEPTION, resource: 'fulfillment_event' },
  // Holds placed and released (fulfillment_orders/placed_on_hold|hold_released, fulfillment_holds/*).
  'exception-hold': { ...EXCEPTION, resource: 'fulfillment_order' },
} as const;
