import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { checkOutbound, outboundHosts } from '../../src/config/outbound.js';
import { testConfig } from '../helpers/config.js';
import { spawnCli, waitForOutput } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';
import { PlainOtcs } from '../helpers/otcs.js';

const SECRET = 'outbound-secret-5s1';
const TOKEN = 'shpat_outbound_7d2';
const MONITOR = new URL('../helpers/net-monitor.mjs', import.meta.url).href;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Issue 14: the connector fetches only the hosts it is configured with (Content Server, the shop's
 * Admin API, outbound.hosts). A merchant's order and product carry URLs to another server on the same
 * machine (in a note, a line item property, a product description); the connector, a real process
 * whose every outbound connection is recorded, files them and never connects to that server.
 */
describe('outbound requests go only to configured hosts', () => {
  const t = tempDir();
  const monitorFile = join(t.dir, 'connections.txt');
  let trapHits = 0;
  const trap = createServer((req, res) => {
    trapHits++;
    res.end('trap');
  });
  trap.on('connection', () => trapHits++);
  const stops: Array<() => Promise<unknown>> = [];
  let shopPort = 0;
  let xecmPort = 0;
  let orderId = '';
  let productId = '';
  let otcs: PlainOtcs;

  beforeAll(async () => {
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    const connectorPort = await freePort();
    const xecm = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    stops.push(() => xecm.close());
    xecmPort = Number(new URL(xecm.url).port);
    otcs = new PlainOtcs(xecm.url);
    const shopify = await startShopifyEmulator({
      host: '127.0.0.1',
      port: 0,
      orders: 0,
      seed: 21,
      apiSecret: SECRET,
      accessToken: TOKEN,
      retrySchedule: [100, 300, 1000],
      webhookUrl: `http://127.0.0.1:${connectorPort}/webhooks/shopify`,
    });
    stops.push(() => shopify.close());
    shopPort = Number(new URL(shopify.url).port);
    writeFileSync(monitorFile, '');
    const child = spawnCli(['serve'], {
      NODE_OPTIONS: `--import ${MONITOR}`,
      NET_MONITOR_FILE: monitorFile,
      SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com',
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_ACCESS_TOKEN: TOKEN,
      SHOPIFY_ADMIN_URL: shopify.url,
      XECM_URL: xecm.url,
      XECM_USERNAME: 'Admin',
      XECM_PASSWORD: 'livelink',
      DATABASE_URL: `sqlite:${join(t.dir, 'connector.db')}`,
      PORT: String(connectorPort),
      LOG_LEVEL: 'info',
    });
    const exited = new Promise((r) => child.once('exit', r));
    stops.unshift(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    await waitForOutput(child, /connector listening/, 60_000);
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const r = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await r.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    // A high-value custom order whose note and line item property point at the other server.
    const o = await gql<{ orderCreate: { order: { id: string } } }>(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { message } } }`,
      {
        order: {
          email: 'casey@example.com',
          currency: 'USD',
          financialStatus: 'PAID',
          note: `Drawings at ${trapUrl}/drawings.pdf and <img src="${trapUrl}/pixel.png">`,
          tags: ['custom'],
          lineItems: [
            {
              title: 'Custom enclosure',
              sku: 'CE-1',
              quantity: 1,
              priceSet: { shopMoney: { amount: '8200.00', currencyCode: 'USD' } },
              properties: [{ name: 'Specification', value: `${trapUrl}/spec.pdf` }],
            },
          ],
        },
      },
    );
    orderId = o.orderCreate.order.id.split('/').pop() ?? '';
    // A regulated product whose description embeds an image from the other server.
    const p = await gql<{ productSet: { product: { id: string } } }>(
      `mutation($input: ProductSetInput!) { productSet(input: $input) { product { id } userErrors { message } } }`,
      {
        input: {
          title: 'Solvent drum SD-5',
          productType: 'Chemicals',
          tags: ['regulated'],
          descriptionHtml: `<p>SDS: <a href="${trapUrl}/sds.pdf">sheet</a><img src="${trapUrl}/drum.png"></p>`,
          productOptions: [{ name: 'Size', values: [{ name: '5 l' }] }],
          variants: [{ optionValues: [{ optionName: 'Size', name: '5 l' }], price: '80.00', inventoryItem: { sku: 'SD-5' } }],
        },
      },
    );
    productId = p.productSet.product.id.split('/').pop() ?? '';
    await shopify.flushWebhooks();
    // The work is done when both workspaces exist in Content Server.
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const [ow] = await otcs.workspacesFor('shopify_order', orderId);
      const [pw] = await otcs.workspacesFor('shopify_product', productId);
      if (ow && pw) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await new Promise<void>((r) => trap.close(() => r()));
    t.cleanup();
  });

  it('files the order and the product', async () => {
    expect(await otcs.workspacesFor('shopify_order', orderId)).toHaveLength(1);
    expect(await otcs.workspacesFor('shopify_product', productId)).toHaveLength(1);
  });

  it('opened connections only to the Shopify Admin API and Content Server, never to the server the payloads named', () => {
    const connections = readFileSync(monitorFile, 'utf8').split('\n').filter(Boolean);
    expect(connections.length).toBeGreaterThan(0);
    const ports = new Set(connections.map((c) => Number(c.split(':').pop())));
    expect([...ports].sort()).toEqual([shopPort, xecmPort].sort());
    expect(trapHits).toBe(0);
  });

  it('refuses a URL on any other host before fetching it (a bulk operation result, say)', () => {
    const hosts = outboundHosts(
      testConfig({
        dir: fileURLToPath(new URL('.', import.meta.url)),
        xecmUrl: 'https://ecm.example.com/otcs/cs.exe',
        overrides: { shops: [{ domain: 'acme.myshopify.com', apiSecret: 's' }] },
      }),
    );
    expect([...hosts].sort()).toEqual(['acme.myshopify.com', 'ecm.example.com', 'storage.googleapis.com']);
    expect(checkOutbound('https://storage.googleapis.com/shopify-bulk/x.jsonl', hosts, 'bulk result').host).toBe('storage.googleapis.com');
    for (const bad of ['http://169.254.169.254/latest/meta-data', 'https://evil.example/x', 'file:///etc/passwd', 'gopher://acme.myshopify.com/', 'not a url'])
      expect(() => checkOutbound(bad, hosts, 'bulk result')).toThrow(expect.objectContaining({ code: 'OUTBOUND_HOST_REFUSED' }));
  });
});
