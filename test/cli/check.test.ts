import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';

describe('shopify-xecm check', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  const env = (url: string) => ({ XECM_URL: url, XECM_USERNAME: 'Admin', XECM_PASSWORD: 'livelink', DATABASE_URL: 'sqlite::memory:' });

  it('reports the model present against the default emulator', async () => {
    const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    closers.push(() => emu.close());
    const r = await runCli(['check'], env(emu.url));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const t of ['Shopify Order', 'Shopify Case', 'Shopify Customer Account', 'Shopify Order Exception', 'Shopify Product'])
      expect(r.stdout).toMatch(new RegExp(`ok\\s+model\\s+${t}:`));
    expect(r.stdout).toContain('The xECM model is present.');
  });

  it('names a missing workspace type and exits non-zero', async () => {
    const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0, omitWorkspaceTypes: ['Shopify Case'] });
    closers.push(() => emu.close());
    const r = await runCli(['check', '--json'], env(emu.url));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; items: Array<{ name: string; ok: boolean; detail: string }> };
    expect(report.ok).toBe(false);
    expect(report.items.filter((i) => !i.ok)).toEqual([
      { area: 'model', name: 'Shopify Case', ok: false, detail: 'workspace type "Shopify Case" does not exist' },
    ]);
  });

  it('names attributes the category lacks: skipped (a warning, exit 0), or a failure with model.strictAttributes', async () => {
    const emu = await startXecmEmulator({
      host: '127.0.0.1',
      port: 0,
      renameAttributes: { 'Shopify Order': { Customer: 'Customer Name', Total: 'Total Price' } },
    });
    closers.push(() => emu.close());
    const lax = await runCli(['check'], env(emu.url));
    expect(lax.code, lax.stdout + lax.stderr).toBe(0);
    expect(lax.stdout).toMatch(
      /WARN\s+model\s+Shopify Order: .*category "Shopify Order" lacks attribute\(s\): Customer, Total; they will be skipped unless model.strictAttributes is true/,
    );
    expect(lax.stdout).toMatch(/ok\s+model\s+Shopify Case:/);
    expect(lax.stdout).toContain('The xECM model is present; Shopify Order lack(s) attributes the rules write, which will be skipped');

    const tmp = tempDir();
    closers.push(() => Promise.resolve(tmp.cleanup()));
    const file = join(tmp.dir, 'strict.yaml');
    writeFileSync(file, 'model:\n  strictAttributes: true\n');
    const strict = await runCli(['check', '--json', '--config', file], env(emu.url));
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as { items: Array<{ name: string; ok: boolean; detail: string }> };
    expect(report.items.filter((i) => !i.ok)).toEqual([
      expect.objectContaining({
        name: 'Shopify Order',
        detail: expect.stringContaining('lacks attribute(s): Customer, Total (model.strictAttributes') as unknown,
      }),
    ]);
  });

  it('names an unreachable Content Server', async () => {
    // A port that was free a moment ago: nothing listens there.
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const addr = srv.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    await new Promise((r) => srv.close(r));
    const r = await runCli(['check'], env(`http://127.0.0.1:${port}/otcs/cs.exe`));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+xecm\s+Content Server: GET \/v1\/ping failed: .*ECONNREFUSED/);
  });
});
