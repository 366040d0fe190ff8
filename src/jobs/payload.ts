import { isSafeNumber, parse } from 'lossless-json';

/**
 * Reads a stored payload (the REST JSON text Shopify sent) without losing a digit: a number that a
 * JavaScript number holds exactly stays a number; any other (an id beyond 2^53 such as a REST
 * `company.id`, or a decimal with more digits than a double keeps) becomes its exact text. Rule
 * expressions see `$string(company.id)` as Shopify wrote it.
 */
export function parsePayload(text: string): unknown {
  return parse(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}
