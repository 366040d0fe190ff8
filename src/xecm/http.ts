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
