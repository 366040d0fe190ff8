import type { FastifyRequest } from 'fastify';
import type { StoredFile } from './content.js';
import { OtcsError } from './envelopes.js';

/**
 * Request-data normalisation. OTCS takes the same parameters as plain form fields, as one form field
 * `body` holding JSON, as multipart parts, or (newer releases) as a raw JSON body; the emulator accepts
 * all of them on every write endpoint. A `body` JSON object is merged over the plain fields (the real
 * server's precedence is not documented).
 */

/** A file part, already streamed to the content directory (see `ContentStore`). */
export interface UploadedFile extends StoredFile {
  field: string;
  filename: string;
  mimetype: string;
}

export interface RequestData {
  /** Parameters; repeated form keys become arrays (multi-value attributes). */
  fields: Record<string, unknown>;
  files: UploadedFile[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

interface PartLike {
  type: 'file' | 'field';
  value?: unknown;
  filename?: string;
  mimetype?: string;
}

/** The multipart `onFile` handler stores each file and leaves this as the part's value. */
export function isStoredFile(v: unknown): v is StoredFile {
  return isRecord(v) && typeof v.blob === 'string' && typeof v.size === 'number' && typeof v.sha256 === 'string';
}

function isPart(v: unknown): v is PartLike {
  return isRecord(v) && (v.type === 'field' || v.type === 'file') && typeof v.fieldname === 'string';
}

function fromMultipart(raw: Record<string, unknown>): RequestData {
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    const parts = Array.isArray(entry) ? entry : [entry];
    const values: unknown[] = [];
    for (const part of parts) {
      if (!isPart(part)) continue;
      if (part.type === 'file' && isStoredFile(part.value)) {
        const { blob, size, sha256 } = part.value;
        files.push({ field: key, filename: part.filename ?? key, mimetype: part.mimetype ?? 'application/octet-stream', blob, size, sha256 });
      } else if (part.type === 'field') {
        values.push(part.value);
      }
    }
    if (values.length === 1) fields[key] = values[0];
    else if (values.length > 1) fields[key] = values;
  }
  return { fields, files };
}

/** Reads a request's parameters whatever their encoding. Invalid `body` JSON → 400. */
export async function readRequestData(req: FastifyRequest): Promise<RequestData> {
  const raw: unknown = req.body;
  let data: RequestData;
  if (req.isMultipart() && isRecord(raw)) data = fromMultipart(raw);
  else if (isRecord(raw)) data = { fields: { ...raw }, files: [] };
  else if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    // text/plain JSON (the CS spec's request body for name validation)
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new OtcsError(400, 'Invalid JSON in the request body');
    }
    data = { fields: isRecord(parsed) ? { body: parsed } : {}, files: [] };
  } else data = { fields: {}, files: [] };

  let bodyField = data.fields.body;
  if (Array.isArray(bodyField)) bodyField = bodyField[bodyField.length - 1];
  if (typeof bodyField === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bodyField);
    } catch {
      throw new OtcsError(400, 'Invalid JSON in the body parameter');
    }
    if (!isRecord(parsed)) throw new OtcsError(400, 'The body parameter must be a JSON object');
    bodyField = parsed;
  }
  if (isRecord(bodyField)) {
    const { body: _ignored, ...plain } = data.fields;
    data.fields = { ...plain, ...bodyField };
  }
  return data;
}

/** First value of a parameter as a string (numbers and booleans are stringified). */
export function str(fields: Record<string, unknown>, key: string): string | undefined {
  let v = fields[key];
  if (Array.isArray(v)) v = v[0];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A parameter as an integer; undefined when absent or empty, 400 when not numeric. */
export function int(fields: Record<string, unknown>, key: string): number | undefined {
  const s = str(fields, key);
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new OtcsError(400, `Invalid value for parameter '${key}': ${s}`);
  return n;
}

/** OTCS flags: `true`, `1`, or present without a value (`?metadata`). */
export function bool(fields: Record<string, unknown>, key: string, dflt = false): boolean {
  const s = str(fields, key);
  if (s === undefined) return dflt;
  return s === '' || s === '1' || s.toLowerCase() === 'true';
}

export { isRecord };
