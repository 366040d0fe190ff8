import type { FastifyRequest } from 'fastify';
import type { ContentStore } from './content.js';
import type { FaultInjector } from './faults.js';
import type { XecmState } from './state.js';

/** What every route module gets: the state and the resolved options. */
export interface XecmContext {
  state: XecmState;
  csPath: string;
  user: string;
  password: string;
  ticketIdleMs: number;
  latencyMs: number;
  content: ContentStore;
  faults: FaultInjector;
}

/** The request's address relative to the Content Server path (`/api/v2/...`), as `links` show it. */
export function apiHref(ctx: XecmContext, req: FastifyRequest): string {
  return req.url.startsWith(ctx.csPath) ? req.url.slice(ctx.csPath.length) : req.url;
}

/** Query parameters as a plain record (repeated keys are arrays). */
export function query(req: FastifyRequest): Record<string, unknown> {
  const q: unknown = req.query;
  return typeof q === 'object' && q !== null ? { ...(q as Record<string, unknown>) } : {};
}

export function params(req: FastifyRequest): Record<string, string> {
  return req.params as Record<string, string>;
}
