import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/config.js';
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

const SPACED = '  s3cret with spaces\t ';
const LOOKS_LIKE_VAR = ' ${NOT_A_VAR} $& $1 ';

describe('secrets in the configuration are kept byte for byte', () => {
  it('from the environment: API secret, access token, xECM password, API token and metrics token keep their spaces', () => {
    const c = loadConfig({
      env: {
        SHOPIFY_SHOP_DOMAIN: '  Acme.myshopify.com ',
        SHOPIFY_API_SECRET: SPACED,
        SHOPIFY_ACCESS_TOKEN: ' shpat_x ',
        XECM_URL: 'http://127.0.0.1:1/otcs/cs.exe',
        XECM_USERNAME: 'Admin',
        XECM_PASSWORD: ' pass word ',
        API_TOKEN: 'tok ',
        METRICS_TOKEN: ' scrape',
      },
      cwd: '/nonexistent',
    });
    expect(c.shops[0]).toMatchObject({ domain: 'acme.myshopify.com', apiSecret: SPACED, accessToken: ' shpat_x ' });
    expect(c.xecm?.password).toBe(' pass word ');
    expect(c.server.apiToken).toBe('tok ');
    expect(c.server.metricsToken).toBe(' scrape');
  });

  it('from the file: quoted values with spaces, and ${…}-looking text that came from a variable', () => {
    const p = file(
      [
        'shops:',
        '  - domain: acme.myshopify.com',
        '    apiSecret: "  quoted secret  "',
        '    accessToken: ${TOKEN}',
        'xecm:',
        '  url: http://127.0.0.1:1/otcs/cs.exe',
        '  username: Admin',
        '  password: "${PW}"',
        'server:',
        '  apiToken: " ${API} "',
        '',
      ].join('\n'),
    );
    const c = loadConfig({ path: p, env: { TOKEN: ' tok\t', PW: LOOKS_LIKE_VAR, API: 'x ${Y}' } });
    expect(c.shops[0]?.apiSecret).toBe('  quoted secret  ');
    expect(c.shops[0]?.accessToken).toBe(' tok\t');
    expect(c.xecm?.password).toBe(LOOKS_LIKE_VAR);
    expect(c.server.apiToken).toBe(' x ${Y} ');
  });

  it('a secret of nothing but whitespace is still a problem', () => {
    let problems: string[] = [];
    try {
      loadConfig({ env: {}, cwd: '/nonexistent', overrides: { shops: [{ domain: 'acme.myshopify.com', apiSecret: '   ' }] } });
    } catch (err) {
      if (err instanceof ConfigError) problems = err.problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^shops\[0\]\.apiSecret: /)]);
  });

  it('has a sign-in cool-down for xECM, five minutes by default', () => {
    const c = loadConfig({ env: { XECM_URL: 'http://127.0.0.1:1/otcs/cs.exe', XECM_USERNAME: 'a', XECM_PASSWORD: 'b' }, cwd: '/nonexistent' });
    expect(c.xecm?.authRetryAfterMs).toBe(300_000);
  });
});
