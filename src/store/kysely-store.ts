import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider, RawBuilder, Selectable } from 'kysely';
import { IntegrationError } from '../errors.js';
import { sleep } from '../util/sleep.js';
import type { Enqueued, FinishedJob, JobId, QueueHousekeeping, TransactionalEnqueue } from '../queue/queue.js';
import type { ResourceType } from '../vocabulary.js';
import { eventKey } from './change.js';
import type { ResourceChange } from './change.js';
import { REDACTED_TEXT, containsAny, personalStrings, refersToCustomer, scrub, scrubJson, searchTerms } from './customer-data.js';
import type { AuditTable, Database, DeliveriesTable, EventsTable, JobOutcomesTable } from './schema.js';
import { GroupCommit } from './group-commit.js';
import type {
  LookupIndexEntry,
  LookupResource,
  AcceptResult,
  ArchivedOrder,
  BackfillRun,
  AuditEntry,
  CustomerExport,
  CustomerRef,
  JobOutcome,
  JobsForDelivery,
  JobsForEvent,
  NewDelivery,
  PendingRelation,
  PrivacyConflict,
  PurgeResult,
  Store,
  StoredDelivery,
  StoredEvent,
  SyncCursor,
  StoreSummary,
  DisputeState,
  WorkspaceMapping,
  ChecklistEntry,
  ProductChecklist,
} from './store.js';

/**
 * What differs between the backends of the one Kysely store: its migrations and the few SQL
 * functions the two databases spell differently. Everything else (kysely-store.ts) is the same code.
 */
export interface StoreDialect {
  readonly kind: Store['kind'];
  /** Numbered migrations, in the database's own dialect, compiled into the build. */
  readonly migrations: Readonly<Record<string, Migration>>;
  /** SQL: the lower-cased text of `column` contains `needle` (already lower case). */
  containsLower(column: string, needle: string): RawBuilder<boolean>;
  /** SQL: a subquery `(select …)` listing the numbers, for `not in`. */
  numberSet(numbers: number[]): RawBuilder<number>;
  /**
   * A transaction that failed in a way that running it again can cure (PostgreSQL: a deadlock or a
   * serialization failure between processes); false on SQLite, whose writers never interleave.
   */
  retryable(error: unknown): boolean;
  /** The connector's own JSON as a column holds it (PostgreSQL's jsonb refuses the character U+0000). */
  json(value: unknown): string;
  /**
   * Runs `run` (which opens and commits a transaction on the database it is given) so that the
   * commit is on disk when it returns, where the database does not commit that way already. Intake
   * goes through it: a delivery is answered 200 only after this. (SQLite: its other commits are
   * synced only at checkpoints; PostgreSQL: every commit is durable, the hook is absent.)
   */
  durably?<T>(db: Kysely<Database>, run: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** The queue engine's side of the store's transactions (the store's own Kysely transaction is passed in). */
export type StoreQueue = TransactionalEnqueue<Kysely<Database>> & QueueHousekeeping<Kysely<Database>>;

/** Kysely's record of the migrations applied (its default table name). */
const MIGRATION_TABLE = 'kysely_migration';
/** Thrown to roll the readiness probe back. */
class ProbeRollback extends Error {}
/** The readiness probe's row: about a delivery's size (16 KiB), so that it needs pages of its own. */
const PROBE_PAD = 'x'.repeat(16 * 1024);

/** Attempts of a transaction that `StoreDialect.retryable` says may be run again. */
const TRANSACTION_ATTEMPTS = 5;

function toOutcome(r: Selectable<JobOutcomesTable>): JobOutcome {
  return {
    jobId: r.job_id,
    jobKey: r.job_key,
    task: r.task,
    queueName: r.queue_name,
    payload: JSON.parse(r.payload) as unknown,
    outcome: r.outcome,
    result: JSON.parse(r.result) as unknown,
    attempt: r.attempt,
    finishedAt: r.finished_at,
  };
}

type DeliveryRow = Pick<Selectable<DeliveriesTable>, 'id' | 'topic' | 'received_at' | 'body'>;
type EventRow = Pick<Selectable<EventsTable>, 'id' | 'topic' | 'resource_type' | 'resource_id' | 'received_at' | 'payload' | 'delivery_id'>;
interface CustomerRows {
  deliveries: DeliveryRow[];
  events: EventRow[];
  needles: string[];
}

function toAuditEntry(r: Selectable<AuditTable>): AuditEntry & { id: number; at: number } {
  return {
    id: r.id,
    at: r.at,
    shop: r.shop,
    eventId: r.event_id,
    jobId: r.job_id,
    rule: r.rule,
    action: r.action,
    target: r.target,
    nodeId: r.node_id,
    result: r.result,
    detail: r.detail,
    durationMs: r.duration_ms,
  };
}

const outcomeOf = (result: unknown): string =>
  result !== null && typeof result === 'object' && 'outcome' in result && typeof result.outcome === 'string' ? result.outcome : 'done';

/**
 * The Store on Kysely, for every backend: SQLite (sqlite/sqlite-store.ts) and PostgreSQL
 * (postgres/postgres-store.ts) differ only by their `StoreDialect` and migrations. Writes are
 * race-safe when several processes share one PostgreSQL database under READ COMMITTED: dedupe and
 * upserts are INSERT … ON CONFLICT, last-writer-wins is a conditional upsert, and a read-then-write
 * either holds the row it read (an upsert first) or updates only if the row is still as read.
 */
/** How a store runs (database.* settings that are not the URL). */
export interface StoreOptions {
  /** Deliveries accepted at the same time share one transaction and commit. (Default: true) */
  groupCommit?: boolean;
}

/** One acceptDelivery call's arguments. */
interface Acceptance {
  d: NewDelivery;
  change: ResourceChange | undefined;
  jobs: JobsForEvent;
  deliveryJobs: JobsForDelivery | undefined;
}

export class KyselyStore implements Store {
  readonly kind: Store['kind'];
  readonly #db: Kysely<Database>;
  readonly #dialect: StoreDialect;
  readonly #queue: StoreQueue;

  readonly #intake: GroupCommit<Acceptance, AcceptResult> | undefined;

  /**
   * `queue` enqueues on this store's transactions (its tables live in the same database). With
   * `groupCommit` (the default), deliveries accepted at the same time share a transaction and its
   * commit (store/group-commit.ts); each is still answered only after that commit.
   */
  constructor(db: Kysely<Database>, dialect: StoreDialect, queue: StoreQueue, opts: StoreOptions = {}) {
    this.kind = dialect.kind;
    this.#db = db;
    this.#dialect = dialect;
    this.#queue = queue;
    this.#intake =
      opts.groupCommit === false
        ? undefined
        : new GroupCommit<Acceptance, AcceptResult>(
            (batch) =>
              this.#durableTransaction(async (trx) => {
                const out: AcceptResult[] = [];
                for (const a of batch) out.push(await this.#accept(trx, a));
                return out;
              }),
            (a) => this.#durableTransaction((trx) => this.#accept(trx, a)),
          );
  }

  async migrate(): Promise<string[]> {
    await this.#refuseNewerStore();
    const migrations = this.#dialect.migrations;
    const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };
    // Processes that start together on a fresh database race to migrate it. PostgreSQL's migrator
    // takes a lock; SQLite's cannot, so the loser fails (a table exists, the file is busy). Once the
    // winner is done, running again finds nothing pending; a real failure fails again.
    for (let attempt = 1; ; attempt++) {
      const { error, results } = await new Migrator({ db: this.#db, provider }).migrateToLatest();
      if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (attempt >= 3) throw error instanceof Error ? error : new Error(String(error));
      await sleep(200 * attempt);
    }
  }

  /** A database migrated by a newer release holds migrations this code does not know: it is not touched. */
  async #refuseNewerStore(): Promise<void> {
    const tables = await this.#db.introspection.getTables({ withInternalKyselyTables: true });
    if (!tables.some((t) => t.name === MIGRATION_TABLE)) return;
    const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(this.#db);
    const unknown = applied.rows.map((r) => r.name).filter((n) => !(n in this.#dialect.migrations));
    if (unknown.length > 0)
      throw new IntegrationError(
        'STORE_TOO_NEW',
        `the ${this.kind} store holds migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} that this release of the connector does not know: ` +
          'a newer release has used this database; upgrade the connector (the store is left as it is)',
        { details: { unknownMigrations: unknown } },
      );
  }

  /**
   * Runs `fn` in one transaction; when the dialect says the failure may pass (a deadlock between
   * processes), the whole transaction runs again. `fn` must touch nothing but the transaction.
   */
  async #transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>, db: Kysely<Database> = this.#db): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(fn);
      } catch (e) {
        if (attempt >= TRANSACTION_ATTEMPTS || !this.#dialect.retryable(e)) throw e;
      }
    }
  }

  /** `#transaction` whose commit is on disk when it returns (StoreDialect.durably): intake's. */
  async #durableTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    const durably = this.#dialect.durably;
    return durably ? durably(this.#db, (db) => this.#transaction(fn, db)) : this.#transaction(fn);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  /**
   * Readiness: the database answers and takes a write. A full disk or a read-only database still
   * answers reads, so a table is created and a row the size of a delivery written, then rolled
   * back: SQLite must find pages for them (SQLITE_FULL at its limit, SQLITE_READONLY), PostgreSQL
   * refuses DDL in a read-only transaction (25006).
   */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
    const probe = `store_write_probe_${randomBytes(4).toString('hex')}`;
    try {
      await this.#db.transaction().execute(async (trx) => {
        await sql`create table ${sql.table(probe)} (pad text)`.execute(trx);
        await sql`insert into ${sql.table(probe)} (pad) values (${PROBE_PAD})`.execute(trx);
        throw new ProbeRollback('readiness probe: rolled back');
      });
    } catch (e) {
      if (!(e instanceof ProbeRollback)) throw e;
    }
  }

  /** Inserts the event unless its key is known; then its jobs. Runs inside the caller's transaction. */
  async #insertEvent(
    trx: Kysely<Database>,
    e: { shop: string; topic: string; source: 'webhook' | 'sync'; deliveryId: number | null; payload: string; receivedAt: number },
    change: ResourceChange,
    jobs: JobsForEvent,
  ): Promise<{ eventId: number; newEvent: boolean; jobs: Enqueued[] }> {
    const key = eventKey(e.shop, change, e.payload);
    const inserted = await trx
      .insertInto('events')
      .values({
        event_key: key,
        shop: e.shop,
        resource_type: change.resourceType,
        resource_id: change.resourceId,
        version: change.version,
        deleted: change.deleted ? 1 : 0,
        topic: e.topic,
        source: e.source,
        delivery_id: e.deliveryId,
        payload: e.payload,
        received_at: e.receivedAt,
      })
      .onConflict((oc) => oc.column('event_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const prev = await trx.selectFrom('events').select('id').where('event_key', '=', key).executeTakeFirstOrThrow();
      return { eventId: prev.id, newEvent: false, jobs: [] };
    }
    const added = await this.#queue.enqueueIn(trx, jobs(inserted.id, change, key), e.receivedAt);
    return { eventId: inserted.id, newEvent: true, jobs: added.filter((a) => !a.duplicate) };
  }

  async acceptDelivery(d: NewDelivery, change: ResourceChange | undefined, jobs: JobsForEvent, deliveryJobs?: JobsForDelivery): Promise<AcceptResult> {
    const a: Acceptance = { d, change, jobs, deliveryJobs };
    return this.#intake ? this.#intake.submit(a) : this.#durableTransaction((trx) => this.#accept(trx, a));
  }

  /** One delivery's writes on a transaction: the delivery (deduped by webhook id), its change, its jobs. */
  async #accept(trx: Kysely<Database>, { d, change, jobs, deliveryJobs }: Acceptance): Promise<AcceptResult> {
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
        status: d.handled && (change || deliveryJobs) ? 'queued' : 'ignored',
      })
      .onConflict((oc) => oc.column('webhook_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const first = await trx
        .updateTable('deliveries')
        .set((eb) => ({ duplicates: eb('duplicates', '+', 1) }))
        .where('webhook_id', '=', d.webhookId)
        .returning('id')
        .executeTakeFirstOrThrow();
      return { duplicate: true, deliveryId: first.id, eventId: undefined, newEvent: false, jobs: [] };
    }
    const deliveryId = inserted.id;
    if (d.handled && !change && deliveryJobs) {
      const added = await this.#queue.enqueueIn(trx, deliveryJobs(deliveryId), d.receivedAt);
      return { duplicate: false, deliveryId, eventId: undefined, newEvent: false, jobs: added.filter((a) => !a.duplicate) };
    }
    if (!d.handled || !change) return { duplicate: false, deliveryId, eventId: undefined, newEvent: false, jobs: [] };
    const ev = await this.#insertEvent(
      trx,
      { shop: d.shop, topic: d.topic, source: 'webhook', deliveryId: inserted.id, payload: d.body, receivedAt: d.receivedAt },
      change,
      jobs,
    );
    return { duplicate: false, deliveryId, ...ev };
  }

  async acceptSyncChanges(
    shop: string,
    topic: string,
    changes: Array<{ change: ResourceChange; payload: string }>,
    jobs: JobsForEvent,
  ): Promise<Array<{ eventId: number; newEvent: boolean; jobs: Enqueued[] }>> {
    return this.#transaction(async (trx) => {
      const out: Array<{ eventId: number; newEvent: boolean; jobs: Enqueued[] }> = [];
      for (const c of changes)
        out.push(await this.#insertEvent(trx, { shop, topic, source: 'sync', deliveryId: null, payload: c.payload, receivedAt: Date.now() }, c.change, jobs));
      return out;
    });
  }

  async getEvent(id: number): Promise<StoredEvent | undefined> {
    const r = await this.#db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? storedEvent(r) : undefined;
  }

  async latestEvent(shop: string, resourceType: ResourceType, resourceId: string): Promise<StoredEvent | undefined> {
    const r = await this.#db
      .selectFrom('events')
      .leftJoin('deliveries', 'deliveries.id', 'events.delivery_id')
      .selectAll('events')
      .select('deliveries.triggered_at as triggered_at')
      .where('events.shop', '=', shop)
      .where('events.resource_type', '=', resourceType)
      .where('events.resource_id', '=', resourceId)
      .where('events.deleted', '=', 0)
      .orderBy('events.version', 'desc')
      // Equal versions (a webhook's payload and the same state read by sync or in full, whose JSON
      // differs) pick one stably: a webhook's, the one Shopify triggered last within the second;
      // else the first stored. Picking the last stored made an exception's notes flip between two
      // renderings as sync reads and retried deliveries came in.
      .orderBy(sql`case when events.source = 'webhook' then 0 else 1 end`)
      .orderBy(sql`case when events.source = 'webhook' then coalesce(deliveries.triggered_at, events.received_at) else 0 end`, 'desc')
      .orderBy(sql`case when events.source = 'webhook' then events.id else -events.id end`, 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { ...storedEvent(r), triggeredAt: r.triggered_at ?? null } : undefined;
  }

  async addToTimeline(shop: string, ws: { boType: string; boId: string }, eventId: number): Promise<void> {
    await this.#db
      .insertInto('timeline')
      .values({ shop, bo_type: ws.boType, bo_id: ws.boId, event_id: eventId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async timeline(shop: string, boType: string, boId: string): Promise<StoredEvent[]> {
    const rows = await this.#db
      .selectFrom('timeline')
      .innerJoin('events', 'events.id', 'timeline.event_id')
      .leftJoin('deliveries', 'deliveries.id', 'events.delivery_id')
      .selectAll('events')
      .select('deliveries.triggered_at as triggered_at')
      .where('timeline.shop', '=', shop)
      .where('timeline.bo_type', '=', boType)
      .where('timeline.bo_id', '=', boId)
      .orderBy('events.version')
      .orderBy('events.id')
      .execute();
    return rows.map((r) => ({ ...storedEvent(r), triggeredAt: r.triggered_at ?? null }));
  }

  async recordDispute(d: DisputeState): Promise<void> {
    await this.#db
      .insertInto('disputes')
      .values({ shop: d.shop, dispute_id: d.disputeId, order_id: d.orderId, status: d.status, open: d.open ? 1 : 0, version: d.version })
      .onConflict((oc) =>
        oc
          .columns(['shop', 'dispute_id'])
          .doUpdateSet({ order_id: d.orderId, status: d.status, open: d.open ? 1 : 0, version: d.version })
          .where('disputes.version', '<=', d.version),
      )
      .execute();
  }

  async disputesOf(shop: string, orderId: string): Promise<DisputeState[]> {
    const rows = await this.#db.selectFrom('disputes').selectAll().where('shop', '=', shop).where('order_id', '=', orderId).orderBy('dispute_id').execute();
    return rows.map((r) => ({ shop: r.shop, disputeId: r.dispute_id, orderId: r.order_id, status: r.status, open: r.open === 1, version: r.version }));
  }

  async archivedOrder(shop: string, orderId: string): Promise<ArchivedOrder | undefined> {
    const [found] = await this.archivedOrders({ shop, orderId, limit: 1 });
    return found;
  }

  async recordArchive(a: ArchivedOrder, audit: AuditEntry[] = []): Promise<void> {
    await this.#transaction(async (trx) => {
      if (audit.length > 0) await trx.insertInto('audit').values(audit.map(auditRow)).execute();
      const row = {
        order_name: a.orderName,
        folder_id: a.folderId,
        in_workspace: a.inWorkspace ? 1 : 0,
        order_version: a.orderVersion,
        manifest_node_id: a.manifest.nodeId,
        manifest_version: a.manifest.version,
        manifest_size: a.manifest.size,
        manifest_sha256: a.manifest.sha256,
        archived_at: a.archivedAt,
      };
      await trx
        .insertInto('archive_orders')
        .values({ shop: a.shop, order_id: a.orderId, ...row })
        .onConflict((oc) => oc.columns(['shop', 'order_id']).doUpdateSet(row))
        .execute();
      await trx.deleteFrom('archive_artifacts').where('shop', '=', a.shop).where('order_id', '=', a.orderId).execute();
      if (a.artifacts.length > 0)
        await trx
          .insertInto('archive_artifacts')
          .values(
            a.artifacts.map((x) => ({
              shop: a.shop,
              order_id: a.orderId,
              name: x.name,
              node_id: x.nodeId,
              version: x.version,
              size: x.size,
              sha256: x.sha256,
              event_id: x.eventId,
              archived_at: x.archivedAt,
            })),
          )
          .execute();
    });
  }

  async archivedOrders(filter: {
    shop?: string;
    orderId?: string;
    since?: number;
    after?: { shop: string; orderId: string };
    limit: number;
  }): Promise<ArchivedOrder[]> {
    let q = this.#db.selectFrom('archive_orders').selectAll();
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    if (filter.orderId !== undefined) q = q.where('order_id', '=', filter.orderId);
    if (filter.since !== undefined) q = q.where('archived_at', '>=', filter.since);
    const after = filter.after;
    if (after) q = q.where((eb) => eb.or([eb('shop', '>', after.shop), eb.and([eb('shop', '=', after.shop), eb('order_id', '>', after.orderId)])]));
    const rows = await q.orderBy('shop').orderBy('order_id').limit(filter.limit).execute();
    if (rows.length === 0) return [];
    const arts = await this.#db
      .selectFrom('archive_artifacts')
      .selectAll()
      .where((eb) => eb.or(rows.map((r) => eb.and([eb('shop', '=', r.shop), eb('order_id', '=', r.order_id)]))))
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      shop: r.shop,
      orderId: r.order_id,
      orderName: r.order_name,
      folderId: r.folder_id,
      inWorkspace: r.in_workspace === 1,
      orderVersion: r.order_version,
      manifest: { nodeId: r.manifest_node_id, version: r.manifest_version, size: r.manifest_size, sha256: r.manifest_sha256 },
      artifacts: arts
        .filter((x) => x.shop === r.shop && x.order_id === r.order_id)
        .map((x) => ({
          name: x.name,
          nodeId: x.node_id,
          version: x.version,
          size: x.size,
          sha256: x.sha256,
          eventId: x.event_id,
          archivedAt: x.archived_at,
        })),
      archivedAt: r.archived_at,
    }));
  }

  async backfillRun(key: string): Promise<BackfillRun | undefined> {
    const r = await this.#db.selectFrom('backfill_runs').selectAll().where('key', '=', key).executeTakeFirst();
    return r
      ? { key: r.key, shop: r.shop, state: JSON.parse(r.state) as unknown, done: r.done === 1, startedAt: r.started_at, updatedAt: r.updated_at }
      : undefined;
  }

  async saveBackfillRun(run: BackfillRun): Promise<void> {
    const row = { shop: run.shop, state: this.#dialect.json(run.state), done: run.done ? 1 : 0, started_at: run.startedAt, updated_at: run.updatedAt };
    await this.#db
      .insertInto('backfill_runs')
      .values({ key: run.key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async getDelivery(id: number): Promise<StoredDelivery | undefined> {
    const r = await this.#db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return r
      ? { id: r.id, webhookId: r.webhook_id, shop: r.shop, topic: r.topic, receivedAt: r.received_at, body: r.body, redactedAt: r.redacted_at }
      : undefined;
  }

  async appliedVersion(shop: string, resourceType: string, resourceId: string, task: string): Promise<number | undefined> {
    const r = await this.#db
      .selectFrom('resource_versions')
      .select('version')
      .where('shop', '=', shop)
      .where('resource_type', '=', resourceType)
      .where('resource_id', '=', resourceId)
      .where('task', '=', task)
      .executeTakeFirst();
    return r?.version;
  }

  async recordApplied(shop: string, resourceType: string, resourceId: string, task: string, version: number, eventId: number): Promise<void> {
    const now = Date.now();
    await this.#db
      .insertInto('resource_versions')
      .values({ shop, resource_type: resourceType, resource_id: resourceId, task, version, event_id: eventId, applied_at: now })
      .onConflict((oc) =>
        oc
          .columns(['shop', 'resource_type', 'resource_id', 'task'])
          .doUpdateSet({ version, event_id: eventId, applied_at: now })
          .where('resource_versions.version', '<', version),
      )
      .execute();
  }

  async addPendingRelation(r: PendingRelation): Promise<void> {
    await this.#db
      .insertInto('pending_relations')
      .values({
        shop: r.shop,
        from_bo_type: r.from.boType,
        from_bo_id: r.from.boId,
        to_bo_type: r.to.boType,
        to_bo_id: r.to.boId,
        rel_type: r.relType,
        created_at: Date.now(),
        expires_at: r.expiresAt ?? null,
      })
      // A relation already waiting keeps its expiry: asking again does not extend the wait.
      .onConflict((oc) => oc.columns(['shop', 'from_bo_type', 'from_bo_id', 'to_bo_type', 'to_bo_id']).doNothing())
      .execute();
  }

  async pendingRelationsTo(shop: string, toBoType: string, toBoId: string): Promise<PendingRelation[]> {
    const rows = await this.#db
      .selectFrom('pending_relations')
      .selectAll()
      .where('shop', '=', shop)
      .where('to_bo_type', '=', toBoType)
      .where('to_bo_id', '=', toBoId)
      .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>=', Date.now())]))
      .execute();
    return rows.map((r) => ({
      shop: r.shop,
      from: { boType: r.from_bo_type, boId: r.from_bo_id },
      to: { boType: r.to_bo_type, boId: r.to_bo_id },
      relType: r.rel_type === 'child' ? 'child' : 'parent',
      ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }),
    }));
  }

  async removePendingRelation(r: PendingRelation): Promise<void> {
    await this.#db
      .deleteFrom('pending_relations')
      .where('shop', '=', r.shop)
      .where('from_bo_type', '=', r.from.boType)
      .where('from_bo_id', '=', r.from.boId)
      .where('to_bo_type', '=', r.to.boType)
      .where('to_bo_id', '=', r.to.boId)
      .execute();
  }

  async audit(e: AuditEntry): Promise<void> {
    await this.#db.insertInto('audit').values(auditRow(e)).execute();
  }

  async listAudit(filter: { eventId?: number; limit?: number } = {}): Promise<Array<AuditEntry & { id: number; at: number }>> {
    let q = this.#db.selectFrom('audit').selectAll();
    if (filter.eventId !== undefined) q = q.where('event_id', '=', filter.eventId);
    const rows = await q
      .orderBy('id')
      .limit(filter.limit ?? 100_000)
      .execute();
    return rows.map(toAuditEntry);
  }

  async getSyncCursor(shop: string, resource: string): Promise<number | undefined> {
    const r = await this.#db.selectFrom('sync_cursors').select('cursor').where('shop', '=', shop).where('resource', '=', resource).executeTakeFirst();
    return r?.cursor;
  }

  async setSyncCursor(shop: string, resource: string, cursor: number): Promise<void> {
    const now = Date.now();
    await this.#db
      .insertInto('sync_cursors')
      .values({ shop, resource, cursor, updated_at: now })
      .onConflict((oc) => oc.columns(['shop', 'resource']).doUpdateSet({ cursor, updated_at: now }))
      .execute();
  }

  async syncCursors(filter: { shop?: string } = {}): Promise<SyncCursor[]> {
    let q = this.#db.selectFrom('sync_cursors').selectAll();
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    const rows = await q.orderBy('shop').orderBy('resource').execute();
    return rows.map((r) => ({ shop: r.shop, resource: r.resource, cursor: r.cursor, updatedAt: r.updated_at }));
  }

  async getWorkspace(shop: string, boType: string, boId: string): Promise<WorkspaceMapping | undefined> {
    const r = await this.#db
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
    await this.#db
      .insertInto('workspaces')
      .values({
        shop: m.shop,
        bo_type: m.boType,
        bo_id: m.boId,
        node_id: m.nodeId,
        name: m.name,
        workspace_type: m.workspaceType,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['shop', 'bo_type', 'bo_id']).doUpdateSet({ node_id: m.nodeId, name: m.name, updated_at: now }))
      .execute();
  }

  async recordOutcome(f: FinishedJob): Promise<void> {
    const row = {
      job_id: f.job.id,
      job_key: f.job.jobKey,
      task: f.job.task,
      queue_name: f.job.queueName,
      payload: this.#dialect.json(f.job.payload ?? null),
      outcome: outcomeOf(f.result),
      result: this.#dialect.json(f.result ?? null),
      attempt: f.job.attempt,
      finished_at: f.finishedAt,
    };
    await this.#db
      .insertInto('job_outcomes')
      .values(row)
      .onConflict((oc) =>
        oc.column('job_key').doUpdateSet({ job_id: row.job_id, outcome: row.outcome, result: row.result, attempt: row.attempt, finished_at: row.finished_at }),
      )
      .execute();
  }

  async outcomes(filter: { jobIds?: JobId[]; task?: string; limit?: number } = {}): Promise<JobOutcome[]> {
    let q = this.#db.selectFrom('job_outcomes').selectAll();
    if (filter.jobIds) q = q.where('job_id', 'in', filter.jobIds.length > 0 ? filter.jobIds : ['']);
    if (filter.task) q = q.where('task', '=', filter.task);
    const rows = await q
      .orderBy('id')
      .limit(filter.limit ?? 1_000_000)
      .execute();
    return rows.map(toOutcome);
  }

  async summary(): Promise<StoreSummary> {
    const d = await this.#db
      .selectFrom('deliveries')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.coalesce(eb.fn.sum<number>('duplicates'), eb.val(0)).as('duplicates'),
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', '=', 'ignored').then(eb.lit(1)).else(eb.lit(0)).end()), eb.val(0)).as('ignored'),
      ])
      .executeTakeFirstOrThrow();
    const ev = await this.#db
      .selectFrom('events')
      .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('source')
      .execute();
    const ws = await this.#db
      .selectFrom('workspaces')
      .select(['bo_type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('bo_type')
      .execute();
    const oc = await this.#db
      .selectFrom('job_outcomes')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('outcome')
      .execute();
    return {
      deliveries: { total: Number(d.total), duplicates: Number(d.duplicates), ignored: Number(d.ignored) },
      events: { total: ev.reduce((a, r) => a + Number(r.n), 0), bySource: Object.fromEntries(ev.map((r) => [r.source, Number(r.n)])) },
      workspaces: Object.fromEntries(ws.map((r) => [r.bo_type, Number(r.n)])),
      archived: Number(
        (
          await this.#db
            .selectFrom('archive_orders')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      outcomes: Object.fromEntries(oc.map((r) => [r.outcome, Number(r.n)])),
    };
  }

  /**
   * The shop's deliveries and events about the customer, and the personal strings they hold. The SQL
   * reads only rows holding a search term (or, in a second pass, a personal string found in the
   * first); customer-data.ts decides.
   */
  async #findCustomer(db: Kysely<Database>, shop: string, ref: CustomerRef): Promise<CustomerRows> {
    const holding = (column: 'body' | 'payload', terms: string[]) =>
      sql<boolean>`(${sql.join(
        terms.map((t) => this.#dialect.containsLower(column, t.toLowerCase())),
        sql` or `,
      )})`;
    const deliveries = new Map<number, DeliveryRow>();
    const events = new Map<number, EventRow>();
    const needles = new Set<string>(ref.email ? [ref.email] : []);
    const read = async (terms: string[], match: (text: string, resource?: { type: string; id: string }) => boolean): Promise<void> => {
      if (terms.length === 0) return;
      const ds = await db
        .selectFrom('deliveries')
        .select(['id', 'topic', 'received_at', 'body'])
        .where('shop', '=', shop)
        .where('redacted_at', 'is', null)
        .where(holding('body', terms))
        .execute();
      for (const d of ds) if (!deliveries.has(d.id) && match(d.body)) deliveries.set(d.id, d);
      const es = await db
        .selectFrom('events')
        .select(['id', 'topic', 'resource_type', 'resource_id', 'received_at', 'payload', 'delivery_id'])
        .where('shop', '=', shop)
        .where('redacted_at', 'is', null)
        .where(holding('payload', terms))
        .execute();
      for (const e of es) if (!events.has(e.id) && match(e.payload, { type: e.resource_type, id: e.resource_id })) events.set(e.id, e);
      for (const t of [...deliveries.values()].map((d) => d.body).concat([...events.values()].map((e) => e.payload)))
        for (const p of personalStrings(t)) needles.add(p);
    };
    await read(searchTerms(ref), (text, resource) => refersToCustomer(text, ref, resource));
    // Texts not naming the customer by id that still hold their personal data (another order of theirs).
    await read([...needles], (text) => containsAny(text, [...needles]));
    return { deliveries: [...deliveries.values()], events: [...events.values()], needles: [...needles] };
  }

  async redactCustomer(shop: string, ref: CustomerRef, now: number = Date.now()): Promise<{ rows: number }> {
    return this.#transaction(async (trx) => {
      const found = await this.#findCustomer(trx, shop, ref);
      let rows = 0;
      const dIds = found.deliveries.map((d) => d.id);
      const eIds = found.events.map((e) => e.id);
      if (dIds.length > 0) {
        const r = await trx.updateTable('deliveries').set({ body: REDACTED_TEXT, redacted_at: now }).where('id', 'in', dIds).executeTakeFirst();
        rows += Number(r.numUpdatedRows);
      }
      if (eIds.length > 0) {
        const r = await trx.updateTable('events').set({ payload: REDACTED_TEXT, redacted_at: now }).where('id', 'in', eIds).executeTakeFirst();
        rows += Number(r.numUpdatedRows);
      }
      // The lookup index: the customer's own entry, its terms and links (the rest below).
      for (const table of ['lookup_resources', 'lookup_terms', 'lookup_links'] as const)
        rows += Number(
          (
            await trx
              .deleteFrom(table)
              .where('shop', '=', shop)
              .where('resource_type', '=', 'customer')
              .where('resource_id', '=', ref.customerId)
              .executeTakeFirst()
          ).numDeletedRows,
        );
      const needles = found.needles;
      if (needles.length === 0) return { rows };
      const audit = await trx.selectFrom('audit').select(['id', 'target', 'detail']).where('shop', '=', shop).execute();
      for (const a of audit) {
        if (!containsAny(`${a.target}\n${a.detail ?? ''}`, needles)) continue;
        await trx
          .updateTable('audit')
          .set({ target: scrubJson(a.target, needles), detail: a.detail === null ? null : scrubJson(a.detail, needles) })
          .where('id', '=', a.id)
          .execute();
        rows++;
      }
      const ws = await trx.selectFrom('workspaces').select(['bo_type', 'bo_id', 'name']).where('shop', '=', shop).execute();
      for (const w of ws) {
        if (!containsAny(w.name, needles)) continue;
        // Only the name as read: a name written since by another process is that process's to keep.
        const r = await trx
          .updateTable('workspaces')
          .set({ name: scrubJson(w.name, needles), updated_at: now })
          .where('shop', '=', shop)
          .where('bo_type', '=', w.bo_type)
          .where('bo_id', '=', w.bo_id)
          .where('name', '=', w.name)
          .executeTakeFirst();
        rows += Number(r.numUpdatedRows);
      }
      for (const o of await this.#shopOutcomes(trx, shop)) {
        if (!containsAny(`${o.payload}\n${o.result}`, needles)) continue;
        // Only the outcome as read: a job reported again meanwhile keeps its new result.
        const r = await trx
          .updateTable('job_outcomes')
          .set({ payload: scrubJson(o.payload, needles), result: scrubJson(o.result, needles) })
          .where('id', '=', o.id)
          .where('attempt', '=', o.attempt)
          .where('finished_at', '=', o.finished_at)
          .executeTakeFirst();
        rows += Number(r.numUpdatedRows);
      }
      // The lookup index: every term and label that carries the customer's data.
      for (const t of await trx.selectFrom('lookup_terms').selectAll().where('shop', '=', shop).execute()) {
        if (!containsAny(t.term, needles)) continue;
        await trx
          .deleteFrom('lookup_terms')
          .where('shop', '=', shop)
          .where('term', '=', t.term)
          .where('resource_type', '=', t.resource_type)
          .where('resource_id', '=', t.resource_id)
          .execute();
        rows++;
      }
      for (const r of await trx.selectFrom('lookup_resources').selectAll().where('shop', '=', shop).execute()) {
        if (!containsAny(r.title, needles)) continue;
        const u = await trx
          .updateTable('lookup_resources')
          .set({ title: scrub(r.title, needles) })
          .where('shop', '=', shop)
          .where('resource_type', '=', r.resource_type)
          .where('resource_id', '=', r.resource_id)
          .where('title', '=', r.title)
          .executeTakeFirst();
        rows += Number(u.numUpdatedRows);
      }
      return { rows };
    });
  }

  /** Outcomes of the shop's jobs: every queue name starts with the shop's domain. */
  async #shopOutcomes(db: Kysely<Database>, shop: string): Promise<Array<Selectable<JobOutcomesTable>>> {
    const prefix = `${shop}:`;
    return db
      .selectFrom('job_outcomes')
      .selectAll()
      .where(sql<string>`substr(queue_name, 1, ${prefix.length})`, '=', prefix)
      .orderBy('id')
      .execute();
  }

  async exportCustomer(shop: string, ref: CustomerRef): Promise<CustomerExport> {
    return this.#transaction(async (trx) => {
      const found = await this.#findCustomer(trx, shop, ref);
      const json = (t: string): unknown => {
        try {
          return JSON.parse(t) as unknown;
        } catch {
          return t;
        }
      };
      const eIds = new Set(found.events.map((e) => e.id));
      const dIds = new Set(found.deliveries.map((d) => d.id));
      const ids = [ref.customerId, ...ref.orderIds];
      const ws = await trx.selectFrom('workspaces').selectAll().where('shop', '=', shop).orderBy('created_at').execute();
      const audit = await trx.selectFrom('audit').selectAll().where('shop', '=', shop).orderBy('id').execute();
      const outcomes = await this.#shopOutcomes(trx, shop);
      const payloadRefers = (p: string): boolean => {
        const v = json(p);
        if (v === null || typeof v !== 'object') return false;
        const get = (k: string): unknown => (k in v ? (v as Record<string, unknown>)[k] : undefined);
        const eventId = get('eventId');
        const deliveryId = get('deliveryId');
        const orderId = get('orderId');
        return (
          (typeof eventId === 'number' && eIds.has(eventId)) ||
          (typeof deliveryId === 'number' && dIds.has(deliveryId)) ||
          (typeof orderId === 'string' && ref.orderIds.includes(orderId))
        );
      };
      return {
        shop,
        customerId: ref.customerId,
        deliveries: found.deliveries.map((d) => ({ id: d.id, topic: d.topic, receivedAt: d.received_at, body: json(d.body) })),
        events: found.events.map((e) => ({
          id: e.id,
          topic: e.topic,
          resourceType: e.resource_type,
          resourceId: e.resource_id,
          receivedAt: e.received_at,
          payload: json(e.payload),
        })),
        workspaces: ws
          .filter((w) => ids.includes(w.bo_id) || containsAny(w.name, found.needles))
          .map((w) => ({ shop: w.shop, boType: w.bo_type, boId: w.bo_id, nodeId: w.node_id, name: w.name, workspaceType: w.workspace_type })),
        audit: audit
          .filter((a) => (a.event_id !== null && eIds.has(a.event_id)) || containsAny(`${a.target}\n${a.detail ?? ''}`, found.needles))
          .map(toAuditEntry),
        outcomes: outcomes.filter((o) => payloadRefers(o.payload) || containsAny(o.result, found.needles)).map(toOutcome),
      };
    });
  }

  async redactShop(shop: string): Promise<{ rows: number }> {
    return this.#transaction(async (trx) => {
      let rows = 0;
      const count = (r: { numDeletedRows: bigint }): void => {
        rows += Number(r.numDeletedRows);
      };
      for (const table of [
        'deliveries',
        'events',
        'resource_versions',
        'sync_cursors',
        'audit',
        'pending_relations',
        'workspaces',
        'privacy_conflicts',
        'timeline',
        'disputes',
        'archive_orders',
        'archive_artifacts',
        'backfill_runs',
        'product_checklists',
        'lookup_resources',
        'lookup_terms',
        'lookup_links',
      ] as const)
        count(await trx.deleteFrom(table).where('shop', '=', shop).executeTakeFirst());
      const prefix = `${shop}:`;
      count(
        await trx
          .deleteFrom('job_outcomes')
          .where(sql<string>`substr(queue_name, 1, ${prefix.length})`, '=', prefix)
          .executeTakeFirst(),
      );
      rows += await this.#queue.removeWaitingIn(trx, prefix);
      return { rows };
    });
  }

  async recordPrivacyConflict(c: PrivacyConflict, now: number = Date.now()): Promise<void> {
    await this.#db
      .insertInto('privacy_conflicts')
      .values({ shop: c.shop, customer_id: c.customerId, bo_type: c.boType, bo_id: c.boId, node_id: c.nodeId, reason: c.reason, recorded_at: now })
      .onConflict((oc) => oc.columns(['shop', 'customer_id', 'bo_type', 'bo_id']).doUpdateSet({ node_id: c.nodeId, reason: c.reason }))
      .execute();
  }

  async privacyConflicts(filter: { shop?: string } = {}): Promise<Array<PrivacyConflict & { id: number; recordedAt: number }>> {
    let q = this.#db.selectFrom('privacy_conflicts').selectAll();
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      shop: r.shop,
      customerId: r.customer_id,
      boType: r.bo_type,
      boId: r.bo_id,
      nodeId: r.node_id,
      reason: r.reason,
      recordedAt: r.recorded_at,
    }));
  }

  async purge(olderThan: number): Promise<PurgeResult> {
    return this.#transaction(async (trx) => {
      const eventsInUse = this.#dialect.numberSet(await this.#queue.payloadNumbersIn(trx, 'eventId'));
      const deliveriesInUse = this.#dialect.numberSet(await this.#queue.payloadNumbersIn(trx, 'deliveryId'));
      const outcomes = await trx.deleteFrom('job_outcomes').where('finished_at', '<', olderThan).executeTakeFirst();
      const events = await trx
        .deleteFrom('events')
        .where('received_at', '<', olderThan)
        .where('id', 'not in', eventsInUse)
        // A case's or exception's changes are its history: kept while the workspace is kept.
        .where(sql<boolean>`not exists (select 1 from timeline where timeline.event_id = events.id)`)
        .executeTakeFirst();
      const deliveries = await trx
        .deleteFrom('deliveries')
        .where('received_at', '<', olderThan)
        .where('id', 'not in', deliveriesInUse)
        .where(sql<boolean>`not exists (select 1 from events where events.delivery_id = deliveries.id)`)
        .executeTakeFirst();
      return { deliveries: Number(deliveries.numDeletedRows), events: Number(events.numDeletedRows), outcomes: Number(outcomes.numDeletedRows) };
    });
  }

  // ---- Job 5, product compliance (migration 0009) ----------------------------------------------

  async putChecklist(c: ProductChecklist): Promise<void> {
    const row = {
      node_id: c.nodeId,
      title: c.title,
      classes: this.#dialect.json(c.classes),
      items: this.#dialect.json(c.items),
      complete: c.complete ? 1 : 0,
      checked_at: c.checkedAt,
    };
    await this.#db
      .insertInto('product_checklists')
      .values({ shop: c.shop, product_id: c.productId, ...row })
      .onConflict((oc) => oc.columns(['shop', 'product_id']).doUpdateSet(row))
      .execute();
  }

  async checklists(filter: { shop?: string; productId?: string } = {}): Promise<ProductChecklist[]> {
    let q = this.#db.selectFrom('product_checklists').selectAll();
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    if (filter.productId !== undefined) q = q.where('product_id', '=', filter.productId);
    const rows = await q
      .orderBy('shop')
      .orderBy(sql`length(product_id)`)
      .orderBy('product_id')
      .execute();
    return rows.map((r) => ({
      shop: r.shop,
      productId: r.product_id,
      nodeId: r.node_id,
      title: r.title,
      classes: JSON.parse(r.classes) as string[],
      items: JSON.parse(r.items) as ChecklistEntry[],
      complete: r.complete === 1,
      checkedAt: r.checked_at,
    }));
  }

  async workspacesOfType(boType: string, filter: { shop?: string } = {}): Promise<WorkspaceMapping[]> {
    let q = this.#db.selectFrom('workspaces').selectAll().where('bo_type', '=', boType);
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    const rows = await q
      .orderBy('shop')
      .orderBy(sql`length(bo_id)`)
      .orderBy('bo_id')
      .execute();
    return rows.map((r) => ({ shop: r.shop, boType: r.bo_type, boId: r.bo_id, nodeId: r.node_id, name: r.name, workspaceType: r.workspace_type }));
  }

  async dropWaitingRelationsTo(shop: string, toBoType: string, toBoId: string): Promise<number> {
    const r = await this.#db
      .deleteFrom('pending_relations')
      .where('shop', '=', shop)
      .where('to_bo_type', '=', toBoType)
      .where('to_bo_id', '=', toBoId)
      .where('expires_at', 'is not', null)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async dropExpiredRelations(now: number): Promise<number> {
    const r = await this.#db.deleteFrom('pending_relations').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // ---- Job 6, agent lookup (migration 0010) ----------------------------------------------------

  async indexForLookup(e: LookupIndexEntry, now: number = Date.now()): Promise<boolean> {
    return this.#transaction(async (trx) => {
      // Upsert first, unless a later version is indexed: the row it writes stays locked until commit,
      // so two processes indexing the same resource replace its terms one after the other.
      const written = await trx
        .insertInto('lookup_resources')
        .values({ shop: e.shop, resource_type: e.resourceType, resource_id: e.resourceId, version: e.version, title: e.title, updated_at: now })
        .onConflict((oc) =>
          oc
            .columns(['shop', 'resource_type', 'resource_id'])
            .doUpdateSet({ version: e.version, title: e.title, updated_at: now })
            .where('lookup_resources.version', '<=', e.version),
        )
        .returning('version')
        .executeTakeFirst();
      if (!written) return false;
      for (const table of ['lookup_terms', 'lookup_links'] as const)
        await trx.deleteFrom(table).where('shop', '=', e.shop).where('resource_type', '=', e.resourceType).where('resource_id', '=', e.resourceId).execute();
      const terms = [...new Set(e.terms)];
      if (terms.length > 0)
        await trx
          .insertInto('lookup_terms')
          .values(terms.map((term) => ({ shop: e.shop, term, resource_type: e.resourceType, resource_id: e.resourceId })))
          .execute();
      const links = e.links.filter((l, i) => e.links.findIndex((m) => m.resourceType === l.resourceType && m.resourceId === l.resourceId) === i);
      if (links.length > 0)
        await trx
          .insertInto('lookup_links')
          .values(links.map((l) => ({ shop: e.shop, resource_type: e.resourceType, resource_id: e.resourceId, to_type: l.resourceType, to_id: l.resourceId })))
          .execute();
      return true;
    });
  }

  async findForLookup(query: { term: string; prefix: boolean; shop?: string; limit: number }): Promise<LookupResource[]> {
    let q = this.#db
      .selectFrom('lookup_terms as t')
      .innerJoin('lookup_resources as r', (j) =>
        j.onRef('r.shop', '=', 't.shop').onRef('r.resource_type', '=', 't.resource_type').onRef('r.resource_id', '=', 't.resource_id'),
      )
      .select(['r.shop', 'r.resource_type', 'r.resource_id', 'r.version', 'r.title'])
      // Orders first; selected, since PostgreSQL orders a DISTINCT only by what it selects.
      .select(sql<number>`case r.resource_type when 'order' then 0 else 1 end`.as('rank'))
      .distinct();
    // A prefix is a range of the index: every term from the prefix up to the last string that starts with it.
    q = query.prefix ? q.where('t.term', '>=', query.term).where('t.term', '<', `${query.term}\u{10FFFF}`) : q.where('t.term', '=', query.term);
    if (query.shop !== undefined) q = q.where('t.shop', '=', query.shop);
    const rows = await q.orderBy('rank').orderBy('r.title').orderBy('r.resource_type').orderBy('r.resource_id').limit(query.limit).execute();
    return rows.map(lookupResource);
  }

  async recentWorkspaces(limit: number, filter: { shop?: string } = {}): Promise<WorkspaceMapping[]> {
    let q = this.#db.selectFrom('workspaces').selectAll();
    if (filter.shop !== undefined) q = q.where('shop', '=', filter.shop);
    const rows = await q.orderBy('updated_at', 'desc').orderBy('node_id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ shop: r.shop, boType: r.bo_type, boId: r.bo_id, nodeId: r.node_id, name: r.name, workspaceType: r.workspace_type }));
  }

  async recentDeliveries(limit: number): Promise<Array<{ id: number; shop: string; topic: string; receivedAt: number }>> {
    const rows = await this.#db.selectFrom('deliveries').select(['id', 'shop', 'topic', 'received_at']).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, shop: r.shop, topic: r.topic, receivedAt: r.received_at }));
  }

  async lookupResource(shop: string, resourceType: string, resourceId: string): Promise<LookupResource | undefined> {
    const r = await this.#db
      .selectFrom('lookup_resources')
      .selectAll()
      .where('shop', '=', shop)
      .where('resource_type', '=', resourceType)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
    return r ? lookupResource(r) : undefined;
  }

  async lookupLinks(shop: string, resourceType: string, resourceId: string, direction: 'from' | 'to'): Promise<LookupResource[]> {
    const base = this.#db.selectFrom('lookup_links as l').where('l.shop', '=', shop);
    const rows =
      direction === 'from'
        ? await base
            .innerJoin('lookup_resources as r', (j) =>
              j.onRef('r.shop', '=', 'l.shop').onRef('r.resource_type', '=', 'l.to_type').onRef('r.resource_id', '=', 'l.to_id'),
            )
            .where('l.resource_type', '=', resourceType)
            .where('l.resource_id', '=', resourceId)
            .select(['r.shop', 'r.resource_type', 'r.resource_id', 'r.version', 'r.title'])
            .execute()
        : await base
            .innerJoin('lookup_resources as r', (j) =>
              j.onRef('r.shop', '=', 'l.shop').onRef('r.resource_type', '=', 'l.resource_type').onRef('r.resource_id', '=', 'l.resource_id'),
            )
            .where('l.to_type', '=', resourceType)
            .where('l.to_id', '=', resourceId)
            .select(['r.shop', 'r.resource_type', 'r.resource_id', 'r.version', 'r.title'])
            .execute();
    // Sorted here: an ORDER BY on the resources' columns lets SQLite's planner start from every
    // resource of the shop instead of the links' index.
    const order = (a: { resource_type: string; title: string; resource_id: string }, b: typeof a) =>
      a.resource_type.localeCompare(b.resource_type) || a.title.localeCompare(b.title) || a.resource_id.localeCompare(b.resource_id);
    return rows.sort(order).map(lookupResource);
  }
}

function lookupResource(r: { shop: string; resource_type: string; resource_id: string; version: number; title: string }): LookupResource {
  return { shop: r.shop, resourceType: r.resource_type, resourceId: r.resource_id, version: r.version, title: r.title };
}

function storedEvent(r: Selectable<EventsTable>): StoredEvent {
  return {
    id: r.id,
    shop: r.shop,
    resourceType: r.resource_type as ResourceType,
    resourceId: r.resource_id,
    version: r.version,
    deleted: r.deleted === 1,
    topic: r.topic,
    source: r.source,
    deliveryId: r.delivery_id,
    payload: r.payload,
    receivedAt: r.received_at,
  };
}

function auditRow(e: AuditEntry) {
  return {
    at: Date.now(),
    shop: e.shop,
    event_id: e.eventId,
    job_id: e.jobId,
    rule: e.rule,
    action: e.action,
    target: e.target,
    node_id: e.nodeId,
    result: e.result,
    detail: e.detail,
    duration_ms: e.durationMs,
  };
}
