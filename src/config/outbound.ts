import { IntegrationError } from '../errors.js';
import type { Config } from './schema.js';

/**
 * The hosts the connector may fetch (DESIGN.md §4: only configured hosts, no server-side request
 * forgery through URLs in payloads or answers): Content Server, each shop's Admin API host, and
 * `outbound.hosts` (by default the storage host of Shopify's bulk operation results). Host names
 * compare in lower case, with the port when one is given.
 */
export function outboundHosts(config: Pick<Config, 'shops' | 'xecm' | 'outbound'>): ReadonlySet<string> {
  const hosts = new Set<string>(config.outbound.hosts.map((h) => h.toLowerCase()));
  if (config.xecm) hosts.add(new URL(config.xecm.url).host.toLowerCase());
  for (const s of config.shops) hosts.add((s.adminUrl ? new URL(s.adminUrl).host : s.domain).toLowerCase());
  return hosts;
}

/** Throws OUTBOUND_HOST_REFUSED, before anything is fetched, when `url` is not on an allowed host over http(s). */
export function checkOutbound(url: string, hosts: ReadonlySet<string>, what: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new IntegrationError('OUTBOUND_HOST_REFUSED', `${what}: not a URL; nothing was fetched`);
  }
  const host = u.host.toLowerCase();
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !(hosts.has(host) || hosts.has(u.hostname.toLowerCase())))
    throw new IntegrationError(
      'OUTBOUND_HOST_REFUSED',
      `${what}: ${u.protocol}//${u.host} is not a configured host (outbound.hosts, xecm.url, the shops' Admin API); nothing was fetched`,
    );
  return u;
}
