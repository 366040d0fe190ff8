import { createHash } from 'node:crypto';

/**
 * Node names Content Server accepts (otcs-api.md §3.9, §6.3 item 7): workspaces, folders and
 * documents share one namespace per container and one set of rules. What the reference states:
 * no `:`, no leading or trailing spaces, at most 248 characters (pyxecm's MAX_ITEM_NAME_LENGTH,
 * the same limit the Content Server OpenAPI gives for a node's nickname; the server's own limit is
 * marked uncertain there). What the connector adds to be safe where the reference is silent: no control characters (C0, DEL, C1), no lone
 * UTF-16 surrogates (they cannot travel as UTF-8, so the server would store another name than the
 * one the connector compares with), no trailing dots (Windows, WebDAV and Office clients drop them),
 * not empty. Length is counted in UTF-16 code units, the stricter count, and a cut never splits a
 * surrogate pair.
 */
export const NODE_NAME_MAX = 248;

/** The characters a name never carries: `:`, control characters, lone surrogates (with the `u` flag a pair is one code point). */
const REFUSED = /[:\p{Cc}\uD800-\uDFFF]/u;
const REFUSED_ALL = /[:\p{Cc}\uD800-\uDFFF]/gu;
/** The suffix a changed name gets: ` ~` and 8 characters of base32 (40 bits of SHA-256 of the original). */
const SUFFIX_LENGTH = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Whether Content Server takes this name as it is (and the connector sends it unchanged). */
export function isNodeName(name: string): boolean {
  return name.length > 0 && name.length <= NODE_NAME_MAX && !REFUSED.test(name) && !/^\s/.test(name) && !/[\s.]$/.test(name);
}

/** 40 bits of SHA-256 over the UTF-16 code units (injective even for lone surrogates, which UTF-8 would merge). */
function tag(text: string): string {
  const d = createHash('sha256').update(Buffer.from(text, 'utf16le')).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(d[i] ?? 0);
  let out = '';
  for (let i = 0; i < 8; i++) out += BASE32[Number((bits >> BigInt(35 - 5 * i)) & 31n)] ?? '';
  return out;
}

/** The first `n` code units, without a dangling high surrogate. */
function cut(s: string, n: number): string {
  const c = s.slice(0, n);
  return /[\uD800-\uDBFF]$/.test(c) ? c.slice(0, -1) : c;
}

/**
 * Pure: the name the connector sends to Content Server for `text` (a workspace, folder or document
 * name). A name Content Server accepts ({@link isNodeName}) is kept exactly. Any other is cleaned
 * (`:` removed, control characters as spaces, lone surrogates as U+FFFD, leading spaces and trailing
 * spaces and dots trimmed, cut to fit) and given a short stable suffix from a hash of the original,
 * ` ~` and 8 base32 characters, so that two names that clean to the same text stay distinct in a
 * folder (where a name is a document's identity).
 *
 * Properties (test/fuzz/names.test.ts): the result is always valid; the function is idempotent;
 * it is the same on every run and machine; distinct inputs give distinct names, except (a) a 40-bit
 * hash collision between two changed names, and (b) an input that is itself valid and reads exactly
 * like another input's changed name (ending in ` ~` and that input's 8-character hash).
 */
export function nodeName(text: string): string {
  if (isNodeName(text)) return text;
  const suffix = ` ~${tag(text)}`;
  const cleaned = text.replace(REFUSED_ALL, (c) => (c === ':' ? '' : /\p{Cc}/u.test(c) ? ' ' : '\uFFFD')).replace(/^\s+/, '');
  const base = cut(cleaned, NODE_NAME_MAX - SUFFIX_LENGTH).replace(/[\s.]+$/, '');
  return `${base === '' ? 'unnamed' : base}${suffix}`;
}
