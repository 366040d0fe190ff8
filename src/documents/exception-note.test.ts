import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../errors.js';
import { exceptionView } from '../rules/timeline.js';
import type { ExceptionNote, TimelineEvent } from '../rules/timeline.js';
import { parseExceptionNote, renderExceptionNote } from './exception-note.js';

const NOTE: ExceptionNote = {
  at: '2026-03-04T16:20:00Z',
  what: 'delayed',
  folder: 'Carrier Correspondence',
  fileName: '20260304T162000Z delayed.txt',
  orderName: '#1001',
  topic: 'fulfillment_events/create',
  details: ['Message: Weather delay at the hub', 'Location: Pittsburgh, PA, US'],
};

describe('renderExceptionNote', () => {
  it('writes the fields one a line, then the details, then a trailing newline', () => {
    expect(renderExceptionNote(NOTE).toString('utf8')).toBe(
      [
        'Order: #1001',
        'What: delayed',
        'When: 2026-03-04T16:20:00Z',
        'Topic: fulfillment_events/create',
        'Message: Weather delay at the hub',
        'Location: Pittsburgh, PA, US',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic, and another note gives other bytes', () => {
    expect(renderExceptionNote({ ...NOTE }).equals(renderExceptionNote(NOTE))).toBe(true);
    expect(renderExceptionNote({ ...NOTE, what: 'delivery failure' }).equals(renderExceptionNote(NOTE))).toBe(false);
  });

  it('keeps Unicode as UTF-8 and every value on its line', () => {
    const text = renderExceptionNote({ ...NOTE, orderName: null, details: ['Message: Zoë in 東京 📦\r\nsecond line', '  ', 'Carrier: DHL'] }).toString('utf8');
    expect(text).toBe(
      [
        'Order: (unknown)',
        'What: delayed',
        'When: 2026-03-04T16:20:00Z',
        'Topic: fulfillment_events/create',
        'Message: Zoë in 東京 📦 second line',
        'Carrier: DHL',
        '',
      ].join('\n'),
    );
    expect(
      Buffer.from(text, 'utf8').equals(
        renderExceptionNote({ ...NOTE, orderName: null, details: ['Message: Zoë in 東京 📦\r\nsecond line', '  ', 'Carrier: DHL'] }),
      ),
    ).toBe(true);
  });

  it('renders the notes an exception view folds from Shopify changes', () => {
    const events: TimelineEvent[] = [
      {
        id: 1,
        topic: 'orders/create',
        resourceType: 'order',
        resourceId: '5',
        version: Date.parse('2026-03-01T09:00:00Z'),
        payload: { admin_graphql_api_id: 'gid://shopify/Order/5', name: '#1001', fulfillment_status: null, financial_status: 'paid' },
      },
      {
        id: 2,
        topic: 'fulfillment_events/create',
        resourceType: 'fulfillment_event',
        resourceId: '31',
        version: Date.parse('2026-03-04T16:20:00Z'),
        payload: { id: 31, fulfillment_id: 21, order_id: 5, status: 'delayed', message: 'Weather delay', city: 'Pittsburgh', province: 'PA', country: 'US' },
      },
    ];
    const [note] = exceptionView('5', events, null).notes;
    expect(note).toBeDefined();
    expect(renderExceptionNote(note!).toString('utf8')).toBe(
      'Order: #1001\nWhat: delayed\nWhen: 2026-03-04T16:20:00Z\nTopic: fulfillment_events/create\nMessage: Weather delay\nLocation: Pittsburgh, PA, US\n',
    );
  });

  it('rejects what is not an exception note with PAYLOAD_INVALID', () => {
    for (const bad of [null, 'note', {}, { ...NOTE, details: 'x' }, { ...NOTE, folder: 'Elsewhere' }]) {
      expect(() => parseExceptionNote(bad)).toThrow(IntegrationError);
      let error: unknown;
      try {
        renderExceptionNote(bad as ExceptionNote);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IntegrationError);
      expect((error as IntegrationError).code).toBe('PAYLOAD_INVALID');
    }
  });
});
