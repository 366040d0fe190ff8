import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import { IntegrationError } from '../errors.js';
import type { TaskHandler } from '../queue/queue.js';
import type { CustomerRef, Store, StoredDelivery } from '../store/store.js';
import { parsePayload } from './payload.js';
import { defineTask } from './tasks.js';

/** Ids as Shopify writes them in compliance payloads (integers; beyond 2^53 they arrive as their exact text, see payload.ts), or as text. */
const id = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d+$/)]).transform(String);

/** customers/redact and customers/data_request (shopify-api.md §1.7); other keys are ignored. */
const customerRequest = z.object({
  customer: z.object({ id, email: z.string().nullish() }),
  orders_to_redact: z.array(id).nullish(),
  orders_requested: z.array(id).nullish(),
  data_request: z.object({ id: id.nullish() }).nullish(),
});

export type PrivacyOutcome =
  | { outcome: 'redacted'; rows: number; conflicts: number }
  | { outcome: 'exported'; path: string; records: number }
  | { outcome: 'erased'; rows: number; exportsRemoved: number }
  | { outcome: 'skipped'; reason: string };

export interface PrivacyDeps {
  config: Readonly<Config>;
  store: Store;
  /** Where data request exports are written (config `privacy.exportDir`, or beside the database). */
  exportDir: string;
}

function customerRef(d: StoredDelivery): { ref: CustomerRef; dataRequestId: string | undefined } {
  let body: unknown;
  try {
    body = parsePayload(d.body);
  } catch {
    throw new IntegrationError('PAYLOAD_INVALID', `privacy: delivery ${d.id} (${d.topic}) is not JSON`);
  }
  const parsed = customerRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The message names the field only: the body holds personal data.
    throw new IntegrationError('PAYLOAD_INVALID', `privacy: delivery ${d.id} (${d.topic}): ${issue ? issue.path.join('.') || '(root)' : 'invalid'}`);
  }
  const p = parsed.data;
  const email = p.customer.email?.trim();
  return {
    ref: { customerId: p.customer.id, email: email ? email : null, orderIds: [...new Set([...(p.orders_to_redact ?? []), ...(p.orders_requested ?? [])])] },
    dataRequestId: p.data_request?.id ?? undefined,
  };
}

/** The file name of a shop's export: it names the request, not the customer. */
const exportPrefix = (shop: string): string => `${shop}-data-request-`;

/**
 * The `privacy` task: carries out one stored compliance request on the connector's own data.
 * - customers/redact: every order workspace of the listed orders the store maps is kept in xECM (the
 *   connector files orders as records under retention and deletes nothing there): a privacy conflict
 *   is recorded for each, and `status` shows it; then the store redacts the customer, this delivery's
 *   own body included (it holds the email), keeping a marker.
 * - customers/data_request: what the store holds on the customer, as a JSON file in the export folder;
 *   the log line names the file, never the customer's data.
 * - shop/redact: every row of the shop goes, and the shop's export files.
 * Each step can run twice (a crash between them): conflicts are recorded once per workspace, a
 * redacted delivery is not read again, and an erased shop leaves no delivery to read.
 */
export function privacyTask(deps: PrivacyDeps): TaskHandler {
  return defineTask('privacy', async (payload, _job, ctx): Promise<PrivacyOutcome> => {
    const d = await deps.store.getDelivery(payload.deliveryId);
    if (!d) return { outcome: 'skipped', reason: 'the delivery is no longer stored (shop erased or purged)' };
    if (d.redactedAt !== null) return { outcome: 'skipped', reason: 'already carried out: the delivery is redacted' };
    const log = ctx.log.child({ shop: d.shop, topic: d.topic, deliveryId: d.id });

    if (payload.topic === 'shop/redact') {
      const { rows } = await deps.store.redactShop(d.shop);
      const exportsRemoved = await removeExports(deps.exportDir, d.shop);
      log.info({ rows, exportsRemoved }, 'shop data erased');
      return { outcome: 'erased', rows, exportsRemoved };
    }

    const { ref, dataRequestId } = customerRef(d);
    if (payload.topic === 'customers/data_request') {
      const data = await deps.store.exportCustomer(d.shop, ref);
      const records = data.deliveries.length + data.events.length + data.workspaces.length + data.audit.length + data.outcomes.length;
      const file = `${exportPrefix(d.shop)}${dataRequestId ?? `delivery-${d.id}`}.json`;
      const path = join(deps.exportDir, file);
      const doc = {
        request: { topic: d.topic, deliveryId: d.id, dataRequestId: dataRequestId ?? null, receivedAt: d.receivedAt },
        generatedAt: Date.now(),
        ...data,
      };
      await mkdir(deps.exportDir, { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, path);
      log.info({ path, records }, 'customer data export written');
      return { outcome: 'exported', path, records };
    }

    // customers/redact
    const classificationId = deps.config.model.classificationId;
    const reason =
      classificationId !== undefined
        ? `retention: order workspaces are filed as records (classification ${classificationId}); the connector deletes nothing in xECM`
        : 'kept in xECM: the connector deletes nothing in xECM; review the workspace there';
    let conflicts = 0;
    const boType = deps.config.model.order.boType;
    for (const orderId of ref.orderIds) {
      const ws = await deps.store.getWorkspace(d.shop, boType, orderId);
      if (!ws) continue;
      await deps.store.recordPrivacyConflict({ shop: d.shop, customerId: ref.customerId, boType, boId: orderId, nodeId: ws.nodeId, reason });
      conflicts++;
    }
    const { rows } = await deps.store.redactCustomer(d.shop, ref);
    log.info({ rows, conflicts }, conflicts > 0 ? 'customer data redacted; xECM workspaces kept under retention (see status)' : 'customer data redacted');
    return { outcome: 'redacted', rows, conflicts };
  });
}

/** Removes the shop's data request exports (shop/redact). */
async function removeExports(dir: string, shop: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const mine = names.filter((n) => n.startsWith(exportPrefix(shop)) && n.endsWith('.json'));
  for (const n of mine) await rm(join(dir, n), { force: true });
  return mine.length;
}
