import { describe, expect, it } from 'vitest';
import { signBody, verifyHmac } from './verify.js';

describe('verifyHmac', () => {
  const body = Buffer.from('{"id":1,"note":"a\\/b \\u0026 c"}');
  it('accepts base64 HMAC-SHA256 of the exact bytes', () => {
    expect(verifyHmac('secret', body, signBody('secret', body))).toEqual({ valid: true });
  });
  it('rejects another secret, re-serialised bytes, hex digests and a missing header', () => {
    expect(verifyHmac('other', body, signBody('secret', body))).toEqual({ valid: false, reason: 'invalid_hmac' });
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyHmac('secret', reserialised, signBody('secret', body)).valid).toBe(false);
    const hex = Buffer.from(signBody('secret', body), 'base64').toString('hex');
    expect(verifyHmac('secret', body, hex).valid).toBe(false);
    expect(verifyHmac('secret', body, undefined)).toEqual({ valid: false, reason: 'missing_hmac' });
    expect(verifyHmac('secret', body, 'short').valid).toBe(false);
  });
});
