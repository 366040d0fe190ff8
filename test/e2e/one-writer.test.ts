import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator } from '../../emulators/xecm/index.js';
import { silentLogger } from '../../src/log.js';
import { XecmClient } from '../../src/xecm/client.js';
import { Workspaces } from '../../src/xecm/workspaces.js';
import { EMU_SHOP, startShopStack } from '../helpers/shop-stack.js';
import type { ShopStack } from '../helpers/shop-stack.js';
import { PlainOtcs } from '../helpers/otcs.js';

/** Issue 9 "one writer per workspace": work is serialised per target workspace; a lost create race continues as an update. */
describe('one writer per workspace', () => {
  it('a create race lost to another writer continues as an update, so no attribute is lost', async () => {
    const emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const client = new XecmClient({
        config: { url: emu.url, username: 'Admin', password: 'livelink', timeoutMs: 10_000, maxConcurrency: 8, retries: 2, retryBaseMs: 10 },
        log: silentLogger,
      });
      const ws = new Workspaces(client);
      const model = await ws.model('Shopify Customer Account', 'Shopify Customer Account');
      const bo = { extSystemId: 'shopify', boType: 'shopify_account', boId: '777001' };
      // Two writers (say, two connector processes) find no workspace and both create it.
      const [a, b] = await Promise.all([
        ws.ensure(model, { name: 'Race Co', bo, attributes: { 'Account Name': 'Race Co', 'External ID': 'ERP-1' } }),
        ws.ensure(model, { name: 'Race Co', bo, attributes: { 'Account Name': 'Race Co', 'Tax Registration': 'DE123' } }),
      ]);
      expect(a.nodeId).toBe(b.nodeId);
      expect([a.outcome, b.outcome].sort()).toEqual(['created', 'updated']);
      const otcs = new PlainOtcs(emu.url);
      const [found] = await otcs.workspacesFor('shopify_account', '777001');
      expect(await otcs.workspacesFor('shopify_account', '777001')).toHaveLength(1);
      expect(await otcs.categoryValuesByName(found?.id ?? 0)).toMatchObject({ 'Account Name': 'Race Co', 'External ID': 'ERP-1', 'Tax Registration': 'DE123' });
      await client.logout();
    } finally {
      await emu.close();
    }
  });

  describe('a B2B company created in one burst (three locations, two contacts)', () => {
    let stack: ShopStack;
    beforeAll(async () => {
      stack = await startShopStack({ shopify: { seed: 9, orders: 0 } });
    });
    afterAll(async () => stack.stop());

    it('ends with one account workspace holding all three locations and the main contact, in 20 runs out of 20', async () => {
      const RUNS = 20;
      const burst = async (run: number): Promise<string> => {
        const name = `Burst ${run} Industrial Supply`;
        const created = await stack.graphql<{ companyCreate: { company: { id: string } } }>(
          `mutation($input: CompanyCreateInput!) { companyCreate(input: $input) { company { id } userErrors { message } } }`,
          {
            input: {
              company: { name, externalId: `BURST-${run}` },
              companyLocation: { name: `${name} HQ` },
              companyContact: { email: `buyer-${run}@burst.example`, firstName: 'Bea', lastName: `Buyer${run}`, title: 'Head of purchasing' },
            },
          },
        );
        const companyId = created.companyCreate.company.id;
        // The rest of the burst is sent without waiting: Shopify delivers it all together.
        await Promise.all([
          ...['North', 'South'].map((where) =>
            stack.graphql(
              `mutation($id: ID!, $input: CompanyLocationInput!) { companyLocationCreate(companyId: $id, input: $input) { companyLocation { id } userErrors { message } } }`,
              {
                id: companyId,
                input: { name: `${name} ${where}` },
              },
            ),
          ),
          stack.graphql(
            `mutation($id: ID!, $input: CompanyContactInput!) { companyContactCreate(companyId: $id, input: $input) { companyContact { id } userErrors { message } } }`,
            {
              id: companyId,
              input: { email: `clerk-${run}@burst.example`, firstName: 'Cal', lastName: `Clerk${run}`, title: 'Clerk' },
            },
          ),
        ]);
        return companyId.split('/').pop() ?? '';
      };
      const ids = await Promise.all(Array.from({ length: RUNS }, (_, run) => burst(run)));
      await stack.drained();
      let whole = 0;
      for (const [run, id] of ids.entries()) {
        const workspaces = await stack.otcs.workspacesFor('shopify_account', id);
        expect(workspaces, `run ${run}`).toHaveLength(1);
        const values = await stack.otcs.categoryValuesByName(workspaces[0]?.id ?? 0);
        const name = `Burst ${run} Industrial Supply`;
        expect([...((values.Locations as string[] | undefined) ?? [])].sort(), `run ${run}`).toEqual([`${name} HQ`, `${name} North`, `${name} South`]);
        expect(values['Main Contact'], `run ${run}`).toMatch(/^\d+ \(Head of purchasing\)$/);
        expect(values['Account Name'], `run ${run}`).toBe(name);
        whole++;
      }
      expect(whole).toBe(RUNS);
      expect((await stack.deps.queue.counts()).dead).toBe(0);
      expect(EMU_SHOP).toBe('acme.myshopify.com');
    }, 240_000);
  });
});
