import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signBody } from '../../src/shopify/webhooks/verify.js';
import { TEST_SECRET, TEST_SHOP } from './config.js';

export interface Fixture {
  topic: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/shopify/${name}`, import.meta.url), 'utf8')) as Fixture;
}

/** Headers of a delivery signed like Shopify does; `secret` lets a test sign wrongly. */
export function signedHeaders(
  raw: Buffer | string,
  opts: { topic: string; webhookId?: string; shop?: string; secret?: string; triggeredAt?: string },
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': opts.topic,
    'x-shopify-hmac-sha256': signBody(opts.secret ?? TEST_SECRET, raw),
    'x-shopify-shop-domain': opts.shop ?? TEST_SHOP,
    'x-shopify-api-version': '2026-07',
    'x-shopify-webhook-id': opts.webhookId ?? randomUUID(),
    'x-shopify-event-id': randomUUID(),
    'x-shopify-triggered-at': opts.triggeredAt ?? new Date().toISOString(),
  };
}

/** POSTs a signed delivery to a running connector (`body` as a Buffer: those exact bytes). */
export async function postDelivery(
  url: string,
  topic: string,
  body: unknown,
  opts: { webhookId?: string; shop?: string; secret?: string; triggeredAt?: string } = {},
): Promise<{ status: number; json: unknown; webhookId: string }> {
  // A Buffer is sent as it is (exact JSON text, e.g. numbers beyond 2^53); anything else as JSON.
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const webhookId = opts.webhookId ?? randomUUID();
  const res = await fetch(`${url}/webhooks/shopify`, { method: 'POST', headers: signedHeaders(raw, { topic, webhookId, ...opts }), body: raw });
  return { status: res.status, json: (await res.json()) as unknown, webhookId };
}
