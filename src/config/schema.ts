import { z } from 'zod';
import { complianceSchema } from '../rules/checklist.js';
import { archiveRuleSchema, rulesSchema } from '../rules/schema.js';
import type { WorkspaceKind } from '../vocabulary.js';

/** Admin API version the connector is written and tested against. */
export const DEFAULT_API_VERSION = '2026-07';

const nonEmpty = z.string().trim().min(1);
/**
 * A password, secret or token: kept byte for byte (never trimmed or otherwise normalised, since
 * leading or trailing spaces can be part of it); only a value with nothing but whitespace is refused.
 */
const secret = z.string().regex(/\S/, 'must not be empty');

export const shopSchema = z.object({
  /** `acme.myshopify.com`; kept in lower case (X-Shopify-Shop-Domain is compared lower-cased). */
  domain: nonEmpty.regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i, 'must look like <shop>.myshopify.com').toLowerCase(),
  /** App client secret: the webhook HMAC key. */
  apiSecret: secret,
  /** Admin API access token (needed by sync and webhooks register; optional for intake only). */
  accessToken: secret.optional(),
  apiVersion: z
    .string()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'must be YYYY-01|04|07|10')
    .default(DEFAULT_API_VERSION),
  /** Override of https://{domain} (the Shopify emulator). */
  adminUrl: z.url().optional(),
  /** xECM external system id for this shop's business objects. (Default: shopify) */
  externalSystemId: nonEmpty.default('shopify'),
  /**
   * The app's client id (API key): the audience of the admin's session tokens, which the API and
   * panel accept from embedded callers (the admin block, an app page). Without it they accept only
   * the API token.
   */
  clientId: nonEmpty.optional(),
});

export const xecmSchema = z.object({
  /** Content Server base, e.g. https://ecm.example.com/otcs/cs.exe (REST under /api). */
  url: z.url(),
  username: nonEmpty,
  password: secret,
  /** Per-request timeout (ms). (Default: 60000, as pyxecm) */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Upper bound of concurrent requests to Content Server. (Default: 8) */
  maxConcurrency: z.number().int().positive().default(8),
  /** Retries of a transient failure (network, 5xx, timeout) before giving up. (Default: 3) */
  retries: z.number().int().min(0).max(10).default(3),
  /** First retry delay (ms); doubles each time, with jitter. (Default: 500) */
  retryBaseMs: z.number().int().positive().default(500),
  /**
   * After Content Server refuses the sign-in (401/403 on POST /api/v1/auth, or no ticket), the client
   * does not try to sign in again for this long (ms), so a wrong password cannot lock the OTDS
   * account; calls fail at once with XECM_AUTH_FAILED until then or a restart; 0 turns this off. (Default: 300000, 5 min)
   */
  authRetryAfterMs: z.number().int().min(0).default(300_000),
});

export const queueSchema = z.object({
  /** Jobs run at once by one worker process. (Default: 4) */
  concurrency: z.number().int().positive().default(4),
  /**
   * Most jobs of one task at once in a worker process, so that one failing dependency cannot hold
   * every slot. (Default: order communications and product refreshes, which read the Admin API, take at most 1 each)
   */
  taskConcurrency: z.record(z.string(), z.number().int().positive()).default({ 'order.communications': 1, 'product.refresh': 1 }),
  /**
   * Attempts before a job with a transient failure (5xx, timeout, network, a busy database) becomes a
   * dead letter; permanent failures dead-letter at once. With the default backoff, 25 attempts span
   * about four to six hours, so an ordinary xECM maintenance window delays work without losing it.
   * (Default: 25)
   */
  maxAttempts: z.number().int().positive().default(25),
  /** First retry delay (ms), doubled per attempt with jitter. (Default: 2000) */
  backoffBaseMs: z.number().int().positive().default(2_000),
  /** Ceiling of the retry delay (ms). (Default: 1800000, 30 min) */
  backoffMaxMs: z.number().int().positive().default(1_800_000),
  /** A running job whose lock has not been refreshed for this long (ms) is taken back. (Default: 30000) */
  lockTimeoutMs: z.number().int().positive().default(30_000),
  /** Idle poll interval (ms). (Default: 250) */
  pollIntervalMs: z.number().int().positive().default(250),
  /**
   * On SIGTERM a worker takes no new job and gives the running ones this long (ms) to finish; then
   * it aborts them and releases them to run again (JOB_INTERRUPTED). (Default: 10000)
   */
  shutdownGraceMs: z.number().int().min(0).default(10_000),
});

export const serverSchema = z.object({
  host: nonEmpty.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  /** Largest webhook body accepted (bytes); above it 413. (Default: 2 MiB) */
  bodyLimitBytes: z
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  /** Bearer token for the API and panel. */
  apiToken: secret.optional(),
  /**
   * Bearer token a Prometheus scrape of GET /metrics must send. Unset: /metrics is open, so bind the
   * connector to a private interface or firewall the port (docs/decisions/0017-operator-metrics.md).
   */
  metricsToken: secret.optional(),
  /** Public HTTPS base URL Shopify reaches the connector at (used by `webhooks register`). */
  publicUrl: z.url().optional(),
});

/** Job 6, agent lookup (`GET /api/lookup`). */
export const lookupSchema = z.object({
  /** Base of deep links into Content Server's classic UI. (Default: xecm.url, e.g. …/otcs/cs.exe?func=ll&objId=…) */
  classicUrl: z.url().optional(),
  /** Base of deep links into Smart View. (Default: `<xecm.url>/app`, e.g. …/otcs/cs.exe/app/nodes/…) */
  smartViewUrl: z.url().optional(),
  /** Seconds a workspace's live documents and status are reused between lookups. (Default: 30) */
  documentCacheSeconds: z.number().min(0).default(30),
  /** Most matches in one answer. (Default: 10) */
  maxMatches: z.number().int().positive().max(50).default(10),
  /** Lookups per minute per caller (token or shop); above it 429. (Default: 120) */
  ratePerMinute: z.number().int().positive().default(120),
  /** Hosts that may frame the panel besides the Shopify admin (a help-desk's origin, e.g. https://acme.zendesk.com). */
  frameAncestors: z.array(z.string().regex(/^https:\/\/[^\s;,'"]+$/, 'an https origin')).default([]),
  /** Hours a panel sign-in lasts. (Default: 8) */
  panelSessionHours: z.number().positive().default(8),
});

export const syncSchema = z.object({
  /** `serve` reconciles with the Admin API this often (ms); 0 turns it off. (Default: 900000, 15 min) */
  intervalMs: z.number().int().min(0).default(900_000),
});

export const privacySchema = z.object({
  /**
   * Finished deliveries, events and job outcomes are kept this many days, then `serve` removes them
   * (at start and every hour). (Default: 30)
   */
  retentionDays: z.number().positive().default(30),
  /** Where customers/data_request exports are written. (Default: `privacy-exports/` beside the SQLite database) */
  exportDir: nonEmpty.optional(),
});

/** One workspace kind of the xECM model (DESIGN.md §3); every name is configurable. */
function workspaceKind(type: string, boType: string) {
  return z
    .object({
      workspaceType: nonEmpty.default(type),
      /** Category holding the synced attributes. (Default: the workspace type's name) */
      category: nonEmpty.default(type),
      boType: nonEmpty.default(boType),
    })
    .prefault({});
}

/** The xECM model the connector expects; `check` verifies it, the jobs resolve names to ids at run time. */
export const modelSchema = z.object({
  ...({
    order: workspaceKind('Shopify Order', 'shopify_order'),
    case: workspaceKind('Shopify Case', 'shopify_case'),
    account: workspaceKind('Shopify Customer Account', 'shopify_account'),
    exception: workspaceKind('Shopify Order Exception', 'shopify_order_exception'),
    product: workspaceKind('Shopify Product', 'shopify_product'),
  } satisfies Record<WorkspaceKind, ReturnType<typeof workspaceKind>>),
  /** Records-management classification for transaction records. */
  classification: nonEmpty.default('Shopify Transaction Records'),
  /**
   * Its node id (the RM API addresses classifications by id; the emulator seeds 3200). Without it,
   * rules with `classify: true` plan no classify step.
   */
  classificationId: z.number().int().positive().optional(),
  /** Hold type used for disputes. */
  holdType: nonEmpty.default('Legal'),
  /**
   * An attribute the rules write but the workspace's category lacks: skipped with a warning (false),
   * or the job refused as a dead letter with XECM_CATEGORY_ATTRIBUTE_UNKNOWN (true).
   */
  strictAttributes: z.boolean().default(false),
});

export const configSchema = z.object({
  shops: z.array(shopSchema).default([]),
  xecm: xecmSchema.optional(),
  database: z
    .object({
      url: nonEmpty.default('sqlite:./data/shopify-xecm.db'),
      /** PostgreSQL: connections in this process's pool (store, queue and runner share it). */
      poolSize: z.number().int().positive().max(1000).default(10),
      /**
       * Deliveries that arrive together share one transaction and one commit; each is still answered
       * only after that commit. Off: one transaction per delivery. (Default: true)
       */
      groupCommit: z.boolean().default(true),
    })
    .prefault({}),
  server: serverSchema.prefault({}),
  queue: queueSchema.prefault({}),
  log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).prefault({}),
  model: modelSchema.prefault({}),
  sync: syncSchema.prefault({}),
  privacy: privacySchema.prefault({}),
  /** Rules per job (src/rules/defaults/, one file per job, is the base layer; the file overrides by name). */
  rules: rulesSchema.default({}),
  /** The archive (job 7; src/rules/defaults/j7-archive.ts is the base layer). */
  archive: archiveRuleSchema.prefault({}),
  /** Job 6, the agent lookup: deep links, live document cache, limits. */
  lookup: lookupSchema.prefault({}),
  /**
   * Job 5's checklist of required documents per product class, and its re-check (rules/checklist.ts;
   * the shipped classes, in rules/defaults/j5-product.ts, are the base layer: the file overrides by class).
   */
  compliance: complianceSchema.prefault({}),
  /**
   * Hosts the connector may fetch besides Content Server (xecm.url) and each shop's Admin API host
   * (config/outbound.ts); a URL on any other host, from a payload or an answer, is never fetched.
   * (Default: storage.googleapis.com, where Shopify keeps bulk operation results)
   */
  outbound: z.object({ hosts: z.array(nonEmpty).default(['storage.googleapis.com']) }).prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ShopConfig = z.infer<typeof shopSchema>;
export type XecmConfig = z.infer<typeof xecmSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type PrivacyConfig = z.infer<typeof privacySchema>;
export type { ComplianceConfig } from '../rules/checklist.js';
