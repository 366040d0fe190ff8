import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { parseFaultSpec } from './faults.js';
import type { FaultSpec } from './faults.js';
import type { AttributeRenames } from './seed.js';

/** Options of the xECM (OpenText Content Server REST) emulator. */
export interface XecmEmulatorOptions {
  /** Content Server path; REST lives at `${csPath}/api/v1|v2/...`. (Default: '/otcs/cs.exe') */
  csPath?: string;
  /** Login name of the technical user. (Default: 'Admin') */
  user?: string;
  /** Its password. (Default: 'livelink') */
  password?: string;
  /** SQLite file for emulator state; a file survives restarts. (Default: ':memory:') */
  dbPath?: string;
  /** A ticket expires after this idle time, ms. (Default: 30 minutes) */
  ticketIdleMs?: number;
  /** Every REST answer's response time, ms: it leaves no sooner than this after its request arrived. (Default: 0) */
  latencyMs?: number;
  /** Seed the default model without these workspace type names (for `check` tests). (Default: none) */
  omitWorkspaceTypes?: string[];
  /**
   * Seed the default model with some category attributes named differently, per workspace type:
   * `{ 'Shopify Order': { Customer: 'Customer Name' } }` (for model-drift tests). (Default: none)
   */
  renameAttributes?: AttributeRenames;
  /** Fastify logging: false, true, or a pino logger. (Default: false) */
  logger?: boolean | Logger;
  /**
   * Directory for document content. (Default: `<dbPath>.content/` for a file database, else a
   * temporary directory removed on close)
   */
  contentDir?: string;
  /** Largest accepted file part, bytes. (Default: 2 GiB) */
  maxFileSize?: number;
  /** Fault injection: a spec string (grammar in faults.ts) or a parsed spec. (Default: none) */
  faults?: FaultSpec | string;
  /** How long a `timeout` fault holds the answer before its 504, ms. (Default: 65 000) */
  timeoutHoldMs?: number;
  /** Seed of the fault PRNG; the same seed gives the same fault sequence. (Default: 1) */
  seed?: number;
}

export interface StartedXecmEmulator {
  /** e.g. `http://127.0.0.1:PORT/otcs/cs.exe`, the value for XECM_URL. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the emulator as a Fastify app without listening (use `inject()` in tests). */
export async function buildXecmEmulator(opts: XecmEmulatorOptions = {}): Promise<FastifyInstance> {
  const csPath = `/${(opts.csPath ?? '/otcs/cs.exe').replace(/^\/+|\/+$/g, '')}`;
  return buildApp({
    csPath,
    user: opts.user ?? 'Admin',
    password: opts.password ?? 'livelink',
    dbPath: opts.dbPath ?? ':memory:',
    ticketIdleMs: opts.ticketIdleMs ?? 30 * 60 * 1000,
    latencyMs: opts.latencyMs ?? 0,
    omitWorkspaceTypes: opts.omitWorkspaceTypes ?? [],
    renameAttributes: opts.renameAttributes ?? {},
    logger: opts.logger ?? false,
    contentDir: opts.contentDir,
    maxFileSize: opts.maxFileSize ?? 2 * 1024 * 1024 * 1024,
    faults: typeof opts.faults === 'string' ? parseFaultSpec(opts.faults) : opts.faults,
    timeoutHoldMs: opts.timeoutHoldMs ?? 65_000,
    seed: opts.seed ?? 1,
  });
}

/** Builds and listens (default 127.0.0.1, a free port). */
export async function startXecmEmulator(opts: XecmEmulatorOptions & { host?: string; port?: number } = {}): Promise<StartedXecmEmulator> {
  const app = await buildXecmEmulator(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const csPath = `/${(opts.csPath ?? '/otcs/cs.exe').replace(/^\/+|\/+$/g, '')}`;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}${csPath}`, port, close: () => app.close() };
}

export { DEFAULT_MODEL, SEED_IDS } from './seed.js';
export type { AttributeRenames } from './seed.js';
export { formatFaultSpec, parseFaultSpec } from './faults.js';
export type { FaultSpec } from './faults.js';
export type { AttributeDef, CategoryDef, MemberDef, RoleDef, WorkspaceTypeDef, XecmModel } from './types.js';
