import { describe, expect, it } from 'vitest';
import { normalizeWebhook, TRIGGERED_AT_MAX_SKEW_MS } from './normalize.js';

const orderBody = { id: 5931282661421, admin_graphql_api_id: 'gid://shopify/Order/5931282661421', updated_at: '2026-07-14T15:30:00Z' };
const raw = JSON.stringify(orderBody);

describe('normalizeWebhook', () => {
  it('turns a followed topic into a resource change', () => {
    expect(normalizeWebhook('orders/create', raw, orderBody, null)).toEqual({
      resourceType: 'order',
      resourceId: '5931282661421',
      version: Date.parse('2026-07-14T15:30:00Z'),
      deleted: false,
    });
  });

  it('reads an inventory item (job 5) by its GID, and a product deletion by the id it alone carries', () => {
    const item = { id: 47611223343149, admin_graphql_api_id: 'gid://shopify/InventoryItem/47611223343149', updated_at: '2026-07-20T16:45:31-04:00' };
    expect(normalizeWebhook('inventory_items/update', JSON.stringify(item), item, null)).toEqual({
      resourceType: 'inventory_item',
      resourceId: '47611223343149',
      version: Date.parse('2026-07-20T20:45:31Z'),
      deleted: false,
    });
    const gone = '{"id":8123456789013}';
    expect(normalizeWebhook('products/delete', gone, JSON.parse(gone), '2026-07-21T10:00:00Z', Date.parse('2026-07-21T10:00:01Z'))).toMatchObject({
      resourceType: 'product',
      resourceId: '8123456789013',
      deleted: true,
    });
  });

  it.each([
    'constructor/create',
    'constructor/delete',
    '__proto__/update',
    '__proto__/delete',
    'toString',
    'toString/delete',
    'hasOwnProperty/x',
    'valueOf/delete',
  ])('treats %s (an Object prototype member) as a topic it does not follow', (topic) => {
    expect(normalizeWebhook(topic, raw, orderBody, null)).toBeUndefined();
  });

  describe('X-Shopify-Triggered-At, the version of a payload without updated_at', () => {
    const dispute = { id: 80432118 };
    const disputeRaw = JSON.stringify(dispute);
    const receivedAt = Date.parse('2026-07-14T15:30:00Z');

    it('is taken as sent when it is not ahead of the receive time by more than the skew', () => {
      const at = receivedAt + TRIGGERED_AT_MAX_SKEW_MS;
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, new Date(at).toISOString(), receivedAt)?.version).toBe(at);
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, '2026-07-14T15:00:00Z', receivedAt)?.version).toBe(Date.parse('2026-07-14T15:00:00Z'));
    });

    it('is clamped to the receive time when it is further ahead', () => {
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, '2099-01-01T00:00:00Z', receivedAt)?.version).toBe(receivedAt);
      const at = new Date(receivedAt + TRIGGERED_AT_MAX_SKEW_MS + 1).toISOString();
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, at, receivedAt)?.version).toBe(receivedAt);
    });

    it('cannot push a deletion into the future either', () => {
      const del = { id: 5931282661421 };
      expect(normalizeWebhook('orders/delete', JSON.stringify(del), del, '2099-01-01T00:00:00Z', receivedAt)?.version).toBe(receivedAt);
    });

    it('falls back to the receive time when absent or unreadable', () => {
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, null, receivedAt)?.version).toBe(receivedAt);
      expect(normalizeWebhook('disputes/create', disputeRaw, dispute, 'not a date', receivedAt)?.version).toBe(receivedAt);
    });
  });
});
