/**
 * Bulk query operations (https://shopify.dev/docs/api/usage/bulk-operations/queries): the query runs
 * in the background over whole connections; the result is JSONL, one object per line, nested
 * connection children on their own lines with `__parentId`; `bulk_operations/finish` is sent.
 */
import { execute, Kind, visit } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ShopState } from './state.js';
import type { BulkOperationRec } from './types.js';
import { fieldResolver } from './graphql/execute.js';
import type { GraphqlExecutor } from './graphql/execute.js';
import { restBulkFinish } from './payloads.js';
import type { Emit } from './graphql/root.js';
import type { View, Views } from './graphql/views.js';

type Obj = Record<string, unknown>;

function isConn(v: unknown): v is { edges?: Array<{ node: Obj }>; nodes?: Obj[] } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && (Array.isArray((v as Obj).edges) || Array.isArray((v as Obj).nodes));
}

function connNodes(c: { edges?: Array<{ node: Obj }>; nodes?: Obj[] }): Obj[] {
  return c.nodes ?? (c.edges ?? []).map((e) => e.node);
}

/** Flattens one connection into JSONL lines (children after their parent, with `__parentId`). */
function flatten(conn: { edges?: Array<{ node: Obj }>; nodes?: Obj[] }, parentId: string | null, lines: string[]): number {
  let roots = 0;
  for (const node of connNodes(conn)) {
    const own: Obj = {};
    const children: Array<{ edges?: Array<{ node: Obj }>; nodes?: Obj[] }> = [];
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

export function createBulkRunner(d: BulkDeps): (query: string) => { bulkOperation: View | null; userErrors: Obj[] } {
  return (query: string) => {
    const prepared = d.executor().prepare(query);
    if ('response' in prepared) {
      const errs = (prepared.response.body.errors as Array<{ message: string }> | undefined) ?? [];
      return { bulkOperation: null, userErrors: errs.map((e) => ({ field: ['query'], message: `Invalid bulk query: ${e.message}`, code: 'INVALID' })) };
    }
    const problem = restrictions(prepared.document);
    if (problem) return { bulkOperation: null, userErrors: [{ field: ['query'], message: problem, code: 'INVALID' }] };
    const running = d.s.data.bulkOperations.filter((b) => b.type === 'query' && (b.status === 'created' || b.status === 'running'));
    // API 2026-01 and later: up to 5 bulk queries at once per shop.
    if (running.length >= 5)
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
      result: null,
      createdAt: at,
      completedAt: null,
    };
    d.s.bulkOperations.insert(rec);
    setImmediate(() => void run(rec, prepared.document));
    return { bulkOperation: d.views.bulkOperation(rec), userErrors: [] };
  };

  async function run(rec: BulkOperationRec, document: DocumentNode): Promise<void> {
    rec.status = 'running';
    try {
      const result = await execute({ schema: d.schema, document, rootValue: d.rootValue(), contextValue: { bulk: true }, fieldResolver });
      const lines: string[] = [];
      let roots = 0;
      if (result.errors && !result.data) throw new Error(result.errors[0]?.message ?? 'bulk query failed');
      for (const v of Object.values(result.data ?? {})) if (isConn(v)) roots += flatten(v, null, lines);
      rec.result = lines.length > 0 ? `${lines.join('\n')}\n` : '';
      rec.objectCount = lines.length;
      rec.rootObjectCount = roots;
      rec.fileSize = Buffer.byteLength(rec.result);
      rec.status = 'completed';
    } catch {
      rec.status = 'failed';
      rec.errorCode = 'internal_server_error';
    }
    rec.completedAt = d.s.now();
    d.s.save();
    d.action()('bulk_operations/finish', restBulkFinish(rec));
  }
}
