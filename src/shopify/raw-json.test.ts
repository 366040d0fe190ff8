import { describe, expect, it } from 'vitest';
import { rawTopLevelField } from './raw-json.js';

describe('rawTopLevelField', () => {
  it('keeps every digit of an 18-digit id that JSON.parse would round', () => {
    const raw = '{"order_id": 820982911946154508, "id": 820982911946154509, "x": 1}';
    expect(JSON.parse(raw).id).toBe(820982911946154500);
    expect(rawTopLevelField(raw, 'id')).toBe('820982911946154509');
    expect(rawTopLevelField(raw, 'order_id')).toBe('820982911946154508');
  });
  it('reads top-level fields only, skipping nested objects, arrays and tricky strings', () => {
    const raw = '{"a":{"id":1},"b":[{"id":2}],"s":"he said \\"id\\": 3 }","id":"gid-like \\u0041"}';
    expect(rawTopLevelField(raw, 'id')).toBe('gid-like A');
    expect(rawTopLevelField(raw, 'a')).toBeUndefined();
    expect(rawTopLevelField(raw, 'missing')).toBeUndefined();
  });
  it('returns undefined for null, non-objects and malformed text', () => {
    expect(rawTopLevelField('{"id": null}', 'id')).toBeUndefined();
    expect(rawTopLevelField('[1,2]', 'id')).toBeUndefined();
    expect(rawTopLevelField('{"id": ', 'id')).toBeUndefined();
  });
});
