/**
 * GraphQL views of the shop's records: plain objects whose keys are schema field names; a value
 * that is a function is called with the field's arguments (see `fieldResolver` in execute.ts).
 * Fields left out resolve to null, or to a "not implemented in the emulator" error when non-null.
 */
import { orderCompany } from '../domain.js';
import { fmt, moneyBag, moneyV2 } from '../money.js';
import { paginate } from '../paging.js';
import { cardOf, paidByCard } from '../payment.js';
import { orderPricing } from '../pricing.js';
import type { OrderPricing } from '../pricing.js';
import type { PageArgs } from '../paging.js';
import { applySearch } from '../search.js';
import type { ShopState } from '../state.js';
import { isoOrNull, isoUtc } from '../time.js';
import type {
  AddressRec,
  BulkOperationRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CustomerRec,
  DisputeRec,
  FulfillmentEventRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  LineItemRec,
  MetafieldRec,
  OrderRec,
  ProductRec,
  RefundRec,
  RefundTransactionRec,
  ReturnRec,
  TaxLineRec,
  VariantRec,
  WebhookSubscriptionRec,
} from '../types.js';
import { sortedConnection } from './connections.js';
import { orderFields, orderSort, sortKeyOf } from './search-fields.js';

export type View = Record<string, unknown>;
type Args = Record<string, unknown>;

const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;
const count = (n: number): View => ({ count: n, precision: 'EXACT' });
const enumOf = (v: string): string => v.toUpperCase();
const byId = <T extends { id: number }>(t: T): [number, number] => [t.id, t.id];
const emptyConnection = (args: PageArgs): View =>
  paginate(
    [],
    args,
    (x: { id: number }) => [x.id, x.id],
    (x) => x,
  );
const listFirst = <T>(items: T[], args: Args): T[] => (typeof args.first === 'number' ? items.slice(0, args.first) : items);
const taxLineView = (t: TaxLineRec, currency: string): View => ({
  title: t.title,
  rate: t.rate,
  ratePercentage: Number((t.rate * 100).toFixed(4)),
  priceSet: moneyBag(t.priceCents, currency),
  channelLiable: t.channelLiable,
  source: null,
});

/** The order's discount code as a `DiscountCodeApplication` (index 0), or undefined. */
function discountApplicationView(o: OrderRec): View | undefined {
  const d = o.discountCode;
  if (!d) return undefined;
  const shipping = d.type === 'shipping';
  return {
    __typename: 'DiscountCodeApplication',
    code: d.code,
    index: 0,
    allocationMethod: shipping ? 'EACH' : 'ACROSS',
    targetSelection: 'ALL',
    targetType: shipping ? 'SHIPPING_LINE' : 'LINE_ITEM',
    value:
      d.type === 'fixed_amount' ? { __typename: 'MoneyV2', ...moneyV2(d.value, o.currency) } : { __typename: 'PricingPercentageValue', percentage: d.value },
  };
}

const allocationViews = (o: OrderRec, cents: number): View[] => {
  const app = discountApplicationView(o);
  return app && cents > 0 ? [{ allocatedAmountSet: moneyBag(cents, o.currency), discountApplication: app }] : [];
};

function shippingLineView(o: OrderRec, p: OrderPricing): View {
  const c = o.currency;
  return {
    id: gid('ShippingLine', o.shippingLineId),
    title: o.shippingTitle,
    code: o.shippingTitle,
    source: 'shopify',
    originalPriceSet: moneyBag(o.shippingCents, c),
    discountedPriceSet: moneyBag(p.shippingDiscountedCents, c),
    currentDiscountedPriceSet: moneyBag(o.cancelledAt === null ? p.shippingDiscountedCents : 0, c),
    isRemoved: false,
    custom: false,
    taxLines: p.shippingTaxLines.map((t) => taxLineView(t, c)),
    discountAllocations: allocationViews(o, p.shippingDiscountCents),
    carrierIdentifier: null,
    deliveryCategory: null,
    phone: null,
    shippingRateHandle: null,
  };
}

/** Topic enum (ORDERS_CREATE) ↔ slash form (orders/create). */
const RESOURCE_PREFIXES = [
  'fulfillment_orders',
  'fulfillment_events',
  'fulfillment_holds',
  'fulfillments',
  'company_contact_roles',
  'company_contacts',
  'company_locations',
  'companies',
  'customers_email_marketing_consent',
  'customers_marketing_consent',
  'customers',
  'orders',
  'order_transactions',
  'draft_orders',
  'refunds',
  'returns',
  'reverse_deliveries',
  'reverse_fulfillment_orders',
  'disputes',
  'products',
  'product_listings',
  'bulk_operations',
  'app',
  'shop',
  'payment_terms',
  'payment_schedules',
  'metafield_definitions',
  'metaobjects',
  'inventory_items',
  'inventory_levels',
  'locations',
  'collections',
  'carts',
  'checkouts',
  'themes',
  'tender_transactions',
];

export function topicToSlash(topic: string): string {
  const lower = topic.toLowerCase();
  for (const p of RESOURCE_PREFIXES) if (lower.startsWith(`${p}_`)) return `${p}/${lower.slice(p.length + 1)}`;
  const i = lower.indexOf('_');
  return i < 0 ? lower : `${lower.slice(0, i)}/${lower.slice(i + 1)}`;
}
export const topicToEnum = (slash: string): string => slash.replace('/', '_').toUpperCase();

export interface ViewOptions {
  shopDomain: string;
  apiVersion: string;
  /** Base URL of the emulator, for bulk operation result URLs. */
  baseUrl: () => string;
  /** Whether a bulk operation's JSONL result can be downloaded. (Default: never) */
  bulkResult?: (id: number) => boolean;
}

export function createViews(s: ShopState, opts: ViewOptions) {
  const address = (a: AddressRec | null, id: number, type = 'MailingAddress'): View | null =>
    a && {
      __typename: 'MailingAddress',
      id: `${gid(type, id)}?model_name=Address`,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      company: a.company,
      country: a.country,
      countryCodeV2: a.countryCode,
      firstName: a.firstName,
      lastName: a.lastName,
      name: `${a.firstName} ${a.lastName}`.trim(),
      phone: a.phone,
      province: a.province,
      provinceCode: a.provinceCode,
      zip: a.zip,
      latitude: null,
      longitude: null,
      coordinatesValidated: false,
      formatted: () => [a.address1, a.address2, `${a.city} ${a.provinceCode} ${a.zip}`, a.country].filter((x): x is string => !!x),
      formattedArea: `${a.city}, ${a.provinceCode}, ${a.country}`,
    };

  const metafieldsOf = (owner: { metafields: MetafieldRec[] }) => ({
    metafield: (args: Args) => {
      const m = owner.metafields.find((x) => x.key === args.key && (args.namespace == null || x.namespace === args.namespace));
      return m ? metafield(m) : null;
    },
    metafields: (args: Args) =>
      paginate(
        owner.metafields.filter(
          (m) =>
            (args.namespace == null || m.namespace === args.namespace) &&
            (!Array.isArray(args.keys) || (args.keys as string[]).includes(`${m.namespace}.${m.key}`)),
        ),
        args,
        byId,
        metafield,
      ),
  });
  const noMetafields = { metafield: () => null, metafields: (args: Args) => emptyConnection(args) };

  function metafield(m: MetafieldRec): View {
    return {
      __typename: 'Metafield',
      id: gid('Metafield', m.id),
      legacyResourceId: String(m.id),
      namespace: m.namespace,
      key: m.key,
      type: m.type,
      value: m.value,
      jsonValue: m.type.startsWith('list.') || m.type === 'json' ? (JSON.parse(m.value) as unknown) : m.value,
      createdAt: isoUtc(m.createdAt),
      updatedAt: isoUtc(m.updatedAt),
      compareDigest: Buffer.from(`${m.id}:${m.updatedAt}`).toString('base64'),
      sizeInBytes: Buffer.byteLength(m.value),
    };
  }

  function customer(c: CustomerRec): View {
    // Lazy, like the fields of any view: a page of orders names each order's customer, and summing
    // every customer's orders for each of them made paging grow with the shop.
    const orders = () => s.ordersOfCustomer(c.id);
    return {
      __typename: 'Customer',
      id: gid('Customer', c.id),
      legacyResourceId: String(c.id),
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      displayName: `${c.firstName} ${c.lastName}`,
      phone: c.phone,
      note: c.note,
      tags: c.tags,
      state: 'ENABLED',
      verifiedEmail: true,
      taxExempt: c.taxExempt,
      taxExemptions: [],
      locale: 'en',
      createdAt: isoUtc(c.createdAt),
      updatedAt: isoUtc(c.updatedAt),
      defaultAddress: address(c.address, c.addressId),
      addressesV2: (args: Args) => paginate([c], args, byId, () => address(c.address, c.addressId)),
      defaultEmailAddress: {
        emailAddress: c.email,
        marketingState: 'NOT_SUBSCRIBED',
        validFormat: true,
        marketingOptInLevel: null,
        marketingUpdatedAt: null,
        openTrackingLevel: 'UNKNOWN',
        openTrackingUrl: '',
        marketingUnsubscribeUrl: '',
      },
      defaultPhoneNumber: c.phone
        ? { phoneNumber: c.phone, marketingState: 'NOT_SUBSCRIBED', marketingOptInLevel: null, marketingUpdatedAt: null, marketingCollectedFrom: null }
        : null,
      numberOfOrders: () => String(orders().length),
      amountSpent: () =>
        moneyV2(
          orders().reduce((a, o) => a + s.totals(o).currentTotal, 0),
          'USD',
        ),
      lastOrder: () => {
        const os = orders();
        const last = os[os.length - 1];
        return last ? order(last) : null;
      },
      orders: (args: Args) => orderConnection(orders(), args),
      companyContactProfiles: () => s.data.companyContacts.filter((ct) => ct.customerId === c.id).map(contact),
      canDelete: () => orders().length === 0,
      dataSaleOptOut: false,
      lifetimeDuration: 'about 1 year',
      multipassIdentifier: null,
      ...noMetafields,
    };
  }

  function companyAddress(l: CompanyLocationRec, company: CompanyRec): View {
    const a = l.address;
    return {
      __typename: 'CompanyAddress',
      id: gid('CompanyAddress', l.addressId),
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      companyName: company.name,
      country: a.country,
      countryCode: a.countryCode,
      firstName: a.firstName,
      lastName: a.lastName,
      phone: a.phone,
      province: a.province,
      zip: a.zip,
      zoneCode: a.provinceCode,
      recipient: `${a.firstName} ${a.lastName}`.trim(),
      createdAt: isoUtc(l.createdAt),
      updatedAt: isoUtc(l.updatedAt),
      formattedAddress: () => [a.address1, a.address2, `${a.city} ${a.provinceCode} ${a.zip}`, a.country].filter((x): x is string => !!x),
      formattedArea: `${a.city}, ${a.provinceCode}, ${a.country}`,
    };
  }

  function company(c: CompanyRec): View {
    const orders = () => s.data.orders.filter((o) => o.company?.companyId === c.id);
    return {
      __typename: 'Company',
      id: gid('Company', c.id),
      name: c.name,
      externalId: c.externalId,
      note: c.note,
      createdAt: isoUtc(c.createdAt),
      updatedAt: isoUtc(c.updatedAt),
      customerSince: isoUtc(c.customerSince),
      lifetimeDuration: 'about 1 year',
      hasTimelineComment: false,
      defaultCursor: Buffer.from(String(c.id)).toString('base64'),
      mainContact: () => {
        const ct = c.mainContactId === null ? undefined : s.companyContacts.get(c.mainContactId);
        return ct ? contact(ct) : null;
      },
      contacts: (args: Args) => paginate(s.contactsOf(c.id), args, byId, contact),
      contactsCount: () => count(s.contactsOf(c.id).length),
      locations: (args: Args) => paginate(s.locationsOf(c.id), args, byId, location),
      locationsCount: () => count(s.locationsOf(c.id).length),
      orders: (args: Args) => orderConnection(orders(), args),
      ordersCount: () => count(orders().length),
      totalSpent: () =>
        moneyV2(
          orders().reduce((a, o) => a + s.totals(o).currentTotal, 0),
          'USD',
        ),
      contactRoles: (args: Args) => emptyConnection(args),
      draftOrders: (args: Args) => emptyConnection(args),
      ...noMetafields,
    };
  }

  function location(l: CompanyLocationRec): View {
    const c = s.companies.get(l.companyId);
    const orders = () => s.data.orders.filter((o) => o.company?.locationId === l.id);
    return {
      __typename: 'CompanyLocation',
      id: gid('CompanyLocation', l.id),
      name: l.name,
      externalId: l.externalId,
      phone: l.phone,
      locale: l.locale,
      note: l.note,
      currency: 'USD',
      createdAt: isoUtc(l.createdAt),
      updatedAt: isoUtc(l.updatedAt),
      hasTimelineComment: false,
      defaultCursor: Buffer.from(String(l.id)).toString('base64'),
      company: () => (c ? company(c) : null),
      billingAddress: c ? companyAddress(l, c) : null,
      shippingAddress: c ? companyAddress(l, c) : null,
      taxSettings: { taxExempt: l.taxExempt, taxExemptions: [], taxRegistrationId: l.taxRegistrationId },
      buyerExperienceConfiguration: {
        checkoutToDraft: false,
        editableShippingAddress: false,
        payNowOnly: false,
        paymentTermsTemplate: l.paymentTermsName
          ? {
              id: gid('PaymentTermsTemplate', 4),
              name: l.paymentTermsName,
              dueInDays: Number(/\d+/.exec(l.paymentTermsName)?.[0] ?? 30),
              paymentTermsType: 'NET',
              description: `Within ${/\d+/.exec(l.paymentTermsName)?.[0] ?? 30} days`,
              translatedName: l.paymentTermsName,
            }
          : null,
        deposit: null,
      },
      orders: (args: Args) => orderConnection(orders(), args),
      ordersCount: () => count(orders().length),
      totalSpent: () =>
        moneyV2(
          orders().reduce((a, o) => a + s.totals(o).currentTotal, 0),
          'USD',
        ),
      roleAssignments: (args: Args) => emptyConnection(args),
      catalogs: (args: Args) => emptyConnection(args),
      ...noMetafields,
    };
  }

  function contact(ct: CompanyContactRec): View {
    const c = s.companies.get(ct.companyId);
    const cust = s.customers.get(ct.customerId);
    const orders = () => s.data.orders.filter((o) => o.company?.contactId === ct.id);
    return {
      __typename: 'CompanyContact',
      id: gid('CompanyContact', ct.id),
      title: ct.title,
      locale: ct.locale,
      isMainContact: c?.mainContactId === ct.id,
      createdAt: isoUtc(ct.createdAt),
      updatedAt: isoUtc(ct.updatedAt),
      lifetimeDuration: 'about 1 year',
      company: () => (c ? company(c) : null),
      customer: () => (cust ? customer(cust) : null),
      orders: (args: Args) => orderConnection(orders(), args),
      roleAssignments: (args: Args) => emptyConnection(args),
      draftOrders: (args: Args) => emptyConnection(args),
    };
  }

  function variant(p: ProductRec, v: VariantRec): View {
    return {
      __typename: 'ProductVariant',
      id: gid('ProductVariant', v.id),
      legacyResourceId: String(v.id),
      title: v.title,
      displayName: `${p.title} - ${v.title}`,
      sku: v.sku,
      barcode: v.barcode,
      price: fmt(v.priceCents),
      compareAtPrice: null,
      position: v.position,
      inventoryQuantity: v.inventoryQuantity,
      availableForSale: v.inventoryQuantity > 0,
      sellableOnlineQuantity: v.inventoryQuantity,
      taxable: true,
      requiresComponents: false,
      showUnitPrice: false,
      inventoryPolicy: 'DENY',
      createdAt: isoUtc(v.createdAt),
      updatedAt: isoUtc(v.updatedAt),
      selectedOptions: v.options.map((value, i) => ({
        name: p.optionNames[i] ?? 'Title',
        value,
        optionValue: { id: gid('ProductOptionValue', v.id + i), name: value, hasVariants: true },
      })),
      product: () => product(p),
      inventoryItem: () => inventoryItem(p, v),
      defaultCursor: Buffer.from(String(v.id)).toString('base64'),
      ...noMetafields,
    };
  }

  /** A variant's inventory item (the emulator keeps one per variant): SKU, tracking and customs data. */
  function inventoryItem(p: ProductRec, v: VariantRec): View {
    return {
      __typename: 'InventoryItem',
      id: gid('InventoryItem', v.inventoryItemId),
      legacyResourceId: String(v.inventoryItemId),
      sku: v.sku,
      tracked: true,
      requiresShipping: true,
      harmonizedSystemCode: v.harmonizedSystemCode ?? null,
      countryCodeOfOrigin: v.countryCodeOfOrigin ?? null,
      provinceCodeOfOrigin: v.provinceCodeOfOrigin ?? null,
      countryHarmonizedSystemCodes: (args: Args) => emptyConnection(args),
      duplicateSkuCount: v.sku ? s.data.products.reduce((n, x) => n + x.variants.filter((y) => y.sku === v.sku && y.id !== v.id).length, 0) : 0,
      inventoryHistoryUrl: null,
      unitCost: null,
      createdAt: isoUtc(v.createdAt),
      updatedAt: isoUtc(v.inventoryItemUpdatedAt ?? v.createdAt),
      measurement: { id: gid('InventoryItemMeasurement', v.inventoryItemId), weight: { unit: 'GRAMS', value: v.grams } },
      trackedEditable: { locked: false, reason: null },
      locationsCount: count(1),
      inventoryLevels: (args: Args) => emptyConnection(args),
      inventoryLevel: () => null,
      variant: () => variant(p, v),
      variants: (args: Args) => paginate([v], args, byId, (x) => variant(p, x)),
    };
  }

  /** The product and variant of an inventory item, if any. */
  const byInventoryItem = (id: number): { p: ProductRec; v: VariantRec } | undefined => {
    for (const p of s.data.products) {
      const v = p.variants.find((x) => x.inventoryItemId === id);
      if (v) return { p, v };
    }
    return undefined;
  };

  function product(p: ProductRec): View {
    return {
      __typename: 'Product',
      id: gid('Product', p.id),
      legacyResourceId: String(p.id),
      title: p.title,
      handle: p.handle,
      descriptionHtml: p.bodyHtml,
      description: (args: Args) => {
        const text = p.bodyHtml.replace(/<[^>]+>/g, '');
        return typeof args.truncateAt === 'number' ? text.slice(0, args.truncateAt) : text;
      },
      productType: p.productType,
      vendor: p.vendor,
      status: enumOf(p.status),
      tags: p.tags,
      createdAt: isoUtc(p.createdAt),
      updatedAt: isoUtc(p.updatedAt),
      publishedAt: isoOrNull(p.publishedAt),
      totalInventory: p.variants.reduce((a, v) => a + v.inventoryQuantity, 0),
      tracksInventory: true,
      hasOnlyDefaultVariant: p.variants.length === 1 && p.variants[0]?.title === 'Default Title',
      hasOutOfStockVariants: p.variants.some((v) => v.inventoryQuantity <= 0),
      hasVariantsThatRequiresComponents: false,
      isGiftCard: false,
      requiresSellingPlan: false,
      templateSuffix: null,
      onlineStoreUrl: null,
      defaultCursor: Buffer.from(String(p.id)).toString('base64'),
      category: null,
      seo: { title: null, description: null },
      options: (args: Args) =>
        listFirst(p.optionNames, args).map((name, i) => ({
          id: gid('ProductOption', p.id + 1000 + i),
          name,
          position: i + 1,
          values: [...new Set(p.variants.map((v) => v.options[i] ?? v.title))],
          optionValues: [],
        })),
      variants: (args: Args) =>
        paginate(
          p.variants,
          args,
          (v) => (args.sortKey === 'ID' ? [v.id, v.id] : [v.position, v.id]),
          (v) => variant(p, v),
        ),
      variantsCount: () => count(p.variants.length),
      priceRangeV2: {
        minVariantPrice: moneyV2(Math.min(...p.variants.map((v) => v.priceCents)), 'USD'),
        maxVariantPrice: moneyV2(Math.max(...p.variants.map((v) => v.priceCents)), 'USD'),
      },
      media: (args: Args) => emptyConnection(args),
      mediaCount: () => count(0),
      featuredMedia: null,
      collections: (args: Args) => emptyConnection(args),
      ...metafieldsOf(p),
    };
  }

  /** `pricing`: the order's, when the caller has it (an order's lineItems). */
  function lineItem(o: OrderRec, li: LineItemRec, pricing?: OrderPricing): View {
    const c = o.currency;
    const fulfilled = s
      .fulfillmentsOf(o.id)
      .filter((f) => f.status === 'success')
      .reduce((a, f) => a + f.lineItems.filter((l) => l.lineItemId === li.id).reduce((x, l) => x + l.quantity, 0), 0);
    const refunded = s.refundsOf(o.id).reduce((a, r) => a + r.lineItems.filter((l) => l.lineItemId === li.id).reduce((x, l) => x + l.quantity, 0), 0);
    const p = li.productId === null ? undefined : s.products.get(li.productId);
    const v = p?.variants.find((x) => x.id === li.variantId);
    const current = li.quantity - refunded;
    const lp = (pricing ?? orderPricing(o)).lines.find((l) => l.line.id === li.id);
    const discount = lp?.discountCents ?? 0;
    const unitAfter = Math.round((li.priceCents * li.quantity - discount) / li.quantity);
    return {
      __typename: 'LineItem',
      id: gid('LineItem', li.id),
      name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
      title: li.title,
      variantTitle: li.variantTitle,
      sku: li.sku,
      vendor: li.vendor,
      quantity: li.quantity,
      currentQuantity: current,
      unfulfilledQuantity: o.cancelledAt === null ? Math.max(0, li.quantity - fulfilled - refunded) : 0,
      refundableQuantity: current,
      nonFulfillableQuantity: 0,
      requiresShipping: true,
      taxable: true,
      isGiftCard: false,
      merchantEditable: o.cancelledAt === null,
      restockable: true,
      customAttributes: li.properties.map((pr) => ({ key: pr.name, value: pr.value })),
      originalUnitPriceSet: moneyBag(li.priceCents, c),
      // Order-level (across) discounts leave the discounted unit price alone, as on Shopify.
      discountedUnitPriceSet: moneyBag(li.priceCents, c),
      discountedUnitPriceAfterAllDiscountsSet: moneyBag(unitAfter, c),
      originalTotalSet: moneyBag(li.priceCents * li.quantity, c),
      discountedTotalSet: moneyBag(li.priceCents * li.quantity, c),
      unfulfilledDiscountedTotalSet: moneyBag(li.priceCents * Math.max(0, li.quantity - fulfilled), c),
      unfulfilledOriginalTotalSet: moneyBag(li.priceCents * Math.max(0, li.quantity - fulfilled), c),
      priceAfterAllDiscountsBeforeTaxesSet: moneyBag(li.priceCents * li.quantity - discount, c),
      totalDiscountSet: moneyBag(discount, c),
      discountAllocations: allocationViews(o, discount),
      duties: [],
      taxLines: () => (lp?.taxLines ?? []).map((t) => taxLineView(t, c)),
      product: () => (p ? product(p) : null),
      variant: () => (p && v ? variant(p, v) : null),
      weight: { unit: 'GRAMS', value: li.grams },
    };
  }

  function fulfillmentOrder(fo: FulfillmentOrderRec): View {
    const o = s.orders.get(fo.orderId);
    return {
      __typename: 'FulfillmentOrder',
      id: gid('FulfillmentOrder', fo.id),
      status: enumOf(fo.status),
      requestStatus: 'UNSUBMITTED',
      createdAt: isoUtc(fo.createdAt),
      updatedAt: isoUtc(fo.updatedAt),
      orderId: gid('Order', fo.orderId),
      orderName: o?.name ?? '',
      orderProcessedAt: isoUtc(o?.processedAt ?? fo.createdAt),
      order: () => (o ? order(o) : null),
      fulfillAt: null,
      fulfillBy: null,
      assignedLocation: {
        name: 'Main Warehouse',
        address1: '1 Depot Way',
        city: 'Pittsburgh',
        countryCode: 'US',
        province: 'Pennsylvania',
        zip: '15201',
        phone: null,
        address2: null,
        location: null,
      },
      destination: null,
      deliveryMethod: null,
      fulfillmentHolds: fo.holds.map((h) => ({
        __typename: 'FulfillmentHold',
        id: gid('FulfillmentHold', h.id),
        reason: enumOf(h.reason),
        reasonNotes: h.reasonNotes,
        handle: h.handle,
        displayReason: h.reason.replace(/_/g, ' '),
        heldByRequestingApp: false,
        heldByApp: null,
      })),
      supportedActions: [],
      lineItems: (args: Args) =>
        paginate(fo.lineItems, args, byId, (l) => {
          const li = o?.lineItems.find((x) => x.id === l.lineItemId);
          return {
            __typename: 'FulfillmentOrderLineItem',
            id: gid('FulfillmentOrderLineItem', l.id),
            totalQuantity: l.totalQuantity,
            remainingQuantity: l.remainingQuantity,
            sku: li?.sku ?? null,
            productTitle: li?.title ?? '',
            variantTitle: li?.variantTitle ?? null,
            vendor: li?.vendor ?? null,
            requiresShipping: true,
            inventoryItemId: null,
            warnings: [],
            financialSummaries: [],
            lineItem: () => (o && li ? lineItem(o, li) : null),
          };
        }),
      fulfillments: (args: Args) =>
        paginate(
          s.data.fulfillments.filter((f) => f.fulfillmentOrderIds.includes(fo.id)),
          args,
          byId,
          fulfillment,
        ),
      merchantRequests: (args: Args) => emptyConnection(args),
    };
  }

  function fulfillmentEvent(e: FulfillmentEventRec): View {
    return {
      __typename: 'FulfillmentEvent',
      id: gid('FulfillmentEvent', e.id),
      status: enumOf(e.status),
      message: e.message,
      happenedAt: isoUtc(e.happenedAt),
      createdAt: isoUtc(e.createdAt),
      estimatedDeliveryAt: isoOrNull(e.estimatedDeliveryAt),
      city: e.city,
      province: e.province,
      country: e.country,
      zip: e.zip,
      address1: e.address1 ?? null,
      latitude: e.latitude ?? null,
      longitude: e.longitude ?? null,
    };
  }

  function fulfillment(f: FulfillmentRec): View {
    const o = s.orders.get(f.orderId);
    return {
      __typename: 'Fulfillment',
      id: gid('Fulfillment', f.id),
      legacyResourceId: String(f.id),
      name: f.name,
      status: enumOf(f.status),
      displayStatus: f.shipmentStatus
        ? enumOf(f.shipmentStatus === 'delivered' ? 'delivered' : f.shipmentStatus === 'delayed' ? 'delayed' : 'fulfilled')
        : 'FULFILLED',
      createdAt: isoUtc(f.createdAt),
      updatedAt: isoUtc(f.updatedAt),
      deliveredAt: isoOrNull(f.events.find((e) => e.status === 'delivered')?.happenedAt ?? null),
      estimatedDeliveryAt: isoOrNull(f.events[f.events.length - 1]?.estimatedDeliveryAt ?? null),
      inTransitAt: null,
      requiresShipping: true,
      totalQuantity: f.lineItems.reduce((a, l) => a + l.quantity, 0),
      trackingInfo: () => (f.trackingNumber ? [{ company: f.trackingCompany, number: f.trackingNumber, url: f.trackingUrl }] : []),
      order: () => (o ? order(o) : null),
      events: (args: Args) => paginate(f.events, args, byId, fulfillmentEvent),
      fulfillmentLineItems: (args: Args) =>
        paginate(f.lineItems, args, byId, (l) => {
          const li = o?.lineItems.find((x) => x.id === l.lineItemId);
          return {
            __typename: 'FulfillmentLineItem',
            id: gid('FulfillmentLineItem', l.id),
            quantity: l.quantity,
            lineItem: () => (o && li ? lineItem(o, li) : null),
            originalTotalSet: moneyBag((li?.priceCents ?? 0) * l.quantity, o?.currency ?? 'USD'),
            discountedTotalSet: moneyBag((li?.priceCents ?? 0) * l.quantity, o?.currency ?? 'USD'),
          };
        }),
      fulfillmentOrders: (args: Args) =>
        paginate(
          f.fulfillmentOrderIds.flatMap((id) => s.fulfillmentOrders.get(id) ?? []),
          args,
          byId,
          fulfillmentOrder,
        ),
      location: null,
      service: null,
      originAddress: null,
    };
  }

  function transactionView(o: OrderRec, t: RefundTransactionRec, kind: string, at: number): View {
    const card = paidByCard(t.gateway) ? cardOf(o) : undefined;
    return {
      __typename: 'OrderTransaction',
      id: gid('OrderTransaction', t.id),
      kind,
      status: 'SUCCESS',
      gateway: t.gateway,
      formattedGateway: t.gateway === 'manual' ? 'Manual' : 'Shopify Payments',
      amountSet: moneyBag(t.amountCents, o.currency),
      createdAt: isoUtc(at),
      processedAt: isoUtc(at),
      test: false,
      manualPaymentGateway: t.gateway === 'manual',
      manuallyCapturable: false,
      multiCapturable: false,
      fees: [],
      paymentId: `r${t.id.toString(36)}`,
      paymentDetails: card
        ? {
            __typename: 'CardPaymentDetails',
            avsResultCode: null,
            bin: card.bin,
            company: card.company,
            cvvResultCode: null,
            expirationMonth: card.expirationMonth,
            expirationYear: card.expirationYear,
            name: card.name,
            number: card.number,
            paymentMethodName: card.paymentMethodName,
            wallet: null,
          }
        : null,
      order: () => order(o),
    };
  }

  function refund(r: RefundRec): View {
    const o = s.orders.get(r.orderId);
    const c = o?.currency ?? 'USD';
    const ret = r.returnId === null ? undefined : s.returns.get(r.returnId);
    return {
      __typename: 'Refund',
      id: gid('Refund', r.id),
      legacyResourceId: String(r.id),
      note: r.note,
      createdAt: isoUtc(r.createdAt),
      updatedAt: isoUtc(r.createdAt),
      processedAt: isoUtc(r.createdAt),
      totalRefundedSet: moneyBag(r.transaction?.amountCents ?? 0, c),
      order: () => (o ? order(o) : null),
      return: () => (ret ? returnView(ret) : null),
      refundLineItems: (args: Args) =>
        paginate(r.lineItems, args, byId, (l) => {
          const li = o?.lineItems.find((x) => x.id === l.lineItemId);
          return {
            __typename: 'RefundLineItem',
            id: gid('RefundLineItem', l.id),
            quantity: l.quantity,
            restockType: enumOf(l.restockType),
            restocked: l.restockType !== 'no_restock',
            priceSet: moneyBag(li?.priceCents ?? 0, c),
            subtotalSet: moneyBag(l.subtotalCents, c),
            totalTaxSet: moneyBag(l.taxCents, c),
            lineItem: () => (o && li ? lineItem(o, li) : null),
            location: null,
          };
        }),
      transactions: (args: Args) =>
        paginate(r.transaction && o ? [r.transaction] : [], args, byId, (t) => transactionView(o as OrderRec, t, 'REFUND', r.createdAt)),
      refundShippingLines: (args: Args) => emptyConnection(args),
      orderAdjustments: (args: Args) =>
        paginate(r.adjustments ?? [], args, byId, (a) => ({
          __typename: 'OrderAdjustment',
          id: gid('OrderAdjustment', a.id),
          amountSet: moneyBag(a.amountCents, c),
          taxAmountSet: moneyBag(a.taxCents, c),
          reason: (a.reason ?? a.kind).toUpperCase(),
        })),
      duties: [],
      staffMember: null,
    };
  }

  /** What returnProcess confirmed; a return closed without processing counts as processed. */
  const processedOf = (r: ReturnRec, l: ReturnRec['lineItems'][number]): number => l.processedQuantity ?? (r.status === 'closed' ? l.quantity : 0);

  function returnView(r: ReturnRec): View {
    const o = s.orders.get(r.orderId);
    return {
      __typename: 'Return',
      id: gid('Return', r.id),
      name: r.name,
      status: enumOf(r.status),
      createdAt: isoUtc(r.createdAt),
      closedAt: isoOrNull(r.closedAt),
      requestApprovedAt: isoOrNull(r.requestApprovedAt),
      totalQuantity: r.lineItems.reduce((a, l) => a + l.quantity, 0),
      decline: r.decline ? { reason: enumOf(r.decline.reason), note: r.decline.note } : null,
      order: () => (o ? order(o) : null),
      returnShippingFees: [],
      returnLineItems: (args: Args) =>
        paginate(r.lineItems, args, byId, (l) => {
          const li = o?.lineItems.find((x) => x.id === l.lineItemId);
          return {
            __typename: 'ReturnLineItem',
            id: gid('ReturnLineItem', l.id),
            quantity: l.quantity,
            returnReasonNote: l.reasonNote,
            customerNote: l.customerNote,
            returnReasonDefinition: {
              id: gid('ReturnReasonDefinition', 1 + l.reason.length),
              handle: l.reason.replace(/_/g, '-'),
              name: l.reason.replace(/_/g, ' ').replace(/^./, (x) => x.toUpperCase()),
              deleted: false,
            },
            processedQuantity: processedOf(r, l),
            unprocessedQuantity: l.quantity - processedOf(r, l),
            processableQuantity: r.status === 'open' ? l.quantity - processedOf(r, l) : 0,
            refundableQuantity: r.status === 'closed' ? 0 : l.quantity,
            refundedQuantity: s
              .refundsOf(r.orderId)
              .filter((x) => x.returnId === r.id)
              .reduce((a, x) => a + x.lineItems.filter((y) => y.lineItemId === l.lineItemId).reduce((b, y) => b + y.quantity, 0), 0),
            withCodeDiscountedTotalPriceSet: moneyBag((li?.priceCents ?? 0) * l.quantity, o?.currency ?? 'USD'),
            fulfillmentLineItem: {
              __typename: 'FulfillmentLineItem',
              id: gid('FulfillmentLineItem', l.fulfillmentLineItemId),
              quantity: l.quantity,
              lineItem: () => (o && li ? lineItem(o, li) : null),
              originalTotalSet: moneyBag((li?.priceCents ?? 0) * l.quantity, o?.currency ?? 'USD'),
              discountedTotalSet: moneyBag((li?.priceCents ?? 0) * l.quantity, o?.currency ?? 'USD'),
            },
            restockingFee: null,
          };
        }),
      refunds: (args: Args) =>
        paginate(
          s.data.refunds.filter((x) => x.returnId === r.id),
          args,
          byId,
          refund,
        ),
      exchangeLineItems: (args: Args) => emptyConnection(args),
      reverseFulfillmentOrders: (args: Args) => emptyConnection(args),
      transactions: (args: Args) => emptyConnection(args),
    };
  }

  function dispute(d: DisputeRec): View {
    const o = d.orderId === null ? undefined : s.orders.get(d.orderId);
    return {
      __typename: 'ShopifyPaymentsDispute',
      id: gid('ShopifyPaymentsDispute', d.id),
      legacyResourceId: String(d.id),
      amount: moneyV2(d.amountCents, d.currency),
      type: enumOf(d.type),
      status: enumOf(d.status),
      initiatedAt: isoUtc(d.initiatedAt),
      evidenceDueBy: isoOrNull(d.evidenceDueBy),
      evidenceSentOn: isoOrNull(d.evidenceSentOn),
      finalizedOn: isoOrNull(d.finalizedOn),
      reasonDetails: { reason: enumOf(d.reason), networkReasonCode: d.networkReasonCode },
      order: () => (o ? order(o) : null),
    };
  }

  /** A staff timeline comment as a CommentEvent (the Event interface's comment type). */
  function commentEvent(o: OrderRec, c: NonNullable<OrderRec['comments']>[number]): View {
    const [firstName = '', ...rest] = c.author.split(' ');
    return {
      __typename: 'CommentEvent',
      id: gid('CommentEvent', c.id),
      action: 'comment',
      appTitle: null,
      attachments: [],
      attributeToApp: false,
      attributeToUser: true,
      author: {
        __typename: 'StaffMember',
        id: gid('StaffMember', 1),
        name: c.author,
        firstName,
        lastName: rest.join(' ') || null,
        email: 'staff@example.com',
        active: true,
        exists: true,
        isShopOwner: false,
        locale: 'en',
        accountType: 'REGULAR',
        initials: [firstName.slice(0, 1)],
      },
      canDelete: true,
      canEdit: true,
      createdAt: isoUtc(c.createdAt),
      criticalAlert: false,
      edited: false,
      embed: null,
      message: c.message,
      rawMessage: c.message,
      subject: { __typename: 'Order', id: gid('Order', o.id) },
    };
  }

  function order(o: OrderRec): View {
    // Worked out once per view: pricing feeds the totals, the totals the fulfilment status, the pricing the line items.
    const p = orderPricing(o);
    const t = s.totals(o, p);
    const discountApp = discountApplicationView(o);
    const c = o.currency;
    const b2b = orderCompany(s, o);
    const cust = o.customerId === null ? undefined : s.customers.get(o.customerId);
    const fos = () => s.fulfillmentOrdersOf(o.id);
    const fstatus = s.fulfillmentStatus(o, t);
    const onHold = fos().some((f) => f.status === 'on_hold');
    const returns = s.returnsOf(o.id);
    const paid = o.financialStatus === 'paid' || o.financialStatus === 'partially_refunded' || o.financialStatus === 'refunded';
    return {
      __typename: 'Order',
      id: gid('Order', o.id),
      legacyResourceId: String(o.id),
      name: o.name,
      number: o.number - 1000,
      events: (args: Args) => paginate(o.comments ?? [], args, byId, (c) => commentEvent(o, c)),
      email: o.email,
      phone: o.phone,
      note: o.note,
      poNumber: o.poNumber,
      tags: o.tags,
      test: false,
      confirmed: true,
      confirmationNumber: o.confirmationNumber,
      closed: o.closedAt !== null,
      closedAt: isoOrNull(o.closedAt),
      cancelledAt: isoOrNull(o.cancelledAt),
      cancelReason: o.cancelReason === null ? null : enumOf(o.cancelReason),
      cancellation: o.cancelledAt === null ? null : { staffNote: null },
      createdAt: isoUtc(o.createdAt),
      updatedAt: isoUtc(o.updatedAt),
      processedAt: isoUtc(o.processedAt),
      currencyCode: c,
      presentmentCurrencyCode: c,
      customerLocale: 'en',
      sourceName: o.sourceName,
      sourceIdentifier: null,
      paymentGatewayNames: o.paymentTerms ? [] : ['shopify_payments'],
      customAttributes: o.noteAttributes.map((a) => ({ key: a.name, value: a.value })),
      displayFinancialStatus: enumOf(o.financialStatus),
      displayFulfillmentStatus: fstatus === 'fulfilled' ? 'FULFILLED' : fstatus === 'partial' ? 'PARTIALLY_FULFILLED' : onHold ? 'ON_HOLD' : 'UNFULFILLED',
      returnStatus: returns.some((r) => r.status === 'requested')
        ? 'RETURN_REQUESTED'
        : returns.some((r) => r.status === 'open')
          ? 'IN_PROGRESS'
          : returns.some((r) => r.status === 'closed')
            ? 'RETURNED'
            : 'NO_RETURN',
      fullyPaid: paid,
      unpaid: !paid && o.financialStatus !== 'voided',
      canMarkAsPaid: !paid && o.cancelledAt === null,
      canNotifyCustomer: true,
      capturable: o.financialStatus === 'authorized',
      refundable: paid && o.financialStatus !== 'refunded',
      restockable: true,
      fulfillable: o.cancelledAt === null && fstatus !== 'fulfilled',
      requiresShipping: true,
      edited: false,
      merchantEditable: o.cancelledAt === null,
      merchantEditableErrors: [],
      taxesIncluded: false,
      taxExempt: false,
      dutiesIncluded: false,
      estimatedTaxes: false,
      customerAcceptsMarketing: false,
      billingAddressMatchesShippingAddress: true,
      hasTimelineComment: false,
      productNetwork: false,
      discountCode: o.discountCode?.code ?? null,
      discountCodes: o.discountCode ? [o.discountCode.code] : [],
      subtotalLineItemsQuantity: t.totalQuantity,
      currentSubtotalLineItemsQuantity: t.totalQuantity - s.refundsOf(o.id).reduce((a, r) => a + r.lineItems.reduce((x, l) => x + l.quantity, 0), 0),
      totalWeight: String(t.weight),
      currentTotalWeight: String(t.weight),
      totalPriceSet: moneyBag(t.total, c),
      originalTotalPriceSet: moneyBag(t.total, c),
      currentTotalPriceSet: moneyBag(t.currentTotal, c),
      subtotalPriceSet: moneyBag(t.subtotal, c),
      currentSubtotalPriceSet: moneyBag(t.currentSubtotal, c),
      totalTaxSet: moneyBag(t.tax, c),
      currentTotalTaxSet: moneyBag(t.currentTax, c),
      totalShippingPriceSet: moneyBag(t.shipping, c),
      currentShippingPriceSet: moneyBag(o.cancelledAt === null ? p.shippingDiscountedCents : 0, c),
      totalDiscountsSet: moneyBag(t.discounts, c),
      currentTotalDiscountsSet: moneyBag(o.cancelledAt === null ? t.discounts : 0, c),
      cartDiscountAmountSet: null,
      currentCartDiscountAmountSet: moneyBag(0, c),
      totalRefundedSet: moneyBag(t.refunded, c),
      totalRefundedShippingSet: moneyBag(
        s.refundsOf(o.id).reduce((a, r) => a + r.shippingCents, 0),
        c,
      ),
      totalOutstandingSet: moneyBag(t.outstanding, c),
      totalReceivedSet: moneyBag(paid ? t.total : 0, c),
      netPaymentSet: moneyBag(paid ? t.total - t.refunded : 0, c),
      totalCapturableSet: moneyBag(0, c),
      totalTipReceivedSet: moneyBag(0, c),
      refundDiscrepancySet: moneyBag(
        s.refundsOf(o.id).reduce((a, r) => a + (r.adjustments ?? []).reduce((x, adj) => x + adj.amountCents, 0), 0),
        c,
      ),
      taxLines: p.taxLines.map((x) => taxLineView(x, c)),
      currentTaxLines:
        t.currentTax === t.tax
          ? p.taxLines.map((x) => taxLineView(x, c))
          : t.currentTax > 0
            ? [taxLineView({ ...(p.taxLines[0] ?? { title: o.taxTitle ?? 'State Tax', rate: o.taxRate, channelLiable: false }), priceCents: t.currentTax }, c)]
            : [],
      statusPageUrl: `https://${opts.shopDomain}/64822001709/orders/${o.token}/authenticate?key=${o.token.slice(0, 10)}`,
      customer: () => (cust ? customer(cust) : null),
      purchasingEntity: () =>
        b2b
          ? {
              __typename: 'PurchasingCompany',
              company: company(b2b.company),
              location: location(b2b.location),
              contact: b2b.contact ? contact(b2b.contact) : null,
            }
          : cust
            ? customer(cust)
            : null,
      billingAddress: address(o.billingAddress, o.id + 1),
      shippingAddress: address(o.shippingAddress, o.id + 2),
      displayAddress: address(o.billingAddress, o.id + 1),
      shippingLine: shippingLineView(o, p),
      paymentTerms: o.paymentTerms
        ? {
            __typename: 'PaymentTerms',
            id: gid('PaymentTerms', o.paymentTerms.id),
            paymentTermsName: o.paymentTerms.name,
            paymentTermsType: 'NET',
            translatedName: o.paymentTerms.name,
            dueInDays: o.paymentTerms.dueInDays,
            due: false,
            overdue: false,
            paymentSchedules: (args: Args) =>
              paginate(
                [o.paymentTerms as NonNullable<OrderRec['paymentTerms']>],
                args,
                (p) => [p.scheduleId, p.scheduleId],
                (p) => ({
                  id: gid('PaymentSchedule', p.scheduleId),
                  issuedAt: isoUtc(o.processedAt),
                  dueAt: isoUtc(o.processedAt + p.dueInDays * 86_400_000),
                  completedAt: o.financialStatus === 'paid' ? isoUtc(o.updatedAt) : null,
                  due: false,
                  balanceDue: moneyV2(t.outstanding, c),
                  totalBalance: moneyV2(t.outstanding, c),
                }),
              ),
          }
        : null,
      lineItems: (args: Args) => paginate(o.lineItems, args, byId, (li) => lineItem(o, li, p)),
      nonFulfillableLineItems: (args: Args) => emptyConnection(args),
      fulfillmentOrders: (args: Args) => paginate(fos(), args, byId, fulfillmentOrder),
      fulfillments: (args: Args) => listFirst(s.fulfillmentsOf(o.id), args).map(fulfillment),
      fulfillmentsCount: () => count(s.fulfillmentsOf(o.id).length),
      refunds: (args: Args) => listFirst(s.refundsOf(o.id), args).map(refund),
      returns: (args: Args) =>
        paginate(
          applySearch(
            returns,
            args.query as string | null,
            (r, f) => (f === 'status' ? r.status : undefined),
            (r) => [r.name],
          ).items,
          args,
          byId,
          returnView,
        ),
      disputes: () =>
        s
          .disputesOf(o.id)
          .map((d) => ({ __typename: 'OrderDisputeSummary', id: gid('ShopifyPaymentsDispute', d.id), initiatedAs: enumOf(d.type), status: enumOf(d.status) })),
      transactions: (args: Args) => {
        const list: View[] = [];
        if (paid)
          list.push(transactionView(o, { id: o.id + 7, amountCents: t.total, gateway: o.paymentTerms ? 'manual' : 'shopify_payments' }, 'SALE', o.processedAt));
        for (const r of s.refundsOf(o.id)) if (r.transaction) list.push(transactionView(o, r.transaction, 'REFUND', r.createdAt));
        return listFirst(list, args);
      },
      transactionsCount: () => count(paid ? 1 + s.refundsOf(o.id).filter((r) => r.transaction).length : 0),
      agreements: (args: Args) => emptyConnection(args),
      discountApplications: (args: Args) =>
        paginate(
          discountApp ? [discountApp] : [],
          args,
          () => [0, 0],
          (x) => x,
        ),
      shippingLines: (args: Args) =>
        paginate(
          [o],
          args,
          (x) => [x.shippingLineId, x.shippingLineId],
          () => shippingLineView(o, p),
        ),
      localizedFields: (args: Args) => emptyConnection(args),
      alerts: [],
      additionalFees: [],
      risk: { recommendation: 'ACCEPT', assessments: [] },
      ...noMetafields,
    };
  }

  const orderText = (o: OrderRec): string[] => [o.name, o.email ?? '', ...o.tags];

  /** Some of the shop's orders (a customer's, a company's) as a connection. */
  function orderConnection(items: OrderRec[], args: Args): View {
    const found = applySearch(items, args.query as string | null, orderFields(s), orderText);
    return paginate(found.items, args, sortKeyOf(args.sortKey as string | undefined), order);
  }

  /** All of the shop's orders (QueryRoot.orders), paged on the sorted index: the same answer as `orderConnection(s.data.orders, args)`. */
  function orders(args: Args): View {
    return sortedConnection(s.orders, args, { sort: orderSort(args.sortKey as string | undefined), lookup: orderFields(s), text: orderText }, order);
  }

  function webhookSubscription(w: WebhookSubscriptionRec): View {
    return {
      __typename: 'WebhookSubscription',
      id: gid('WebhookSubscription', w.id),
      legacyResourceId: String(w.id),
      topic: topicToEnum(w.topic),
      uri: w.uri,
      name: w.name,
      filter: w.filter,
      format: 'JSON',
      includeFields: w.includeFields,
      metafieldNamespaces: [],
      metafields: [],
      apiVersion: { handle: opts.apiVersion, displayName: opts.apiVersion, supported: true },
      createdAt: isoUtc(w.createdAt),
      updatedAt: isoUtc(w.updatedAt),
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: w.uri },
      callbackUrl: w.uri,
    };
  }

  function bulkOperation(b: BulkOperationRec): View {
    return {
      __typename: 'BulkOperation',
      id: gid('BulkOperation', b.id),
      type: enumOf(b.type),
      status: enumOf(b.status),
      query: b.query,
      errorCode: b.errorCode === null ? null : enumOf(b.errorCode),
      objectCount: String(b.objectCount),
      rootObjectCount: String(b.rootObjectCount),
      fileSize: b.fileSize === null ? null : String(b.fileSize),
      url: b.status === 'completed' && b.objectCount > 0 && opts.bulkResult?.(b.id) === true ? `${opts.baseUrl()}/emulator/bulk/${b.id}.jsonl` : null,
      partialDataUrl: null,
      createdAt: isoUtc(b.createdAt),
      completedAt: isoOrNull(b.completedAt),
    };
  }

  /** Resolves a GID to its view (for `node`, `nodes` and the typed lookups). */
  function node(id: unknown): View | null {
    if (typeof id !== 'string') return null;
    const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/.exec(id);
    if (!m) return null;
    const n = Number(m[2]);
    switch (m[1]) {
      case 'Order': {
        const r = s.orders.get(n);
        return r ? order(r) : null;
      }
      case 'Customer': {
        const r = s.customers.get(n);
        return r ? customer(r) : null;
      }
      case 'Company': {
        const r = s.companies.get(n);
        return r ? company(r) : null;
      }
      case 'CompanyLocation': {
        const r = s.companyLocations.get(n);
        return r ? location(r) : null;
      }
      case 'CompanyContact': {
        const r = s.companyContacts.get(n);
        return r ? contact(r) : null;
      }
      case 'Product': {
        const r = s.products.get(n);
        return r ? product(r) : null;
      }
      case 'ProductVariant': {
        const p = s.data.products.find((x) => x.variants.some((v) => v.id === n));
        const v = p?.variants.find((x) => x.id === n);
        return p && v ? variant(p, v) : null;
      }
      case 'InventoryItem': {
        const r = byInventoryItem(n);
        return r ? inventoryItem(r.p, r.v) : null;
      }
      case 'LineItem': {
        const o = s.data.orders.find((x) => x.lineItems.some((l) => l.id === n));
        const li = o?.lineItems.find((l) => l.id === n);
        return o && li ? lineItem(o, li) : null;
      }
      case 'Return': {
        const r = s.returns.get(n);
        return r ? returnView(r) : null;
      }
      case 'Refund': {
        const r = s.refunds.get(n);
        return r ? refund(r) : null;
      }
      case 'ShopifyPaymentsDispute': {
        const r = s.disputes.get(n);
        return r ? dispute(r) : null;
      }
      case 'FulfillmentOrder': {
        const r = s.fulfillmentOrders.get(n);
        return r ? fulfillmentOrder(r) : null;
      }
      case 'Fulfillment': {
        const r = s.fulfillments.get(n);
        return r ? fulfillment(r) : null;
      }
      case 'WebhookSubscription': {
        const r = s.webhookSubscriptions.get(n);
        return r ? webhookSubscription(r) : null;
      }
      case 'BulkOperation': {
        const r = s.bulkOperations.get(n);
        return r ? bulkOperation(r) : null;
      }
      default:
        return null;
    }
  }

  return {
    order,
    orderConnection,
    orders,
    customer,
    company,
    location,
    contact,
    product,
    variant,
    inventoryItem,
    byInventoryItem,
    lineItem,
    fulfillmentOrder,
    fulfillment,
    fulfillmentEvent,
    refund,
    returnView,
    dispute,
    webhookSubscription,
    bulkOperation,
    metafield,
    node,
  };
}

export type Views = ReturnType<typeof createViews>;
