/** Topics a job handles today (slash form, as in X-Shopify-Topic). Others are stored and counted. */
export const ORDER_TOPICS = ['orders/create', 'orders/updated'] as const;

export const HANDLED_TOPICS = [...ORDER_TOPICS] as const;
export type HandledTopic = (typeof HANDLED_TOPICS)[number];

export function isHandledTopic(topic: string): topic is HandledTopic {
  return (HANDLED_TOPICS as readonly string[]).includes(topic);
}
