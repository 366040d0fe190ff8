import { signInTicket } from '../../server/auth.js';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startShopifyEmulator } from '../../../emulators/shopify/index.js';
import { startXecmEmulator } from '../../../emulators/xecm/index.js';
import { loadConfig } from '../../config/load.js';
import { buildDeps } from '../../deps.js';
import { createLogger } from '../../log.js';
import { registerSubscriptions } from '../../ops/webhooks.js';
import { startConnector } from '../../runtime.js';
import { collectSummary } from '../../status/summary.js';
import type { Summary } from '../../status/summary.js';
import { untilSignal } from '../signals.js';
import { playAfterSales } from './demo-cases.js';
import { playProducts } from './demo-products.js';
import { complianceReport } from '../../ops/compliance.js';
import { sleep } from '../../util/sleep.js';

/** The emulated shop: fixed seed, so every run starts from the same catalogue, customers and companies. */
const DEMO_SHOP = 'acme.myshopify.com';
const DEMO_SEED = 1;
/** The emulator's default Admin API token, printed so the sandbox can be explored by hand. */
const DEMO_ACCESS_TOKEN = 'shpat_emulator_token';
const API_VERSION = '2026-07';
const DRAIN_TIMEOUT_MS = 120_000;

// ---- Admin GraphQL, as the merchant's admin would call it ------------------------------------

interface GraphqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface UserError {
  field: string[] | null;
  message: string;
}

type Graphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** POSTs to the emulator's Admin GraphQL endpoint; waits and tries again when throttled (the demo shares the shop's cost bucket with the connector). */
function adminGraphql(adminUrl: string, token: string): Graphql {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${adminUrl}/admin/api/${API_VERSION}/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphqlBody<T>;
      if (body.errors?.some((e) => e.extensions?.code === 'THROTTLED') && attempt < 120) {
        await sleep(1000);
        continue;
      }
      if (!res.ok || body.errors || !body.data) throw new Error(`Admin API answered ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
      return body.data;
    }
  };
}

function noUserErrors(mutation: string, errors: UserError[]): void {
  if (errors.length > 0) throw new Error(`${mutation}: ${errors.map((e) => `${(e.field ?? []).join('.')} ${e.message}`.trim()).join('; ')}`);
}

// ---- The seeded shop's sample data -----------------------------------------------------------

const CATALOGUE = `query DemoCatalogue {
  products(first: 50) { nodes { id title variants(first: 10) { nodes { id title price } } } }
}`;

const CUSTOMERS = `query DemoCustomers {
  customers(first: 100) { nodes { id displayName companyContactProfiles { id } } }
}`;

const COMPANIES = `query DemoCompanies {
  companies(first: 20) { nodes { id name locations(first: 1) { nodes { id name } } mainContact { customer { id displayName } } } }
}`;

interface CatalogueData {
  products: { nodes: Array<{ id: string; title: string; variants: { nodes: Array<{ id: string; title: string; price: string }> } }> };
}
interface CustomersData {
  customers: { nodes: Array<{ id: string; displayName: string; companyContactProfiles: Array<{ id: string }> }> };
}
interface CompaniesData {
  companies: {
    nodes: Array<{
      id: string;
      name: string;
      locations: { nodes: Array<{ id: string; name: string }> };
      mainContact: { customer: { id: string; displayName: string } | null } | null;
    }>;
  };
}

interface Variant {
  id: string;
  label: string;
  price: number;
}
interface Buyer {
  customerId: string;
  name: string;
}
interface B2bBuyer extends Buyer {
  locationId: string;
}

interface SampleData {
  /** Unit price of at least 5,000: one makes a high-value order. */
  pricey: Variant[];
  /** Unit price from 100 to under 1,000: a few make a mid-sized order. */
  mid: Variant[];
  /** Unit price under 100. */
  cheap: Variant[];
  /** Customers who are no company's contact. */
  consumers: Buyer[];
  /** Each company's main contact ordering for its first location. */
  b2b: B2bBuyer[];
}

async function loadSampleData(gql: Graphql): Promise<SampleData> {
  const catalogue = await gql<CatalogueData>(CATALOGUE);
  const customers = await gql<CustomersData>(CUSTOMERS);
  const companies = await gql<CompaniesData>(COMPANIES);
  const variants: Variant[] = catalogue.products.nodes.flatMap((p) =>
    p.variants.nodes.map((v) => ({ id: v.id, label: v.title === 'Default Title' ? p.title : `${p.title} (${v.title})`, price: Number(v.price) })),
  );
  const byPrice = (a: Variant, b: Variant) => a.price - b.price || a.id.localeCompare(b.id);
  const data: SampleData = {
    pricey: variants.filter((v) => v.price >= 5000).sort(byPrice),
    mid: variants
      .filter((v) => v.price >= 100 && v.price < 1000)
      .sort(byPrice)
      .reverse(),
    cheap: variants.filter((v) => v.price < 100).sort(byPrice),
    consumers: customers.customers.nodes.filter((c) => c.companyContactProfiles.length === 0).map((c) => ({ customerId: c.id, name: c.displayName })),
    b2b: companies.companies.nodes.flatMap((c) => {
      const location = c.locations.nodes[0];
      const customer = c.mainContact?.customer;
      return location && customer ? [{ customerId: customer.id, name: `${customer.displayName}, ${c.name}`, locationId: location.id }] : [];
    }),
  };
  for (const [k, v] of Object.entries(data)) if (Array.isArray(v) && v.length === 0) throw new Error(`the seeded shop has no ${k} sample data`);
  return data;
}

// ---- The merchant's activity -----------------------------------------------------------------

type OrderKind = 'high value' | 'B2B' | 'custom' | 'below the criteria';

/** The order mix: above and below the default criteria (total ≥ 5,000 / a company / tag "custom"). */
function kindOf(i: number): OrderKind {
  switch (i % 6) {
    case 0:
      return 'high value';
    case 2:
      return 'B2B';
    case 4:
      return 'custom';
    default:
      return 'below the criteria';
  }
}

const pick = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
};

/** The `orderCreate` input of demo order `i`, from the seeded shop's customers, companies and products. */
function orderInput(i: number, d: SampleData): { order: Record<string, unknown>; buyer: string; items: string } {
  const round = Math.floor(i / 6);
  const line = (v: Variant, quantity: number) => ({ variantId: v.id, quantity });
  const consumer = pick(d.consumers, i);
  switch (kindOf(i)) {
    case 'high value': {
      const v = pick(d.pricey, round);
      return {
        order: { customer: { toAssociate: { id: consumer.customerId } }, financialStatus: 'PAID', lineItems: [line(v, 1)] },
        buyer: consumer.name,
        items: `1 × ${v.label}`,
      };
    }
    case 'B2B': {
      // A company location with payment terms: the order waits for payment (PENDING), as on Shopify.
      const b = pick(d.b2b, round);
      const v = pick(d.mid, round);
      return {
        order: {
          customer: { toAssociate: { id: b.customerId } },
          companyLocationId: b.locationId,
          financialStatus: 'PENDING',
          poNumber: `PO-${48_100 + i}`,
          lineItems: [line(v, 2)],
        },
        buyer: b.name,
        items: `2 × ${v.label}`,
      };
    }
    case 'custom': {
      const v = pick(d.mid, round + 3);
      return {
        order: {
          customer: { toAssociate: { id: consumer.customerId } },
          financialStatus: 'PAID',
          tags: ['custom', 'engraving'],
          note: 'Engrave the tag number on the body',
          lineItems: [line(v, 1)],
        },
        buyer: consumer.name,
        items: `1 × ${v.label}`,
      };
    }
    default: {
      const a = pick(d.cheap, i);
      const b = pick(d.cheap, i + 3);
      return {
        order: { customer: { toAssociate: { id: consumer.customerId } }, financialStatus: 'PAID', lineItems: [line(a, 1), line(b, 2)] },
        buyer: consumer.name,
        items: `1 × ${a.label}, 2 × ${b.label}`,
      };
    }
  }
}

const ORDER_CREATE = `mutation DemoOrderCreate($order: OrderCreateOrderInput!) {
  orderCreate(order: $order) { order { id name totalPriceSet { shopMoney { amount currencyCode } } } userErrors { field message } }
}`;

const ORDER_UPDATE = `mutation DemoOrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) { order { id name } userErrors { field message } }
}`;

const COMPANY_CREATE = `mutation DemoCompanyCreate($input: CompanyCreateInput!) {
  companyCreate(input: $input) { company { id name } userErrors { field message } }
}`;

const COMPANY_LOCATION_CREATE = `mutation DemoCompanyLocationCreate($companyId: ID!, $input: CompanyLocationInput!) {
  companyLocationCreate(companyId: $companyId, input: $input) { companyLocation { id name } userErrors { field message } }
}`;

const COMPANY_CONTACT_CREATE = `mutation DemoCompanyContactCreate($companyId: ID!, $input: CompanyContactInput!) {
  companyContactCreate(companyId: $companyId, input: $input) { companyContact { id } userErrors { field message } }
}`;

interface OrderCreateData {
  orderCreate: { order: { id: string; name: string; totalPriceSet: { shopMoney: { amount: string; currencyCode: string } } } | null; userErrors: UserError[] };
}
interface OrderUpdateData {
  orderUpdate: { order: { id: string; name: string } | null; userErrors: UserError[] };
}
interface CompanyCreateData {
  companyCreate: { company: { id: string; name: string } | null; userErrors: UserError[] };
}
interface CompanyLocationCreateData {
  companyLocationCreate: { companyLocation: { id: string; name: string } | null; userErrors: UserError[] };
}
interface CompanyContactCreateData {
  companyContactCreate: { companyContact: { id: string } | null; userErrors: UserError[] };
}

/** A new B2B account: the company, its first location (Net 30) and its buyer. */
const NEW_COMPANY = {
  company: { name: 'Cascade Valve Works Inc.', externalId: 'ERP-CUST-009001', note: 'New key account - Net 30' },
  location: {
    name: 'Portland HQ',
    externalId: 'LOC-CVW-1',
    phone: '+1 503-555-0140',
    shippingAddress: { recipient: 'Receiving Dock', address1: '2200 NW Front Avenue', city: 'Portland', zoneCode: 'OR', zip: '97209', countryCode: 'US' },
    billingSameAsShipping: true,
    taxRegistrationId: 'US-93-1847265',
    // PaymentTermsTemplate/4 is Shopify's "Net 30".
    buyerExperienceConfiguration: { paymentTermsTemplateId: 'gid://shopify/PaymentTermsTemplate/4' },
  },
  contact: { email: 'erin.walsh@cascade-valve-works.example', firstName: 'Erin', lastName: 'Walsh', title: 'Purchasing Manager' },
};

/** Webhook fault switch of the emulator (a control route, not Admin API) for one subscription address. */
async function setDuplicates(adminUrl: string, uri: string, duplicate: number): Promise<void> {
  const res = await fetch(`${adminUrl}/emulator/webhook-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ duplicate, uri }),
  });
  if (!res.ok) throw new Error(`emulator /emulator/webhook-faults answered ${res.status}`);
}

function printSummary(s: Summary, compliance: { products: number; complete: number }, out: NodeJS.WritableStream): void {
  out.write(
    [
      'Summary',
      `  deliveries   ${s.deliveries} received (${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'})`,
      `  workspaces   ${s.created} created, ${s.updated} updated  (order: ${s.workspaces.order}, case: ${s.workspaces.case}, account: ${s.workspaces.account}, exception: ${s.workspaces.exception}, product: ${s.workspaces.product})`,
      `  compliance   ${compliance.products} regulated product${compliance.products === 1 ? '' : 's'}, ${compliance.complete} with every required document  (\`shopify-xecm compliance report\` names the gaps)`,
      `  skipped      ${s.skipped} below the criteria`,
      `  failed       ${s.failed}`,
      '',
    ].join('\n'),
  );
}

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((r) => {
    timer = setTimeout(() => r(fallback), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '6' },
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      config: { type: 'string' },
    },
    strict: true,
  });
  const n = Number(values.orders);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`--orders must be a whole number from 1 to 100000 (got "${values.orders}")`);
  const out = process.stdout;
  const say = (line: string) => {
    if (!values.json) out.write(`${line}\n`);
  };
  /** One line of the merchant's activity: the Admin API mutation and what it did. */
  const did = (mutation: string, what: string) => say(`  ${mutation.padEnd(27)}  ${what}`);

  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  // The demo starts from an empty store each run so its summary describes this run only.
  const dbPath = resolve(process.env.DEMO_DATABASE ?? './data/demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  // The sandbox's credentials: the emulators' defaults (printed, as Content Server's classic default
  // is well known), or the operator's own from the environment (never printed).
  const secret = process.env.SHOPIFY_API_SECRET ?? randomBytes(24).toString('base64url');
  const accessToken = process.env.SHOPIFY_ACCESS_TOKEN ?? DEMO_ACCESS_TOKEN;
  const xecmPassword = process.env.XECM_PASSWORD ?? 'livelink';
  const shopify = await startShopifyEmulator({
    host: '127.0.0.1',
    port: 0,
    shop: DEMO_SHOP,
    apiSecret: secret,
    accessToken,
    seed: DEMO_SEED,
  });
  const xecm = await startXecmEmulator({ host: '127.0.0.1', port: 0, password: xecmPassword });
  let exitCode = 0;
  try {
    const config = loadConfig({
      ...(values.config ? { path: values.config } : {}),
      env: {
        ...process.env,
        SHOPIFY_SHOP_DOMAIN: DEMO_SHOP,
        SHOPIFY_API_SECRET: secret,
        SHOPIFY_ACCESS_TOKEN: accessToken,
        SHOPIFY_API_VERSION: API_VERSION,
        SHOPIFY_ADMIN_URL: shopify.url,
        XECM_URL: xecm.url,
        XECM_USERNAME: 'Admin',
        XECM_PASSWORD: xecmPassword,
        DATABASE_URL: `sqlite:${dbPath}`,
        PORT: process.env.PORT ?? '0',
        // The panel needs a token: the operator's own, or one for this run only.
        API_TOKEN: process.env.API_TOKEN ?? randomBytes(24).toString('base64url'),
      },
      // The emulator seeds the transaction-records classification as node 3200.
      overrides: { queue: { backoffBaseMs: 250 }, model: { classificationId: 3200 } },
    });
    const deps = await buildDeps(config, log);
    try {
      const running = await startConnector(deps, 'all');
      try {
        const url = running.url ?? '';
        const hookUrl = `${url}/webhooks/shopify`;
        /** Waits until the emulator has delivered every webhook and the connector's queue is empty. */
        const settle = async (): Promise<boolean> => {
          const flushed = await within(
            shopify.flushWebhooks().then(() => true),
            DRAIN_TIMEOUT_MS,
            false,
          );
          return flushed && ((await running.worker?.drained({ includeDelayed: true, timeoutMs: DRAIN_TIMEOUT_MS })) ?? false);
        };
        say('shopify-xecm demo');
        say(
          `  Shopify emulator  ${shopify.url}  (SHOPIFY_ADMIN_URL; shop ${DEMO_SHOP}, X-Shopify-Access-Token ${accessToken === DEMO_ACCESS_TOKEN ? accessToken : '(yours)'}, seed ${DEMO_SEED})`,
        );
        say(`  xECM emulator     ${xecm.url}  (Admin / ${xecmPassword === 'livelink' ? 'livelink' : '(yours)'})`);
        say(`  connector         ${url}  (POST /webhooks/shopify, GET /readyz)`);

        // The app subscribes the connector to every topic it follows, as `webhooks register` does.
        const reg = await registerSubscriptions(deps.admin(DEMO_SHOP), hookUrl);
        if (reg.failed.length > 0) throw new Error(`webhook registration failed: ${JSON.stringify(reg.failed)}`);
        say(`  subscribed ${reg.created.length + reg.existing.length} webhook topics to ${hookUrl}`);

        // The merchant's activity, through the Admin API; the emulator sends the signed webhooks.
        const gql = adminGraphql(shopify.url, accessToken);
        // Job 5 first: regulated products get their compliance workspaces, which the orders then relate to.
        await playProducts(gql, did);
        await settle();
        const sample = await loadSampleData(gql);
        const created: Array<{ id: string; name: string; kind: OrderKind }> = [];
        for (let i = 0; i < n; i++) {
          const o = orderInput(i, sample);
          const r = await gql<OrderCreateData>(ORDER_CREATE, { order: o.order });
          noUserErrors('orderCreate', r.orderCreate.userErrors);
          const order = r.orderCreate.order;
          if (!order) throw new Error('orderCreate returned no order');
          created.push({ id: order.id, name: order.name, kind: kindOf(i) });
          if (n <= 24)
            did(
              'orderCreate',
              `${order.name}  ${order.totalPriceSet.shopMoney.amount.padStart(9)} ${order.totalPriceSet.shopMoney.currencyCode}  ${kindOf(i).padEnd(18)}  ${o.buyer}: ${o.items}`,
            );
        }
        if (n > 24) did('orderCreate', `${n} orders, ${created[0]?.name ?? ''} to ${created.at(-1)?.name ?? ''}`);

        // A later change to the first B2B order (the first order when there is none). Shopify
        // delivers at least once: for this one action the emulator's duplicate switch, set for the
        // connector's address only, sends its orders/updated twice with the same X-Shopify-Webhook-Id.
        const target = created.find((o) => o.kind === 'B2B') ?? created[0];
        if (target) {
          await setDuplicates(shopify.url, hookUrl, 1);
          const r = await gql<OrderUpdateData>(ORDER_UPDATE, {
            input: { id: target.id, tags: ['expedite'], note: 'Needed before the plant shutdown on the 28th; split shipment accepted' },
          });
          await setDuplicates(shopify.url, hookUrl, 0);
          noUserErrors('orderUpdate', r.orderUpdate.userErrors);
          did('orderUpdate', `${target.name}  tag "expedite" and a note  (orders/updated, delivered twice)`);
        }

        // A new B2B customer account (job 3), set up the way an admin does it: the company, then its
        // first location, then its buyer. Each step's webhooks (companies/create;
        // company_locations/create; customers/create and company_contacts/create) all land on the
        // one account workspace, so the demo lets the connector finish one step before the next.
        const c = await gql<CompanyCreateData>(COMPANY_CREATE, { input: { company: NEW_COMPANY.company } });
        noUserErrors('companyCreate', c.companyCreate.userErrors);
        const company = c.companyCreate.company;
        if (!company) throw new Error('companyCreate returned no company');
        did('companyCreate', company.name);
        await settle();
        const l = await gql<CompanyLocationCreateData>(COMPANY_LOCATION_CREATE, { companyId: company.id, input: NEW_COMPANY.location });
        noUserErrors('companyLocationCreate', l.companyLocationCreate.userErrors);
        did('companyLocationCreate', `${NEW_COMPANY.location.name} (Net 30)`);
        await settle();
        const ct = await gql<CompanyContactCreateData>(COMPANY_CONTACT_CREATE, { companyId: company.id, input: NEW_COMPANY.contact });
        noUserErrors('companyContactCreate', ct.companyContactCreate.userErrors);
        did('companyContactCreate', `${NEW_COMPANY.contact.firstName} ${NEW_COMPANY.contact.lastName}, ${NEW_COMPANY.contact.title}`);
        await settle();

        // After-sales (jobs 2 and 4): returns, a refund and a dispute become cases; a delay, a hold
        // and a cancellation become order exceptions.
        await playAfterSales(gql, shopify.url, created, did, settle);
        say('  waiting for the webhooks and the queue to drain…');

        const drained = await settle();
        const deliveriesFailed = shopify.shop.webhooks.summary().failed;
        const summary = await collectSummary(deps);
        const { totals } = await complianceReport(deps);
        const compliance = { products: totals.products, complete: totals.complete };
        if (values.json)
          out.write(
            `${JSON.stringify({ ...summary, compliance, drained, shopifyAdminUrl: shopify.url, xecmUrl: xecm.url, connectorUrl: url, panelUrl: `${url}/panel` })}\n`,
          );
        else printSummary(summary, compliance, out);
        if (deliveriesFailed > 0) say(`  ${deliveriesFailed} webhook deliver${deliveriesFailed === 1 ? 'y' : 'ies'} failed after all retries`);
        // The agent panel, with a one-time sign-in link (it does not carry the API token itself).
        say(`  agent panel       ${url}/panel   sign in once with ${url}/panel?signin=${signInTicket(config) ?? ''}`);
        if (!drained || summary.failed > 0 || summary.deadLetters > 0 || deliveriesFailed > 0) exitCode = 1;
        if (!values.once) {
          say('Running; press Ctrl-C to stop.');
          await untilSignal();
        }
      } finally {
        await running.stop();
      }
    } finally {
      await deps.close();
    }
  } finally {
    await shopify.close();
    await xecm.close();
  }
  return exitCode;
}
