import fc from 'fast-check';

/** Hostile building blocks shared by the fuzz files. */

export const INJECTIONS = [
  "'; drop table deliveries; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '..\\..\\windows',
  '${process.env.SHOPIFY_API_SECRET}',
  '{{constructor.constructor("return process")()}}',
  '$eval("1")',
  '__proto__',
  'constructor',
  'toString',
  'a\u0000b',
  '\u202egnp.exe',
  '%00',
  '%',
  '_',
  '\\',
  '%%',
  '.*',
  '(?:a+)+$',
  '[',
  '\r\nX-Injected: 1',
];

/** Characters that break naive code: controls, NUL, lone surrogates, wildcards, quotes, RTL override, astral. */
export const hostileChar = fc.oneof(
  fc.constantFrom('\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ud800', '\udc00', '\ufeff', '\ufffe', '\u202e'),
  fc.constantFrom('%', '_', '\\', '*', '?', '[', ']', '(', ')', '^', '$', '.', '+', '|', '{', '}', "'", '"', '`', ':', ';', '<', '>', '/', '#', '&'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('a', 'Z', '1', '0', ' ', 'é', 'ß', '😀', 'İ', 'ﬃ'),
);

export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: hostileChar, maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
    { weight: 1, arbitrary: fc.string({ maxLength }) },
  );

/** Integers beyond 2^53, as JSON number literals (what JSON.parse would round). */
export const bigIntLiteral = fc.oneof(
  fc.bigInt({ min: 2n ** 53n + 1n, max: 10n ** 30n }).map(String),
  fc.bigInt({ min: -(10n ** 25n), max: -(2n ** 53n) - 1n }).map(String),
  fc.constantFrom('9007199254740993', '18446744073709551615', '1e400', '-1e400', '1e-400', '-0', '123456789012345678901234567890.5'),
);

/** A JSON value written as text, with big number literals and hostile strings anywhere. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '0', '-1', '1.5', '1e3'),
    bigIntLiteral,
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
    hostileString().map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
    fc.array(fc.tuple(hostileString(12), tie('value')), { maxLength: 5 }).map((kvs) => `{${kvs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** A JSON object as text (the shape a webhook body must have). */
export const jsonObjectText: fc.Arbitrary<string> = fc
  .array(fc.tuple(hostileString(12), jsonText), { maxLength: 6 })
  .map((kvs) => `{${kvs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);

/** Deeply nested JSON: valid (arrays or objects), or cut short. */
export const deepJson = fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.constantFrom('array', 'object', 'cut')).map(([n, kind]) => {
  if (kind === 'array') return `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
  if (kind === 'object') return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  return `${'{"a":['.repeat(n)}`;
});

/** Byte sequences that are not UTF-8: overlong, surrogates, beyond U+10FFFF, truncated, lone continuation bytes. */
export const invalidUtf8 = fc
  .tuple(
    jsonObjectText,
    fc.constantFrom([0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]),
    fc.nat(),
  )
  .map(([text, bad, at]) => {
    // Inside a JSON string, so that only the encoding is wrong.
    const inner = Buffer.from(`{"note":"x`);
    const rest = Buffer.from(`y","body":${text}}`);
    return at % 2 === 0 ? Buffer.concat([inner, Buffer.from(bad), rest]) : Buffer.concat([Buffer.from(text), Buffer.from(bad)]);
  });
