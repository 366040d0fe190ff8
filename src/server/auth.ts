import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { Config } from '../config/schema.js';

/** Who calls the API: the operator (the API token: every shop) or an admin of one shop (a session token). */
export type Caller = { kind: 'token' } | { kind: 'session'; shop: string; user: string | undefined };

export type AuthResult = { ok: true; caller: Caller } | { ok: false; reason: string };

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of a presented secret with the configured one (hashes of equal length). */
function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Whether `presented` is the configured API token (constant time); false when none is configured. */
export function isApiToken(config: Readonly<Config>, presented: string): boolean {
  const apiToken = config.server.apiToken;
  return apiToken !== undefined && apiToken !== '' && sameSecret(presented, apiToken);
}

/**
 * Authenticates a bearer credential: the configured API token, or a Shopify admin session token (a
 * JWT signed HS256 with the app's client secret, `aud` the app's client id, within its `nbf`/`exp`,
 * `dest` a configured shop and `iss` that shop's admin). The reason of a refusal is for the log and
 * the answer; it never repeats the credential.
 */
export async function authenticate(config: Readonly<Config>, authorization: string | undefined, now: Date = new Date()): Promise<AuthResult> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return { ok: false, reason: 'sign in: send Authorization: Bearer <API token or Shopify session token>' };
  const credential = m[1];
  if (isApiToken(config, credential)) return { ok: true, caller: { kind: 'token' } };
  if (credential.split('.').length !== 3) return { ok: false, reason: 'the bearer token is not the API token' };
  let dest: string;
  try {
    const claims = decodeJwt(credential);
    dest = typeof claims.dest === 'string' ? claims.dest : '';
  } catch {
    return { ok: false, reason: 'the bearer token is neither the API token nor a session token' };
  }
  const host = /^https:\/\/([^/]+)\/?$/.exec(dest)?.[1]?.toLowerCase();
  const shop = config.shops.find((s) => s.domain === host);
  if (!shop) return { ok: false, reason: 'session token for a shop this connector does not serve' };
  if (!shop.clientId) return { ok: false, reason: `session tokens are not accepted for ${shop.domain}: its clientId (SHOPIFY_API_KEY) is not configured` };
  try {
    const { payload } = await jwtVerify(credential, new TextEncoder().encode(shop.apiSecret), {
      algorithms: ['HS256'],
      audience: shop.clientId,
      issuer: `https://${shop.domain}/admin`,
      currentDate: now,
      clockTolerance: 5,
      requiredClaims: ['exp', 'nbf', 'dest', 'aud'],
    });
    return { ok: true, caller: { kind: 'session', shop: shop.domain, user: typeof payload.sub === 'string' ? payload.sub : undefined } };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'the session token has expired' };
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: 'the session token is not signed by this app' };
    if (err instanceof joseErrors.JWTClaimValidationFailed)
      return { ok: false, reason: `the session token's ${err.claim} claim is not this app's or not valid now` };
    return { ok: false, reason: 'the session token is not valid' };
  }
}

/**
 * A one-time sign-in ticket for the panel (`/panel?signin=…`), what `demo` prints: it expires after
 * `ttlMs`, works once (the panel remembers the tickets it took), and reveals nothing of the API token
 * it is signed with. `<expiry>.<nonce>.<HMAC-SHA256(key, expiry.nonce)>`, base64url.
 */
export function signInTicket(config: Readonly<Config>, now = Date.now(), ttlMs = 15 * 60_000): string | undefined {
  const key = config.server.apiToken;
  if (key === undefined || key === '') return undefined;
  const body = `${now + ttlMs}.${randomBytes(12).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** Checks a sign-in ticket's signature and expiry; the caller makes sure it is used once (by its nonce). */
export function checkSignInTicket(
  config: Readonly<Config>,
  ticket: string,
  now = Date.now(),
): { ok: true; nonce: string; expires: number } | { ok: false; reason: string } {
  const key = config.server.apiToken;
  const m = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (key === undefined || key === '' || !m?.[1] || !m[2] || !m[3]) return { ok: false, reason: 'that sign-in link is not valid' };
  const expected = createHmac('sha256', key).update(`${m[1]}.${m[2]}`).digest();
  const given = Buffer.from(m[3], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'that sign-in link is not valid' };
  if (Number(m[1]) < now) return { ok: false, reason: 'that sign-in link has expired; ask for a new one' };
  return { ok: true, nonce: m[2], expires: Number(m[1]) };
}
