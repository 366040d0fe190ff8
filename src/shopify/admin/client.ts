import { createAdminApiClient } from '@shopify/admin-api-client';
import type { ShopConfig } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import { backoffDelay } from '../../util/backoff.js';
import { sleep } from '../../util/sleep.js';
import { CircuitBreaker } from './circuit.js';
import { mapShopifyFailure, ShopifyError } from './errors.js';
import { CostThrottle } from './throttle.js';

export type FetchFn = typeof fetch;
type ApiResponse = Awaited<ReturnType<ReturnType<typeof createAdminApiClient>['request']>>;

/** A typed operation: the document and the shapes of its variables and result. */
export interface Operation<TData, TVars extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  document: string;
  /** Expected cost before Shopify has told us the real one (its static estimate). */
  estimatedCost: number;
  /** Phantom fields that carry the types. */
  __data?: TData;
  __vars?: TVars;
}

export interface AdminClientOptions {
  shop: Pick<ShopConfig, 'domain' | 'accessToken' | 'apiVersion' | 'adminUrl'>;
  log: Logger;
  fetch?: FetchFn;
  /** Attempts for throttled and 429 answers. (Default: 5) */
  maxAttempts?: number;
  throttle?: CostThrottle;
  /** Per-request timeout (ms). (Default: 30000) */
  timeoutMs?: number;
  circuit?: CircuitBreaker;
  /** Told of the cost points Shopify charged for each answered call (`extensions.cost.actualQueryCost`): for metrics. */
  onCost?: (points: number) => void;
  /** Told of each wait for the cost bucket, or after a THROTTLED or 429 answer (ms): for metrics. */
  onThrottle?: (ms: number) => void;
}

/**
 * In-job retries of an unreachable Admin API (network, 5xx) are short: one more try after at most a
 * second. The queue's backoff does the longer waiting, with no worker slot held.
 */
/** Most time one call waits out THROTTLED answers before it gives up (its job or sync then retries later). */
const THROTTLED_WAIT_MAX_MS = 120_000;
const UNAVAILABLE_ATTEMPTS = 2;
const UNAVAILABLE_WAIT_MAX_MS = 1000;

export interface CostInfo {
  requestedQueryCost: number;
  actualQueryCost: number | null;
}

/**
 * The Admin GraphQL client: `@shopify/admin-api-client` with a pinned API version underneath (its own
 * retries off), plus what it lacks: cost-aware throttling from `extensions.cost.throttleStatus`,
 * handling of THROTTLED (an HTTP 200), 429 with Retry-After and 5xx with backoff, and typed errors.
 * `adminUrl` points it at the emulator (the library always builds https://{shop}).
 */
/** The origin a redirect points at (never the full URL: it may carry a query with secrets). */
function redirectOrigin(location: string | null, base: string): string {
  if (!location) return 'no location';
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid location';
  }
}

export class AdminClient {
  readonly #api: ReturnType<typeof createAdminApiClient>;
  readonly #log: Logger;
  readonly #maxAttempts: number;
  /** The redirect the last call refused, if any (the library wraps errors thrown by its fetch). */
  readonly #redirected: () => ShopifyError | undefined;
  readonly throttle: CostThrottle;
  readonly circuit: CircuitBreaker;
  /** Last known real cost per operation name: a better estimate than the static one. */
  readonly #costs = new Map<string, number>();
  readonly #onCost: ((points: number) => void) | undefined;
  readonly #onThrottle: ((ms: number) => void) | undefined;
  /** THROTTLED answers received (sync asserts it stays 0). */
  throttledCount = 0;
  /** Cost points Shopify charged so far (sum of actualQueryCost). */
  pointsSpent = 0;

  constructor(opts: AdminClientOptions) {
    if (!opts.shop.accessToken) throw new ShopifyError('SHOPIFY_AUTH_FAILED', `shop ${opts.shop.domain}: no Admin API access token configured`);
    const inner = opts.fetch ?? fetch;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    let redirected: ShopifyError | undefined;
    this.#redirected = () => {
      const r = redirected;
      redirected = undefined;
      return r;
    };
    const origin = `https://${opts.shop.domain}`;
    const adminUrl = opts.shop.adminUrl?.replace(/\/+$/, '');
    this.#api = createAdminApiClient({
      storeDomain: opts.shop.domain,
      apiVersion: opts.shop.apiVersion,
      accessToken: opts.shop.accessToken,
      retries: 0,
      // Never follow a redirect: the access token would go along to wherever it points.
      customFetchApi: async (url, init) => {
        const target = adminUrl && url.startsWith(origin) ? adminUrl + url.slice(origin.length) : url;
        const timeout = AbortSignal.timeout(timeoutMs);
        const res = await inner(target, { ...init, redirect: 'manual', signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
        if (res.status >= 300 && res.status < 400) {
          redirected = new ShopifyError(
            'SHOPIFY_REDIRECT_REFUSED',
            `the Admin API answered ${res.status} towards ${redirectOrigin(res.headers.get('location'), target)}; redirects are not followed (the access token would go along)`,
            res.status,
          );
          throw redirected;
        }
        return res;
      },
    });
    this.#log = opts.log.child({ component: 'shopify', shop: opts.shop.domain });
    this.#maxAttempts = opts.maxAttempts ?? 5;
    this.throttle = opts.throttle ?? new CostThrottle();
    this.circuit = opts.circuit ?? new CircuitBreaker();
    this.#onCost = opts.onCost;
    this.#onThrottle = opts.onThrottle;
  }

  /** Tells an observer; its failure is never the call's. */
  #tell(observer: ((n: number) => void) | undefined, n: number): void {
    if (!observer || !(n > 0)) return;
    try {
      observer(n);
    } catch {
      // an observer's failure is never the call's
    }
  }

  async request<TData, TVars extends Record<string, unknown>>(op: Operation<TData, TVars>, variables?: TVars): Promise<{ data: TData; cost: CostInfo }> {
    let unavailable = 0;
    let throttledMs = 0;
    for (let attempt = 1; ; attempt++) {
      this.circuit.check(op.name);
      const estimate = this.#costs.get(op.name) ?? op.estimatedCost;
      this.#tell(this.#onThrottle, await this.throttle.acquire(estimate));
      const started = performance.now();
      let res: ApiResponse;
      try {
        res = await this.#api.request(op.document, { variables: variables ?? {} });
      } catch (err) {
        res = { errors: { message: err instanceof Error ? err.message : String(err) } };
      }
      const refused = this.#redirected();
      if (refused) {
        this.#log.error({ op: op.name, status: refused.status, err: refused.message }, 'Admin API call refused a redirect');
        throw refused;
      }
      const cost = res.extensions?.cost;
      this.throttle.update(cost?.throttleStatus, estimate, cost?.actualQueryCost);
      if (typeof cost?.requestedQueryCost === 'number') this.#costs.set(op.name, cost.requestedQueryCost);
      if (typeof cost?.actualQueryCost === 'number') {
        this.pointsSpent += cost.actualQueryCost;
        this.#tell(this.#onCost, cost.actualQueryCost);
      }
      const ms = Math.round(performance.now() - started);
      const gqlCodes = (res.errors?.graphQLErrors ?? []).map((e) => String(e.extensions?.code ?? ''));
      if (!res.errors && res.data !== undefined) {
        this.circuit.success();
        this.#log.debug({ op: op.name, ms, cost: cost?.actualQueryCost, available: cost?.throttleStatus?.currentlyAvailable }, 'Admin API call');
        return { data: res.data as TData, cost: { requestedQueryCost: cost?.requestedQueryCost ?? estimate, actualQueryCost: cost?.actualQueryCost ?? null } };
      }
      const status = res.errors?.networkStatusCode;
      if (gqlCodes.includes('THROTTLED')) this.throttledCount++;
      const retryAfter = Number(res.errors?.response?.headers.get('retry-after'));
      const waitMs = gqlCodes.includes('THROTTLED')
        ? Math.ceil(
            (Math.max(0, estimate - (cost?.throttleStatus?.currentlyAvailable ?? 0)) / (cost?.throttleStatus?.restoreRate ?? this.throttle.restoreRate)) * 1000,
          )
        : Number.isFinite(retryAfter) && retryAfter > 0
          ? retryAfter * 1000
          : backoffDelay(attempt, 500, 30_000);
      const message = res.errors?.graphQLErrors?.map((e) => e.message).join('; ') || res.errors?.message || 'no data';
      const err = mapShopifyFailure(op.name, status, message, gqlCodes, waitMs);
      this.#log[err.retryable ? 'warn' : 'error']({ op: op.name, ms, status, codes: gqlCodes, attempt, err: err.message }, 'Admin API call failed');
      const broken = err.code === 'SHOPIFY_UNAVAILABLE' || err.code === 'SHOPIFY_AUTH_FAILED';
      if (broken && this.circuit.failure(err.message)) this.#log.error({ op: op.name, err: err.message }, 'Admin API failing: calls are backed off as a whole');
      if (!broken) this.circuit.success();
      if (err.code === 'SHOPIFY_UNAVAILABLE') unavailable++;
      // THROTTLED is the bucket saying when to come back, not a failure: it spends no attempt, only
      // time (up to THROTTLED_WAIT_MAX_MS per call). Other processes of this app (several workers,
      // `sync` beside `serve`) draw on the same bucket, so the wait gets jitter and may be needed again.
      if (err.code === 'SHOPIFY_THROTTLED') {
        const wait = waitMs + Math.round(Math.random() * Math.min(1_000, waitMs / 2 + 100));
        if (throttledMs + wait > THROTTLED_WAIT_MAX_MS) throw err;
        throttledMs += wait;
        attempt--;
        this.#tell(this.#onThrottle, wait);
        await sleep(wait);
        continue;
      }
      if (!err.retryable || attempt >= this.#maxAttempts || unavailable >= UNAVAILABLE_ATTEMPTS) throw err;
      await sleep(err.code === 'SHOPIFY_UNAVAILABLE' ? Math.min(waitMs, UNAVAILABLE_WAIT_MAX_MS) : waitMs);
    }
  }

  /** Walks a connection with cursors; `select` picks the connection out of the data. */
  async *paginate<TNode, TData, TVars extends Record<string, unknown>>(
    op: Operation<TData, TVars & { after?: string | null }>,
    variables: TVars,
    select: (data: TData) => { nodes: TNode[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } },
  ): AsyncGenerator<TNode[]> {
    let after: string | null = null;
    for (;;) {
      const { data } = await this.request(op, { ...variables, after } as TVars & { after?: string | null });
      const conn = select(data);
      yield conn.nodes;
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return;
      after = conn.pageInfo.endCursor;
    }
  }
}
