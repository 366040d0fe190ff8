import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { Database } from '../types.js';
import type { AcceptResult, DeliveryCounts, NewDelivery, Store, StoredDelivery, WorkspaceMapping } from '../store.js';
import type { NewJob } from '../../queue/queue.js';
import { insertJobs } from '../../queue/sql-queue.js';
import * as m0001 from './migrations/0001-init.js';

/** Numbered migrations, compiled into the build (no files to copy next to dist/). */
const MIGRATIONS: Record<string, Migration> = { '0001-init': m0001 };

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export interface SqliteStoreOptions {
  /** File path, or ':memory:' */
  path: string;
  /** Default max attempts for jobs enqueued with a delivery. */
  maxAttempts: number;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Kysely<Database>;
  readonly #maxAttempts: number;

  constructor(opts: SqliteStoreOptions) {
    if (opts.path !== ':memory:') mkdirSync(dirname(resolve(opts.path)), { recursive: true });
    const sqlite = new SQLite(opts.path);
    // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable before
    // the webhook is answered with 200 (DESIGN.md §4 "Nothing lost").
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    this.#maxAttempts = opts.maxAttempts;
  }

  async migrate(): Promise<string[]> {
    const { error, results } = await new Migrator({ db: this.db, provider }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async acceptDelivery(d: NewDelivery, jobs: (deliveryId: number) => NewJob[]): Promise<AcceptResult> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('deliveries')
        .values({
          webhook_id: d.webhookId,
          shop: d.shop,
          topic: d.topic,
          api_version: d.apiVersion,
          event_id: d.eventId,
          triggered_at: d.triggeredAt,
          received_at: d.receivedAt,
          body: d.body,
          status: d.handled ? 'queued' : 'ignored',
        })
        .onConflict((oc) => oc.column('webhook_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        const prev = await trx
          .updateTable('deliveries')
          .set((eb) => ({ duplicates: eb('duplicates', '+', 1) }))
          .where('webhook_id', '=', d.webhookId)
          .returning('id')
          .executeTakeFirstOrThrow();
        return { duplicate: true, deliveryId: prev.id, jobIds: [] };
      }
      const added = d.handled ? await insertJobs(trx, jobs(inserted.id), this.#maxAttempts, d.receivedAt) : [];
      return { duplicate: false, deliveryId: inserted.id, jobIds: added.filter((a) => !a.duplicate).map((a) => a.id) };
    });
  }

  async getDelivery(id: number): Promise<StoredDelivery | undefined> {
    const r = await this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      webhookId: r.webhook_id,
      shop: r.shop,
      topic: r.topic,
      apiVersion: r.api_version,
      eventId: r.event_id,
      triggeredAt: r.triggered_at,
      receivedAt: r.received_at,
      body: r.body,
      status: r.status,
      duplicates: r.duplicates,
    };
  }

  async countDeliveries(): Promise<DeliveryCounts> {
    const r = await this.db
      .selectFrom('deliveries')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.coalesce(eb.fn.sum<number>('duplicates'), eb.val(0)).as('duplicates'),
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', '=', 'ignored').then(1).else(0).end()), eb.val(0)).as('ignored'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(r.total), duplicates: Number(r.duplicates), ignored: Number(r.ignored) };
  }

  async getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined> {
    const r = await this.db
      .selectFrom('workspaces')
      .selectAll()
      .where('shop', '=', shop)
      .where('bo_type', '=', boType)
      .where('bo_id', '=', boId)
      .executeTakeFirst();
    return r ? { shop: r.shop, boType: r.bo_type, boId: r.bo_id, nodeId: r.node_id, name: r.name, workspaceType: r.workspace_type } : undefined;
  }

  async putWorkspace(m: WorkspaceMapping): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('workspaces')
      .values({ shop: m.shop, bo_type: m.boType, bo_id: m.boId, node_id: m.nodeId, name: m.name, workspace_type: m.workspaceType, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['shop', 'bo_type', 'bo_id']).doUpdateSet({ node_id: m.nodeId, name: m.name, updated_at: now }))
      .execute();
  }

  async countWorkspaces(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('workspaces').select(['workspace_type', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('workspace_type').execute();
    return Object.fromEntries(rows.map((r) => [r.workspace_type, Number(r.n)]));
  }
}
