import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/config.js';
import { backoffDelay } from '../util/backoff.js';
import { ConfigError, loadConfig } from './load.js';

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

function file(text: string): string {
  const t = tempDir();
  dirs.push(t.cleanup);
  const p = join(t.dir, 'shopify-xecm.yaml');
  writeFileSync(p, text);
  return p;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the built-in defaults when there is no file', () => {
    const c = loadConfig({ env: {}, cwd: '/nonexistent' });
    expect(c.database.url).toBe('sqlite:./data/shopify-xecm.db');
    expect(c.server).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(c.rules['order-workspace']?.criteria).toMatchObject({ 'high value': '$number(total_price) >= 5000', B2B: '$exists(company) and company != null' });
    expect(c.model.order).toEqual({ workspaceType: 'Shopify Order', category: 'Shopify Order', boType: 'shopify_order' });
    expect(Object.isFrozen(c.rules)).toBe(true);
  });

  it('builds a shop and the xECM connection from the environment (DESIGN.md §2 names)', () => {
    const c = loadConfig({
      env: {
        SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com',
        SHOPIFY_API_SECRET: 's3cret',
        SHOPIFY_ACCESS_TOKEN: 'shpat_x',
        XECM_URL: 'http://127.0.0.1:1/otcs/cs.exe',
        XECM_USERNAME: 'Admin',
        XECM_PASSWORD: 'livelink',
        PORT: '4000',
        DATABASE_URL: 'sqlite:/tmp/x.db',
        LOG_LEVEL: 'debug',
      },
      shops: true,
      xecm: true,
    });
    expect(c.shops).toEqual([
      expect.objectContaining({ domain: 'acme.myshopify.com', apiSecret: 's3cret', apiVersion: '2026-07', externalSystemId: 'shopify' }),
    ]);
    expect(c.xecm?.url).toBe('http://127.0.0.1:1/otcs/cs.exe');
    expect(c.server.port).toBe(4000);
    expect(c.log.level).toBe('debug');
  });

  it('interpolates ${VAR} in the file', () => {
    const p = file(
      'shops:\n  - domain: acme.myshopify.com\n    apiSecret: ${MY_SECRET}\nrules:\n  order-workspace:\n    criteria:\n      high value: "$number(total_price) >= 2000"\n',
    );
    const c = loadConfig({ path: p, env: { MY_SECRET: 'from-env' } });
    expect(c.shops[0]?.apiSecret).toBe('from-env');
    // One criterion replaced by name; the shipped others stay.
    expect(c.rules['order-workspace']?.criteria).toMatchObject({ 'high value': '$number(total_price) >= 2000', B2B: '$exists(company) and company != null' });
  });

  it('lists every problem at once', () => {
    const p = file(
      'shops:\n  - domain: not a domain\n    apiSecret: ${UNSET_SECRET}\nserver:\n  port: 70000\nrules:\n  order-workspace:\n    attributes:\n      Total: "$money(total_price"\ndatabase:\n  url: mysql://x\n',
    );
    const list = problems(() => loadConfig({ path: p, env: {}, xecm: true }));
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringContaining('UNSET_SECRET is not set'),
        expect.stringContaining('shops[0].domain'),
        expect.stringContaining('server.port'),
        expect.stringMatching(/^rules\.order-workspace\.attributes\.Total: invalid JSONata expression "\$money\(total_price"/),
      ]),
    );
    expect(list.length).toBeGreaterThanOrEqual(5);
  });

  it('layers the compliance checklist over the shipped classes by name, and lists every problem in it', () => {
    const p = file(
      'compliance:\n  recheckIntervalMs: 0\n  classes:\n    battery:\n      documents:\n        - { name: UN 38.3 Test Summary, folder: Certifications, match: "38\\\\.3" }\n    CE: null\n',
    );
    const c = loadConfig({ path: p, env: {} });
    expect(c.compliance.recheckIntervalMs).toBe(0);
    expect(Object.keys(c.compliance.classes).sort()).toEqual(['CE', 'battery', 'every', 'hazmat']);
    expect(c.compliance.classes.CE).toBeNull();
    expect(c.compliance.classes.hazmat?.documents.map((d) => d.name)).toEqual(['Safety Data Sheet', 'UN Transport Declaration']);
    expect(c.compliance.documentCategory).toEqual({ name: 'Shopify Compliance Document', documentType: 'Document Type', validUntil: 'Valid Until' });
    const bad = file(
      'compliance:\n  recheckIntervalMs: soon\n  classes:\n    hazmat:\n      documents:\n        - { name: SDS }\n        - { name: UN, match: "(" }\n',
    );
    expect(problems(() => loadConfig({ path: bad, env: {} }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^compliance\.recheckIntervalMs: /),
        'compliance.classes.hazmat.documents[0]: say where the document counts as present: folder, match or documentType',
        expect.stringMatching(/^compliance\.classes\.hazmat\.documents\[1\]\.match: invalid regular expression "\("/),
      ]),
    );
  });

  it('names missing requirements of a command', () => {
    const list = problems(() => loadConfig({ env: {}, cwd: '/nonexistent', shops: true, xecm: true }));
    expect(list).toEqual([expect.stringMatching(/^shops: no shop configured/), expect.stringMatching(/^xecm: not configured/)]);
  });

  it('reports YAML syntax errors with the line', () => {
    const p = file('shops:\n  - domain: [unclosed\n');
    expect(problems(() => loadConfig({ path: p, env: {} }))[0]).toMatch(/not valid YAML \(line \d+\)/);
  });

  it('keeps finished records 30 days by default and takes an export folder from the file', () => {
    expect(loadConfig({ env: {}, cwd: '/nonexistent' }).privacy).toEqual({ retentionDays: 30 });
    expect(loadConfig({ path: file('privacy: { retentionDays: 7, exportDir: /srv/exports }\n'), env: {} }).privacy).toEqual({
      retentionDays: 7,
      exportDir: '/srv/exports',
    });
    expect(problems(() => loadConfig({ path: file('privacy: { retentionDays: 0 }\n'), env: {} })).join('\n')).toContain('privacy.retentionDays');
  });

  it('accepts webhook bodies up to 2 MiB by default', () => {
    expect(loadConfig({ env: {}, cwd: '/nonexistent' }).server.bodyLimitBytes).toBe(2_097_152);
  });

  it('normalises shop domains to lower case, from the file and from the environment', () => {
    const p = file('shops:\n  - domain: Acme-Industrial.myshopify.com\n    apiSecret: s\n  - domain: OTHER.myshopify.com\n    apiSecret: t\n');
    const c = loadConfig({ path: p, env: { SHOPIFY_SHOP_DOMAIN: 'ACME-industrial.MyShopify.com', SHOPIFY_ACCESS_TOKEN: 'shpat_x' } });
    // The environment's shop is the file's first shop (same domain in another case), not a third one.
    expect(c.shops.map((s) => s.domain)).toEqual(['acme-industrial.myshopify.com', 'other.myshopify.com']);
    expect(c.shops[0]).toMatchObject({ apiSecret: 's', accessToken: 'shpat_x' });
  });

  it('reports a shop listed twice in different case', () => {
    const p = file('shops:\n  - domain: acme.myshopify.com\n    apiSecret: s\n  - domain: ACME.myshopify.com\n    apiSecret: t\n');
    expect(problems(() => loadConfig({ path: p, env: {} }))).toEqual(['shops: acme.myshopify.com is listed twice']);
  });

  it('reports a missing explicit file', () => {
    expect(problems(() => loadConfig({ path: '/nonexistent/shopify-xecm.yaml', env: {} }))).toEqual([
      'config file /nonexistent/shopify-xecm.yaml does not exist',
    ]);
  });
});

describe('default retry horizon', () => {
  it('keeps retrying a transient failure for hours, not minutes (an xECM maintenance window must not dead-letter work)', () => {
    const { queue } = loadConfig({ env: {} });
    // The shortest the retries can last: every jitter at its minimum.
    let shortestMs = 0;
    for (let attempt = 1; attempt < queue.maxAttempts; attempt++) shortestMs += backoffDelay(attempt, queue.backoffBaseMs, queue.backoffMaxMs, () => 0);
    expect(shortestMs).toBeGreaterThan(3 * 3_600_000);
  });
});
