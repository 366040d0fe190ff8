/**
 * Internal records of the emulated shop. Ids are Shopify's numeric legacy ids (13 digits, safe as JS
 * numbers); money is held in integer cents; times in epoch milliseconds. GraphQL views and REST-shaped
 * webhook payloads are both derived from these.
 */

export interface AddressRec {
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  country: string;
  countryCode: string;
  zip: string;
  phone: string | null;
}

export interface CustomerRec {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  tags: string[];
  note: string | null;
  taxExempt: boolean;
  address: AddressRec;
  addressId: number;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyRec {
  id: number;
  name: string;
  externalId: string | null;
  note: string | null;
  customerSince: number;
  mainContactId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyLocationRec {
  id: number;
  companyId: number;
  name: string;
  externalId: string | null;
  phone: string | null;
  locale: string;
  note: string | null;
  address: AddressRec;
  addressId: number;
  taxExempt: boolean;
  taxRegistrationId: string | null;
  paymentTermsName: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyContactRec {
  id: number;
  companyId: number;
  customerId: number;
  title: string | null;
  locale: string;
  createdAt: number;
  updatedAt: number;
}

export interface MetafieldRec {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: number;
  updatedAt: number;
}

export interface VariantRec {
  id: number;
  title: string;
  sku: string;
  priceCents: number;
  barcode: string | null;
  position: number;
  inventoryQuantity: number;
  inventoryItemId: number;
  /**
   * The inventory item's customs data (GraphQL InventoryItem `harmonizedSystemCode`,
   * `countryCodeOfOrigin`, `provinceCodeOfOrigin`); absent in state saved by an older emulator.
   */
  harmonizedSystemCode?: string | null;
  countryCodeOfOrigin?: string | null;
  provinceCodeOfOrigin?: string | null;
  /** When the inventory item last changed (epoch ms); the variant's createdAt when never. */
  inventoryItemUpdatedAt?: number;
  options: string[];
  grams: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProductRec {
  id: number;
  title: string;
  handle: string;
  bodyHtml: string;
  productType: string;
  vendor: string;
  status: 'active' | 'draft' | 'archived';
  tags: string[];
  optionNames: string[];
  variants: VariantRec[];
  metafields: MetafieldRec[];
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A tax charged on a line item or a shipping line (REST `tax_lines[]`, GraphQL `TaxLine`). */
export interface TaxLineRec {
  title: string;
  /** e.g. 0.08 */
  rate: number;
  priceCents: number;
  channelLiable: boolean;
}

/**
 * The discount code an order was created with (orderCreate `discountCode`), as REST
 * `discount_codes[].type` names its kinds. Its amount lives in the allocations: each line item's
 * `discountCents` and the order's `shippingDiscountCents`.
 */
export interface DiscountCodeRec {
  code: string;
  type: 'fixed_amount' | 'percentage' | 'shipping';
  /** Cents for `fixed_amount`; percent (10 = 10 %) for `percentage` and `shipping` (100). */
  value: number;
}

export interface LineItemRec {
  id: number;
  productId: number | null;
  variantId: number | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  priceCents: number;
  grams: number;
  properties: Array<{ name: string; value: string }>;
  /** Tax lines given at creation; absent: the order's `taxRate` applies (see pricing.ts). */
  taxLines?: TaxLineRec[];
  /** The share of the order's discount code allocated to this line (absent: none). */
  discountCents?: number;
}

export type FinancialStatus = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

export interface OrderRec {
  id: number;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  customerId: number | null;
  company: { companyId: number; locationId: number; contactId: number | null } | null;
  paymentTerms: { id: number; scheduleId: number; name: string; dueInDays: number } | null;
  poNumber: string | null;
  note: string | null;
  noteAttributes: Array<{ name: string; value: string }>;
  tags: string[];
  currency: string;
  lineItems: LineItemRec[];
  shippingTitle: string;
  shippingLineId: number;
  shippingCents: number;
  /** e.g. 0.08 */
  taxRate: number;
  /** Title of the tax `taxRate` stands for (absent: "State Tax"). */
  taxTitle?: string;
  /** Absent on orders created without one. */
  discountCode?: DiscountCodeRec | null;
  /** The part of the shipping price the discount code took off (absent: none). */
  shippingDiscountCents?: number;
  /** Taxes charged on shipping (absent: none). */
  shippingTaxLines?: TaxLineRec[];
  financialStatus: FinancialStatus;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  sourceName: string;
  billingAddress: AddressRec | null;
  shippingAddress: AddressRec | null;
  token: string;
  confirmationNumber: string;
  processedAt: number;
  createdAt: number;
  updatedAt: number;
  /** Staff timeline comments (added in the admin; the Admin API only reads them, as Order.events). */
  comments?: Array<{ id: number; message: string; author: string; createdAt: number }>;
}

export interface FulfillmentHoldRec {
  id: number;
  reason: string;
  reasonNotes: string | null;
  handle: string | null;
}

export interface FulfillmentOrderLineItemRec {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRec {
  id: number;
  orderId: number;
  status: 'open' | 'in_progress' | 'on_hold' | 'closed' | 'cancelled' | 'scheduled' | 'incomplete';
  holds: FulfillmentHoldRec[];
  lineItems: FulfillmentOrderLineItemRec[];
  createdAt: number;
  updatedAt: number;
}

export interface FulfillmentEventRec {
  id: number;
  status: string;
  message: string | null;
  happenedAt: number;
  estimatedDeliveryAt: number | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  address1?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  createdAt: number;
}

export interface FulfillmentRec {
  id: number;
  orderId: number;
  name: string;
  status: 'success' | 'cancelled' | 'pending' | 'open' | 'error' | 'failure';
  lineItems: Array<{ id: number; lineItemId: number; quantity: number }>;
  fulfillmentOrderIds: number[];
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shipmentStatus: string | null;
  events: FulfillmentEventRec[];
  createdAt: number;
  updatedAt: number;
}

export interface RefundRec {
  id: number;
  orderId: number;
  returnId: number | null;
  note: string | null;
  restock: boolean;
  lineItems: Array<{ id: number; lineItemId: number; quantity: number; restockType: string; subtotalCents: number; taxCents: number }>;
  shippingCents: number;
  /** Tax refunded with the shipping (absent: none). */
  shippingTaxCents?: number;
  transaction: RefundTransactionRec | null;
  /**
   * What makes the lines' total up to the amount refunded: `amountCents` = calculated − refunded
   * (negative when more was refunded than the lines come to), as Shopify's `order_adjustments`.
   */
  adjustments?: Array<{ id: number; kind: 'refund_discrepancy'; amountCents: number; taxCents: number; reason: string | null }>;
  createdAt: number;
}

export interface RefundTransactionRec {
  id: number;
  amountCents: number;
  gateway: string;
  parentId?: number | null;
}

export type ReturnStatus = 'requested' | 'open' | 'closed' | 'declined' | 'canceled';

export interface ReturnRec {
  id: number;
  orderId: number;
  name: string;
  status: ReturnStatus;
  lineItems: Array<{
    id: number;
    fulfillmentLineItemId: number;
    lineItemId: number;
    quantity: number;
    reason: string;
    reasonNote: string;
    customerNote: string | null;
    /** Quantity confirmed by returnProcess (absent: none). */
    processedQuantity?: number;
  }>;
  requestApprovedAt: number | null;
  /** Why the merchant declined the request (ReturnDeclineReason, lower-case). */
  decline?: { reason: string; note: string | null };
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DisputeRec {
  id: number;
  orderId: number | null;
  type: 'chargeback' | 'inquiry';
  amountCents: number;
  currency: string;
  reason: string;
  networkReasonCode: string;
  status: 'needs_response' | 'under_review' | 'charge_refunded' | 'accepted' | 'won' | 'lost' | 'prevented';
  evidenceDueBy: number | null;
  evidenceSentOn: number | null;
  finalizedOn: number | null;
  initiatedAt: number;
  updatedAt: number;
}

export interface WebhookSubscriptionRec {
  id: number;
  /** Slash form, e.g. `orders/create`. */
  topic: string;
  uri: string;
  name: string | null;
  filter: string | null;
  includeFields: string[];
  /** Declared at start (like shopify.app.toml) rather than through the Admin API. */
  appLevel: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface BulkOperationRec {
  id: number;
  type: 'query' | 'mutation';
  status: 'created' | 'running' | 'completed' | 'failed' | 'canceled';
  query: string;
  errorCode: string | null;
  objectCount: number;
  rootObjectCount: number;
  /** Bytes of the JSONL result; the file itself is the bulk runner's (bulk.ts), served at /emulator/bulk/:id.jsonl */
  fileSize: number | null;
  createdAt: number;
  completedAt: number | null;
}

/** Everything the shop holds; serialisable as JSON (the SQLite snapshot). */
export interface ShopData {
  seq: Record<string, number>;
  nextOrderNumber: number;
  customers: CustomerRec[];
  companies: CompanyRec[];
  companyLocations: CompanyLocationRec[];
  companyContacts: CompanyContactRec[];
  products: ProductRec[];
  orders: OrderRec[];
  fulfillmentOrders: FulfillmentOrderRec[];
  fulfillments: FulfillmentRec[];
  refunds: RefundRec[];
  returns: ReturnRec[];
  disputes: DisputeRec[];
  webhookSubscriptions: WebhookSubscriptionRec[];
  bulkOperations: BulkOperationRec[];
}
