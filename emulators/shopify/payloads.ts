/**
 * REST-shaped webhook bodies (shopify-api.md §3 and the fixtures in test/fixtures/shopify): integer
 * ids, money as strings with `*_set` twins, GIDs in `admin_graphql_api_id`, shop-offset timestamps,
 * comma-separated tags; companies and fulfillment orders are GID-only, disputes carry no GID.
 */
import { orderCompany } from './domain.js';
import { fmt, restSet } from './money.js';
import { acquirerReference, cardOf, paidByCard } from './payment.js';
import { orderPricing } from './pricing.js';
import type { OrderPricing } from './pricing.js';
import type { ShopState } from './state.js';
import { isoShop, isoUtc, shopOrNull } from './time.js';
import type {
  AddressRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CustomerRec,
  DisputeRec,
  FulfillmentEventRec,
  FulfillmentHoldRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  LineItemRec,
  OrderRec,
  ProductRec,
  VariantRec,
  RefundRec,
  ReturnRec,
  BulkOperationRec,
  TaxLineRec,
} from './types.js';

type Json = Record<string, unknown>;

const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;

function restAddress(a: AddressRec | null): Json | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    address1: a.address1,
    phone: a.phone,
    city: a.city,
    zip: a.zip,
    province: a.province,
    country: a.country,
    last_name: a.lastName,
    address2: a.address2,
    company: a.company,
    latitude: null,
    longitude: null,
    name: `${a.firstName} ${a.lastName}`.trim(),
    country_code: a.countryCode,
    province_code: a.provinceCode,
  };
}

export function restCustomer(c: CustomerRec, embedded = false): Json {
  const base: Json = {
    id: c.id,
    email: c.email,
    created_at: isoShop(c.createdAt),
    updated_at: isoShop(c.updatedAt),
    first_name: c.firstName,
    last_name: c.lastName,
    state: 'enabled',
    note: c.note,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: c.taxExempt,
    phone: c.phone,
    currency: 'USD',
    tax_exemptions: [],
    admin_graphql_api_id: gid('Customer', c.id),
    default_address: { id: c.addressId, customer_id: c.id, ...restAddress(c.address), country_name: c.address.country, default: true },
  };
  if (embedded) return base;
  return { ...base, tags: c.tags.join(', '), addresses: [base.default_address] };
}

const restTaxLine = (t: TaxLineRec, currency: string): Json => ({
  channel_liable: t.channelLiable,
  price: fmt(t.priceCents),
  price_set: restSet(t.priceCents, currency),
  rate: t.rate,
  title: t.title,
});

/** A line's or shipping line's share of the discount code (the order's discount application 0). */
const restAllocations = (cents: number, currency: string): Json[] =>
  cents > 0 ? [{ amount: fmt(cents), amount_set: restSet(cents, currency), discount_application_index: 0 }] : [];

function restLineItem(o: OrderRec, li: LineItemRec, fulfillable: number, fulfillmentStatus: string | null, pricing?: OrderPricing): Json {
  const p = (pricing ?? orderPricing(o)).lines.find((l) => l.line.id === li.id);
  const discount = p?.discountCents ?? 0;
  return {
    id: li.id,
    admin_graphql_api_id: gid('LineItem', li.id),
    attributed_staffs: [],
    current_quantity: li.quantity,
    fulfillable_quantity: fulfillable,
    fulfillment_service: 'manual',
    fulfillment_status: fulfillmentStatus,
    gift_card: false,
    grams: li.grams,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    price: fmt(li.priceCents),
    price_set: restSet(li.priceCents, o.currency),
    product_exists: li.productId !== null,
    product_id: li.productId,
    properties: li.properties,
    quantity: li.quantity,
    requires_shipping: true,
    sales_line_item_group_id: null,
    sku: li.sku,
    taxable: true,
    title: li.title,
    total_discount: fmt(discount),
    total_discount_set: restSet(discount, o.currency),
    variant_id: li.variantId,
    variant_inventory_management: li.variantId === null ? null : 'shopify',
    variant_title: li.variantTitle,
    vendor: li.vendor,
    tax_lines: (p?.taxLines ?? []).map((t) => restTaxLine(t, o.currency)),
    duties: [],
    discount_allocations: restAllocations(discount, o.currency),
  };
}

/** REST `discount_codes` and `discount_applications` of an order's discount code. */
function restDiscounts(o: OrderRec, p: OrderPricing): { discount_codes: Json[]; discount_applications: Json[] } {
  const d = o.discountCode;
  if (!d) return { discount_codes: [], discount_applications: [] };
  const shipping = d.type === 'shipping';
  return {
    discount_codes: [{ code: d.code, amount: fmt(shipping ? p.shippingDiscountCents : p.itemDiscountCents), type: d.type }],
    discount_applications: [
      {
        target_type: shipping ? 'shipping_line' : 'line_item',
        type: 'discount_code',
        value: d.type === 'fixed_amount' ? fmt(d.value) : d.value.toFixed(1),
        value_type: d.type === 'fixed_amount' ? 'fixed_amount' : 'percentage',
        allocation_method: shipping ? 'each' : 'across',
        target_selection: 'all',
        code: d.code,
      },
    ],
  };
}

export function restFulfillment(s: ShopState, f: FulfillmentRec, forTopic = false): Json {
  const o = s.orders.get(f.orderId);
  const body: Json = {
    id: f.id,
    admin_graphql_api_id: gid('Fulfillment', f.id),
    created_at: isoShop(f.createdAt),
    location_id: null,
    name: f.name,
    order_id: f.orderId,
    origin_address: {},
    receipt: {},
    service: 'manual',
    shipment_status: f.shipmentStatus,
    status: f.status,
    tracking_company: f.trackingCompany,
    tracking_number: f.trackingNumber,
    tracking_numbers: f.trackingNumber ? [f.trackingNumber] : [],
    tracking_url: f.trackingUrl,
    tracking_urls: f.trackingUrl ? [f.trackingUrl] : [],
    updated_at: isoShop(f.updatedAt),
    line_items: f.lineItems.flatMap((fl) => {
      const li = o?.lineItems.find((x) => x.id === fl.lineItemId);
      return li && o ? [{ ...restLineItem(o, li, 0, 'fulfilled'), quantity: fl.quantity }] : [];
    }),
  };
  if (forTopic && o) {
    body.email = o.email;
    body.destination = restAddress(o.shippingAddress);
  }
  return body;
}

/** A card transaction's `payment_details`, as Shopify sends them. */
function restPaymentDetails(o: OrderRec): Json {
  const c = cardOf(o);
  return {
    credit_card_bin: c.bin,
    avs_result_code: null,
    cvv_result_code: null,
    credit_card_number: c.number,
    credit_card_company: c.company,
    buyer_action_info: null,
    credit_card_name: c.name,
    credit_card_wallet: null,
    credit_card_expiration_month: c.expirationMonth,
    credit_card_expiration_year: c.expirationYear,
    payment_method_name: c.paymentMethodName,
  };
}

export function restRefund(s: ShopState, r: RefundRec): Json {
  const o = s.orders.get(r.orderId);
  const currency = o?.currency ?? 'USD';
  return {
    id: r.id,
    admin_graphql_api_id: gid('Refund', r.id),
    order_id: r.orderId,
    created_at: isoShop(r.createdAt),
    note: r.note,
    user_id: null,
    processed_at: isoShop(r.createdAt),
    restock: r.restock,
    duties: [],
    total_duties_set: restSet(0, currency),
    return: r.returnId === null ? null : { id: r.returnId, admin_graphql_api_id: gid('Return', r.returnId) },
    refund_shipping_lines:
      r.shippingCents > 0
        ? [
            {
              id: r.id + 1,
              shipping_line_id: o?.shippingLineId ?? null,
              subtotal_amount_set: restSet(r.shippingCents, currency),
              tax_amount_set: restSet(r.shippingTaxCents ?? 0, currency),
            },
          ]
        : [],
    order_adjustments: (r.adjustments ?? []).map((a) => ({
      id: a.id,
      order_id: r.orderId,
      refund_id: r.id,
      amount: fmt(a.amountCents),
      tax_amount: fmt(a.taxCents),
      kind: a.kind,
      reason: a.reason ?? 'Refund discrepancy',
      amount_set: restSet(a.amountCents, currency),
      tax_amount_set: restSet(a.taxCents, currency),
    })),
    refund_line_items: r.lineItems.map((l) => {
      const li = o?.lineItems.find((x) => x.id === l.lineItemId);
      return {
        id: l.id,
        quantity: l.quantity,
        line_item_id: l.lineItemId,
        location_id: null,
        restock_type: l.restockType,
        // Shopify sends these two as numbers, unlike every other amount.
        subtotal: l.subtotalCents / 100,
        total_tax: l.taxCents / 100,
        subtotal_set: restSet(l.subtotalCents, currency),
        total_tax_set: restSet(l.taxCents, currency),
        line_item: li && o ? restLineItem(o, li, 0, null) : null,
      };
    }),
    transactions: r.transaction
      ? [
          {
            id: r.transaction.id,
            admin_graphql_api_id: gid('OrderTransaction', r.transaction.id),
            order_id: r.orderId,
            kind: 'refund',
            gateway: r.transaction.gateway,
            status: 'success',
            message: 'Refund processed',
            created_at: isoShop(r.createdAt),
            test: false,
            authorization: null,
            location_id: null,
            user_id: null,
            parent_id: r.transaction.parentId ?? null,
            processed_at: isoShop(r.createdAt),
            device_id: null,
            error_code: null,
            source_name: 'web',
            ...(o && paidByCard(r.transaction.gateway) ? { payment_details: restPaymentDetails(o) } : {}),
            receipt: {},
            amount: fmt(r.transaction.amountCents),
            currency,
            payment_id: `r${r.transaction.id.toString(36)}`,
            total_unsettled_set: { presentment_money: { amount: '0.00', currency }, shop_money: { amount: '0.00', currency } },
            manual_payment_gateway: r.transaction.gateway === 'manual',
            amount_rounding: null,
            ...(r.transaction.gateway === 'shopify_payments'
              ? { payments_refund_attributes: { status: 'success', acquirer_reference_number: acquirerReference(r.transaction.id) } }
              : {}),
          },
        ]
      : [],
  };
}

export function restOrder(s: ShopState, o: OrderRec): Json {
  const t = s.totals(o);
  const p = orderPricing(o);
  const discounts = restDiscounts(o, p);
  const c = o.currency;
  const customer = o.customerId === null ? undefined : s.customers.get(o.customerId);
  const fulfillments = s.fulfillmentsOf(o.id);
  const fulfilledQty = new Map<number, number>();
  for (const f of fulfillments)
    if (f.status === 'success') for (const l of f.lineItems) fulfilledQty.set(l.lineItemId, (fulfilledQty.get(l.lineItemId) ?? 0) + l.quantity);
  const b2b = orderCompany(s, o);
  return {
    id: o.id,
    admin_graphql_api_id: gid('Order', o.id),
    app_id: 580111,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: o.cancelReason,
    cancelled_at: shopOrNull(o.cancelledAt),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: shopOrNull(o.closedAt),
    company: b2b ? { id: b2b.company.id, location_id: b2b.location.id } : null,
    confirmation_number: o.confirmationNumber,
    confirmed: true,
    contact_email: o.email,
    created_at: isoShop(o.createdAt),
    currency: c,
    current_shipping_price_set: restSet(o.cancelledAt === null ? p.shippingDiscountedCents : 0, c),
    current_subtotal_price: fmt(t.currentSubtotal),
    current_subtotal_price_set: restSet(t.currentSubtotal, c),
    current_total_additional_fees_set: null,
    current_total_discounts: fmt(o.cancelledAt === null ? t.discounts : 0),
    current_total_discounts_set: restSet(o.cancelledAt === null ? t.discounts : 0, c),
    current_total_duties_set: null,
    current_total_price: fmt(t.currentTotal),
    current_total_price_set: restSet(t.currentTotal, c),
    current_total_tax: fmt(t.currentTax),
    current_total_tax_set: restSet(t.currentTax, c),
    customer_locale: 'en',
    device_id: null,
    discount_codes: discounts.discount_codes,
    duties_included: false,
    email: o.email,
    estimated_taxes: false,
    financial_status: o.financialStatus,
    fulfillment_status: s.fulfillmentStatus(o),
    landing_site: null,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: 'MTQ4MjM0NTY3OA',
    merchant_of_record_app_id: null,
    name: o.name,
    note: o.note,
    note_attributes: o.noteAttributes,
    number: o.number - 1000,
    order_number: o.number,
    order_status_url: `https://${s.shopDomain}/64822001709/orders/${o.token}/authenticate?key=${o.token.slice(0, 10)}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: o.paymentTerms ? [] : ['shopify_payments'],
    phone: o.phone,
    po_number: o.poNumber,
    presentment_currency: c,
    processed_at: isoShop(o.processedAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: o.sourceName,
    source_url: null,
    subtotal_price: fmt(t.subtotal),
    subtotal_price_set: restSet(t.subtotal, c),
    tags: o.tags.join(', '),
    tax_exempt: false,
    tax_lines: p.taxLines.map((x) => ({
      price: fmt(x.priceCents),
      rate: x.rate,
      title: x.title,
      price_set: restSet(x.priceCents, c),
      channel_liable: x.channelLiable,
    })),
    taxes_included: false,
    test: false,
    token: o.token,
    total_cash_rounding_payment_adjustment_set: restSet(0, c),
    total_cash_rounding_refund_adjustment_set: restSet(0, c),
    total_discounts: fmt(t.discounts),
    total_discounts_set: restSet(t.discounts, c),
    total_line_items_price: fmt(t.lineItems),
    total_line_items_price_set: restSet(t.lineItems, c),
    total_outstanding: fmt(t.outstanding),
    total_price: fmt(t.total),
    total_price_set: restSet(t.total, c),
    total_shipping_price_set: restSet(o.shippingCents, c),
    total_tax: fmt(t.tax),
    total_tax_set: restSet(t.tax, c),
    total_tip_received: '0.00',
    total_weight: t.weight,
    updated_at: isoShop(o.updatedAt),
    user_id: null,
    billing_address: restAddress(o.billingAddress),
    customer: customer ? restCustomer(customer, true) : null,
    discount_applications: discounts.discount_applications,
    fulfillments: fulfillments.map((f) => restFulfillment(s, f)),
    line_items: o.lineItems.map((li) => {
      const done = fulfilledQty.get(li.id) ?? 0;
      return restLineItem(o, li, o.cancelledAt === null ? li.quantity - done : 0, done === 0 ? null : done >= li.quantity ? 'fulfilled' : 'partial', p);
    }),
    payment_terms: o.paymentTerms
      ? {
          id: o.paymentTerms.id,
          payment_terms_name: o.paymentTerms.name,
          payment_terms_type: 'net',
          due_in_days: o.paymentTerms.dueInDays,
          created_at: isoShop(o.createdAt),
          updated_at: isoShop(o.createdAt),
          payment_schedules: [
            {
              id: o.paymentTerms.scheduleId,
              created_at: isoShop(o.createdAt),
              updated_at: isoShop(o.createdAt),
              payment_terms_id: o.paymentTerms.id,
              reference_id: o.id,
              reference_type: 'Order',
              issued_at: isoShop(o.processedAt),
              due_at: isoShop(o.processedAt + o.paymentTerms.dueInDays * 86_400_000),
              completed_at: o.financialStatus === 'paid' ? isoShop(o.updatedAt) : null,
              amount: fmt(t.total),
              currency: c,
              total_price: fmt(t.total),
              total_price_currency: c,
              balance_due: fmt(t.outstanding),
              balance_due_currency: c,
              total_balance: fmt(t.outstanding),
              total_balance_currency: c,
              outstanding_balance: fmt(t.outstanding),
              outstanding_balance_currency: c,
            },
          ],
          can_pay_early: true,
        }
      : null,
    refunds: s.refundsOf(o.id).map((r) => restRefund(s, r)),
    shipping_address: restAddress(o.shippingAddress),
    shipping_lines: [
      {
        id: o.shippingLineId,
        carrier_identifier: null,
        code: o.shippingTitle,
        current_discounted_price_set: restSet(p.shippingDiscountedCents, c),
        discounted_price: fmt(p.shippingDiscountedCents),
        discounted_price_set: restSet(p.shippingDiscountedCents, c),
        is_removed: false,
        phone: null,
        price: fmt(o.shippingCents),
        price_set: restSet(o.shippingCents, c),
        requested_fulfillment_service_id: null,
        source: 'shopify',
        title: o.shippingTitle,
        tax_lines: p.shippingTaxLines.map((x) => restTaxLine(x, c)),
        discount_allocations: restAllocations(p.shippingDiscountCents, c),
      },
    ],
    returns: s.returnsOf(o.id).map((r) => ({ id: r.id, admin_graphql_api_id: gid('Return', r.id), status: r.status, name: r.name })),
    line_item_groups: [],
  };
}

/** A return as its webhooks carry it; `minimal` (returns/cancel|close|reopen) is `id, admin_graphql_api_id, order_id, status`. */
export function restReturn(s: ShopState, r: ReturnRec, minimal = false): Json {
  const base: Json = { id: r.id, admin_graphql_api_id: gid('Return', r.id), order_id: r.orderId, status: r.status };
  if (r.status === 'declined' && !minimal)
    return {
      id: r.id,
      admin_graphql_api_id: gid('Return', r.id),
      status: r.status,
      order: { id: r.orderId, admin_graphql_api_id: gid('Order', r.orderId) },
      decline: { reason: r.decline?.reason ?? 'other', note: r.decline?.note ?? null },
    };
  if (minimal || r.status === 'closed' || r.status === 'canceled') return base;
  return {
    id: r.id,
    admin_graphql_api_id: gid('Return', r.id),
    status: r.status,
    order: { id: r.orderId, admin_graphql_api_id: gid('Order', r.orderId) },
    total_return_line_items: r.lineItems.reduce((a, l) => a + l.quantity, 0),
    name: r.name,
    return_line_items: r.lineItems.map((l) => ({
      id: l.id,
      admin_graphql_api_id: gid('ReturnLineItem', l.id),
      fulfillment_line_item: {
        id: l.fulfillmentLineItemId,
        admin_graphql_api_id: gid('FulfillmentLineItem', l.fulfillmentLineItemId),
        line_item: { id: l.lineItemId, admin_graphql_api_id: gid('LineItem', l.lineItemId) },
      },
      quantity: l.quantity,
      return_reason: l.reason,
      return_reason_note: l.reasonNote,
      customer_note: l.customerNote,
    })),
    return_shipping_fees: [],
    exchange_line_items: [],
    total_exchange_line_items: 0,
  };
}

export function restDispute(d: DisputeRec): Json {
  return {
    id: d.id,
    order_id: d.orderId,
    type: d.type,
    amount: fmt(d.amountCents),
    currency: d.currency,
    reason: d.reason,
    network_reason_code: d.networkReasonCode,
    status: d.status,
    evidence_due_by: shopOrNull(d.evidenceDueBy),
    evidence_sent_on: shopOrNull(d.evidenceSentOn),
    finalized_on: shopOrNull(d.finalizedOn),
    initiated_at: isoShop(d.initiatedAt),
  };
}

export function restCompany(c: CompanyRec): Json {
  return {
    name: c.name,
    note: c.note,
    external_id: c.externalId,
    main_contact_admin_graphql_api_id: c.mainContactId === null ? null : gid('CompanyContact', c.mainContactId),
    created_at: isoShop(c.createdAt),
    updated_at: isoShop(c.updatedAt),
    customer_since: isoShop(c.customerSince),
    admin_graphql_api_id: gid('Company', c.id),
  };
}

function restCompanyAddress(l: CompanyLocationRec, company: CompanyRec): Json {
  const a = l.address;
  return {
    address1: a.address1,
    city: a.city,
    province: a.province,
    country: a.country,
    zip: a.zip,
    recipient: `${a.firstName} ${a.lastName}`.trim(),
    first_name: a.firstName,
    last_name: a.lastName,
    address2: a.address2,
    phone: a.phone,
    zone_code: a.provinceCode,
    country_code: a.countryCode,
    created_at: isoShop(l.createdAt),
    updated_at: isoShop(l.updatedAt),
    admin_graphql_api_id: gid('CompanyAddress', l.addressId),
    company_admin_graphql_api_id: gid('Company', company.id),
  };
}

export function restCompanyLocation(l: CompanyLocationRec, company: CompanyRec): Json {
  return {
    name: l.name,
    external_id: l.externalId,
    phone: l.phone,
    locale: l.locale,
    note: l.note,
    created_at: isoShop(l.createdAt),
    updated_at: isoShop(l.updatedAt),
    buyer_experience_configuration: {
      pay_now_only: false,
      editable_shipping_address: false,
      payment_terms_template: l.paymentTermsName
        ? { name: l.paymentTermsName, due_in_days: Number(/\d+/.exec(l.paymentTermsName)?.[0] ?? 30), payment_terms_type: 'net' }
        : null,
    },
    admin_graphql_api_id: gid('CompanyLocation', l.id),
    tax_exemptions: [],
    tax_settings: { tax_registration_id: l.taxRegistrationId, tax_exempt: l.taxExempt, tax_exemptions: [] },
    company: restCompany(company),
    billing_address: restCompanyAddress(l, company),
    shipping_address: restCompanyAddress(l, company),
    tax_registration: l.taxRegistrationId ? { tax_id: l.taxRegistrationId } : null,
  };
}

export function restCompanyContact(ct: CompanyContactRec, company: CompanyRec): Json {
  return {
    customer_admin_graphql_api_id: gid('Customer', ct.customerId),
    title: ct.title,
    locale: ct.locale,
    created_at: isoShop(ct.createdAt),
    updated_at: isoShop(ct.updatedAt),
    admin_graphql_api_id: gid('CompanyContact', ct.id),
    company: restCompany(company),
  };
}

export function restProduct(p: ProductRec): Json {
  return {
    admin_graphql_api_id: gid('Product', p.id),
    body_html: p.bodyHtml,
    created_at: isoShop(p.createdAt),
    handle: p.handle,
    id: p.id,
    product_type: p.productType,
    published_at: shopOrNull(p.publishedAt),
    template_suffix: null,
    title: p.title,
    updated_at: isoShop(p.updatedAt),
    vendor: p.vendor,
    status: p.status,
    published_scope: 'global',
    tags: p.tags.join(', '),
    variants: p.variants.slice(0, 100).map((v) => ({
      admin_graphql_api_id: gid('ProductVariant', v.id),
      barcode: v.barcode,
      compare_at_price: null,
      created_at: isoShop(v.createdAt),
      id: v.id,
      inventory_policy: 'deny',
      position: v.position,
      price: fmt(v.priceCents),
      product_id: p.id,
      sku: v.sku,
      taxable: true,
      title: v.title,
      updated_at: isoShop(v.updatedAt),
      option1: v.options[0] ?? null,
      option2: v.options[1] ?? null,
      option3: v.options[2] ?? null,
      image_id: null,
      inventory_item_id: v.inventoryItemId,
      inventory_quantity: v.inventoryQuantity,
      old_inventory_quantity: v.inventoryQuantity,
    })),
    options: p.optionNames.map((name, i) => ({
      name,
      id: p.id + 1000 + i,
      product_id: p.id,
      position: i + 1,
      values: [...new Set(p.variants.map((v) => v.options[i] ?? v.title))],
    })),
    images: [],
    image: null,
    media: [],
    variant_gids: [...p.variants]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((v) => ({ admin_graphql_api_id: gid('ProductVariant', v.id), updated_at: new Date(v.updatedAt).toISOString() })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

/** inventory_items/create|update: the variant's inventory item, with its customs data. */
export function restInventoryItem(v: VariantRec): Json {
  return {
    id: v.inventoryItemId,
    sku: v.sku,
    created_at: isoShop(v.createdAt),
    updated_at: isoShop(v.inventoryItemUpdatedAt ?? v.createdAt),
    requires_shipping: true,
    cost: null,
    country_code_of_origin: v.countryCodeOfOrigin ?? null,
    province_code_of_origin: v.provinceCodeOfOrigin ?? null,
    harmonized_system_code: v.harmonizedSystemCode ?? null,
    tracked: true,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: gid('InventoryItem', v.inventoryItemId),
  };
}

const restHold = (h: FulfillmentHoldRec): Json => ({
  id: gid('FulfillmentHold', h.id),
  reason: h.reason,
  reason_notes: h.reasonNotes,
  held_by_requesting_app: false,
  handle: h.handle,
  held_by_app: { id: 'gid://shopify/App/1354745' },
});

export function restPlacedOnHold(fo: FulfillmentOrderRec, hold: FulfillmentHoldRec): Json {
  return {
    fulfillment_order: { id: gid('FulfillmentOrder', fo.id), status: fo.status, fulfillment_holds: fo.holds.map(restHold) },
    remaining_fulfillment_order: null,
    held_fulfillment_order_line_items: fo.lineItems
      .filter((l) => l.remainingQuantity > 0)
      .map((l) => ({ id: gid('FulfillmentOrderLineItem', l.id), quantity: l.remainingQuantity })),
    created_fulfillment_hold: restHold(hold),
  };
}

export const restHoldReleased = (fo: FulfillmentOrderRec): Json => ({ fulfillment_order: { id: gid('FulfillmentOrder', fo.id), status: fo.status } });

export const restFulfillmentHold = (fo: FulfillmentOrderRec, hold: FulfillmentHoldRec): Json => ({
  fulfillment_order: { id: gid('FulfillmentOrder', fo.id) },
  fulfillment_hold: restHold(hold),
});

export function restFulfillmentEvent(s: ShopState, f: FulfillmentRec, e: FulfillmentEventRec, shopId: number): Json {
  return {
    id: e.id,
    admin_graphql_api_id: gid('FulfillmentEvent', e.id),
    fulfillment_id: f.id,
    order_id: f.orderId,
    shop_id: shopId,
    status: e.status,
    message: e.message,
    happened_at: isoShop(e.happenedAt),
    estimated_delivery_at: shopOrNull(e.estimatedDeliveryAt),
    city: e.city,
    province: e.province,
    country: e.country,
    zip: e.zip,
    address1: e.address1 ?? null,
    latitude: e.latitude ?? null,
    longitude: e.longitude ?? null,
    created_at: isoShop(e.createdAt),
    updated_at: isoShop(e.createdAt),
  };
}

export function restBulkFinish(b: BulkOperationRec): Json {
  return {
    admin_graphql_api_id: gid('BulkOperation', b.id),
    completed_at: b.completedAt === null ? null : isoUtc(b.completedAt),
    created_at: isoUtc(b.createdAt),
    error_code: b.errorCode,
    status: b.status,
    type: b.type,
  };
}
