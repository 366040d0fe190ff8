import type { AdminClient } from '../shopify/admin/client.js';
import { CREATE_WEBHOOK, LIST_WEBHOOKS } from '../shopify/admin/operations/webhooks.js';
import type { WebhookSubscriptionNode } from '../shopify/admin/operations/webhooks.js';
import { FOLLOWED_TOPICS, topicEnum } from '../shopify/webhooks/topics.js';

export async function listSubscriptions(admin: AdminClient): Promise<WebhookSubscriptionNode[]> {
  const out: WebhookSubscriptionNode[] = [];
  for await (const nodes of admin.paginate(LIST_WEBHOOKS, { first: 100 }, (d) => d.webhookSubscriptions)) out.push(...nodes);
  return out;
}

export interface RegisterReport {
  created: string[];
  existing: string[];
  failed: Array<{ topic: string; message: string }>;
}

/** Creates the subscriptions the configuration needs (every followed topic → `callbackUrl`); existing ones are kept. */
export async function registerSubscriptions(admin: AdminClient, callbackUrl: string): Promise<RegisterReport> {
  const existing = await listSubscriptions(admin);
  const report: RegisterReport = { created: [], existing: [], failed: [] };
  for (const topic of FOLLOWED_TOPICS) {
    const en = topicEnum(topic);
    if (existing.some((s) => s.topic === en && s.uri === callbackUrl)) {
      report.existing.push(topic);
      continue;
    }
    const { data } = await admin.request(CREATE_WEBHOOK, { topic: en, uri: callbackUrl });
    const errors = data.webhookSubscriptionCreate.userErrors;
    if (errors.length > 0) report.failed.push({ topic, message: errors.map((e) => e.message).join('; ') });
    else report.created.push(topic);
  }
  return report;
}
