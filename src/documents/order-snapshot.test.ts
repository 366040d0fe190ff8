import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, renderOrderSnapshot } from './order-snapshot.js';

const FIXTURE = new URL('../../test/fixtures/shopify/orders-create.b2b-high-value.json', import.meta.url);

/** Deep copy with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('renderOrderSnapshot', () => {
  it('is identical for payloads that differ only in key order', () => {
    const order = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { body: unknown }).body;
    const a = renderOrderSnapshot(order);
    const b = renderOrderSnapshot(reverseKeys(order));
    expect(JSON.stringify(reverseKeys(order))).not.toBe(JSON.stringify(order));
    expect(b.equals(a)).toBe(true);
    expect(JSON.parse(a.toString('utf8'))).toEqual(order);
  });

  it('sorts keys recursively, keeps array order, indents by 2 and ends with a newline', () => {
    const out = renderOrderSnapshot({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }).toString('utf8');
    expect(out).toBe(
      [
        '{',
        '  "a": {',
        '    "c": null,',
        '    "d": [',
        '      3,',
        '      {',
        '        "y": 2,',
        '        "z": 1',
        '      }',
        '    ]',
        '  },',
        '  "b": 1',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('changes when the order state changes', () => {
    expect(renderOrderSnapshot({ total_price: '1.00' }).equals(renderOrderSnapshot({ total_price: '2.00' }))).toBe(false);
  });

  it('keeps a "__proto__" key as data and drops undefined values', () => {
    const input = JSON.parse('{"x": 1, "__proto__": {"polluted": true}}') as unknown;
    expect(canonicalJson(input)).toBe('{\n  "__proto__": {\n    "polluted": true\n  },\n  "x": 1\n}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{\n  "b": 2\n}');
  });

  it('rejects a payload that is not an object', () => {
    expect(() => renderOrderSnapshot(undefined)).toThrow(TypeError);
    expect(() => renderOrderSnapshot('x')).toThrow(TypeError);
  });
});
