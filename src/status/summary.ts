import type { Deps } from '../deps.js';

export interface Summary {
  deliveries: number;
  duplicates: number;
  ignoredTopics: number;
  workspaces: { order: number; case: number; account: number; exception: number; product: number };
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  deadLetters: number;
  pending: number;
  archived: number;
}

/** What the connector has done so far, from its own store (deliveries, job outcomes, mappings). */
export async function collectSummary(deps: Pick<Deps, 'store' | 'queue'>): Promise<Summary> {
  const counts = await deps.store.countDeliveries();
  const stats = await deps.queue.stats();
  const outcomes = await deps.store.db
    .selectFrom('jobs')
    .select((eb) => [eb.fn<string>('json_extract', ['result', eb.val('$.outcome')]).as('outcome'), eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'done')
    .groupBy('outcome')
    .execute();
  const by = (o: string) => Number(outcomes.find((r) => r.outcome === o)?.n ?? 0);
  const ws = await deps.store.db.selectFrom('workspaces').select(['bo_type', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bo_type').execute();
  const count = (t: string) => Number(ws.find((r) => r.bo_type === t)?.n ?? 0);
  return {
    deliveries: counts.total + counts.duplicates,
    duplicates: counts.duplicates,
    ignoredTopics: counts.ignored,
    workspaces: { order: count('shopify_order'), case: count('shopify_case'), account: count('shopify_account'), exception: count('shopify_order_exception'), product: count('shopify_product') },
    created: by('created'),
    updated: by('updated'),
    skipped: by('skipped'),
    failed: stats.dead,
    deadLetters: stats.dead,
    pending: stats.queued + stats.running,
    archived: 0,
  };
}
