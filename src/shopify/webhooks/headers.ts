import type { IncomingHttpHeaders } from 'node:http';

/** What a delivery's headers say about it (names are matched case-insensitively by Node). */
export interface WebhookEnvelope {
  topic: string;
  shop: string;
  webhookId: string;
  apiVersion: string;
  hmac: string | undefined;
  eventId: string | null;
  triggeredAt: string | null;
}

const REQUIRED = {
  topic: 'x-shopify-topic',
  shop: 'x-shopify-shop-domain',
  webhookId: 'x-shopify-webhook-id',
  apiVersion: 'x-shopify-api-version',
} as const;

function one(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() !== '' ? s.trim() : undefined;
}

export function readEnvelope(h: IncomingHttpHeaders): { ok: true; envelope: WebhookEnvelope } | { ok: false; missing: string[] } {
  const missing = Object.values(REQUIRED).filter((n) => one(h, n) === undefined);
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    envelope: {
      topic: one(h, REQUIRED.topic) ?? '',
      shop: (one(h, REQUIRED.shop) ?? '').toLowerCase(),
      webhookId: one(h, REQUIRED.webhookId) ?? '',
      apiVersion: one(h, REQUIRED.apiVersion) ?? '',
      hmac: one(h, 'x-shopify-hmac-sha256'),
      eventId: one(h, 'x-shopify-event-id') ?? null,
      triggeredAt: one(h, 'x-shopify-triggered-at') ?? null,
    },
  };
}
