/**
 * The seeded synthetic shop: deterministic from the seed (same seed, same shop, byte for byte).
 * Products (some regulated), B2B companies with locations and contacts, consumer customers and
 * orders of every kind the jobs care about (high value, custom, B2B with PO number and Net terms,
 * ordinary), with fulfilments, holds, carrier delays, cancellations, refunds, returns and disputes.
 */
import {
  addFulfillmentEvent,
  cancelOrder,
  createCompany,
  createCompanyContact,
  createCompanyLocation,
  createCustomer,
  createFulfillment,
  createOrder,
  createProduct,
  createRefund,
  holdFulfillmentOrder,
  openDispute,
  requestReturn,
  setReturnStatus,
  updateDispute,
} from './domain.js';
import type { OrderInput } from './domain.js';
import { createPrng } from './prng.js';
import type { ShopState } from './state.js';
import type { AddressRec, CustomerRec, OrderRec, ProductRec } from './types.js';

/** Seeded history ends here (fixed, so that a seed always yields the same shop). */
export const SEED_END = Date.UTC(2026, 9, 31, 16, 0, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedOptions {
  seed: number;
  /** Number of orders. (Default: 50) */
  orders: number;
}

type ProductSpec = [title: string, type: string, tags: string[], price: number, variants: string[]];

const PRODUCTS: ProductSpec[] = [
  ['Industrial Valve X200', 'Valves', ['compliance:CE', 'compliance:PED'], 1250, ['Stainless / DN50', 'Duplex / DN50']],
  ['Gasket Kit GK-50', 'Seals', [], 45.5, ['EPDM', 'Viton']],
  ['Pressure Gauge PG-10', 'Instruments', [], 89.99, ['0-10 bar', '0-40 bar']],
  ['Solvent Cleaner SC-5', 'Chemicals', ['regulated', 'hazmat:class-3'], 64, ['5 L']],
  ['Lithium Battery Pack LB-48', 'Power', ['regulated', 'hazmat:class-9'], 420, ['48 V']],
  ['Safety Relief Valve SRV-25', 'Valves', ['regulated', 'compliance:ASME'], 780, ['DN25']],
  ['Hydraulic Pump HP-300', 'Pumps', [], 3450, ['300 L/min']],
  ['Control Cabinet CC-12', 'Electrical', ['compliance:UL'], 5200, ['IP54', 'IP66']],
  ['Flow Meter FM-80', 'Instruments', [], 960, ['DN80']],
  ['Ball Valve BV-15', 'Valves', [], 120, ['Brass', 'Stainless']],
  ['Pipe Fitting Set PF-100', 'Fittings', [], 35, ['Default Title']],
  ['Epoxy Coating EC-2', 'Chemicals', ['hazmat:class-8'], 145, ['4 L']],
  ['Stainless Flange SF-50', 'Fittings', [], 58, ['DN50']],
  ['Motor Drive MD-7', 'Electrical', ['compliance:CE'], 2100, ['7.5 kW']],
  ['Heat Exchanger HX-40', 'Thermal', [], 7800, ['40 plates']],
  ['Thermocouple TC-K', 'Instruments', [], 24, ['Type K']],
  ['Filter Cartridge FC-10', 'Filtration', [], 18.5, ['10 micron', '25 micron']],
  ['Compressed Gas Regulator GR-3', 'Gas', ['regulated'], 310, ['Oxygen', 'Nitrogen']],
  ['Sight Glass SG-20', 'Instruments', [], 75, ['DN20']],
  ['Engineering Service Kit SK-1', 'Services', ['custom-build'], 250, ['Default Title']],
];

/**
 * Customs data of the regulated products' inventory items (job 5): the Harmonized System heading and
 * the country (and, in the US, the state) of origin, as a merchant's admin enters them. Fixed, not
 * drawn from the seed, so the rest of the shop stays as it was.
 */
const CUSTOMS: Record<string, [hs: string, country: string, province: string | null]> = {
  'Industrial Valve X200': ['848180', 'DE', null], // taps, cocks, valves n.e.s.
  'Solvent Cleaner SC-5': ['381400', 'US', 'OH'], // organic composite solvents
  'Lithium Battery Pack LB-48': ['850760', 'CN', null], // lithium-ion accumulators
  'Safety Relief Valve SRV-25': ['848140', 'US', 'PA'], // safety or relief valves
  'Control Cabinet CC-12': ['853710', 'US', 'TX'], // boards and panels, ≤ 1,000 V
  'Epoxy Coating EC-2': ['320890', 'US', 'MI'], // paints based on synthetic polymers
  'Motor Drive MD-7': ['850440', 'DE', null], // static converters
  'Compressed Gas Regulator GR-3': ['848110', 'IT', null], // pressure-reducing valves
};

const COMPANIES: Array<[name: string, city: string, state: string, code: string, zip: string, terms: string]> = [
  ['Keystone Process Systems LLC', 'Pittsburgh', 'Pennsylvania', 'PA', '15222', 'Net 30'],
  ['Nordic Pump AB', 'Buffalo', 'New York', 'NY', '14202', 'Net 30'],
  ['Harbor Lab Supply Inc.', 'Baltimore', 'Maryland', 'MD', '21202', 'Net 60'],
  ['Great Lakes Hydraulics Co.', 'Cleveland', 'Ohio', 'OH', '44113', 'Net 30'],
  ['Summit Brewing Equipment', 'Denver', 'Colorado', 'CO', '80202', 'Net 15'],
];

const FIRST = [
  'Dana',
  'Luis',
  'Mei',
  'Oskar',
  'Priya',
  'Sam',
  'Amara',
  'Jonas',
  'Keiko',
  'Rafael',
  'Ines',
  'Tom',
  'Lena',
  'Victor',
  'Zoe',
  'Hugo',
  'Nadia',
  'Omar',
  'Clara',
  'Ben',
];
const LAST = [
  'Whitfield',
  'Ortega',
  'Tanaka',
  'Lind',
  'Raman',
  'Carter',
  'Okafor',
  'Berg',
  'Sato',
  'Costa',
  'Moreau',
  'Hughes',
  'Fischer',
  'Novak',
  'Reyes',
  'Dubois',
  'Haddad',
  'Khan',
  'Rossi',
  'Park',
];
const STREETS = ['Foundry Road', 'Harbor Street', 'Mill Lane', 'Station Avenue', 'Canal Street', 'Ridge Road'];

function address(
  first: string,
  last: string,
  company: string | null,
  city: string,
  province: string,
  code: string,
  zip: string,
  street: string,
  n: number,
): AddressRec {
  return {
    firstName: first,
    lastName: last,
    company,
    address1: `${n} ${street}`,
    address2: null,
    city,
    province,
    provinceCode: code,
    country: 'United States',
    countryCode: 'US',
    zip,
    phone: `+1 412-555-${String(n).padStart(4, '0').slice(-4)}`,
  };
}

/** Fills an empty state with the synthetic shop. */
export function seedShop(s: ShopState, opts: SeedOptions): void {
  const rng = createPrng(opts.seed);
  const start = SEED_END - 120 * DAY;
  let clock = start;
  const tick = (ms: number): number => (clock += ms);

  // Products, created first (about 4 months before the orders end).
  const products: ProductRec[] = PRODUCTS.map(([title, type, tags, price, variants], i) => {
    const regulated = tags.some((t) => t === 'regulated' || t.startsWith('compliance:') || t.startsWith('hazmat:'));
    return createProduct(
      s,
      {
        title,
        productType: type,
        tags,
        vendor: i % 4 === 3 ? 'Nordic Pump AB' : 'Acme Industrial',
        bodyHtml: `<p>${title}. Data sheet available on request.</p>`,
        optionName: 'Variant',
        variants: variants.map((v, j) => ({
          title: v,
          sku: `${title
            .split(' ')
            .slice(-1)[0]
            ?.replace(/[^A-Z0-9-]/gi, '')}-${j + 1}`.toUpperCase(),
          priceCents: Math.round(price * 100 * (1 + j * 0.1)),
          inventoryQuantity: rng.int(0, 120),
          grams: rng.int(100, 9000),
          barcode: String(4006381333000 + i * 10 + j),
          ...(CUSTOMS[title]
            ? { inventoryItem: { harmonizedSystemCode: CUSTOMS[title][0], countryCodeOfOrigin: CUSTOMS[title][1], provinceCodeOfOrigin: CUSTOMS[title][2] } }
            : {}),
        })),
        metafields: regulated
          ? [
              {
                namespace: 'compliance',
                key: 'required_documents',
                type: 'list.single_line_text_field',
                value: JSON.stringify(
                  tags.some((t) => t.startsWith('hazmat:'))
                    ? ['Safety Data Sheet', 'Transport Declaration']
                    : ['Declaration of Conformity', 'Material Certificate'],
                ),
              },
              {
                namespace: 'compliance',
                key: 'product_class',
                type: 'single_line_text_field',
                value: tags.find((t) => t.startsWith('hazmat:')) ?? 'regulated',
              },
            ]
          : [],
      },
      tick(rng.int(1, 48) * HOUR),
    );
  });

  // B2B companies: locations with payment terms, contacts that are customers.
  const b2b: Array<{ locationId: number; contactId: number; customer: CustomerRec }[]> = [];
  COMPANIES.forEach(([name, city, province, code, zip, terms], ci) => {
    const at = tick(rng.int(2, 30) * HOUR);
    const company = createCompany(
      s,
      { name, externalId: `ERP-CUST-${String(4471 + ci * 113).padStart(6, '0')}`, note: `Key account - ${terms}`, customerSince: at },
      at,
    );
    const locs = [
      createCompanyLocation(
        s,
        company,
        {
          name: `${city} HQ`,
          externalId: `LOC-${ci + 1}-1`,
          phone: '+1 412-555-0100',
          address: address('Receiving', 'Dock', name, city, province, code, zip, STREETS[ci % STREETS.length] ?? 'Main Street', 100 + ci),
          paymentTermsName: terms,
          taxRegistrationId: `US-${rng.int(10_000_000, 99_999_999)}`,
          taxExempt: ci === 2,
        },
        tick(HOUR),
      ),
    ];
    if (ci % 2 === 0)
      locs.push(
        createCompanyLocation(
          s,
          company,
          {
            name: `${city} Plant 2`,
            externalId: `LOC-${ci + 1}-2`,
            address: address('Receiving', 'Gate 2', name, city, province, code, zip, 'Industrial Park', 200 + ci),
            paymentTermsName: terms,
          },
          tick(HOUR),
        ),
      );
    const contacts = [0, 1].slice(0, ci % 2 === 0 ? 2 : 1).map((k) => {
      const first = FIRST[(ci * 2 + k) % FIRST.length] ?? 'Alex';
      const last = LAST[(ci * 2 + k) % LAST.length] ?? 'Smith';
      const domain = name
        .toLowerCase()
        .replace(/[^a-z]+/g, '-')
        .replace(/-(llc|inc|co|ab)?-?$/, '');
      return createCompanyContact(
        s,
        company,
        {
          email: `${first}.${last}@${domain}.example`.toLowerCase(),
          firstName: first,
          lastName: last,
          phone: `+1412555${String(1000 + ci * 10 + k)}`,
          title: k === 0 ? 'Purchasing Manager' : 'Plant Engineer',
          tags: ['B2B'],
          address: locs[0]?.address,
        },
        tick(HOUR),
      );
    });
    b2b.push(locs.flatMap((l) => contacts.map((c) => ({ locationId: l.id, contactId: c.contact.id, customer: c.customer }))));
  });

  // Consumer customers.
  const consumers: CustomerRec[] = [];
  for (let i = 0; i < 12; i++) {
    const first = FIRST[(i + 10) % FIRST.length] ?? 'Alex';
    const last = LAST[(i + 7) % LAST.length] ?? 'Smith';
    consumers.push(
      createCustomer(
        s,
        {
          email: `${first}.${last}${i}@example.com`.toLowerCase(),
          firstName: first,
          lastName: last,
          phone: null,
          tags: i % 4 === 0 ? ['vip'] : [],
          address: address(first, last, null, 'Columbus', 'Ohio', 'OH', '43215', STREETS[i % STREETS.length] ?? 'Main Street', 10 + i),
        },
        tick(rng.int(1, 24) * HOUR),
      ),
    );
  }

  const cheap = products.filter((p) => (p.variants[0]?.priceCents ?? 0) < 100_000);
  const pricey = products.filter((p) => (p.variants[0]?.priceCents ?? 0) >= 300_000);
  const variantOf = (p: ProductRec): number => rng.pick(p.variants).id;

  // Orders over the last 90 days before SEED_END, oldest first.
  const orderSpan = 90 * DAY;
  const ordersStart = SEED_END - orderSpan;
  const scenarios = [
    'fulfilled',
    'open',
    'partial',
    'hold',
    'delayed',
    'cancelled',
    'refund',
    'return',
    'dispute',
    'fulfilled',
    'paid-open',
    'return-closed',
  ] as const;
  for (let i = 0; i < opts.orders; i++) {
    const createdAt = ordersStart + Math.floor(((i + rng.next() * 0.5) * orderSpan) / Math.max(1, opts.orders));
    const kind = i % 5 === 1 || i % 5 === 3 ? (i % 5 === 1 ? 'b2b' : 'high') : i % 10 === 4 ? 'custom' : 'ordinary';
    const input: OrderInput = { customerId: null, lineItems: [], shippingCents: 1500, shippingTitle: 'Standard' };
    if (kind === 'b2b') {
      const company = b2b[i % b2b.length] ?? [];
      const buyer = rng.pick(company);
      input.customerId = buyer.customer.id;
      input.company = { locationId: buyer.locationId, contactId: buyer.contactId };
      input.poNumber = `PO-${rng.int(10_000, 99_999)}`;
      input.tags = ['B2B'];
      input.shippingCents = 15000;
      input.shippingTitle = 'Freight LTL';
      input.noteAttributes = [{ name: 'cost_center', value: `CC-${rng.int(1000, 9999)}` }];
      const lines = rng.int(1, 3);
      for (let k = 0; k < lines; k++) {
        const p = rng.pick(i % 3 === 0 ? pricey : products);
        input.lineItems.push({ variantId: variantOf(p), quantity: rng.int(2, 12) });
      }
    } else {
      const customer = consumers[i % consumers.length];
      input.customerId = customer?.id ?? null;
      if (kind === 'high') {
        input.lineItems.push({ variantId: variantOf(rng.pick(pricey)), quantity: rng.int(1, 2) });
        input.tags = ['wholesale-inquiry'];
      } else if (kind === 'custom') {
        const p = rng.pick(cheap);
        if (i % 20 === 4) {
          input.tags = ['custom'];
          input.lineItems.push({ variantId: variantOf(p), quantity: rng.int(1, 3) });
        } else {
          input.lineItems.push({
            variantId: variantOf(p),
            quantity: rng.int(1, 3),
            properties: [
              { name: 'Engraving', value: `Line ${rng.int(1, 9)} / Tag ${rng.hex(4).toUpperCase()}` },
              { name: 'Material certificate', value: 'EN 10204 3.1' },
            ],
          });
        }
      }
      const extra = rng.int(kind === 'ordinary' ? 1 : 0, 2);
      for (let k = 0; k < extra; k++) input.lineItems.push({ variantId: variantOf(rng.pick(cheap)), quantity: rng.int(1, 4) });
      if (input.lineItems.length === 0) input.lineItems.push({ variantId: variantOf(rng.pick(cheap)), quantity: 1 });
    }
    const { order, fulfillmentOrder } = createOrder(s, input, createdAt);
    playOut(s, order, fulfillmentOrder.id, scenarios[(i * 7 + 3) % scenarios.length] ?? 'open', createdAt, rng);
  }
}

function playOut(s: ShopState, order: OrderRec, foId: number, scenario: string, createdAt: number, rng: ReturnType<typeof createPrng>): void {
  const fo = s.fulfillmentOrders.get(foId);
  if (!fo) return;
  let t = createdAt + rng.int(1, 6) * HOUR;
  const next = (h: number): number => (t += h * HOUR + rng.int(0, 59) * 60_000);
  const fulfilAll = (): ReturnType<typeof createFulfillment>['fulfillment'] =>
    createFulfillment(
      s,
      [{ fulfillmentOrder: fo, lineItems: null }],
      { company: rng.pick(['UPS', 'FedEx', 'DHL Express']), number: `1Z${rng.hex(16).toUpperCase()}` },
      next(20),
    ).fulfillment;
  if (order.financialStatus === 'pending' && scenario !== 'open' && scenario !== 'cancelled') {
    order.financialStatus = 'paid';
    order.updatedAt = next(2);
  }
  switch (scenario) {
    case 'fulfilled':
      addFulfillmentEvent(s, fulfilAll(), { status: 'delivered', message: 'Delivered to front desk' }, next(48));
      break;
    case 'partial': {
      const first = fo.lineItems[0];
      if (first)
        createFulfillment(
          s,
          [{ fulfillmentOrder: fo, lineItems: [{ id: first.id, quantity: Math.max(1, Math.floor(first.totalQuantity / 2)) }] }],
          { company: 'UPS', number: `1Z${rng.hex(16).toUpperCase()}` },
          next(24),
        );
      break;
    }
    case 'hold':
      holdFulfillmentOrder(
        s,
        fo,
        { reason: 'INVENTORY_OUT_OF_STOCK', reasonNotes: 'Backordered; supplier confirms restock in 2 weeks', handle: `backorder-${order.number}` },
        next(3),
      );
      break;
    case 'delayed':
      addFulfillmentEvent(
        s,
        fulfilAll(),
        {
          status: 'delayed',
          message: 'Weather delay at carrier hub',
          estimatedDeliveryAt: t + 5 * 24 * HOUR,
          city: 'Louisville',
          province: 'Kentucky',
          country: 'United States',
          zip: '40201',
        },
        next(30),
      );
      break;
    case 'cancelled':
      cancelOrder(s, order, { reason: rng.pick(['CUSTOMER', 'INVENTORY', 'FRAUD']), refund: true, restock: true, staffNote: 'Cancelled on request' }, next(5));
      break;
    case 'refund': {
      fulfilAll();
      const li = order.lineItems[0];
      if (li)
        createRefund(
          s,
          order,
          { lineItems: [{ lineItemId: li.id, quantity: 1, restockType: 'no_restock' }], note: 'Damaged in transit - partial refund' },
          next(72),
        );
      break;
    }
    case 'return':
    case 'return-closed': {
      const f = fulfilAll();
      const fli = f.lineItems[0];
      if (!fli) break;
      const ret = requestReturn(
        s,
        order,
        [
          {
            fulfillmentLineItemId: fli.id,
            quantity: 1,
            reason: rng.pick(['DEFECTIVE', 'WRONG_ITEM', 'NOT_AS_DESCRIBED']),
            customerNote: 'Seal cracked on arrival',
            reasonNote: 'Photos sent by email',
          },
        ],
        next(96),
      );
      if (scenario === 'return-closed') {
        setReturnStatus(s, ret, 'open', next(20));
        createRefund(
          s,
          order,
          { lineItems: [{ lineItemId: fli.lineItemId, quantity: 1, restockType: 'return' }], note: `Refund for return ${ret.name}`, returnId: ret.id },
          next(48),
        );
        setReturnStatus(s, ret, 'closed', next(1));
      }
      break;
    }
    case 'dispute': {
      fulfilAll();
      const d = openDispute(s, order, { reason: rng.pick(['FRAUDULENT', 'PRODUCT_NOT_RECEIVED']), networkReasonCode: rng.pick(['10.4', '13.1']) }, next(240));
      if (order.number % 2 === 0) {
        updateDispute(d, 'under_review', next(48));
        updateDispute(d, 'won', next(24 * 20));
      }
      break;
    }
    case 'paid-open':
    case 'open':
    default:
      break;
  }
}
