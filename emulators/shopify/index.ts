import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { ShopHandle } from './app.js';
import { DEFAULT_RETRY_SCHEDULE, parseWebhookFaults } from './webhooks.js';

/** Options of the Shopify (Admin GraphQL + webhooks) emulator. */
export interface ShopifyEmulatorOptions {
  /** Shop domain. (Default: 'acme.myshopify.com') */
  shop?: string;
  /** App client secret: the webhook HMAC key. (Default: 'shpss_emulator_secret') */
  apiSecret?: string;
  /** Admin API access token expected in X-Shopify-Access-Token. (Default: 'shpat_emulator_token') */
  accessToken?: string;
  /** Seed of the synthetic shop and of the fault PRNG. (Default: 1) */
  seed?: number;
  /** Number of seeded orders. (Default: 50) */
  orders?: number;
  /** Admin API version served and put in X-Shopify-API-Version. (Default: '2026-07') */
  apiVersion?: string;
  /** Leaky-bucket restore rate, points per second. (Default: 100, the Standard plan) */
  restoreRate?: number;
  /** Leaky-bucket size, points. (Default: 2000) */
  bucketSize?: number;
  /** SQLite file for the shop snapshot; a file survives restarts. (Default: ':memory:') */
  dbPath?: string;
  /** Fastify logging: false, true, or a pino logger. (Default: false) */
  logger?: boolean | Logger;
  /** Webhook fault switches, e.g. "drop=0.2,duplicate=0.1,reorder=1". (Default: none) */
  webhookFaults?: string;
  /** ms between delivery retries; its length is the number of retries. (Default: 8 steps, 250 ms doubling) */
  retrySchedule?: number[];
  /** Per-attempt delivery timeout, ms. (Default: 5000, Shopify's) */
  webhookTimeoutMs?: number;
  /** Delivery records kept for inspection (`shop.webhooks.log`, GET /emulator/state), the oldest dropped first. (Default: 10000) */
  webhookLogLimit?: number;
  /** Subscribe this address to every emitted topic at start, as an app's shopify.app.toml would. (Default: none) */
  webhookUrl?: string;
  /** Delete an Admin-API subscription whose delivery exhausted its retries, as Shopify does. (Default: false) */
  removeFailingSubscriptions?: boolean;
  /** Added to every Admin API response, ms. (Default: 0) */
  latencyMs?: number;
  /** Clock for the bucket and timestamps, ms. (Default: Date.now) */
  now?: () => number;
}

export interface StartedShopifyEmulator {
  /** `http://127.0.0.1:PORT`, the value for SHOPIFY_ADMIN_URL. */
  url: string;
  port: number;
  shop: ShopHandle;
  /** Resolves when all pending webhook deliveries (retries included) have settled. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the emulator as a Fastify app without listening (use `inject()` in tests). */
export async function buildShopifyEmulator(opts: ShopifyEmulatorOptions = {}): Promise<{ app: FastifyInstance; shop: ShopHandle }> {
  return buildApp({
    shop: opts.shop ?? 'acme.myshopify.com',
    apiSecret: opts.apiSecret ?? 'shpss_emulator_secret',
    accessToken: opts.accessToken ?? 'shpat_emulator_token',
    seed: opts.seed ?? 1,
    orders: opts.orders ?? 50,
    apiVersion: opts.apiVersion ?? '2026-07',
    restoreRate: opts.restoreRate ?? 100,
    bucketSize: opts.bucketSize ?? 2000,
    dbPath: opts.dbPath ?? ':memory:',
    logger: opts.logger ?? false,
    webhookFaults: parseWebhookFaults(opts.webhookFaults),
    retrySchedule: opts.retrySchedule ?? DEFAULT_RETRY_SCHEDULE,
    webhookTimeoutMs: opts.webhookTimeoutMs ?? 5000,
    webhookLogLimit: opts.webhookLogLimit ?? 10_000,
    webhookUrl: opts.webhookUrl ?? null,
    removeFailingSubscriptions: opts.removeFailingSubscriptions ?? false,
    latencyMs: opts.latencyMs ?? 0,
    now: opts.now ?? Date.now,
  });
}

/** Builds and listens (default 127.0.0.1, a free port). */
export async function startShopifyEmulator(opts: ShopifyEmulatorOptions & { host?: string; port?: number } = {}): Promise<StartedShopifyEmulator> {
  const { app, shop } = await buildShopifyEmulator(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, shop, flushWebhooks: () => shop.flushWebhooks(), close: () => app.close() };
}

export { EMITTED_TOPICS } from './app.js';
export type { ShopHandle } from './app.js';
export { ShopState } from './state.js';
export { parseWebhookFaults, DEFAULT_RETRY_SCHEDULE } from './webhooks.js';
export type { DeliveryRecord, WebhookFaults } from './webhooks.js';
