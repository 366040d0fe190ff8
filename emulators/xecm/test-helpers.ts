import type { FastifyInstance } from 'fastify';
import { buildXecmEmulator } from './index.js';
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
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, payload: string, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
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
