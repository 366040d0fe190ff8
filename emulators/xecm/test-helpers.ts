import type { FastifyInstance } from 'fastify';
import { buildXecmEmulator, DEFAULT_MODEL } from './index.js';
import type { XecmEmulatorOptions } from './index.js';

/** Test helpers for the emulator's own tests (form encoding, authenticated calls). */

export const API = '/otcs/cs.exe/api';

export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function login(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'POST', url: `${API}/v1/auth`, headers: FORM, payload: form({ username: 'Admin', password: 'livelink' }) });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { ticket: string }).ticket;
}

export interface Session {
  app: FastifyInstance;
  ticket: string;
  get(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }>;
  send(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** POST/PUT with form field `body=<JSON>` as pyxecm sends v2 create/update calls. */
  sendBody(method: 'POST' | 'PUT', path: string, value: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function session(opts: XecmEmulatorOptions = {}): Promise<Session> {
  const app = await buildXecmEmulator(opts);
  const ticket = await login(app);
  const s: Session = {
    app,
    ticket,
    async get(path) {
      const res = await app.inject({ method: 'GET', url: `${API}${path}`, headers: { otcsticket: ticket } });
      return { status: res.statusCode, body: res.json() as Record<string, unknown>, headers: res.headers };
    },
    async send(method, path, payload, headers = FORM) {
      const res = await app.inject({ method, url: `${API}${path}`, headers: { ...headers, OTCSTicket: ticket }, payload });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    },
    sendBody(method, path, value) {
      return s.send(method, path, form({ body: JSON.stringify(value) }));
    },
  };
  return s;
}

/** A multipart/form-data payload (built by the platform's FormData, as a client would). */
export async function multipart(
  fields: Record<string, string>,
  file?: { name: string; type?: string; data: Uint8Array | string; field?: string },
): Promise<{ headers: Record<string, string>; payload: Buffer }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) {
    const bytes = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data;
    fd.append(file.field ?? 'file', new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  const req = new Request('http://x/', { method: 'POST', body: fd });
  return { headers: { 'content-type': req.headers.get('content-type') ?? '' }, payload: Buffer.from(await req.arrayBuffer()) };
}

/** Uploads a document with `body` JSON + `file`, as pyxecm does; returns the raw inject response. */
export async function upload(
  s: Session,
  parentId: number,
  name: string,
  data: Uint8Array | string,
  extra: Record<string, unknown> = {},
  type = 'application/pdf',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const mp = await multipart({ body: JSON.stringify({ type: 144, parent_id: parentId, name, ...extra }) }, { name, type, data });
  const res = await s.app.inject({ method: 'POST', url: `${API}/v2/nodes`, headers: { ...mp.headers, otcsticket: s.ticket }, payload: mp.payload });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** Creates an order workspace (Shopify Order type) with a business object; returns its id. */
export async function createWorkspace(s: Session, boId: string, opts: { name?: string; boType?: string; typeName?: string } = {}): Promise<number> {
  const t = DEFAULT_MODEL.workspaceTypes.find((x) => x.name === (opts.typeName ?? 'Shopify Order'));
  if (!t) throw new Error('no such type');
  const res = await s.sendBody('POST', '/v2/businessworkspaces', {
    template_id: t.templateId,
    name: opts.name ?? `${t.name} ${boId}`,
    ext_system_id: 'shopify',
    bo_type: t.boType,
    bo_id: boId,
  });
  if (res.status !== 200) throw new Error(`create workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.results as { id: number }).id;
}
