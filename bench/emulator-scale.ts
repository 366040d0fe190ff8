/**
 * Benchmark: the Shopify emulator at shop sizes up to 100,000 orders (issue 11: seeding, paging and
 * bulk operations must grow linearly at most). Each size runs in a child process of its own, so that
 * its RSS is that size's. For each size:
 * - the time to seed the shop and the RSS after seeding;
 * - page medians over 20 consecutive pages of 50 orders (an order's own fields and its customer's id):
 *   sync-like (`updated_at:>…`, sorted by UPDATED_AT) and backfill-like (`created_at:>=…
 *   created_at:<=…`, sorted by CREATED_AT); and of 40 orders with the connector's own SYNC_ORDERS
 *   (its page size: 50 of them exceed the 1,000-point query cost limit);
 * - a bulk operation of all orders with their line items and transactions, polled as a client does
 *   (every 100 ms, each poll also reading a sync page to show the emulator stays responsive): its
 *   duration, its JSONL size (downloaded and counted as a stream), the RSS before it, its peak while
 *   it runs and after it, and the live heap (after a full collection) before and after it.
 *
 *   npm run bench -- emulator-scale [SIZE[,SIZE…]…]        (default 10000,100000)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startShopifyEmulator } from '../emulators/shopify/index.js';
import { SYNC_ORDERS } from '../src/shopify/admin/operations/orders.js';

const TOKEN = 'shpat_emulator_token';
const PAGES = 20;

const pageQuery = (sortKey: string): string => `query Page($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: ${sortKey}) {
    nodes {
      id name createdAt updatedAt cancelledAt currencyCode email poNumber tags displayFinancialStatus displayFulfillmentStatus
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SYNC_LIKE = pageQuery('UPDATED_AT');
const BACKFILL_LIKE = pageQuery('CREATED_AT');

const BULK_QUERY = `{
  orders {
    edges {
      node {
        id name createdAt updatedAt displayFinancialStatus displayFulfillmentStatus
        totalPriceSet { shopMoney { amount currencyCode } }
        customer { id }
        lineItems { edges { node { id title sku quantity originalUnitPriceSet { shopMoney { amount } } } } }
        transactions { id kind status gateway amountSet { shopMoney { amount currencyCode } } }
      }
    }
  }
}`;

type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2;
};
const rssMb = (): number => process.memoryUsage().rss / 1e6;
/** Live heap: after a full collection (the child runs with --expose-gc), what the process still holds. */
const liveHeapMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

/** Reads PAGES consecutive pages of a query; returns the page times (ms). */
async function pages(gql: Gql, document: string, query: string, size: number): Promise<number[]> {
  const times: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    const data: { orders: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(document, {
      first: size,
      after,
      query,
    });
    times.push(performance.now() - t);
    if (data.orders.nodes.length === 0) throw new Error(`no orders match "${query}"`);
    // A small shop runs out of matches: start over.
    after = data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null;
  }
  return times;
}

async function one(orders: number): Promise<Record<string, number>> {
  const started = performance.now();
  const emu = await startShopifyEmulator({ host: '127.0.0.1', port: 0, seed: 5, orders, restoreRate: 1e6, bucketSize: 1e7 });
  const seedMs = performance.now() - started;
  const rssSeeded = rssMb();
  const gql: Gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${emu.url}/admin/api/2026-07/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    const data = emu.shop.state.data.orders;
    const first = data[0];
    const last = data[data.length - 1];
    if (!first || !last) throw new Error('no orders');
    // Sync: what changed since a point a third into the shop's history; backfill: the middle third by creation.
    const span = last.createdAt - first.createdAt;
    const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';
    const syncQuery = `updated_at:>'${iso(first.createdAt + span / 3)}'`;
    const backfillQuery = `created_at:>='${iso(first.createdAt + span / 3)}' created_at:<='${iso(first.createdAt + (2 * span) / 3)}'`;
    // Warm-up: builds the sorted indexes and lets V8 compile the code.
    await pages(gql, SYNC_LIKE, syncQuery, 50);
    await pages(gql, BACKFILL_LIKE, backfillQuery, 50);
    await pages(gql, SYNC_ORDERS.document, syncQuery, 40);
    const sync = await pages(gql, SYNC_LIKE, syncQuery, 50);
    const backfill = await pages(gql, BACKFILL_LIKE, backfillQuery, 50);
    const connector = await pages(gql, SYNC_ORDERS.document, syncQuery, 40);

    const heapBeforeBulk = liveHeapMb();
    const rssBeforeBulk = rssMb();
    let rssPeak = rssBeforeBulk;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 50);
    const bulkStart = performance.now();
    const run: { bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: unknown[] } } = await gql(
      'mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }',
      { q: BULK_QUERY },
    );
    const id = run.bulkOperationRunQuery.bulkOperation?.id;
    if (!id) throw new Error(JSON.stringify(run.bulkOperationRunQuery.userErrors));
    const during: number[] = [];
    let op: { status: string; url: string | null; objectCount: string; rootObjectCount: string; fileSize: string | null };
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const t = performance.now();
      const polled: { bulkOperation: typeof op } = await gql('query($id: ID!) { bulkOperation(id: $id) { status url objectCount rootObjectCount fileSize } }', {
        id,
      });
      op = polled.bulkOperation;
      if (op.status !== 'RUNNING' && op.status !== 'CREATED') break;
      await gql(SYNC_LIKE, { first: 50, query: syncQuery });
      during.push(performance.now() - t);
    }
    const bulkMs = performance.now() - bulkStart;
    clearInterval(sampler);
    const rssAfterBulk = rssMb();
    const heapAfterBulk = liveHeapMb();
    if (op.status !== 'COMPLETED' || !op.url) throw new Error(`bulk operation ${op.status}`);
    // Download as a stream, counting bytes and lines.
    const res = await fetch(op.url);
    let bytes = 0;
    let lines = 0;
    const reader = res.body?.getReader();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      bytes += chunk.value.length;
      for (const b of chunk.value) if (b === 10) lines++;
    }
    if (bytes !== Number(op.fileSize) || lines !== Number(op.objectCount))
      throw new Error(`downloaded ${bytes} bytes, ${lines} lines; expected ${op.fileSize}, ${op.objectCount}`);
    return {
      orders,
      seedSeconds: round(seedMs / 1000, 2),
      rssAfterSeedMb: round(rssSeeded),
      syncPageMsMedian: round(median(sync), 1),
      syncPageMsMax: round(Math.max(...sync), 1),
      backfillPageMsMedian: round(median(backfill), 1),
      backfillPageMsMax: round(Math.max(...backfill), 1),
      connectorSyncPage40MsMedian: round(median(connector), 1),
      bulkSeconds: round(bulkMs / 1000, 2),
      bulkObjects: Number(op.objectCount),
      bulkRootObjects: Number(op.rootObjectCount),
      bulkJsonlMb: round(bytes / 1e6, 1),
      pollAndPageDuringBulkMsMedian: round(median(during), 1),
      rssBeforeBulkMb: round(rssBeforeBulk),
      rssPeakDuringBulkMb: round(rssPeak),
      rssAfterBulkMb: round(rssAfterBulk),
      liveHeapBeforeBulkMb: round(heapBeforeBulk),
      liveHeapAfterBulkMb: round(heapAfterBulk),
    };
  } finally {
    await emu.close();
  }
}

/** Runs one size in a child process (this file, with the same Node flags) and returns its figures. */
function inChild(orders: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), String(orders)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`emulator-scale ${orders}: exit ${code}`));
      else resolve(JSON.parse(out) as Record<string, number>);
    });
  });
}

export async function emulatorScale(args: string[]): Promise<{ sizes: Array<Record<string, number>> }> {
  const sizes = args.flatMap((a) => a.split(',')).filter((a) => a !== '');
  const out: Array<Record<string, number>> = [];
  for (const n of sizes.length > 0 ? sizes.map(Number) : [10_000, 100_000]) out.push(await inChild(n));
  return { sizes: out };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await one(Number(process.argv[2]));
  process.stdout.write(JSON.stringify(figures));
}
