import { parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

/**
 * Order snapshot: the raw order payload as canonical JSON, so the same order
 * state always yields the same bytes regardless of the key order it arrived in.
 *
 * Canonical form: object keys sorted recursively (UTF-16 code-unit order),
 * array order preserved, 2-space indent, trailing newline. Values go through
 * JSON semantics first (undefined/functions dropped, Dates via toJSON). Given
 * the payload's text, every number is kept exactly as Shopify wrote it (ids
 * beyond 2^53, `12.50`); given a parsed value, as JavaScript holds it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    // Object.fromEntries defines own data properties, so a "__proto__" key is
    // kept as data instead of changing the prototype.
    return Object.fromEntries(keys.map((k) => [k, sortKeys(value[k] as Json)]));
  }
  return value;
}

/** Canonical JSON text (no trailing newline) of any JSON-serialisable value. */
export function canonicalJson(value: unknown): string {
  const plain = JSON.stringify(value);
  if (plain === undefined) throw new TypeError('value is not JSON-serialisable');
  return JSON.stringify(sortKeys(JSON.parse(plain) as Json), null, 2);
}

/** Canonical JSON of a JSON text with every number kept as written (lossless-json keeps their digits). */
function canonicalFromText(text: string): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value !== null && typeof value === 'object' && !('isLosslessNumber' in value)) {
      const o = value as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, sort(o[k])]),
      );
    }
    return value;
  };
  const out = losslessStringify(sort(losslessParse(text)), undefined, 2);
  if (out === undefined) throw new TypeError('payload is not JSON');
  return out;
}

/** The snapshot of an order payload, given as its JSON text (exact numbers) or as a parsed value. */
export function renderOrderSnapshot(order: unknown): Buffer {
  if (typeof order === 'string') {
    const trimmed = order.trimStart();
    if (!trimmed.startsWith('{')) throw new TypeError('order payload must be a JSON object');
    return Buffer.from(`${canonicalFromText(order)}\n`, 'utf8');
  }
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    throw new TypeError('order payload must be a JSON object');
  }
  return Buffer.from(`${canonicalJson(order)}\n`, 'utf8');
}
