/** Helpers for the Shopify emulator's tests: GraphQL over inject(), a local webhook receiver. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildShopifyEmulator } from './index.js';

export const TOKEN = 'shpat_test_token';
export const SECRET = 'shpss_test_secret';

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: {
    cost?: {
      requestedQueryCost: number | null;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
  };
}

export async function gql(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  token = TOKEN,
): Promise<{ status: number; body: GqlBody }> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/api/2026-07/graphql.json',
    headers: { 'x-shopify-access-token': token, 'content-type': 'application/json' },
    payload: { query, variables },
  });
  return { status: res.statusCode, body: res.json<GqlBody>() };
}

/** Reads a path like "orders.pageInfo.endCursor" out of GraphQL data. */
export function at<T>(data: unknown, path: string): T {
  let cur: unknown = data;
  for (const k of path.split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur as T;
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A local HTTP receiver; `respond` picks the status per request (default 200). */
export async function startReceiver(
  respond: (r: Received, n: number) => number = () => 200,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, raw: Buffer.concat(chunks) };
      received.push(r);
      res.statusCode = respond(r, received.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * An emulator (no listening socket) whose webhook subscriptions for `topics` point at a local
 * receiver; `deliveries()` waits for pending deliveries and returns them as [topic, body].
 */
export async function subscribedEmulator(topics: string[], opts: { orders: number; seed: number }) {
  const receiver = await startReceiver();
  const { app, shop } = await buildShopifyEmulator({ accessToken: TOKEN, apiSecret: SECRET, orders: opts.orders, seed: opts.seed, retrySchedule: [20] });
  const close = async (): Promise<void> => {
    await app.close();
    await receiver.close();
  };
  for (const t of topics) {
    const res = await gql(
      app,
      'mutation($t: WebhookSubscriptionTopic!, $u: String!) { webhookSubscriptionCreate(topic: $t, webhookSubscription: { uri: $u }) { userErrors { field message } } }',
      { t, u: receiver.url },
    );
    const errors = at<unknown[]>(res.body.data, 'webhookSubscriptionCreate.userErrors');
    if (!Array.isArray(errors) || errors.length > 0) {
      await close();
      throw new Error(`subscribing ${t} failed: ${JSON.stringify(res.body)}`);
    }
  }
  const deliveries = async (): Promise<Array<[string, Record<string, unknown>]>> => {
    await shop.flushWebhooks();
    return receiver.received.map((r): [string, Record<string, unknown>] => [
      String(r.headers['x-shopify-topic']),
      JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>,
    ]);
  };
  return { app, shop, receiver, deliveries, close };
}
