import { randomUUID } from 'node:crypto';
import { signBody } from '../shopify/webhooks/verify.js';

export interface Delivery {
  topic: string;
  body: Record<string, unknown>;
  /** Reuse to simulate Shopify resending the same delivery. */
  webhookId?: string;
}

/** Signs and POSTs one delivery the way Shopify does (shopify-api.md §1.2–1.3). */
export async function deliverWebhook(url: string, shop: string, secret: string, d: Delivery, apiVersion = '2026-07'): Promise<{ status: number; webhookId: string }> {
  const raw = Buffer.from(JSON.stringify(d.body));
  const webhookId = d.webhookId ?? randomUUID();
  const res = await fetch(`${url}/webhooks/shopify`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Shopify-Captain-Hook',
      'X-Shopify-Topic': d.topic,
      'X-Shopify-Hmac-Sha256': signBody(secret, raw),
      'X-Shopify-Shop-Domain': shop,
      'X-Shopify-API-Version': apiVersion,
      'X-Shopify-Webhook-Id': webhookId,
      'X-Shopify-Event-Id': randomUUID(),
      'X-Shopify-Triggered-At': new Date().toISOString(),
    },
    body: raw,
  });
  await res.arrayBuffer();
  return { status: res.status, webhookId };
}
