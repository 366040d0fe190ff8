import { parseGid } from '../shopify/ids.js';
import type {
  FullAddress,
  FullDiscountAllocation,
  FullLineItem,
  FullRefund,
  FullTaxLine,
  FullTransaction,
  MoneySet,
  OrderFullNode,
} from '../shopify/admin/operations/order-full.js';
import type { SyncOrderNode } from '../shopify/admin/operations/orders.js';
import type { ProductFullNode } from '../shopify/admin/operations/product-full.js';
import type { SyncCustomerNode } from '../shopify/admin/operations/resources.js';

/** Admin GraphQL's display statuses → the REST words webhooks carry (shopify-api.md §2). */
const FULFILLMENT: Record<string, string | null> = {
  UNFULFILLED: null,
  FULFILLED: 'fulfilled',
  PARTIALLY_FULFILLED: 'partial',
  RESTOCKED: 'restocked',
  IN_PROGRESS: null,
  ON_HOLD: null,
  OPEN: null,
  PENDING_FULFILLMENT: null,
  SCHEDULED: null,
  REQUEST_DECLINED: null,
};

const numericId = (gid: string | undefined): number | string | null => {
  const id = gid ? parseGid(gid)?.id : undefined;
  if (id === undefined) return null;
  // Small ids stay numbers as in REST payloads; ids beyond 2^53 stay strings (never rounded).
  return Number.isSafeInteger(Number(id)) ? Number(id) : id;
};

/**
 * A synced order in the REST shape webhooks deliver (only the fields the jobs read), so an order
 * found by `sync` goes down exactly the path a webhook's order does.
 */
export function restOrderFromGraphql(o: SyncOrderNode): Record<string, unknown> {
  const company = o.purchasingEntity?.__typename === 'PurchasingCompany' ? o.purchasingEntity : undefined;
  const digits = /\d+/.exec(o.name)?.[0];
  return {
    admin_graphql_api_id: o.id,
    name: o.name,
    order_number: digits ? Number(digits) : null,
    email: o.email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelReason ? o.cancelReason.toLowerCase() : null,
    currency: o.currencyCode,
    total_price: o.totalPriceSet.shopMoney.amount,
    current_total_price: o.currentTotalPriceSet.shopMoney.amount,
    financial_status: o.displayFinancialStatus ? o.displayFinancialStatus.toLowerCase() : null,
    fulfillment_status: FULFILLMENT[o.displayFulfillmentStatus] ?? null,
    tags: o.tags.join(', '),
    po_number: o.poNumber,
    company: company ? { id: numericId(company.company.id), location_id: numericId(company.location.id) } : null,
    customer: o.customer
      ? {
          admin_graphql_api_id: o.customer.id,
          first_name: o.customer.firstName,
          last_name: o.customer.lastName,
          email: o.customer.email,
          default_address: o.customer.defaultAddress ? { company: o.customer.defaultAddress.company } : null,
        }
      : null,
    billing_address: o.billingAddress
      ? { company: o.billingAddress.company, first_name: o.billingAddress.firstName, last_name: o.billingAddress.lastName }
      : null,
    shipping_address: o.shippingAddress ? { company: o.shippingAddress.company } : null,
    line_items: o.lineItems.nodes.map((li) => ({
      title: li.title,
      sku: li.sku,
      quantity: li.quantity,
      properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    })),
  };
}

// ------------------------------------------------------------------ a full order (OrderFull) ---

type Json = Record<string, unknown>;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A GraphQL `Decimal` amount as REST writes it: at least two decimals ("199.0" → "199.00"), more when
 * the amount has them. Text in, text out: never through a float.
 */
function restAmount(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign = '', whole = '0', frac = ''] = m;
  return `${sign}${whole}.${frac.padEnd(2, '0')}`;
}

/** Σ amount × times, exactly (scaled integers); null when an amount is not a decimal. */
function sumAmounts(parts: ReadonlyArray<readonly [amount: string, times: number]>): string | null {
  const parsed = parts.map(([a, times]) => ({ m: DECIMAL.exec(a.trim()), times }));
  if (parsed.some((p) => !p.m || !Number.isSafeInteger(p.times))) return null;
  const scale = Math.max(2, ...parsed.map((p) => p.m?.[3]?.length ?? 0));
  let total = 0n;
  for (const { m, times } of parsed) {
    const [, sign = '', whole = '0', frac = ''] = m ?? [];
    const units = BigInt(`${whole}${frac.padEnd(scale, '0')}`) * BigInt(times);
    total += sign === '-' ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const amountOf = (m: MoneySet | null | undefined): string | null => (m ? restAmount(m.shopMoney.amount) : null);

/** A REST `*_set` (the shop currency; GraphQL's presentment money is not read). */
const restSetOf = (m: MoneySet | null | undefined): Json | null =>
  m ? { shop_money: { amount: restAmount(m.shopMoney.amount), currency_code: m.shopMoney.currencyCode } } : null;

const restSetFrom = (amount: string | null, currency: string): Json | null => (amount === null ? null : { shop_money: { amount, currency_code: currency } });

const lower = (v: string | null | undefined): string | null => (v ? v.toLowerCase() : null);

function restFullAddress(a: FullAddress | null): Json | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: a.name,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    zip: a.zip,
    country: a.country,
    country_code: a.countryCodeV2,
    phone: a.phone,
    latitude: a.latitude,
    longitude: a.longitude,
  };
}

const restTaxLines = (lines: FullTaxLine[]): Json[] =>
  lines.map((t) => ({
    title: t.title,
    rate: t.rate,
    price: amountOf(t.priceSet),
    price_set: restSetOf(t.priceSet),
    channel_liable: t.channelLiable,
  }));

const restAllocations = (allocations: FullDiscountAllocation[]): Json[] =>
  allocations.map((a) => ({
    amount: amountOf(a.allocatedAmountSet),
    amount_set: restSetOf(a.allocatedAmountSet),
    discount_application_index: a.discountApplication.index,
  }));

function restFullLineItem(li: FullLineItem, currency: string): Json {
  const discount = sumAmounts(li.discountAllocations.map((a) => [a.allocatedAmountSet.shopMoney.amount, 1] as const));
  return {
    id: numericId(li.id),
    admin_graphql_api_id: li.id,
    name: li.name,
    title: li.title,
    variant_title: li.variantTitle,
    sku: li.sku,
    vendor: li.vendor,
    quantity: li.quantity,
    current_quantity: li.currentQuantity,
    fulfillable_quantity: li.unfulfilledQuantity,
    price: amountOf(li.originalUnitPriceSet),
    price_set: restSetOf(li.originalUnitPriceSet),
    total_discount: discount,
    total_discount_set: restSetFrom(discount, currency),
    properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    product_id: li.product ? numericId(li.product.id) : null,
    variant_id: li.variant ? numericId(li.variant.id) : null,
    taxable: li.taxable,
    requires_shipping: li.requiresShipping,
    gift_card: li.isGiftCard,
    tax_lines: restTaxLines(li.taxLines),
    discount_allocations: restAllocations(li.discountAllocations),
  };
}

function restTransaction(t: FullTransaction, orderId: number | string | null): Json {
  return {
    id: numericId(t.id),
    admin_graphql_api_id: t.id,
    order_id: orderId,
    kind: lower(t.kind),
    gateway: t.gateway,
    status: lower(t.status),
    amount: amountOf(t.amountSet),
    currency: t.amountSet.shopMoney.currencyCode,
    processed_at: t.processedAt,
    created_at: t.createdAt,
    authorization: t.authorizationCode,
    payment_id: t.paymentId,
    parent_id: t.parentTransaction ? numericId(t.parentTransaction.id) : null,
    test: t.test,
  };
}

/**
 * A refund in the REST shape refunds/create carries (what a refund case reads), from the full order
 * read or `sync`. `restock`: whether any line was restocked.
 */
export function restRefundFromGraphql(r: FullRefund, orderId: number | string | null): Record<string, unknown> {
  return {
    id: numericId(r.id),
    admin_graphql_api_id: r.id,
    order_id: orderId,
    created_at: r.createdAt,
    processed_at: r.processedAt,
    note: r.note,
    restock: r.refundLineItems.nodes.some((l) => l.restockType !== 'NO_RESTOCK'),
    total_refunded_set: restSetOf(r.totalRefundedSet),
    refund_line_items: r.refundLineItems.nodes.map((l) => ({
      id: l.id ? numericId(l.id) : null,
      line_item_id: numericId(l.lineItem.id),
      quantity: l.quantity,
      restock_type: lower(l.restockType),
      // REST sends these two as numbers, unlike every other amount.
      subtotal: Number(l.subtotalSet.shopMoney.amount),
      total_tax: Number(l.totalTaxSet.shopMoney.amount),
      subtotal_set: restSetOf(l.subtotalSet),
      total_tax_set: restSetOf(l.totalTaxSet),
      line_item: { id: numericId(l.lineItem.id), admin_graphql_api_id: l.lineItem.id, title: l.lineItem.title, sku: l.lineItem.sku },
    })),
    transactions: r.transactions.nodes.map((t) => restTransaction(t, orderId)),
  };
}

/** REST `discount_codes` and `discount_applications` from the order's discount applications and allocations. */
function restFullDiscounts(o: OrderFullNode): { discount_codes: Json[]; discount_applications: Json[] } {
  const allocations = [...o.lineItems.nodes.flatMap((l) => l.discountAllocations), ...o.shippingLines.nodes.flatMap((s) => s.discountAllocations)];
  const applications = o.discountApplications.nodes;
  const percentage = (p: number): string => (Number.isInteger(p) ? p.toFixed(1) : String(p));
  return {
    discount_applications: applications.map((a) => ({
      target_type: lower(a.targetType),
      type:
        a.__typename === 'DiscountCodeApplication'
          ? 'discount_code'
          : a.__typename === 'AutomaticDiscountApplication'
            ? 'automatic'
            : a.__typename === 'ManualDiscountApplication'
              ? 'manual'
              : 'script',
      value: a.value.__typename === 'MoneyV2' ? restAmount(a.value.amount) : percentage(a.value.percentage),
      value_type: a.value.__typename === 'MoneyV2' ? 'fixed_amount' : 'percentage',
      allocation_method: lower(a.allocationMethod),
      target_selection: lower(a.targetSelection),
      ...(a.code !== undefined ? { code: a.code } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
      ...(a.description !== undefined ? { description: a.description } : {}),
    })),
    discount_codes: applications.flatMap((a) =>
      a.__typename === 'DiscountCodeApplication' && a.code !== undefined
        ? [
            {
              code: a.code,
              amount:
                sumAmounts(
                  allocations.filter((x) => x.discountApplication.index === a.index).map((x) => [x.allocatedAmountSet.shopMoney.amount, 1] as const),
                ) ?? '0.00',
              type: a.targetType === 'SHIPPING_LINE' ? 'shipping' : a.value.__typename === 'MoneyV2' ? 'fixed_amount' : 'percentage',
            },
          ]
        : [],
    ),
  };
}

/**
 * An order read in full from the Admin API (ORDER_FULL, every line item) in the REST shape `orders/*`
 * webhooks carry: snake_case, ids as numbers when safe (else exact text) beside their GIDs, amounts
 * as decimal strings with `*_set` twins (shop money), REST status words. Timestamps stay as GraphQL
 * gives them (UTC), where a webhook writes the shop's offset: the same instants.
 * `total_line_items_price` is worked out from the lines (Σ unit price × quantity), as GraphQL has no such total.
 */
export function restOrderFullFromGraphql(o: OrderFullNode): Record<string, unknown> {
  const c = o.currencyCode;
  const id = numericId(o.id);
  const company = o.purchasingEntity?.__typename === 'PurchasingCompany' ? o.purchasingEntity : undefined;
  const lines = o.lineItems.nodes;
  const lineItemsPrice = sumAmounts(lines.map((l) => [l.originalUnitPriceSet.shopMoney.amount, l.quantity] as const));
  const shipping = o.shippingLines.nodes;
  return {
    id,
    admin_graphql_api_id: o.id,
    name: o.name,
    number: o.number,
    order_number: o.number + 1000,
    confirmation_number: o.confirmationNumber,
    email: o.email,
    contact_email: o.email,
    phone: o.phone,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    processed_at: o.processedAt,
    closed_at: o.closedAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: lower(o.cancelReason),
    currency: c,
    presentment_currency: o.presentmentCurrencyCode,
    test: o.test,
    source_name: o.sourceName,
    financial_status: lower(o.displayFinancialStatus),
    fulfillment_status: FULFILLMENT[o.displayFulfillmentStatus] ?? null,
    tags: o.tags.join(', '),
    note: o.note,
    note_attributes: o.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    po_number: o.poNumber,
    payment_gateway_names: o.paymentGatewayNames,
    taxes_included: o.taxesIncluded,
    tax_exempt: o.taxExempt,
    total_line_items_price: lineItemsPrice,
    total_line_items_price_set: restSetFrom(lineItemsPrice, c),
    subtotal_price: amountOf(o.subtotalPriceSet),
    subtotal_price_set: restSetOf(o.subtotalPriceSet),
    current_subtotal_price: amountOf(o.currentSubtotalPriceSet),
    current_subtotal_price_set: restSetOf(o.currentSubtotalPriceSet),
    total_discounts: amountOf(o.totalDiscountsSet),
    total_discounts_set: restSetOf(o.totalDiscountsSet),
    current_total_discounts: amountOf(o.currentTotalDiscountsSet),
    current_total_discounts_set: restSetOf(o.currentTotalDiscountsSet),
    total_tax: amountOf(o.totalTaxSet),
    total_tax_set: restSetOf(o.totalTaxSet),
    current_total_tax: amountOf(o.currentTotalTaxSet),
    current_total_tax_set: restSetOf(o.currentTotalTaxSet),
    total_price: amountOf(o.totalPriceSet),
    total_price_set: restSetOf(o.totalPriceSet),
    current_total_price: amountOf(o.currentTotalPriceSet),
    current_total_price_set: restSetOf(o.currentTotalPriceSet),
    total_shipping_price_set: restSetOf(o.totalShippingPriceSet),
    current_shipping_price_set: restSetOf(o.currentShippingPriceSet),
    total_outstanding: amountOf(o.totalOutstandingSet),
    tax_lines: restTaxLines(o.taxLines),
    ...restFullDiscounts(o),
    company: company ? { id: numericId(company.company.id), location_id: numericId(company.location.id) } : null,
    customer: o.customer
      ? {
          id: numericId(o.customer.id),
          admin_graphql_api_id: o.customer.id,
          email: o.customer.defaultEmailAddress?.emailAddress ?? null,
          first_name: o.customer.firstName,
          last_name: o.customer.lastName,
          phone: o.customer.defaultPhoneNumber?.phoneNumber ?? null,
          default_address: restFullAddress(o.customer.defaultAddress),
        }
      : null,
    billing_address: restFullAddress(o.billingAddress),
    shipping_address: restFullAddress(o.shippingAddress),
    payment_terms: o.paymentTerms
      ? {
          payment_terms_name: o.paymentTerms.paymentTermsName,
          payment_terms_type: lower(o.paymentTerms.paymentTermsType),
          due_in_days: o.paymentTerms.dueInDays,
          payment_schedules: o.paymentTerms.paymentSchedules.nodes.map((s) => ({ issued_at: s.issuedAt, due_at: s.dueAt })),
        }
      : null,
    line_items: lines.map((l) => restFullLineItem(l, c)),
    shipping_lines: shipping.map((s) => ({
      id: s.id ? numericId(s.id) : null,
      title: s.title,
      code: s.code,
      source: s.source,
      carrier_identifier: s.carrierIdentifier,
      is_removed: s.isRemoved,
      price: amountOf(s.originalPriceSet),
      price_set: restSetOf(s.originalPriceSet),
      discounted_price: amountOf(s.discountedPriceSet),
      discounted_price_set: restSetOf(s.discountedPriceSet),
      tax_lines: restTaxLines(s.taxLines),
      discount_allocations: restAllocations(s.discountAllocations),
    })),
    transactions: o.transactions.map((t) => restTransaction(t, id)),
    refunds: o.refunds.map((r) => restRefundFromGraphql(r, id)),
    fulfillments: o.fulfillments.map((f) => {
      const [first] = f.trackingInfo;
      return {
        id: numericId(f.id),
        admin_graphql_api_id: f.id,
        order_id: id,
        name: f.name,
        status: lower(f.status),
        created_at: f.createdAt,
        updated_at: f.updatedAt,
        tracking_company: first?.company ?? null,
        tracking_number: first?.number ?? null,
        tracking_numbers: f.trackingInfo.flatMap((t) => (t.number ? [t.number] : [])),
        tracking_url: first?.url ?? null,
        tracking_urls: f.trackingInfo.flatMap((t) => (t.url ? [t.url] : [])),
      };
    }),
  };
}

/**
 * A product read in full (job 5) in the REST shape products/* webhooks carry, plus what they lack:
 * each variant's inventory item (`harmonized_system_code`, `country_code_of_origin`,
 * `province_code_of_origin`) and the product's `metafields`.
 */
export function restProductFullFromGraphql(p: ProductFullNode): Record<string, unknown> {
  const id = numericId(p.id);
  return {
    id,
    admin_graphql_api_id: p.id,
    title: p.title,
    handle: p.handle,
    product_type: p.productType,
    vendor: p.vendor,
    status: p.status.toLowerCase(),
    tags: p.tags.join(', '),
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    variants: p.variants.nodes.map((v) => ({
      id: numericId(v.id),
      admin_graphql_api_id: v.id,
      product_id: id,
      title: v.title,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      position: v.position,
      inventory_item_id: numericId(v.inventoryItem.id),
      harmonized_system_code: v.inventoryItem.harmonizedSystemCode,
      country_code_of_origin: v.inventoryItem.countryCodeOfOrigin,
      province_code_of_origin: v.inventoryItem.provinceCodeOfOrigin,
    })),
    metafields: p.metafields.nodes.map((m) => ({ namespace: m.namespace, key: m.key, type: m.type, value: m.value })),
  };
}

/** A customer as the Admin API's SyncCustomers query reads it, in the REST shape of customers/* webhooks. */
export function restCustomerFromGraphql(n: SyncCustomerNode): Record<string, unknown> {
  return {
    admin_graphql_api_id: n.id,
    first_name: n.firstName,
    last_name: n.lastName,
    email: n.email,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    tax_exempt: n.taxExempt,
    tags: n.tags.join(', '),
  };
}
