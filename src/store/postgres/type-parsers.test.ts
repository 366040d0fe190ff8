import { describe, expect, it } from 'vitest';
import { PG_TYPES, parseInt8, parseNumeric } from './postgres-store.js';

describe("the store's PostgreSQL type parsers", () => {
  it('reads int8 as a number, exactly, and refuses one beyond 2^53 − 1', () => {
    expect(parseInt8('1780000000123')).toBe(1_780_000_000_123);
    expect(parseInt8('-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(() => parseInt8('9007199254740993')).toThrow(/MAX_SAFE_INTEGER/);
  });

  it('reads numeric as a number, refusing a whole number it could not hold exactly', () => {
    expect(parseNumeric('42')).toBe(42);
    expect(parseNumeric('10.25')).toBe(10.25);
    expect(() => parseNumeric('123456789012345678901')).toThrow(/exactly/);
  });

  it('reads json and jsonb as their text, and leaves other types to node-postgres', () => {
    const parse = (oid: number) => PG_TYPES.getTypeParser(oid, 'text') as (text: string) => unknown;
    expect(parse(3802)('{"id": 820982911946154508}')).toBe('{"id": 820982911946154508}');
    expect(parse(114)('[1, 2]')).toBe('[1, 2]');
    expect(parse(20)('5')).toBe(5);
    expect(parse(23)('7')).toBe(7); // int4: node-postgres's own
    expect(parse(16)('t')).toBe(true); // bool
  });
});
