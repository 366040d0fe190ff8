import { describe, expect, it } from 'vitest';
import { caseView } from '../rules/timeline.js';
import { RENDERER_KEYS } from '../vocabulary.js';
import { RENDERERS } from './index.js';

const ORDER = { name: '#1001', created_at: '2026-03-01T09:00:00Z', currency: 'EUR', total_price: '99.90' };
const CTX = { shop: 'demo.myshopify.com' };

describe('document renderer registry', () => {
  it('names the renderers by key', () => {
    expect(Object.keys(RENDERERS)).toEqual([...RENDERER_KEYS]);
    expect(RENDERERS['order-confirmation']).toMatchObject({ fileExtension: 'pdf', mimeType: 'application/pdf' });
    expect(RENDERERS['order-snapshot']).toMatchObject({ fileExtension: 'json', mimeType: 'application/json' });
    for (const key of ['return-summary', 'refund-record', 'dispute-summary'] as const) {
      expect(RENDERERS[key]).toMatchObject({ fileExtension: 'pdf', mimeType: 'application/pdf' });
    }
    expect(RENDERERS['exception-note']).toMatchObject({ fileExtension: 'txt', mimeType: 'text/plain' });
  });

  it('renders through the registry', async () => {
    const pdf = await RENDERERS['order-confirmation'].render(ORDER, CTX);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const json = await RENDERERS['order-snapshot'].render(ORDER, CTX);
    expect(JSON.parse(json.toString('utf8'))).toEqual(ORDER);
  });

  it('renders a case view and an exception note through the registry', async () => {
    const view = caseView(
      [
        {
          id: 1,
          topic: 'disputes/create',
          resourceType: 'dispute',
          resourceId: '7',
          version: Date.parse('2026-03-20T09:30:00Z'),
          payload: { id: 7, type: 'inquiry', amount: '10.00', currency: 'EUR', status: 'needs_response', evidence_due_by: '2026-04-10T23:59:59Z' },
        },
      ],
      null,
    );
    const pdf = await RENDERERS['dispute-summary'].render(view, CTX);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.equals(await RENDERERS['dispute-summary'].render(view, CTX))).toBe(true);
    const note = {
      at: '2026-03-04T16:20:00Z',
      what: 'on hold',
      folder: 'Warehouse Notes',
      fileName: 'x.txt',
      orderName: '#1001',
      topic: 'fulfillment_orders/placed_on_hold',
      details: [],
    };
    expect((await RENDERERS['exception-note'].render(note, CTX)).toString('utf8')).toBe(
      'Order: #1001\nWhat: on hold\nWhen: 2026-03-04T16:20:00Z\nTopic: fulfillment_orders/placed_on_hold\n',
    );
  });

  it('reports invalid input as a rejected promise', async () => {
    await expect(RENDERERS['order-snapshot'].render(null, CTX)).rejects.toThrow(TypeError);
    await expect(RENDERERS['order-confirmation'].render(null, CTX)).rejects.toThrow(TypeError);
    for (const key of ['return-summary', 'refund-record', 'dispute-summary', 'exception-note'] as const) {
      await expect(RENDERERS[key].render(ORDER, CTX)).rejects.toMatchObject({ code: 'PAYLOAD_INVALID' });
    }
  });
});
