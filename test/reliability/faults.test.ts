import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifyEmulator } from '../../emulators/shopify/index.js';
import { ERRORS } from '../../src/errors.js';
import type { ErrorCode } from '../../src/errors.js';
import { registerSubscriptions } from '../../src/ops/webhooks.js';
import { playOrderScript } from '../helpers/merchant-script.js';
import { EMU_SHOP, EMU_TOKEN, startConnectorFor } from '../helpers/shop-stack.js';
import type { ConnectorForShop } from '../helpers/shop-stack.js';

type ShopEmu = Awaited<ReturnType<typeof startShopifyEmulator>>;

type Connector = ConnectorForShop;
const connector = startConnectorFor;

interface XecmState {
  workspaces: Array<{
    name: string;
    businessObject: { boType: string; boId: string } | null;
    categories: Array<{ byName: Record<string, unknown> }>;
    documents: Array<{ folder: string; documents: Array<{ name: string; versions: Array<{ sha256: string }> }> }>;
    relations: Array<{ relType: string; name: string | null }>;
  }>;
  faults: { injected: Record<string, number> };
}

const xecmState = async (c: Connector): Promise<XecmState> => (await (await fetch(`${new URL(c.xecm.url).origin}/emulator/state`)).json()) as XecmState;

/**
 * What a connector has made of the shop: its workspaces in xECM (name, attributes, the documents in
 * each folder, the related workspaces) and the versions it applied.
 */
async function stateOf(c: Connector, orderIds: () => string[]): Promise<{ workspaces: Record<string, unknown>; versions: Record<string, number> }> {
  const s = await xecmState(c);
  const workspaces: Record<string, unknown> = {};
  for (const w of s.workspaces) {
    // When a product's checklist was last checked is the time of the run, not part of its state.
    const attributes: Record<string, unknown> | undefined = w.categories[0]?.byName ? { ...w.categories[0].byName } : undefined;
    if (attributes && 'Last Checked' in attributes) attributes['Last Checked'] = '(time of the check)';
    // A document's versions depend on which changes arrived (a dropped one files no version of
    // its own); its name and folder do not.
    const documents = w.documents.flatMap((f) => f.documents.map((d) => `${f.folder}/${d.name}`)).sort();
    const relations = w.relations.map((r) => `${r.relType}:${r.name ?? '?'}`).sort();
    workspaces[`${w.businessObject?.boType}:${w.businessObject?.boId}`] = { name: w.name, attributes, documents, relations };
  }
  const versions: Record<string, number> = {};
  for (const id of orderIds()) {
    const v = await c.deps.store.appliedVersion(EMU_SHOP, 'order', id, 'rule:order-workspace');
    if (v !== undefined) versions[id] = v;
  }
  return { workspaces, versions };
}

/**
 * Duplicates in xECM: a second workspace for one business object, a second document of one name in
 * one folder, or a version that repeats the one before it (the same bytes filed again).
 */
function duplicatesIn(s: XecmState): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of s.workspaces) {
    const bo = `${w.businessObject?.boType}:${w.businessObject?.boId}`;
    if (seen.has(bo)) out.push(`workspace ${bo} (${w.name}) twice`);
    seen.add(bo);
    for (const f of w.documents) {
      const names = new Set<string>();
      for (const d of f.documents) {
        if (names.has(d.name)) out.push(`document ${w.name}${f.folder}/${d.name} twice`);
        names.add(d.name);
        d.versions.forEach((v, i) => {
          if (i > 0 && v.sha256 === d.versions[i - 1]?.sha256) out.push(`version ${i + 1} of ${w.name}${f.folder}/${d.name} repeats version ${i}`);
        });
      }
    }
  }
  return out;
}

/**
 * 5,000 merchant actions in the reliability run (`npm run test:reliability`); `npm test` plays a
 * bounded slice of the same script.
 */
const ACTIONS = Number(process.env.RELIABILITY_ACTIONS ?? 100);
/** How long the run may wait for the queues to drain (scaled with its size). */
const DRAIN_MS = Math.max(180_000, ACTIONS * 600);
const TEST_TIMEOUT_MS = Math.max(600_000, ACTIONS * 2_000);
/**
 * Content Server tickets expire every 30 s in the issue; a bounded run lasts about a minute, so they
 * expire ten times as often here (3 s): several expiries land in every run, mid-work.
 */
const TICKET_EXPIRY_MS = 3_000;
/** The lossy connector's xECM: 10% 5xx, 2% timeouts after the write took effect, slow answers, ticket expiry. */
const XECM_FAULTS = `5xx=0.1,timeout=0.02,latency=2..40,ticket-expiry=${TICKET_EXPIRY_MS}`;
/** Its client gives up on an answer after this long; a timeout fault holds the answer longer. */
const XECM_TIMEOUT_MS = 1_500;
const TIMEOUT_HOLD_MS = 2_000;

interface ShopifyFaultCounts {
  webhooks: { byUri: Record<string, { deliveries: number; dropped: number; duplicated: number; reordered: number; retries: number; failed: number }> };
  throttled: number;
}

/**
 * Issues 4 and 14: every fault at once. The Shopify emulator drops 20% of the deliveries to one
 * connector, duplicates 10% and reorders them; that connector's Content Server answers 10% of its
 * calls with a 5xx, loses 2% of its answers after the write took effect, answers slowly with jitter
 * and expires its tickets; and the shop's cost bucket is emptied when `sync` starts, so that sync is
 * THROTTLED and waits. After the merchant's actions (150 here, 5,000 in the reliability run), `sync`
 * and a drain, that connector is in the same state as a second connector that got every delivery,
 * once, in order, from a Content Server without faults: nothing duplicated, nothing lost, no dead
 * letter but for a permanent error, each with a reason a person understands.
 */
describe('every fault at once, then sync', { timeout: TEST_TIMEOUT_MS }, () => {
  let shopify: ShopEmu;
  let perfect: Connector;
  let lossy: Connector;

  beforeAll(async () => {
    shopify = await startShopifyEmulator({
      host: '127.0.0.1',
      port: 0,
      seed: 11,
      orders: 0,
      restoreRate: 1000,
      bucketSize: 20_000,
      retrySchedule: [50, 100, 200],
    });
    perfect = await connector(shopify);
    lossy = await startConnectorFor(shopify, {
      xecmEmulator: { faults: XECM_FAULTS, timeoutHoldMs: TIMEOUT_HOLD_MS, seed: 14 },
      xecmTimeoutMs: XECM_TIMEOUT_MS,
    });
    for (const c of [perfect, lossy]) {
      const r = await registerSubscriptions(c.deps.admin(EMU_SHOP), `${c.url}/webhooks/shopify`);
      expect(r.failed).toEqual([]);
    }
    const res = await fetch(`${shopify.url}/emulator/webhook-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uri: `${lossy.url}/webhooks/shopify`, spec: 'drop=0.2,duplicate=0.1,reorder=1' }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    for (const c of [perfect, lossy]) {
      await c.running.stop();
      await c.deps.close();
      await c.xecm.close();
      c.cleanup();
    }
    await shopify.close();
  });

  it('ends in the state of perfect delivery', async () => {
    const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': EMU_TOKEN },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const locations = await gql<{ companies: { nodes: Array<{ name: string; locations: { nodes: Array<{ id: string }> } }> } }>(
      '{ companies(first: 10) { nodes { name locations(first: 1) { nodes { id } } } } }',
      {},
    );
    const locationIds = locations.companies.nodes.flatMap((c) => c.locations.nodes.map((l) => l.id));
    expect(locationIds.length).toBeGreaterThan(0);

    const { creates } = await playOrderScript(gql, { actions: ACTIONS, seed: 2026, locationIds });
    expect(creates).toBeGreaterThan(ACTIONS * 0.3);

    await shopify.flushWebhooks();
    for (const c of [perfect, lossy]) expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: DRAIN_MS })).toBe(true);
    // The faults really hit the lossy connector, and only it (counted by the emulator, beyond its bounded log).
    const shopFaults = (await (await fetch(`${shopify.url}/emulator/faults`)).json()) as ShopifyFaultCounts;
    const toLossy = shopFaults.webhooks.byUri[`${lossy.url}/webhooks/shopify`];
    const toPerfect = shopFaults.webhooks.byUri[`${perfect.url}/webhooks/shopify`];
    if (!toLossy || !toPerfect) throw new Error('no deliveries counted');
    expect(toLossy.deliveries).toBe(toPerfect.deliveries);
    // Within three standard deviations of the rates asked for (the draws are seeded).
    const within = (count: number, p: number, n: number): boolean => Math.abs(count / n - p) < 3 * Math.sqrt((p * (1 - p)) / n);
    expect(within(toLossy.dropped, 0.2, toLossy.deliveries)).toBe(true);
    expect(within(toLossy.duplicated, 0.1, toLossy.deliveries - toLossy.dropped)).toBe(true);
    expect(toLossy.reordered).toBeGreaterThan(0);
    expect(toPerfect).toMatchObject({ dropped: 0, duplicated: 0, reordered: 0, failed: 0 });

    // Before sync the lossy connector is behind (deliveries were dropped).
    const deadPerfect = await perfect.deps.queue.deadLetters();
    expect(deadPerfect.map((j) => j.reason)).toEqual([]);
    const orderIds = () => shopify.shop.state.data.orders.map((o) => String(o.id));
    const before = await stateOf(lossy, orderIds);
    const want = await stateOf(perfect, orderIds);
    expect(Object.keys(want.workspaces).length).toBeGreaterThan(ACTIONS / 20);
    expect(before).not.toEqual(want);

    // Both runs end with a sync (the perfect one learns nothing new about orders from it, but both
    // learn the shop's existing companies), together, from an empty cost bucket: THROTTLED, waited
    // out. Then the lossy connector must equal the perfect one.
    const throttledBefore = shopFaults.throttled;
    await fetch(`${shopify.url}/emulator/throttle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currentlyAvailable: 0 }),
    });
    const reports = await Promise.all([perfect, lossy].map((c) => c.running.syncNow()));
    // syncNow logs a failed sync and returns without its report: a sync that gave up is a failure here.
    reports.forEach((r, i) =>
      expect(
        r.map((x) => x.resource),
        `${i === 0 ? 'reference' : 'lossy'} connector's sync gave up`,
      ).toContain('orders'),
    );
    for (const c of [perfect, lossy]) expect(await c.running.worker?.drained({ includeDelayed: true, timeoutMs: DRAIN_MS })).toBe(true);
    const throttled = ((await (await fetch(`${shopify.url}/emulator/faults`)).json()) as ShopifyFaultCounts).throttled - throttledBefore;
    expect(throttled).toBeGreaterThan(0);
    expect(lossy.deps.admin(EMU_SHOP).throttledCount).toBeGreaterThan(0);

    // Dead letters only for permanent errors, each with its code and a message that names the thing.
    const dead = await lossy.deps.queue.deadLetters();
    if (dead.length > 0)
      console.log(`[reliability: faults] dead letters:\n${dead.map((d) => `  ${d.task} ${d.queueName} (attempts ${d.attempts}): ${d.reason}`).join('\n')}`);
    for (const d of dead) {
      const m = /^([A-Z_]+): (.{10,})$/s.exec(d.reason ?? '');
      expect(m, `dead letter reason: ${d.reason}`).not.toBeNull();
      const code = (m?.[1] ?? '') as ErrorCode;
      expect(ERRORS[code]?.retryable, `dead letter ${d.reason} is a retryable error`).toBe(false);
    }

    const after = await stateOf(lossy, orderIds);
    const perfectAfter = await stateOf(perfect, orderIds);
    expect(perfectAfter.versions).toEqual(want.versions);
    expect(after.versions).toEqual(perfectAfter.versions);
    expect(after.workspaces).toEqual(perfectAfter.workspaces);

    // No duplicates in Content Server; no loss (a workspace, document or relation the reference has
    // and the lossy connector lacks, or an order behind).
    const lossyXecm = await xecmState(lossy);
    const duplicates = duplicatesIn(lossyXecm);
    expect(duplicates).toEqual([]);
    const losses: string[] = [];
    for (const [bo, w] of Object.entries(perfectAfter.workspaces)) {
      const mine = after.workspaces[bo] as { documents: string[]; relations: string[] } | undefined;
      const theirs = w as { documents: string[]; relations: string[] };
      if (!mine) losses.push(`workspace ${bo}`);
      else for (const x of [...theirs.documents, ...theirs.relations]) if (![...mine.documents, ...mine.relations].includes(x)) losses.push(`${bo}: ${x}`);
    }
    for (const [id, v] of Object.entries(perfectAfter.versions))
      if ((after.versions[id] ?? -1) < v) losses.push(`order ${id} at version ${after.versions[id] ?? 'none'} of ${v}`);
    expect(losses).toEqual([]);

    const injected = lossyXecm.faults.injected;
    const n = (k: string): number => injected[k] ?? 0;
    const figures = [
      `actions ${ACTIONS}`,
      `faults injected: xECM 5xx ${n('status500') + n('status502') + n('status503')}, timeouts after the write ${n('timeout')}, ` +
        `slow answers ${n('slow')} (mean ${Math.round(n('slowMs') / Math.max(1, n('slow')))} ms), ticket expiries ${n('ticketExpiry')} (every ${TICKET_EXPIRY_MS / 1000} s)`,
      `Shopify deliveries ${toLossy.deliveries}: dropped ${toLossy.dropped}, duplicated ${toLossy.duplicated}, reordered ${toLossy.reordered}; THROTTLED at sync ${throttled}`,
      `dead letters ${dead.length}`,
      `duplicates found: ${duplicates.length}`,
      `losses: ${losses.length}`,
    ];
    console.log(`[reliability: faults] ${figures.join('; ')}`);
  });
});
