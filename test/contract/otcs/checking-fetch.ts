import type { FetchFn } from '../../../src/xecm/client.js';
import { StreamingFormData } from '../../../src/xecm/http.js';
import { validateRequest, validateResponse } from './validator.js';

export interface ContractViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  status?: number;
  errors: readonly string[];
}

export interface ContractLog {
  /** Every call seen, as "METHOD /api/path" with its status. */
  calls: Array<{ method: string; path: string; status: number; checked: boolean }>;
  violations: ContractViolation[];
}

function fieldsOf(body: RequestInit['body'] | StreamingFormData): { contentType?: string; fields: Record<string, unknown> } {
  if (body instanceof URLSearchParams) {
    const fields: Record<string, unknown> = {};
    for (const key of new Set(body.keys())) {
      const all = body.getAll(key);
      fields[key] = all.length > 1 ? all : all[0];
    }
    return { contentType: 'application/x-www-form-urlencoded', fields };
  }
  if (body instanceof FormData || body instanceof StreamingFormData) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of (body as FormData).entries()) fields[k] = typeof v === 'string' ? v : { file: v.name, size: v.size };
    return { contentType: 'multipart/form-data', fields };
  }
  if (typeof body === 'string') {
    try {
      return { contentType: 'application/json', fields: JSON.parse(body) as Record<string, unknown> };
    } catch {
      return { fields: {} };
    }
  }
  return { fields: {} };
}

/**
 * A fetch that validates every OTCS request it sends and every JSON response it gets against the
 * contract derived from OpenText's OpenAPI documents, recording violations (tests assert none; a
 * deployment can log them to learn where a real server differs).
 */
export function contractCheckingFetch(inner: FetchFn, log: ContractLog = { calls: [], violations: [] }): { fetch: FetchFn; log: ContractLog } {
  const checked: FetchFn = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key] = all.length > 1 ? all : (all[0] ?? '');
    }
    const { contentType, fields } = fieldsOf(init?.body as RequestInit['body'] | StreamingFormData);
    const req = validateRequest({ method, path: url.pathname, query, ...(contentType ? { contentType } : {}), fields });
    if (!req.ok) log.violations.push({ direction: 'request', method, path: url.pathname, errors: req.errors });
    const res = await inner(input, init);
    let responseChecked = false;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      const text = await res.clone().text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const r = validateResponse({ method, path: url.pathname, status: res.status, body });
      responseChecked = r.ok ? r.unchecked !== true : true;
      if (!r.ok) log.violations.push({ direction: 'response', method, path: url.pathname, status: res.status, errors: r.errors });
    }
    log.calls.push({ method, path: url.pathname, status: res.status, checked: responseChecked });
    return res;
  };
  return { fetch: checked, log };
}
