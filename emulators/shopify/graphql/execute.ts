/**
 * One Admin GraphQL request, the way Shopify answers it: parse, validate against the real 2026-07
 * schema, check the calculated cost (MAX_COST_EXCEEDED, THROTTLED), execute, and report
 * `extensions.cost` on every response. Errors are HTTP 200 with `errors[]`.
 */
import { execute, getNamedType, getVariableValues, GraphQLError, isNonNullType, Kind, parse, validate } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLFieldResolver, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { MAX_QUERY_COST, queryCost } from '../cost.js';
import type { LeakyBucket } from '../cost.js';

export interface GraphqlContext {
  /** True while a bulk operation runs its query: connections return everything. */
  bulk: boolean;
  /** A bulk operation reads its top-level connections a page at a time (bulk.ts). */
  bulkPage?: BulkPage;
}

/**
 * One chunk of a bulk query: the top-level connection `key` answers `first` records after `after`
 * (and records its pageInfo here); the other top-level connections answer nothing; nested ones
 * answer everything.
 */
export interface BulkPage {
  key: string;
  first: number;
  after: string | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | null;
}

const EMPTY_CONNECTION = {
  edges: [],
  nodes: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

export interface GraphqlResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface ExecutorOptions {
  schema: GraphQLSchema;
  rootValue: { query: Record<string, unknown>; mutation: Record<string, unknown> };
  bucket: LeakyBucket;
  onThrottled: () => void;
  /** Collected `extensions.search` entries of the request being executed. */
  takeSearchWarnings: () => unknown[];
}

/**
 * Resolves a field from the view object: a function is called with the arguments; a missing key is
 * null, or a clear error when the schema says the field cannot be null.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, ctx, info) => {
  if (source === null || typeof source !== 'object') return null;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (typeof value === 'function') {
    const fn = value as (a: Record<string, unknown>) => unknown;
    if (!ctx.bulk) return fn(args);
    const page = ctx.bulkPage;
    if (page && info.path.prev === undefined && getNamedType(info.returnType).name.endsWith('Connection')) {
      if (info.path.key !== page.key) return EMPTY_CONNECTION;
      const conn = fn({ ...args, first: page.first, last: null, before: null, after: page.after });
      const pi = conn !== null && typeof conn === 'object' ? (conn as { pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } }).pageInfo : undefined;
      page.pageInfo = pi ? { hasNextPage: pi.hasNextPage === true, endCursor: typeof pi.endCursor === 'string' ? pi.endCursor : null } : null;
      return conn;
    }
    return fn({ ...args, first: null, last: null, __all: true });
  }
  if (value === undefined) {
    if (isNonNullType(info.returnType)) {
      throw new GraphQLError(`${info.parentType.name}.${info.fieldName} is not implemented in the Shopify emulator`, {
        extensions: { code: 'NOT_IMPLEMENTED' },
      });
    }
    return null;
  }
  return value;
};

/** graphql-js validation messages, reworded the way Shopify's (graphql-ruby) are. */
function shopifyValidationError(e: GraphQLError): GraphQLFormattedError {
  const base = e.toJSON();
  let m = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(e.message);
  if (m)
    return { ...base, message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`, extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] } };
  m = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./.exec(e.message);
  if (m)
    return {
      ...base,
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
    };
  m = /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./.exec(e.message);
  if (m)
    return {
      ...base,
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
    };
  m = /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/.exec(e.message);
  if (m) {
    const typeName = (m[2] ?? '').replace(/[[\]!]/g, '');
    return {
      ...base,
      message: `Field must have selections (field '${m[1]}' returns ${typeName} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName },
    };
  }
  return { ...base, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
}

/** Documents kept parsed and validated (a client sends the same few queries again and again). */
const PREPARED_CACHE_SIZE = 200;

export class GraphqlExecutor {
  /** Query text → its valid document: parsing and validating against the Admin schema cost more than a page of results. */
  #prepared = new Map<string, DocumentNode>();

  constructor(private readonly opts: ExecutorOptions) {}

  #cost(requested: number | null, actual: number | null): Record<string, unknown> {
    return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.opts.bucket.status() };
  }

  #errors(errors: GraphQLFormattedError[], requested: number | null = null): GraphqlResponse {
    return { status: 200, body: { errors, extensions: { cost: this.#cost(requested, null) } } };
  }

  /** Parses and validates; returns the document or the error response. */
  prepare(query: string): { document: DocumentNode } | { response: GraphqlResponse } {
    const known = this.#prepared.get(query);
    if (known) return { document: known };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      if (err instanceof GraphQLError) return { response: this.#errors([{ ...err.toJSON(), extensions: { code: 'PARSE_ERROR' } }]) };
      throw err;
    }
    const errors = validate(this.opts.schema, document);
    if (errors.length > 0) return { response: this.#errors(errors.map(shopifyValidationError)) };
    if (this.#prepared.size >= PREPARED_CACHE_SIZE) this.#prepared.clear();
    this.#prepared.set(query, document);
    return { document };
  }

  async run(body: unknown, ctx: GraphqlContext): Promise<GraphqlResponse> {
    const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (typeof b.query !== 'string' || b.query.trim() === '') {
      return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
    }
    const prepared = this.prepare(b.query);
    if ('response' in prepared) return prepared.response;
    const { document } = prepared;
    const opName = typeof b.operationName === 'string' && b.operationName !== '' ? b.operationName : undefined;
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = opName ? ops.find((o) => o.name?.value === opName) : ops.length === 1 ? ops[0] : undefined;
    if (!operation) {
      return this.#errors([
        { message: opName ? `No operation named "${opName}"` : 'An operation name is required', extensions: { code: 'OPERATION_NOT_FOUND' } },
      ]);
    }
    if (operation.operation === 'subscription') return this.#errors([{ message: 'Subscriptions are not supported', extensions: { code: 'BAD_REQUEST' } }]);
    const rawVars = b.variables !== null && typeof b.variables === 'object' ? (b.variables as Record<string, unknown>) : {};
    const coerced = getVariableValues(this.opts.schema, operation.variableDefinitions ?? [], rawVars);
    if (coerced.errors) {
      return this.#errors(coerced.errors.map((e) => ({ ...e.toJSON(), extensions: { code: 'INVALID_VARIABLE' } })));
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const costInput = { schema: this.opts.schema, operation, fragments, variables: coerced.coerced };
    const requested = queryCost(costInput);
    if (requested > MAX_QUERY_COST) {
      return this.#errors(
        [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST, documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        requested,
      );
    }
    if (!this.opts.bucket.take(requested)) {
      this.opts.onThrottled();
      return this.#errors([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], requested);
    }
    this.opts.takeSearchWarnings();
    const result = await execute({
      schema: this.opts.schema,
      document,
      rootValue: operation.operation === 'mutation' ? this.opts.rootValue.mutation : this.opts.rootValue.query,
      contextValue: ctx,
      variableValues: rawVars,
      operationName: opName,
      fieldResolver,
    });
    const actual = operation.operation === 'mutation' ? requested : Math.min(requested, queryCost(costInput, result.data ?? null));
    this.opts.bucket.refund(requested - actual);
    const search = this.opts.takeSearchWarnings();
    const out: Record<string, unknown> = {};
    if (result.errors) out.errors = result.errors.map((e) => e.toJSON());
    out.data = result.data ?? null;
    out.extensions = { cost: this.#cost(requested, actual), ...(search.length > 0 ? { search } : {}) };
    return { status: 200, body: out };
  }
}
