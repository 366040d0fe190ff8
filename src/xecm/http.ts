import { Readable } from 'node:stream';
import { Agent, FormData as UndiciFormData, request } from 'undici';

/** The fetch the xECM client calls (injectable: tests pass scripted or contract-checking transports). */
export type FetchFn = typeof fetch;

/** The multipart form class the transport streams (undici's: it computes the length and streams file parts). */
export { UndiciFormData as StreamingFormData };

export interface PooledFetchOptions {
  /** Keep-alive connections per origin. (Default: 8) */
  connections: number;
}

/**
 * A fetch-shaped transport over undici's `request` with a keep-alive connection pool. Unlike
 * `fetch` (Node's and undici's alike), `request` streams request bodies with backpressure, so a
 * 200 MB upload never sits in memory (bench/upload-large.ts measures it). The shape stays
 * fetch-like so tests can inject scripted or contract-checking transports.
 */
export function pooledFetch(opts: PooledFetchOptions): { fetch: FetchFn; close: () => Promise<void> } {
  const agent = new Agent({ connections: opts.connections, keepAliveTimeout: 30_000 });
  const f: FetchFn = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    let body: string | UndiciFormData | Readable | undefined;
    const b = init?.body;
    if (b instanceof URLSearchParams) {
      body = b.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    } else if (b instanceof UndiciFormData) {
      body = b;
    } else if (typeof b === 'string') {
      body = b;
    } else if (b !== undefined && b !== null) {
      throw new TypeError('pooledFetch: unsupported body type (use URLSearchParams, a string or StreamingFormData)');
    }
    const res = await request(url, {
      method: (init?.method ?? 'GET') as 'GET',
      headers,
      body,
      dispatcher: agent,
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) for (const x of v) out.append(k, x);
      else if (v !== undefined) out.set(k, v);
    }
    const stream = res.statusCode === 204 || res.statusCode === 304 ? null : (Readable.toWeb(res.body) as ReadableStream<Uint8Array>);
    return new Response(stream, { status: res.statusCode, headers: out });
  };
  return { fetch: f, close: () => agent.close() };
}

/** One request as the xECM client hands it to its transport. */
export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  body: URLSearchParams | UndiciFormData | undefined;
  signal: AbortSignal;
}

/** An answer as the xECM client reads it: its status, its headers, and its body read once. */
export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
  bytes(): Promise<Buffer>;
  /** The body as a stream (nothing for 204 and 304). */
  stream(): AsyncIterable<Uint8Array>;
  /** Drops a body that will not be read, so its connection is freed. */
  discard(): void;
}

export type Transport = (url: URL, req: TransportRequest) => Promise<TransportResponse>;

async function* noBody(): AsyncIterable<Uint8Array> {
  // 204, 304
}

/**
 * The transport the client uses by default: undici's `request` on a keep-alive pool, its answer
 * read straight from undici's body (no WHATWG Response or web stream in between, which cost more
 * CPU per call than the rest of the client). Request bodies stream as in `pooledFetch`.
 */
export function pooledTransport(opts: PooledFetchOptions): { send: Transport; close: () => Promise<void> } {
  const agent = new Agent({ connections: opts.connections, keepAliveTimeout: 30_000 });
  const send: Transport = async (url, req) => {
    const headers = { ...req.headers };
    let body: string | UndiciFormData | undefined;
    if (req.body instanceof URLSearchParams) {
      body = req.body.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    } else body = req.body;
    const res = await request(url, { method: req.method as 'GET', headers, body, dispatcher: agent, signal: req.signal });
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return {
      status: res.statusCode,
      header(name) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
      text: () => res.body.text(),
      bytes: async () => Buffer.from(await res.body.arrayBuffer()),
      stream: () => (empty ? noBody() : res.body),
      discard: () => res.body.destroy(),
    };
  };
  return { send, close: () => agent.close() };
}

/** A fetch function (a test's scripted or contract-checking one) as a transport. */
export function fetchTransport(f: FetchFn): Transport {
  return async (url, req) => {
    const res = await f(url, { method: req.method, headers: req.headers, body: req.body as RequestInit['body'], signal: req.signal });
    return {
      status: res.status,
      header: (name) => res.headers.get(name),
      text: () => res.text(),
      bytes: async () => Buffer.from(await res.arrayBuffer()),
      stream: () => res.body ?? noBody(),
      discard: () => void res.body?.cancel().catch(() => undefined),
    };
  };
}
