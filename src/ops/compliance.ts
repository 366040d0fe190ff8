import type { Config } from '../config/schema.js';
import { recheckJobs } from '../jobs/product-checklist.js';
import type { JobId, JobQueue } from '../queue/queue.js';
import type { ChecklistEntry, Store } from '../store/store.js';
import { sleep } from '../util/sleep.js';

/** One regulated product in `compliance report`: its checklist as last evaluated. */
export interface ReportedProduct {
  shop: string;
  productId: string;
  title: string;
  /** The product workspace's node; null when its checklist was never evaluated. */
  nodeId: number | null;
  classes: string[];
  /** ISO time of the last check; null: not checked yet. */
  checkedAt: string | null;
  complete: boolean;
  missing: string[];
  expired: Array<{ name: string; expiredOn: string | null; documents: string[] }>;
  present: string[];
}

export interface ComplianceReport {
  /** No product with a missing or expired document, and none unchecked. */
  ok: boolean;
  products: ReportedProduct[];
  totals: { products: number; complete: number; withMissing: number; withExpired: number; unchecked: number };
}

const names = (items: ChecklistEntry[], status: ChecklistEntry['status']): string[] => items.filter((i) => i.status === status).map((i) => i.name);

/**
 * `compliance report`: every regulated product (every product workspace the connector keeps) with
 * its gaps, from the checklists the `product.checklist` jobs recorded. A product whose checklist has
 * not been evaluated yet is listed as unchecked: it cannot be shown complete.
 */
export async function complianceReport(
  deps: { config: Readonly<Config>; store: Store },
  opts: { shop?: string; productId?: string } = {},
): Promise<ComplianceReport> {
  const products: ReportedProduct[] = [];
  const filter = opts.shop !== undefined ? { shop: opts.shop } : {};
  const allChecked = await deps.store.checklists(filter);
  const allWorkspaces = await deps.store.workspacesOfType(deps.config.model.product.boType, filter);
  // The store's shops, configured or not (the report reads the connector's records only).
  const shops = [...new Set([...allWorkspaces.map((w) => w.shop), ...allChecked.map((c) => c.shop)])].sort();
  for (const shop of shops) {
    const checked = new Map(allChecked.filter((c) => c.shop === shop).map((c) => [c.productId, c]));
    const workspaces = allWorkspaces.filter((w) => w.shop === shop);
    const ids = [...new Set([...workspaces.map((w) => w.boId), ...checked.keys()])].sort((a, b) => a.length - b.length || a.localeCompare(b));
    for (const id of ids) {
      if (opts.productId !== undefined && id !== opts.productId) continue;
      const c = checked.get(id);
      const ws = workspaces.find((w) => w.boId === id);
      if (!c) {
        products.push({
          shop,
          productId: id,
          title: ws?.name ?? id,
          nodeId: ws?.nodeId ?? null,
          classes: [],
          checkedAt: null,
          complete: false,
          missing: [],
          expired: [],
          present: [],
        });
        continue;
      }
      products.push({
        shop,
        productId: id,
        title: c.title,
        nodeId: c.nodeId,
        classes: c.classes,
        checkedAt: new Date(c.checkedAt).toISOString(),
        complete: c.complete,
        missing: names(c.items, 'missing'),
        expired: c.items
          .filter((i) => i.status === 'expired')
          .map((i) => ({ name: i.name, expiredOn: i.expiredOn ?? null, documents: i.documents.map((d) => d.name) })),
        present: names(c.items, 'present'),
      });
    }
  }
  const totals = {
    products: products.length,
    complete: products.filter((p) => p.complete).length,
    withMissing: products.filter((p) => p.missing.length > 0).length,
    withExpired: products.filter((p) => p.expired.length > 0).length,
    unchecked: products.filter((p) => p.checkedAt === null).length,
  };
  return { ok: totals.complete === totals.products, products, totals };
}

/** The report as text, one block per product (gaps first), and a closing line. */
export function formatReport(r: ComplianceReport): string {
  const lines: string[] = [];
  for (const p of r.products) {
    const head = `${p.title} (product ${p.productId}${p.classes.length > 0 ? `; ${p.classes.join(', ')}` : ''}, ${p.shop})`;
    if (p.checkedAt === null) {
      lines.push(`${'UNCHECKED'.padEnd(9)} ${head}: not checked yet (run \`shopify-xecm compliance check --product ${p.productId}\`)`);
      continue;
    }
    lines.push(`${(p.complete ? 'ok' : 'GAPS').padEnd(9)} ${head}, checked ${p.checkedAt}`);
    for (const m of p.missing) lines.push(`  missing  ${m}`);
    for (const e of p.expired) lines.push(`  expired  ${e.name} (expired ${e.expiredOn ?? '?'}: ${e.documents.join(', ')})`);
    for (const ok of p.present) lines.push(`  present  ${ok}`);
  }
  const t = r.totals;
  lines.push(
    t.products === 0
      ? 'No regulated products.'
      : `${t.products} regulated product(s): ${t.complete} complete, ${t.withMissing} with missing documents, ${t.withExpired} with expired documents, ${t.unchecked} not checked yet.`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `compliance check`: a re-check of every product workspace (or one product) now, as jobs on each
 * workspace's queue, which the worker (`serve`) carries out. Returns the jobs' ids.
 */
export async function requestChecks(
  deps: { config: Readonly<Config>; store: Store; queue: JobQueue },
  opts: { shop?: string; productId?: string; now?: number } = {},
): Promise<JobId[]> {
  const jobs = await recheckJobs(deps, {
    because: 'on demand',
    key: `on-demand-${opts.now ?? Date.now()}`,
    ...(opts.shop !== undefined ? { shop: opts.shop } : {}),
    ...(opts.productId !== undefined ? { productId: opts.productId } : {}),
  });
  return jobs.length === 0 ? [] : (await deps.queue.enqueue(jobs)).map((e) => e.id);
}

/** Waits until the jobs' outcomes are recorded (the worker finished them); false after `timeoutMs`. */
export async function awaitChecks(store: Store, jobIds: JobId[], timeoutMs: number, pollMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const done = new Set((await store.outcomes({ jobIds })).map((o) => o.jobId));
    if (jobIds.every((id) => done.has(id))) return true;
    if (Date.now() >= until) return false;
    await sleep(pollMs);
  }
}
