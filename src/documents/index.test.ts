import { describe, expect, it } from 'vitest';
import { RENDERER_KEYS } from '../vocabulary.js';
import { RENDERERS } from './index.js';

const ORDER = { name: '#1001', created_at: '2026-03-01T09:00:00Z', currency: 'EUR', total_price: '99.90' };
const CTX = { shop: 'demo.myshopify.com' };

describe('document renderer registry', () => {
  it('names the renderers by key', () => {
    expect(Object.keys(RENDERERS)).toEqual([...RENDERER_KEYS]);
    expect(RENDERERS['order-confirmation']).toMatchObject({ fileExtension: 'pdf', mimeType: 'application/pdf' });
    expect(RENDERERS['order-snapshot']).toMatchObject({ fileExtension: 'json', mimeType: 'application/json' });
  });

  it('renders through the registry', async () => {
    const pdf = await RENDERERS['order-confirmation'].render(ORDER, CTX);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const json = await RENDERERS['order-snapshot'].render(ORDER, CTX);
    expect(JSON.parse(json.toString('utf8'))).toEqual(ORDER);
  });

  it('reports invalid input as a rejected promise', async () => {
    await expect(RENDERERS['order-snapshot'].render(null, CTX)).rejects.toThrow(TypeError);
    await expect(RENDERERS['order-confirmation'].render(null, CTX)).rejects.toThrow(TypeError);
  });
});
