/**
 * Shop operations on records, shared by the seeding and the Admin API mutations, so that seeded
 * and runtime-created data have the same shape. Each takes the time it happens (`at`, ms); none
 * sends webhooks (the mutation layer does).
 */
import { allocate, orderPricing, refundLineAmounts } from './pricing.js';
import type { ShopState } from './state.js';
import type {
  AddressRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CustomerRec,
  DiscountCodeRec,
  DisputeRec,
  FinancialStatus,
  FulfillmentEventRec,
  FulfillmentHoldRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  LineItemRec,
  MetafieldRec,
  OrderRec,
  ProductRec,
  RefundRec,
  ReturnRec,
  TaxLineRec,
  VariantRec,
} from './types.js';

/** An expected failure, reported to API callers as a `userErrors` entry. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field: string[] | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export interface CustomerInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  tags?: string[];
  note?: string | null;
  taxExempt?: boolean;
  address?: AddressRec;
}

const DEFAULT_ADDRESS: AddressRec = {
  firstName: '',
  lastName: '',
  company: null,
  address1: '1 Main Street',
  address2: null,
  city: 'Pittsburgh',
  province: 'Pennsylvania',
  provinceCode: 'PA',
  country: 'United States',
  countryCode: 'US',
  zip: '15222',
  phone: null,
};

export function createCustomer(s: ShopState, input: CustomerInput, at: number): CustomerRec {
  if (s.data.customers.some((c) => c.email.toLowerCase() === input.email.toLowerCase())) {
    throw new DomainError('Email has already been taken', ['email'], 'TAKEN');
  }
  const c: CustomerRec = {
    id: s.nextId('Customer'),
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    phone: input.phone ?? null,
    tags: input.tags ?? [],
    note: input.note ?? null,
    taxExempt: input.taxExempt ?? false,
    address: { ...(input.address ?? DEFAULT_ADDRESS), firstName: input.firstName, lastName: input.lastName },
    addressId: s.nextId('MailingAddress'),
    createdAt: at,
    updatedAt: at,
  };
  return s.customers.insert(c);
}

export interface CompanyInput {
  name: string;
  externalId?: string | null;
  note?: string | null;
  customerSince?: number;
}

export function createCompany(s: ShopState, input: CompanyInput, at: number): CompanyRec {
  if (!input.name.trim()) throw new DomainError("Name can't be blank", ['input', 'company', 'name'], 'BLANK');
  if (input.externalId && s.data.companies.some((c) => c.externalId === input.externalId)) {
    throw new DomainError('External Id has already been taken', ['input', 'company', 'externalId'], 'TAKEN');
  }
  return s.companies.insert({
    id: s.nextId('Company'),
    name: input.name,
    externalId: input.externalId ?? null,
    note: input.note ?? null,
    customerSince: input.customerSince ?? at,
    mainContactId: null,
    createdAt: at,
    updatedAt: at,
  });
}

export interface LocationInput {
  name: string;
  externalId?: string | null;
  phone?: string | null;
  locale?: string;
  note?: string | null;
  address?: AddressRec;
  taxExempt?: boolean;
  taxRegistrationId?: string | null;
  paymentTermsName?: string | null;
}

export function createCompanyLocation(s: ShopState, company: CompanyRec, input: LocationInput, at: number): CompanyLocationRec {
  const loc = s.companyLocations.insert({
    id: s.nextId('CompanyLocation'),
    companyId: company.id,
    name: input.name,
    externalId: input.externalId ?? null,
    phone: input.phone ?? null,
    locale: input.locale ?? 'en',
    note: input.note ?? null,
    address: { ...(input.address ?? DEFAULT_ADDRESS), company: company.name },
    addressId: s.nextId('CompanyAddress'),
    taxExempt: input.taxExempt ?? false,
    taxRegistrationId: input.taxRegistrationId ?? null,
    paymentTermsName: input.paymentTermsName ?? null,
    createdAt: at,
    updatedAt: at,
  });
  company.updatedAt = at;
  return loc;
}

export function createCompanyContact(
  s: ShopState,
  company: CompanyRec,
  input: CustomerInput & { title?: string | null; locale?: string },
  at: number,
): { contact: CompanyContactRec; customer: CustomerRec; customerCreated: boolean } {
  const existing = s.data.customers.find((c) => c.email.toLowerCase() === input.email.toLowerCase());
  const customer = existing ?? createCustomer(s, input, at);
  const contact = s.companyContacts.insert({
    id: s.nextId('CompanyContact'),
    companyId: company.id,
    customerId: customer.id,
    title: input.title ?? null,
    locale: input.locale ?? 'en',
    createdAt: at,
    updatedAt: at,
  });
  if (company.mainContactId === null) company.mainContactId = contact.id;
  company.updatedAt = at;
  return { contact, customer, customerCreated: !existing };
}

export interface ProductInput {
  title: string;
  handle?: string;
  bodyHtml?: string;
  productType?: string;
  vendor?: string;
  status?: ProductRec['status'];
  tags?: string[];
  optionName?: string;
  variants?: Array<VariantInput & { title: string; sku: string; priceCents: number }>;
  metafields?: Array<{ namespace: string; key: string; type: string; value: string }>;
}

/** The InventoryItemInput fields the emulator keeps: the SKU and the customs data (HS code, origin). */
export interface InventoryItemInput {
  sku?: string | null;
  harmonizedSystemCode?: string | null;
  countryCodeOfOrigin?: string | null;
  provinceCodeOfOrigin?: string | null;
}

/** A variant as productSet and productVariantsBulk* give it (ProductVariantSetInput / ProductVariantsBulkInput). */
export interface VariantInput {
  title?: string;
  sku?: string;
  priceCents?: number;
  barcode?: string | null;
  inventoryQuantity?: number;
  grams?: number;
  inventoryItem?: InventoryItemInput;
}

/** Shopify: "Harmonized system code must be a number between 6 and 13 digits" (InventoryItemInput.harmonizedSystemCode). */
const HS_CODE = /^\d{6,13}$/;

/**
 * Applies an InventoryItemInput to a variant's inventory item (the emulator keeps it on the variant).
 * A null or empty value clears the field. `field` is where the input sits, for the user error.
 */
export function updateInventoryItem(v: VariantRec, input: InventoryItemInput, at: number, field: string[] = ['input']): void {
  const hs = input.harmonizedSystemCode;
  if (hs !== undefined && hs !== null && hs !== '' && !HS_CODE.test(hs.replace(/\./g, ''))) {
    throw new DomainError('Harmonized system code must be a number between 6 and 13 digits', [...field, 'harmonizedSystemCode'], 'INVALID_INPUT');
  }
  if (input.sku !== undefined) v.sku = input.sku ?? '';
  if (hs !== undefined) v.harmonizedSystemCode = hs ? hs.replace(/\./g, '') : null;
  if (input.countryCodeOfOrigin !== undefined) v.countryCodeOfOrigin = input.countryCodeOfOrigin || null;
  if (input.provinceCodeOfOrigin !== undefined) v.provinceCodeOfOrigin = input.provinceCodeOfOrigin || null;
  v.inventoryItemUpdatedAt = at;
}

/** A new variant of a product (with a new inventory item). */
export function newVariant(s: ShopState, input: VariantInput, position: number, at: number, field: string[] = ['variants']): VariantRec {
  const title = input.title && input.title !== '' ? input.title : 'Default Title';
  const v: VariantRec = {
    id: s.nextId('ProductVariant'),
    title,
    sku: input.sku ?? '',
    priceCents: input.priceCents ?? 0,
    barcode: input.barcode ?? null,
    position,
    inventoryQuantity: input.inventoryQuantity ?? 0,
    inventoryItemId: s.nextId('InventoryItem'),
    harmonizedSystemCode: null,
    countryCodeOfOrigin: null,
    provinceCodeOfOrigin: null,
    inventoryItemUpdatedAt: at,
    options: [title],
    grams: input.grams ?? 0,
    createdAt: at,
    updatedAt: at,
  };
  if (input.inventoryItem) updateInventoryItem(v, input.inventoryItem, at, [...field, 'inventoryItem']);
  return v;
}

/** Changes an existing variant (productVariantsBulkUpdate, productSet with a variant id). */
export function updateVariant(v: VariantRec, input: VariantInput, at: number, field: string[] = ['variants']): void {
  if (input.title !== undefined && input.title !== '') {
    v.title = input.title;
    v.options = [input.title];
  }
  if (input.sku !== undefined) v.sku = input.sku;
  if (input.priceCents !== undefined) v.priceCents = input.priceCents;
  if (input.barcode !== undefined) v.barcode = input.barcode;
  if (input.inventoryItem) updateInventoryItem(v, input.inventoryItem, at, [...field, 'inventoryItem']);
  v.updatedAt = at;
}

export const handleize = (t: string): string =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function createProduct(s: ShopState, input: ProductInput, at: number): ProductRec {
  if (!input.title.trim()) throw new DomainError("Title can't be blank", ['title']);
  const id = s.nextId('Product');
  const variantsIn = input.variants && input.variants.length > 0 ? input.variants : [{ title: 'Default Title', sku: '', priceCents: 0 }];
  const variants: VariantRec[] = variantsIn.map((v, i) => newVariant(s, v, i + 1, at, ['variants', String(i)]));
  let handle = input.handle ?? handleize(input.title);
  if (s.data.products.some((p) => p.handle === handle)) handle = `${handle}-${id % 1000}`;
  return s.products.insert({
    id,
    title: input.title,
    handle,
    bodyHtml: input.bodyHtml ?? '',
    productType: input.productType ?? '',
    vendor: input.vendor ?? 'Acme Industrial',
    status: input.status ?? 'active',
    tags: input.tags ?? [],
    optionNames: [input.optionName ?? 'Title'],
    variants,
    metafields: (input.metafields ?? []).map((m) => ({ id: s.nextId('Metafield'), ...m, createdAt: at, updatedAt: at })),
    publishedAt: input.status === 'draft' ? null : at,
    createdAt: at,
    updatedAt: at,
  });
}

/** Sets (upserts) metafields by namespace and key. */
export function setMetafields(
  s: ShopState,
  owner: { metafields: MetafieldRec[] },
  input: Array<{ namespace: string; key: string; type?: string; value: string }>,
  at: number,
): void {
  for (const m of input) {
    const existing = owner.metafields.find((x) => x.namespace === m.namespace && x.key === m.key);
    if (existing) {
      existing.value = m.value;
      if (m.type) existing.type = m.type;
      existing.updatedAt = at;
    } else {
      owner.metafields.push({
        id: s.nextId('Metafield'),
        namespace: m.namespace,
        key: m.key,
        type: m.type ?? 'single_line_text_field',
        value: m.value,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
}

/** A tax line as given at creation; without a price it is the rate of what it taxes (after discounts). */
export interface TaxLineInput {
  title: string;
  rate: number;
  priceCents?: number;
  channelLiable?: boolean;
}

/** orderCreate's `discountCode`: item fixed / item percentage / free shipping. */
export type DiscountCodeInput =
  { type: 'fixed_amount'; code: string; amountCents: number } | { type: 'percentage'; code: string; percentage: number } | { type: 'shipping'; code: string };

export interface OrderInput {
  customerId: number | null;
  email?: string | null;
  company?: { locationId: number; contactId?: number | null } | null;
  lineItems: Array<{
    variantId?: number | null;
    productId?: number | null;
    title?: string;
    sku?: string | null;
    quantity: number;
    priceCents?: number;
    properties?: Array<{ name: string; value: string }>;
    variantTitle?: string | null;
    vendor?: string | null;
    grams?: number;
    taxLines?: TaxLineInput[];
  }>;
  discountCode?: DiscountCodeInput | null;
  shippingTaxLines?: TaxLineInput[];
  taxTitle?: string;
  tags?: string[];
  note?: string | null;
  noteAttributes?: Array<{ name: string; value: string }>;
  poNumber?: string | null;
  financialStatus?: FinancialStatus;
  shippingCents?: number;
  shippingTitle?: string;
  taxRate?: number;
  currency?: string;
  sourceName?: string;
  billingAddress?: AddressRec | null;
  shippingAddress?: AddressRec | null;
  name?: string;
  processedAt?: number;
}

export function createOrder(s: ShopState, input: OrderInput, at: number): { order: OrderRec; fulfillmentOrder: FulfillmentOrderRec } {
  if (input.lineItems.length === 0) throw new DomainError('Line items must have at least one line item', ['order', 'lineItems'], 'INVALID');
  const lineItems: LineItemRec[] = input.lineItems.map((li, i) => {
    if (li.quantity <= 0) throw new DomainError('Quantity must be greater than 0', ['order', 'lineItems', String(i), 'quantity'], 'INVALID');
    let product: ProductRec | undefined;
    let variant: VariantRec | undefined;
    if (li.variantId != null) {
      product = s.data.products.find((p) => p.variants.some((v) => v.id === li.variantId));
      variant = product?.variants.find((v) => v.id === li.variantId);
      if (!variant) throw new DomainError('Variant does not exist', ['order', 'lineItems', String(i), 'variantId'], 'INVALID');
    } else if (li.productId != null) {
      product = s.products.get(li.productId);
      variant = product?.variants[0];
    }
    if (!variant && !li.title) throw new DomainError('Title is required for a custom line item', ['order', 'lineItems', String(i), 'title'], 'INVALID');
    return {
      id: s.nextId('LineItem'),
      productId: product?.id ?? null,
      variantId: variant?.id ?? null,
      title: li.title ?? product?.title ?? 'Custom item',
      variantTitle: li.variantTitle ?? (variant && variant.title !== 'Default Title' ? variant.title : null),
      sku: li.sku ?? variant?.sku ?? null,
      vendor: li.vendor ?? product?.vendor ?? null,
      quantity: li.quantity,
      priceCents: li.priceCents ?? variant?.priceCents ?? 0,
      grams: li.grams ?? variant?.grams ?? 0,
      properties: li.properties ?? [],
    };
  });
  const shippingCents = input.shippingCents ?? 0;
  const { discountCode, shippingDiscountCents } = applyDiscountCode(lineItems, shippingCents, input.discountCode ?? null);
  // Tax lines given without a price tax what they apply to, after its discounts.
  const priced = (given: TaxLineInput[], base: number): TaxLineRec[] =>
    given.map((t) => ({ title: t.title, rate: t.rate, priceCents: t.priceCents ?? Math.round(base * t.rate), channelLiable: t.channelLiable ?? false }));
  input.lineItems.forEach((li, i) => {
    const rec = lineItems[i];
    if (rec && li.taxLines && li.taxLines.length > 0) rec.taxLines = priced(li.taxLines, rec.priceCents * rec.quantity - (rec.discountCents ?? 0));
  });
  const shippingTaxLines = priced(input.shippingTaxLines ?? [], shippingCents - shippingDiscountCents);
  let company: OrderRec['company'] = null;
  let paymentTerms: OrderRec['paymentTerms'] = null;
  if (input.company) {
    const loc = s.companyLocations.get(input.company.locationId);
    if (!loc) throw new DomainError('Company location does not exist', ['order', 'companyLocationId'], 'INVALID');
    const contactId = input.company.contactId ?? s.contactsOf(loc.companyId).find((c) => c.customerId === input.customerId)?.id ?? null;
    company = { companyId: loc.companyId, locationId: loc.id, contactId };
    if (loc.paymentTermsName) {
      const days = Number(/\d+/.exec(loc.paymentTermsName)?.[0] ?? 30);
      paymentTerms = { id: s.nextId('PaymentTerms'), scheduleId: s.nextId('PaymentSchedule'), name: loc.paymentTermsName, dueInDays: days };
    }
  }
  const customer = input.customerId === null ? undefined : s.customers.get(input.customerId);
  if (input.customerId !== null && !customer) throw new DomainError('Customer does not exist', ['order', 'customerId'], 'INVALID');
  const number = s.data.nextOrderNumber++;
  const id = s.nextId('Order');
  const addr = input.shippingAddress ?? customer?.address ?? null;
  const order: OrderRec = {
    id,
    number,
    name: input.name ?? `#${number}`,
    email: input.email ?? customer?.email ?? null,
    phone: customer?.phone ?? null,
    customerId: customer?.id ?? null,
    company,
    paymentTerms,
    poNumber: input.poNumber ?? null,
    note: input.note ?? null,
    noteAttributes: input.noteAttributes ?? [],
    tags: input.tags ?? [],
    currency: input.currency ?? 'USD',
    lineItems,
    shippingTitle: input.shippingTitle ?? 'Standard',
    shippingLineId: s.nextId('ShippingLine'),
    shippingCents,
    taxRate: input.taxRate ?? 0.08,
    ...(input.taxTitle ? { taxTitle: input.taxTitle } : {}),
    ...(discountCode ? { discountCode } : {}),
    ...(shippingDiscountCents > 0 ? { shippingDiscountCents } : {}),
    ...(shippingTaxLines.length > 0 ? { shippingTaxLines } : {}),
    financialStatus: input.financialStatus ?? (paymentTerms ? 'pending' : 'paid'),
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    sourceName: company ? 'shopify_draft_order' : 'web',
    billingAddress: input.billingAddress ?? addr,
    shippingAddress: addr,
    token: (id * 2654435761).toString(16).padStart(32, '0').slice(-32),
    confirmationNumber: id.toString(36).toUpperCase().slice(-9),
    processedAt: input.processedAt ?? at,
    createdAt: at,
    updatedAt: at,
  };
  s.orders.insert(order);
  const fulfillmentOrder = s.fulfillmentOrders.insert({
    id: s.nextId('FulfillmentOrder'),
    orderId: id,
    status: 'open',
    holds: [],
    lineItems: lineItems.map((li) => ({
      id: s.nextId('FulfillmentOrderLineItem'),
      lineItemId: li.id,
      totalQuantity: li.quantity,
      remainingQuantity: li.quantity,
    })),
    createdAt: at,
    updatedAt: at,
  });
  if (customer) customer.updatedAt = at;
  return { order, fulfillmentOrder };
}

/**
 * Applies a discount code the way Shopify's orderCreate does: an item code is spread across the
 * line items (a fixed amount in proportion to their prices, a percentage off each), a free-shipping
 * code takes the whole shipping price. Sets the lines' `discountCents`.
 */
function applyDiscountCode(
  lineItems: LineItemRec[],
  shippingCents: number,
  input: DiscountCodeInput | null,
): { discountCode: DiscountCodeRec | null; shippingDiscountCents: number } {
  if (!input) return { discountCode: null, shippingDiscountCents: 0 };
  if (!input.code.trim()) throw new DomainError("Code can't be blank", ['order', 'discountCode'], 'INVALID');
  const totals = lineItems.map((li) => li.priceCents * li.quantity);
  if (input.type === 'shipping') return { discountCode: { code: input.code, type: 'shipping', value: 100 }, shippingDiscountCents: shippingCents };
  let shares: number[];
  let value: number;
  if (input.type === 'fixed_amount') {
    if (input.amountCents < 0)
      throw new DomainError('Amount must be greater than or equal to 0', ['order', 'discountCode', 'itemFixedDiscountCode', 'amountSet'], 'INVALID');
    value = input.amountCents;
    shares = allocate(
      Math.min(
        value,
        totals.reduce((a, t) => a + t, 0),
      ),
      totals,
    );
  } else {
    if (!(input.percentage >= 0 && input.percentage <= 100))
      throw new DomainError('Percentage must be between 0 and 100', ['order', 'discountCode', 'itemPercentageDiscountCode', 'percentage'], 'INVALID');
    value = input.percentage;
    shares = totals.map((t) => Math.round((t * input.percentage) / 100));
  }
  lineItems.forEach((li, i) => {
    const share = shares[i] ?? 0;
    if (share > 0) li.discountCents = share;
  });
  return { discountCode: { code: input.code, type: input.type, value }, shippingDiscountCents: 0 };
}

export function touchOrder(o: OrderRec, at: number): void {
  o.updatedAt = Math.max(at, o.updatedAt + 1);
}

export function holdFulfillmentOrder(
  s: ShopState,
  fo: FulfillmentOrderRec,
  input: { reason: string; reasonNotes?: string | null; handle?: string | null },
  at: number,
): { hold: FulfillmentHoldRec; firstHold: boolean } {
  if (fo.status === 'closed' || fo.status === 'cancelled') {
    throw new DomainError(`The fulfillment order's status is ${fo.status}, so it can't be placed on hold.`, ['id'], 'FULFILLMENT_ORDER_NOT_FOUND');
  }
  if (fo.holds.some((h) => h.handle !== null && h.handle === (input.handle ?? null))) {
    throw new DomainError(
      'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.',
      ['fulfillmentHold', 'handle'],
      'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
    );
  }
  const hold: FulfillmentHoldRec = {
    id: s.nextId('FulfillmentHold'),
    reason: input.reason.toLowerCase(),
    reasonNotes: input.reasonNotes ?? null,
    handle: input.handle ?? null,
  };
  const firstHold = fo.holds.length === 0;
  fo.holds.push(hold);
  fo.status = 'on_hold';
  fo.updatedAt = at;
  const order = s.orders.get(fo.orderId);
  if (order) touchOrder(order, at);
  return { hold, firstHold };
}

export function releaseHolds(
  s: ShopState,
  fo: FulfillmentOrderRec,
  holdIds: number[] | null,
  at: number,
): { released: FulfillmentHoldRec[]; allReleased: boolean } {
  if (fo.status !== 'on_hold') throw new DomainError('The fulfillment order is not on hold.', ['id'], 'INVALID_FULFILLMENT_ORDER');
  const released = fo.holds.filter((h) => holdIds === null || holdIds.includes(h.id));
  fo.holds = fo.holds.filter((h) => !released.includes(h));
  const allReleased = fo.holds.length === 0;
  if (allReleased) fo.status = fo.lineItems.some((l) => l.remainingQuantity < l.totalQuantity) ? 'in_progress' : 'open';
  fo.updatedAt = at;
  const order = s.orders.get(fo.orderId);
  if (order) touchOrder(order, at);
  return { released, allReleased };
}

export function createFulfillment(
  s: ShopState,
  items: Array<{ fulfillmentOrder: FulfillmentOrderRec; lineItems: Array<{ id: number; quantity: number }> | null }>,
  tracking: { company?: string | null; number?: string | null; url?: string | null },
  at: number,
): { fulfillment: FulfillmentRec; order: OrderRec } {
  const first = items[0];
  if (!first) throw new DomainError('Line items by fulfillment order must not be empty', ['fulfillment', 'lineItemsByFulfillmentOrder']);
  const order = s.orders.get(first.fulfillmentOrder.orderId);
  if (!order) throw new DomainError('Order does not exist');
  if (order.cancelledAt !== null) throw new DomainError('Cannot fulfill a cancelled order', ['fulfillment']);
  const lines: FulfillmentRec['lineItems'] = [];
  for (const { fulfillmentOrder: fo, lineItems } of items) {
    if (fo.orderId !== order.id) throw new DomainError('All fulfillment orders must belong to the same order', ['fulfillment', 'lineItemsByFulfillmentOrder']);
    if (fo.status === 'on_hold') throw new DomainError('Fulfillment order is on hold and cannot be fulfilled.', ['fulfillment', 'lineItemsByFulfillmentOrder']);
    if (fo.status === 'closed' || fo.status === 'cancelled')
      throw new DomainError(`Fulfillment order ${fo.id} is ${fo.status}.`, ['fulfillment', 'lineItemsByFulfillmentOrder']);
    const wanted = lineItems ?? fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
    for (const w of wanted) {
      const foli = fo.lineItems.find((l) => l.id === w.id);
      if (!foli) throw new DomainError(`Fulfillment order line item ${w.id} does not exist`, ['fulfillment', 'lineItemsByFulfillmentOrder']);
      if (w.quantity <= 0 || w.quantity > foli.remainingQuantity)
        throw new DomainError('Invalid fulfillment order line item quantity requested.', ['fulfillment', 'lineItemsByFulfillmentOrder']);
      foli.remainingQuantity -= w.quantity;
      lines.push({ id: s.nextId('FulfillmentLineItem'), lineItemId: foli.lineItemId, quantity: w.quantity });
    }
    fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? 'closed' : 'in_progress';
    fo.updatedAt = at;
  }
  if (lines.length === 0) throw new DomainError('Nothing left to fulfill', ['fulfillment']);
  const seq = s.fulfillmentsOf(order.id).length + 1;
  const fulfillment = s.fulfillments.insert({
    id: s.nextId('Fulfillment'),
    orderId: order.id,
    name: `${order.name}.${seq}`,
    status: 'success',
    lineItems: lines,
    fulfillmentOrderIds: items.map((i) => i.fulfillmentOrder.id),
    trackingCompany: tracking.company ?? null,
    trackingNumber: tracking.number ?? null,
    trackingUrl: tracking.url ?? null,
    shipmentStatus: null,
    events: [],
    createdAt: at,
    updatedAt: at,
  });
  touchOrder(order, at);
  return { fulfillment, order };
}

export function addFulfillmentEvent(
  s: ShopState,
  f: FulfillmentRec,
  input: {
    status: string;
    message?: string | null;
    estimatedDeliveryAt?: number | null;
    city?: string | null;
    province?: string | null;
    country?: string | null;
    zip?: string | null;
    address1?: string | null;
    latitude?: number | null;
    longitude?: number | null;
    happenedAt?: number;
  },
  at: number,
): FulfillmentEventRec {
  const ev: FulfillmentEventRec = {
    id: s.nextId('FulfillmentEvent'),
    status: input.status.toLowerCase(),
    message: input.message ?? null,
    happenedAt: input.happenedAt ?? at,
    estimatedDeliveryAt: input.estimatedDeliveryAt ?? null,
    city: input.city ?? null,
    province: input.province ?? null,
    country: input.country ?? null,
    zip: input.zip ?? null,
    address1: input.address1 ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    createdAt: at,
  };
  f.events.push(ev);
  f.shipmentStatus = ev.status;
  f.updatedAt = at;
  const order = s.orders.get(f.orderId);
  if (order) touchOrder(order, at);
  return ev;
}

export function createRefund(
  s: ShopState,
  order: OrderRec,
  input: {
    lineItems: Array<{ lineItemId: number; quantity: number; restockType?: string }>;
    note?: string | null;
    shippingCents?: number;
    shippingTaxCents?: number;
    returnId?: number | null;
    gateway?: string;
    /** The amount refunded as the caller's transactions say; absent: what the lines come to. */
    amountCents?: number;
    parentTransactionId?: number | null;
    /** OrderAdjustmentInputDiscrepancyReason, lower-case. */
    discrepancyReason?: string | null;
  },
  at: number,
): RefundRec {
  const refunded = new Map<number, number>();
  for (const r of s.refundsOf(order.id)) for (const l of r.lineItems) refunded.set(l.lineItemId, (refunded.get(l.lineItemId) ?? 0) + l.quantity);
  const lines = input.lineItems.map((l, i) => {
    const li = order.lineItems.find((x) => x.id === l.lineItemId);
    if (!li) throw new DomainError('Line item does not exist', ['refundLineItems', String(i), 'lineItemId']);
    const left = li.quantity - (refunded.get(li.id) ?? 0);
    if (l.quantity <= 0 || l.quantity > left)
      throw new DomainError(`Quantity cannot refund more items than were purchased (${left} left)`, ['refundLineItems', String(i), 'quantity']);
    const { subtotalCents, taxCents } = refundLineAmounts(order, li, l.quantity);
    return {
      id: s.nextId('RefundLineItem'),
      lineItemId: li.id,
      quantity: l.quantity,
      restockType: l.restockType ?? 'no_restock',
      subtotalCents,
      taxCents,
    };
  });
  const shippingCents = input.shippingCents ?? 0;
  const shippingTaxCents = input.shippingTaxCents ?? 0;
  const calculated = lines.reduce((a, l) => a + l.subtotalCents + l.taxCents, 0) + shippingCents + shippingTaxCents;
  const amount = input.amountCents ?? calculated;
  const paidBefore = order.financialStatus === 'paid' || order.financialStatus === 'partially_refunded';
  const transaction: RefundRec['transaction'] =
    paidBefore && amount > 0
      ? {
          id: s.nextId('OrderTransaction'),
          amountCents: amount,
          gateway: input.gateway ?? 'shopify_payments',
          ...(input.parentTransactionId != null ? { parentId: input.parentTransactionId } : {}),
        }
      : null;
  // Shopify balances a refund whose amount differs from its lines with a refund discrepancy.
  const discrepancy = transaction ? calculated - transaction.amountCents : 0;
  const refund = s.refunds.insert({
    id: s.nextId('Refund'),
    orderId: order.id,
    returnId: input.returnId ?? null,
    note: input.note ?? null,
    restock: lines.some((l) => l.restockType !== 'no_restock'),
    lineItems: lines,
    shippingCents,
    ...(shippingTaxCents > 0 ? { shippingTaxCents } : {}),
    transaction,
    ...(discrepancy !== 0
      ? {
          adjustments: [
            {
              id: s.nextId('OrderAdjustment'),
              kind: 'refund_discrepancy' as const,
              amountCents: discrepancy,
              taxCents: 0,
              reason: input.discrepancyReason ?? null,
            },
          ],
        }
      : {}),
    createdAt: at,
  });
  if (paidBefore) {
    const t = s.totals(order);
    order.financialStatus = t.refunded >= t.total ? 'refunded' : 'partially_refunded';
  }
  touchOrder(order, at);
  return refund;
}

export function cancelOrder(
  s: ShopState,
  order: OrderRec,
  input: { reason: string; refund: boolean; restock: boolean; staffNote?: string | null },
  at: number,
): RefundRec | null {
  if (order.cancelledAt !== null) throw new DomainError('Order has already been cancelled', ['orderId'], 'INVALID');
  if (s.fulfillmentStatus(order) === 'fulfilled') throw new DomainError('Cannot cancel a fulfilled order', ['orderId'], 'INVALID');
  let refund: RefundRec | null = null;
  const wasPaid = order.financialStatus === 'paid' || order.financialStatus === 'partially_refunded';
  if (input.refund && wasPaid) {
    const refundedQty = new Map<number, number>();
    for (const r of s.refundsOf(order.id)) for (const l of r.lineItems) refundedQty.set(l.lineItemId, (refundedQty.get(l.lineItemId) ?? 0) + l.quantity);
    const lines = order.lineItems
      .map((li) => ({ lineItemId: li.id, quantity: li.quantity - (refundedQty.get(li.id) ?? 0), restockType: input.restock ? 'cancel' : 'no_restock' }))
      .filter((l) => l.quantity > 0);
    if (lines.length > 0) {
      const p = orderPricing(order);
      refund = createRefund(
        s,
        order,
        { lineItems: lines, note: input.staffNote ?? 'Order cancelled', shippingCents: p.shippingDiscountedCents, shippingTaxCents: p.shippingTaxCents },
        at,
      );
    }
  }
  order.cancelledAt = at;
  order.cancelReason = input.reason.toLowerCase();
  order.closedAt = at;
  if (!wasPaid && order.financialStatus !== 'refunded') order.financialStatus = 'voided';
  for (const fo of s.fulfillmentOrdersOf(order.id)) {
    if (fo.status !== 'closed') {
      fo.status = 'cancelled';
      fo.updatedAt = at;
    }
  }
  touchOrder(order, at);
  return refund;
}

export function requestReturn(
  s: ShopState,
  order: OrderRec,
  lines: Array<{ fulfillmentLineItemId: number; quantity: number; reason: string; customerNote?: string | null; reasonNote?: string }>,
  at: number,
  status: ReturnRec['status'] = 'requested',
): ReturnRec {
  if (lines.length === 0) throw new DomainError('Return line items must not be empty', ['input', 'returnLineItems'], 'INVALID');
  const fulfillmentLines = s.fulfillmentsOf(order.id).flatMap((f) => f.lineItems);
  const returned = new Map<number, number>();
  for (const r of s.returnsOf(order.id)) {
    if (r.status === 'declined' || r.status === 'canceled') continue;
    for (const l of r.lineItems) returned.set(l.fulfillmentLineItemId, (returned.get(l.fulfillmentLineItemId) ?? 0) + l.quantity);
  }
  const items = lines.map((l, i) => {
    const fli = fulfillmentLines.find((x) => x.id === l.fulfillmentLineItemId);
    if (!fli) throw new DomainError('Fulfillment line item does not exist.', ['input', 'returnLineItems', String(i), 'fulfillmentLineItemId'], 'NOT_FOUND');
    const left = fli.quantity - (returned.get(fli.id) ?? 0);
    if (l.quantity <= 0 || l.quantity > left)
      throw new DomainError('Quantity is not returnable.', ['input', 'returnLineItems', String(i), 'quantity'], 'INVALID');
    return {
      id: s.nextId('ReturnLineItem'),
      fulfillmentLineItemId: fli.id,
      lineItemId: fli.lineItemId,
      quantity: l.quantity,
      reason: l.reason.toLowerCase(),
      reasonNote: l.reasonNote ?? '',
      customerNote: l.customerNote ?? null,
    };
  });
  const ret = s.returns.insert({
    id: s.nextId('Return'),
    orderId: order.id,
    name: `${order.name}-R${s.returnsOf(order.id).length + 1}`,
    status,
    lineItems: items,
    requestApprovedAt: status === 'open' ? at : null,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
  });
  touchOrder(order, at);
  return ret;
}

export function setReturnStatus(s: ShopState, ret: ReturnRec, to: 'open' | 'closed' | 'declined' | 'canceled', at: number): void {
  const allowed: Record<string, ReturnRec['status'][]> = { open: ['requested'], closed: ['open'], declined: ['requested'], canceled: ['requested', 'open'] };
  if (!(allowed[to] ?? []).includes(ret.status)) {
    throw new DomainError(`Return is ${ret.status} and cannot become ${to}.`, ['id'], 'INVALID_STATE');
  }
  ret.status = to;
  if (to === 'open') ret.requestApprovedAt = at;
  if (to === 'closed') ret.closedAt = at;
  ret.updatedAt = at;
  const order = s.orders.get(ret.orderId);
  if (order) touchOrder(order, at);
}

/** returnReopen: a closed return is open again. */
export function reopenReturn(s: ShopState, ret: ReturnRec, at: number): void {
  if (ret.status !== 'closed') throw new DomainError(`Return is ${ret.status} and cannot be reopened.`, ['id'], 'INVALID_STATE');
  ret.status = 'open';
  ret.closedAt = null;
  ret.updatedAt = at;
  const order = s.orders.get(ret.orderId);
  if (order) touchOrder(order, at);
}

/**
 * returnProcess: confirms quantities of an open return's line items. When every item is
 * processed the return closes.
 */
export function processReturn(
  s: ShopState,
  ret: ReturnRec,
  lines: Array<{ id: number; quantity: number }>,
  at: number,
): { processed: Array<{ line: ReturnRec['lineItems'][number]; quantity: number }>; closed: boolean } {
  if (ret.status !== 'open') throw new DomainError(`Return is ${ret.status} and cannot be processed.`, ['input', 'returnId'], 'INVALID_STATE');
  const processed = lines.map((l, i) => {
    const line = ret.lineItems.find((x) => x.id === l.id);
    if (!line) throw new DomainError('Return line item does not exist.', ['input', 'returnLineItems', String(i), 'id'], 'NOT_FOUND');
    const left = line.quantity - (line.processedQuantity ?? 0);
    if (l.quantity <= 0 || l.quantity > left)
      throw new DomainError(`Quantity must be at most the processable quantity (${left}).`, ['input', 'returnLineItems', String(i), 'quantity'], 'INVALID');
    return { line, quantity: l.quantity };
  });
  for (const p of processed) p.line.processedQuantity = (p.line.processedQuantity ?? 0) + p.quantity;
  const closed = ret.lineItems.every((l) => (l.processedQuantity ?? 0) >= l.quantity);
  if (closed) {
    ret.status = 'closed';
    ret.closedAt = at;
  }
  ret.updatedAt = at;
  const order = s.orders.get(ret.orderId);
  if (order) touchOrder(order, at);
  return { processed, closed };
}

export function openDispute(
  s: ShopState,
  order: OrderRec,
  input: { type?: DisputeRec['type']; reason?: string; amountCents?: number; networkReasonCode?: string; status?: DisputeRec['status'] },
  at: number,
): DisputeRec {
  const t = s.totals(order);
  return s.disputes.insert({
    id: s.nextId('ShopifyPaymentsDispute'),
    orderId: order.id,
    type: input.type ?? 'chargeback',
    amountCents: input.amountCents ?? t.total,
    currency: order.currency,
    reason: (input.reason ?? 'fraudulent').toLowerCase(),
    networkReasonCode: input.networkReasonCode ?? '10.4',
    status: input.status ?? 'needs_response',
    evidenceDueBy: at + 15 * 86_400_000,
    evidenceSentOn: null,
    finalizedOn: null,
    initiatedAt: at,
    updatedAt: at,
  });
}

export function updateDispute(d: DisputeRec, status: DisputeRec['status'], at: number): void {
  d.status = status;
  if (status === 'under_review' && d.evidenceSentOn === null) d.evidenceSentOn = at;
  if (status === 'won' || status === 'lost' || status === 'accepted' || status === 'charge_refunded') d.finalizedOn = at;
  d.updatedAt = at;
}

/** The company (and its location and contact) an order was placed for, when B2B. */
export function orderCompany(
  s: ShopState,
  o: OrderRec,
): { company: CompanyRec; location: CompanyLocationRec; contact: CompanyContactRec | undefined } | undefined {
  if (!o.company) return undefined;
  const company = s.companies.get(o.company.companyId);
  const location = s.companyLocations.get(o.company.locationId);
  if (!company || !location) return undefined;
  return { company, location, contact: o.company.contactId === null ? undefined : s.companyContacts.get(o.company.contactId) };
}
