import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/config.js';

describe('shopify-xecm CLI', () => {
  it('exits non-zero on an invalid configuration, listing every problem', async () => {
    const t = tempDir();
    const p = join(t.dir, 'bad.yaml');
    writeFileSync(p, 'shops:\n  - domain: nope\n    apiSecret: ${NOT_SET_ANYWHERE}\nserver:\n  port: -1\nxecm:\n  url: not-a-url\n  username: Admin\n');
    const r = await runCli(['serve', '--config', p], {});
    t.cleanup();
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('Invalid configuration');
    for (const fragment of ['NOT_SET_ANYWHERE is not set', 'shops[0].domain', 'server.port', 'xecm.url', 'xecm.password']) expect(r.stderr).toContain(fragment);
  });

  it('demo --once --json plays orders end to end and exits 0 with the summary', async () => {
    const t = tempDir();
    const r = await runCli(['demo', '--once', '--json'], { DEMO_DATABASE: join(t.dir, 'demo.db') }, t.dir);
    t.cleanup();
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ deliveries: 9, duplicates: 1, created: 4, updated: 1, skipped: 3, failed: 0, deadLetters: 0, drained: true, workspaces: { order: 3, case: 0, account: 1, exception: 0, product: 0 } });
  }, 120_000);

  it('rejects an unknown command with usage', async () => {
    const r = await runCli(['frobnicate'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});
