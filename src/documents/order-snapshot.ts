/**
 * Order snapshot: the raw order payload as canonical JSON, so the same order
 * state always yields the same bytes regardless of the key order it arrived in.
 *
 * Canonical form: object keys sorted recursively (UTF-16 code-unit order),
 * array order preserved, 2-space indent, trailing newline. Values go through
 * JSON semantics first (undefined/functions dropped, Dates via toJSON).
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

export function renderOrderSnapshot(order: unknown): Buffer {
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    throw new TypeError('order payload must be a JSON object');
  }
  return Buffer.from(`${canonicalJson(order)}\n`, 'utf8');
}
