import { IntegrationError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { z } from 'zod';

export interface XecmErrorInfo {
  method: string;
  path: string;
  status: number | undefined;
  /** Content Server's own `error` text, when the body was JSON. */
  otcsMessage?: string;
  requestId: string;
}

/** A failed Content Server call; `retryable` says whether trying again can help. */
export class XecmError extends IntegrationError {
  readonly status: number | undefined;
  readonly otcsMessage: string | undefined;

  constructor(code: ErrorCode, message: string, info: XecmErrorInfo, cause?: unknown) {
    super(code, message, { cause, details: { ...info } });
    this.status = info.status;
    this.otcsMessage = info.otcsMessage;
  }
}

/** Pulls `{"error": "..."}` out of a body; Content Server sometimes answers HTML (proxies, restarts). */
export function otcsErrorText(bodyText: string): string | undefined {
  try {
    const j = JSON.parse(bodyText) as unknown;
    if (j && typeof j === 'object' && 'error' in j && typeof j.error === 'string') return j.error;
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * One place maps a failed response to an error class (otcs-api.md §6.1): duplicates are a 500 with
 * "already exists", "Could not get a node" is a not-found whatever the status, other 5xx and
 * non-JSON bodies are transient.
 */
export function mapXecmFailure(method: string, path: string, status: number, bodyText: string, requestId: string): XecmError {
  const otcsMessage = otcsErrorText(bodyText);
  const info: XecmErrorInfo = { method, path, status, requestId, ...(otcsMessage === undefined ? {} : { otcsMessage }) };
  const what = `${method} ${path} → ${status}${otcsMessage ? `: ${otcsMessage}` : otcsMessage === undefined && bodyText.trimStart().startsWith('<') ? ' (HTML body)' : ''}`;
  const msg = otcsMessage ?? '';
  if (/already exists/i.test(msg)) return new XecmError('XECM_ALREADY_EXISTS', what, info);
  if (/could not get a node|not found|could not be accessed/i.test(msg) || status === 404) {
    return new XecmError('XECM_NOT_FOUND', what, info);
  }
  if (status === 401) return new XecmError('XECM_AUTH_FAILED', what, info);
  if (status === 403) return new XecmError('XECM_FORBIDDEN', what, info);
  if (status === 409) return new XecmError('XECM_CONFLICT', what, info);
  if (status === 429 || status >= 500) return new XecmError('XECM_UNAVAILABLE', what, info);
  return new XecmError('XECM_BAD_REQUEST', what, info);
}

export function transportFailure(method: string, path: string, requestId: string, cause: unknown): XecmError {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : undefined;
  const code = inner && 'code' in inner ? String(inner.code) : undefined;
  const reason =
    cause instanceof Error
      ? cause.name === 'TimeoutError'
        ? 'timed out'
        : `${cause.message}${code ? ` (${code})` : inner ? ` (${inner.message})` : ''}`
      : String(cause);
  return new XecmError('XECM_UNAVAILABLE', `${method} ${path} failed: ${reason}`, { method, path, status: undefined, requestId }, cause);
}

/**
 * Reads a response with the zod shape the connector relies on; a body of another shape (a proxy page,
 * a server mid-restart, an incompatible release) is a transient failure naming the first mismatch.
 */
export function parseResponse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new XecmError('XECM_UNAVAILABLE', `${what}: unexpected response shape (${i?.path.join('.') ?? ''} ${i?.message ?? ''})`, {
      method: 'GET',
      path: what,
      status: 200,
      requestId: '-',
    });
  }
  return r.data;
}
