/**
 * Bulk query operations (https://shopify.dev/docs/api/usage/bulk-operations/queries): the query runs
 * in the background over whole connections; the result is JSONL, one object per line, nested
 * connection children on their own lines with `__parentId`; `bulk_operations/finish` is sent.
 *
 * The query runs in chunks: each top-level connection is read a page at a time (the resolver pages
 * it by keyset, see `GraphqlContext.bulkPage`; nested connections are read whole), each page's lines
 * are appended to a file, and the event loop gets a turn between pages. Memory holds one page, never
 * the result; `GET /emulator/bulk/:id.jsonl` streams the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, getNamedType, Kind, visit } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import type { ShopState } from './state.js';
import type { BulkOperationRec } from './types.js';
import { fieldResolver } from './graphql/execute.js';
import type { BulkPage, GraphqlContext, GraphqlExecutor } from './graphql/execute.js';
import { restBulkFinish } from './payloads.js';
import type { Emit } from './graphql/root.js';
import type { View, Views } from './graphql/views.js';

type Obj = Record<string, unknown>;
type Conn = { edges?: Array<{ node: Obj }>; nodes?: Obj[] };

/** Top-level records read per chunk: small enough that a chunk blocks the event loop for tens of ms, not hundreds. */
export const BULK_CHUNK = 50;

function isConn(v: unknown): v is Conn {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && (Array.isArray((v as Obj).edges) || Array.isArray((v as Obj).nodes));
}

function connNodes(c: Conn): Obj[] {
  return c.nodes ?? (c.edges ?? []).map((e) => e.node);
}

/** Flattens one connection into JSONL lines (children after their parent, with `__parentId`). */
function flatten(conn: Conn, parentId: string | null, lines: string[]): number {
  let roots = 0;
  for (const node of connNodes(conn)) {
    const own: Obj = {};
    const children: Conn[] = [];
    for (const [k, v] of Object.entries(node)) {
      if (isConn(v)) children.push(v);
      else own[k] = v;
    }
    if (parentId !== null) own.__parentId = parentId;
    lines.push(JSON.stringify(own));
    roots++;
    for (const c of children) flatten(c, typeof node.id === 'string' ? node.id : null, lines);
  }
  return roots;
}

export interface BulkDeps {
  s: ShopState;
  schema: GraphQLSchema;
  executor: () => GraphqlExecutor;
  rootValue: () => Obj;
  views: Views;
  action: () => Emit;
  /** Top-level records per chunk. (Default: BULK_CHUNK) */
  chunk?: number;
}

export interface BulkRunner {
  /** `bulkOperationRunQuery`: checks the query and starts it in the background. */
  run(query: string): { bulkOperation: View | null; userErrors: Obj[] };
  /** The JSONL file of a completed operation, or null. */
  result(id: number): { path: string; size: number } | null;
  /** Resolves when no operation is running. */
  idle(): Promise<void>;
  /** The shop was replaced: stops running operations and deletes every result file. */
  reset(): void;
  /** Stops running operations and deletes the result directory. */
  close(): Promise<void>;
}

/** Checks Shopify's bulk query restrictions; returns an error message or null. */
function restrictions(doc: DocumentNode): string | null {
  let connections = 0;
  let depth = 0;
  let maxDepth = 0;
  let topLevelNode = false;
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'query') return 'Bulk queries must be a query operation.';
  for (const sel of op.selectionSet.selections) if (sel.kind === Kind.FIELD && (sel.name.value === 'node' || sel.name.value === 'nodes')) topLevelNode = true;
  visit(doc, {
    Field: {
      enter(node) {
        if (node.name.value === 'edges' || node.name.value === 'nodes') {
          connections++;
          depth++;
          maxDepth = Math.max(maxDepth, depth);
        }
      },
      leave(node) {
        if (node.name.value === 'edges' || node.name.value === 'nodes') depth--;
      },
    },
  });
  if (topLevelNode) return 'Bulk queries cannot contain a top level `node` or `nodes` field.';
  if (connections === 0) return 'Bulk queries must contain at least one connection.';
  if (connections > 5) return 'Bulk queries cannot contain more than 5 connections.';
  if (maxDepth > 2) return 'Bulk queries cannot contain connections with a nesting depth greater than 2.';
  return null;
}

/** The response keys of the query's top-level connection fields, in the order the result lists them. */
function topConnections(schema: GraphQLSchema, doc: DocumentNode): string[] {
  const root = schema.getQueryType()?.getFields() ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const keys: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const field = root[sel.name.value];
        const key = sel.alias?.value ?? sel.name.value;
        if (field && getNamedType(field.type).name.endsWith('Connection') && !seen.has(key)) {
          seen.add(key);
          keys.push(key);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else {
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (op && op.kind === Kind.OPERATION_DEFINITION) walk(op.selectionSet);
  return keys;
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

class Stopped extends Error {}

export function createBulkRunner(d: BulkDeps): BulkRunner {
  const chunk = d.chunk ?? BULK_CHUNK;
  let dir: string | null = null;
  const files = new Map<number, { path: string; size: number }>();
  /** Running operations: the flag that stops one, and its end. */
  const running = new Map<number, { stop: boolean; done: Promise<void> }>();

  const resultDir = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'shopify-emulator-bulk-')));

  function start(query: string): { bulkOperation: View | null; userErrors: Obj[] } {
    const prepared = d.executor().prepare(query);
    if ('response' in prepared) {
      const errs = (prepared.response.body.errors as Array<{ message: string }> | undefined) ?? [];
      return { bulkOperation: null, userErrors: errs.map((e) => ({ field: ['query'], message: `Invalid bulk query: ${e.message}`, code: 'INVALID' })) };
    }
    const problem = restrictions(prepared.document);
    if (problem) return { bulkOperation: null, userErrors: [{ field: ['query'], message: problem, code: 'INVALID' }] };
    const active = d.s.data.bulkOperations.filter((b) => b.type === 'query' && (b.status === 'created' || b.status === 'running'));
    // API 2026-01 and later: up to 5 bulk queries at once per shop.
    if (active.length >= 5)
      return {
        bulkOperation: null,
        userErrors: [{ field: null, message: 'A bulk query operation for this app and shop is already in progress.', code: 'OPERATION_IN_PROGRESS' }],
      };
    const at = d.s.now();
    const rec: BulkOperationRec = {
      id: d.s.nextId('BulkOperation'),
      type: 'query',
      status: 'created',
      query,
      errorCode: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      createdAt: at,
      completedAt: null,
    };
    d.s.bulkOperations.insert(rec);
    const control = { stop: false, done: Promise.resolve() };
    control.done = nextTurn().then(() => readAll(rec, prepared.document, control));
    running.set(rec.id, control);
    return { bulkOperation: d.views.bulkOperation(rec), userErrors: [] };
  }

  async function readAll(rec: BulkOperationRec, document: DocumentNode, control: { stop: boolean }): Promise<void> {
    const path = join(resultDir(), `${rec.id}.jsonl`);
    const stillHere = (): boolean => !control.stop && d.s.bulkOperations.get(rec.id) === rec;
    let size = 0;
    let objects = 0;
    let roots = 0;
    rec.status = 'running';
    try {
      const fh = await open(path, 'w');
      try {
        for (const key of topConnections(d.schema, document)) {
          let after: string | null = null;
          for (;;) {
            if (!stillHere()) throw new Stopped();
            const page: BulkPage = { key, first: chunk, after, pageInfo: null };
            const ctx: GraphqlContext = { bulk: true, bulkPage: page };
            const result = await execute({ schema: d.schema, document, rootValue: d.rootValue(), contextValue: ctx, fieldResolver });
            if (result.errors && !result.data) throw new Error(result.errors[0]?.message ?? 'bulk query failed');
            const value = result.data?.[key];
            const lines: string[] = [];
            if (isConn(value)) roots += flatten(value, null, lines);
            if (lines.length > 0) {
              const text = `${lines.join('\n')}\n`;
              const { bytesWritten } = await fh.write(text);
              size += bytesWritten;
              objects += lines.length;
            }
            const info = page.pageInfo as BulkPage['pageInfo'];
            if (!info?.hasNextPage || info.endCursor === null) break;
            after = info.endCursor;
            // Other requests are served between chunks.
            await nextTurn();
          }
        }
      } finally {
        await fh.close();
      }
      if (!stillHere()) throw new Stopped();
      rec.objectCount = objects;
      rec.rootObjectCount = roots;
      rec.fileSize = size;
      rec.status = 'completed';
      files.set(rec.id, { path, size });
    } catch (err) {
      await rm(path, { force: true });
      if (err instanceof Stopped) return;
      rec.status = 'failed';
      rec.errorCode = 'internal_server_error';
    } finally {
      running.delete(rec.id);
    }
    rec.completedAt = d.s.now();
    d.s.save();
    d.action()('bulk_operations/finish', restBulkFinish(rec));
  }

  const stopAll = (): Promise<void> => {
    for (const r of running.values()) r.stop = true;
    return Promise.all([...running.values()].map((r) => r.done)).then(() => undefined);
  };

  return {
    run: start,
    result: (id) => files.get(id) ?? null,
    idle: () => Promise.all([...running.values()].map((r) => r.done)).then(() => undefined),
    reset() {
      void stopAll();
      for (const f of files.values()) rmSync(f.path, { force: true });
      files.clear();
    },
    async close() {
      await stopAll();
      files.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
