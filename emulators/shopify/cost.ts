/**
 * Shopify's calculated query cost and leaky bucket
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits):
 * scalars and enums 0; objects 1; interfaces and unions the maximum over their possible types;
 * connections 2 + (first|last) × the cost of one node; each mutation field 10. The requested cost
 * is the static estimate; the actual cost counts the nodes really returned.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isObjectType,
  Kind,
} from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

export const MUTATION_COST = 10;
export const CONNECTION_COST = 2;
/** A single query may cost at most this much (MAX_COST_EXCEEDED above). */
export const MAX_QUERY_COST = 1000;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Data = unknown;

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

function applies(ctx: CostContext, typeCondition: string | undefined, type: GraphQLObjectType): boolean {
  if (!typeCondition) return true;
  const cond = ctx.schema.getType(typeCondition);
  if (!cond) return false;
  if (cond === type) return true;
  return isAbstractType(cond) && ctx.schema.isSubType(cond, type);
}

/** The fields a selection set asks of one concrete type, grouped by response key. */
function collect(
  ctx: CostContext,
  set: SelectionSetNode,
  type: GraphQLObjectType,
  out = new Map<string, FieldNode[]>(),
  seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const sel of set.selections) {
    if (!included(sel, ctx.variables)) continue;
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      out.set(key, [...(out.get(key) ?? []), sel]);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (applies(ctx, sel.typeCondition?.name.value, type)) collect(ctx, sel.selectionSet, type, out, seen);
    } else {
      const frag = ctx.fragments[sel.name.value];
      if (!frag || seen.has(frag.name.value)) continue;
      if (applies(ctx, frag.typeCondition.name.value, type)) collect(ctx, frag.selectionSet, type, out, new Set([...seen, frag.name.value]));
    }
  }
  return out;
}

const mergeSets = (nodes: FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) });

function isConnection(type: GraphQLCompositeType): type is GraphQLObjectType {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
  const f = type.getFields();
  return 'edges' in f || 'nodes' in f;
}

/** Cost of a selection set on a composite type; `data` (the executed result) switches to actual cost. */
function selectionCost(ctx: CostContext, set: SelectionSetNode, type: GraphQLCompositeType, data: Data, actual: boolean): number {
  const concrete: readonly GraphQLObjectType[] = isAbstractType(type) ? ctx.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
  let worst = 0;
  for (const t of concrete) {
    const fields = collect(ctx, set, t);
    let sum = 0;
    for (const [key, nodes] of fields) {
      const first = nodes[0];
      if (!first || first.name.value.startsWith('__')) continue;
      const def = t.getFields()[first.name.value];
      if (!def) continue;
      const value = actual && data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
      sum += fieldCost(ctx, def, nodes, value, actual);
    }
    worst = Math.max(worst, sum);
  }
  return worst;
}

function fieldCost(ctx: CostContext, def: GraphQLField<unknown, unknown>, nodes: FieldNode[], data: Data, actual: boolean): number {
  const named = getNamedType(def.type);
  if (isLeafType(named) || !isCompositeType(named)) return 0;
  const first = nodes[0];
  if (!first) return 0;
  const set = mergeSets(nodes);
  if (isConnection(named)) {
    let size: number;
    if (actual) {
      const d = data as { edges?: unknown[]; nodes?: unknown[] } | null | undefined;
      size = Math.max(d?.edges?.length ?? 0, d?.nodes?.length ?? 0);
    } else {
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(def, first, ctx.variables);
      } catch {
        // invalid arguments are reported by execution; cost them as unsized
      }
      size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 0;
    }
    return CONNECTION_COST + nodeCost(ctx, named, set, data, actual, size);
  }
  if (actual) {
    if (data === null || data === undefined) return 1;
    if (Array.isArray(data)) return data.reduce((a: number, item: unknown) => a + 1 + (item === null ? 0 : selectionCost(ctx, set, named, item, true)), 0) || 1;
    return 1 + selectionCost(ctx, set, named, data, true);
  }
  return 1 + selectionCost(ctx, set, named, undefined, false);
}

/** size × (cost of one node), the node selected through `edges { node }` and/or `nodes`. */
function nodeCost(ctx: CostContext, conn: GraphQLObjectType, set: SelectionSetNode, data: Data, actual: boolean, size: number): number {
  const fields = collect(ctx, set, conn);
  const edgeDef = conn.getFields().edges;
  const nodesDef = conn.getFields().nodes;
  const nodeType = nodesDef ? getNamedType(nodesDef.type) : undefined;
  let perNode = 0;
  let actualSum = 0;
  for (const [key, nodes] of fields) {
    const name = nodes[0]?.name.value;
    const sub = mergeSets(nodes);
    const value = actual && data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    if (name === 'nodes' && nodeType && isCompositeType(nodeType)) {
      if (actual)
        actualSum = Math.max(
          actualSum,
          (Array.isArray(value) ? value : []).reduce((a: number, v: unknown) => a + 1 + selectionCost(ctx, sub, nodeType, v, true), 0),
        );
      else perNode = Math.max(perNode, 1 + selectionCost(ctx, sub, nodeType, undefined, false));
    } else if (name === 'edges' && edgeDef) {
      const edgeType = getNamedType(edgeDef.type);
      if (!isObjectType(edgeType)) continue;
      const edgeFields = collect(ctx, sub, edgeType);
      for (const [nkey, nnodes] of edgeFields) {
        if (nnodes[0]?.name.value !== 'node') continue;
        const nType = getNamedType(edgeType.getFields().node?.type ?? edgeType);
        if (!isCompositeType(nType)) continue;
        const nset = mergeSets(nnodes);
        if (actual) {
          const edges = Array.isArray(value) ? value : [];
          actualSum = Math.max(
            actualSum,
            edges.reduce(
              (a: number, e: unknown) =>
                a + 1 + selectionCost(ctx, nset, nType, e !== null && typeof e === 'object' ? (e as Record<string, unknown>)[nkey] : undefined, true),
              0,
            ),
          );
        } else perNode = Math.max(perNode, 1 + selectionCost(ctx, nset, nType, undefined, false));
      }
    }
  }
  return actual ? actualSum : size * perNode;
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values. */
  variables: Record<string, unknown>;
}

/** The requested (static) cost, or the actual cost when the executed `data` is given. */
export function queryCost(input: CostInput, data?: Data): number {
  const ctx: CostContext = { schema: input.schema, fragments: input.fragments, variables: input.variables };
  const isMutation = input.operation.operation === 'mutation';
  const root = isMutation ? input.schema.getMutationType() : input.schema.getQueryType();
  if (!root) return 0;
  if (isMutation) {
    const fields = collect(ctx, input.operation.selectionSet, root);
    return [...fields.values()].filter((n) => !n[0]?.name.value.startsWith('__')).length * MUTATION_COST;
  }
  return selectionCost(ctx, input.operation.selectionSet, root, data === undefined ? undefined : data, data !== undefined);
}

/** Shopify's leaky bucket: `maximumAvailable` points, refilled at `restoreRate` points per second. */
export class LeakyBucket {
  #available: number;
  #at: number;
  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly clock: () => number,
  ) {
    this.#available = maximumAvailable;
    this.#at = clock();
  }

  #refill(): void {
    const now = this.clock();
    this.#available = Math.min(this.maximumAvailable, this.#available + ((now - this.#at) / 1000) * this.restoreRate);
    this.#at = now;
  }

  get currentlyAvailable(): number {
    this.#refill();
    return this.#available;
  }

  /** Takes `cost` points if available; false (nothing taken) otherwise. */
  take(cost: number): boolean {
    this.#refill();
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }

  /** Gives back the difference between requested and actual cost. */
  refund(points: number): void {
    this.#refill();
    this.#available = Math.min(this.maximumAvailable, this.#available + points);
  }

  /** Empties (or sets) the bucket, for tests and the throttling fault. */
  set(points: number): void {
    this.#refill();
    this.#available = Math.max(0, Math.min(this.maximumAvailable, points));
  }

  status(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } {
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.currentlyAvailable), restoreRate: this.restoreRate };
  }
}
