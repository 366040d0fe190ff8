import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Job outcomes move from the queue's rows into a table of the store's own (queue engines delete
 * finished jobs); every time becomes epoch milliseconds; audit job ids become text (engines differ).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_outcomes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('job_key', 'text', (c) => c.notNull().unique())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('queue_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_outcomes_task').on('job_outcomes').columns(['task', 'outcome']).execute();
  await db.schema.createIndex('job_outcomes_job').on('job_outcomes').column('job_id').execute();

  // Finished jobs leave the queue with their outcome recorded; every job gets a key and a queue name.
  await sql`insert into job_outcomes (job_id, job_key, task, queue_name, payload, outcome, result, attempt, finished_at)
    select cast(id as text), coalesce(job_key, 'job:' || id), task, coalesce(queue_name, 'job:' || id), payload,
           coalesce(json_extract(result, '$.outcome'), 'done'), coalesce(result, 'null'), attempts, updated_at
    from jobs where status = 'done'`.execute(db);
  await sql`delete from jobs where status = 'done'`.execute(db);
  await sql`update jobs set job_key = coalesce(job_key, 'job:' || id), queue_name = coalesce(queue_name, 'job:' || id)`.execute(db);
  await db.schema.alterTable('jobs').dropColumn('result').execute();

  // ISO texts → epoch ms.
  await retype(db, 'deliveries', 'triggered_at', 'integer', (v) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : null));
  await retype(db, 'sync_cursors', 'cursor', 'integer', (v) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : 0));
  await retype(db, 'audit', 'job_id', 'text', (v) => (v === null || v === undefined ? null : String(v)));
}

/** Replaces a column by one of another type, converting each value (SQLite cannot alter a column's type). */
async function retype(
  db: Kysely<unknown>,
  table: string,
  column: string,
  type: 'integer' | 'text',
  convert: (v: unknown) => string | number | null,
): Promise<void> {
  const tmp = `${column}_new`;
  await db.schema.alterTable(table).addColumn(tmp, type).execute();
  const rows = await sql<{ rid: number; v: unknown }>`select rowid as rid, ${sql.ref(column)} as v from ${sql.table(table)}`.execute(db);
  for (const r of rows.rows) await sql`update ${sql.table(table)} set ${sql.ref(tmp)} = ${convert(r.v)} where rowid = ${r.rid}`.execute(db);
  await db.schema.alterTable(table).dropColumn(column).execute();
  await db.schema.alterTable(table).renameColumn(tmp, column).execute();
}

export async function down(): Promise<void> {
  throw new Error('0005 cannot be undone');
}
