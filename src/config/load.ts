import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { IntegrationError } from '../errors.js';
import { DEFAULT_RULES, J5_COMPLIANCE_DEFAULTS } from '../rules/defaults/index.js';
import { J7_ARCHIVE } from '../rules/defaults/j7-archive.js';
import { configSchema, DEFAULT_API_VERSION } from './schema.js';
import type { Config } from './schema.js';

/** What a command needs beyond the schema itself. */
export interface ConfigRequirements {
  /** At least one shop with its webhook secret (serve, sync, webhooks). */
  shops?: boolean;
  /** The xECM connection (serve, check, replay). */
  xecm?: boolean;
}

export interface LoadConfigOptions extends ConfigRequirements {
  /** `--config` path; else SHOPIFY_XECM_CONFIG; else ./shopify-xecm.yaml when present; else built-in default. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  /** Last layer: values from CLI flags, already shaped like the file. */
  overrides?: Record<string, unknown>;
  cwd?: string;
}

export class ConfigError extends IntegrationError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const VAR = /\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** Replace `${VAR}` in every string of the file; unset variables are problems, not empty strings. */
function interpolate(value: Json, env: NodeJS.ProcessEnv, at: string, problems: string[]): Json {
  if (typeof value === 'string') {
    return value.replace(VAR, (_m, name: string) => {
      const v = env[name];
      if (v === undefined) {
        problems.push(`${at}: environment variable ${name} is not set`);
        return '';
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${at}[${i}]`, problems));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, at ? `${at}.${k}` : k, problems);
    return out;
  }
  return value;
}

function asObject(v: Json | undefined): JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function deepMerge(base: JsonObject, over: Record<string, unknown>): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const prev = out[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && prev !== null && typeof prev === 'object' && !Array.isArray(prev)) {
      out[k] = deepMerge(prev, v as Record<string, unknown>);
    } else {
      out[k] = v as Json;
    }
  }
  return out;
}

/** The environment layer (DESIGN.md §2). A single shop can be given entirely by environment. */
function applyEnv(file: JsonObject, env: NodeJS.ProcessEnv, problems: string[]): JsonObject {
  const out = { ...file };
  const domain = env.SHOPIFY_SHOP_DOMAIN;
  if (domain) {
    const shops = Array.isArray(out.shops) ? [...out.shops] : [];
    // Domains are case-insensitive (the schema keeps them in lower case): the file's shop in another case is this one.
    const same = (d: Json | undefined) => typeof d === 'string' && d.toLowerCase() === domain.toLowerCase();
    const i = shops.findIndex((s) => same(asObject(s).domain));
    const shop: JsonObject = { ...(i >= 0 ? asObject(shops[i]) : {}), domain };
    if (env.SHOPIFY_API_SECRET) shop.apiSecret = env.SHOPIFY_API_SECRET;
    if (env.SHOPIFY_ACCESS_TOKEN) shop.accessToken = env.SHOPIFY_ACCESS_TOKEN;
    if (env.SHOPIFY_API_VERSION) shop.apiVersion = env.SHOPIFY_API_VERSION;
    if (env.SHOPIFY_ADMIN_URL) shop.adminUrl = env.SHOPIFY_ADMIN_URL;
    if (env.SHOPIFY_API_KEY) shop.clientId = env.SHOPIFY_API_KEY;
    if (i >= 0) shops[i] = shop;
    else shops.push(shop);
    out.shops = shops;
  } else if (env.SHOPIFY_API_SECRET || env.SHOPIFY_ACCESS_TOKEN) {
    problems.push('SHOPIFY_API_SECRET / SHOPIFY_ACCESS_TOKEN are set but SHOPIFY_SHOP_DOMAIN is not');
  }
  if (env.XECM_URL || env.XECM_USERNAME || env.XECM_PASSWORD) {
    const x = { ...asObject(out.xecm) };
    if (env.XECM_URL) x.url = env.XECM_URL;
    if (env.XECM_USERNAME) x.username = env.XECM_USERNAME;
    if (env.XECM_PASSWORD) x.password = env.XECM_PASSWORD;
    out.xecm = x;
  }
  if (env.DATABASE_URL) out.database = { ...asObject(out.database), url: env.DATABASE_URL };
  const server = { ...asObject(out.server) };
  if (env.HOST) server.host = env.HOST;
  if (env.PORT) {
    const port = Number(env.PORT);
    if (Number.isInteger(port)) server.port = port;
    else problems.push(`PORT: "${env.PORT}" is not a port number`);
  }
  if (env.API_TOKEN) server.apiToken = env.API_TOKEN;
  if (env.METRICS_TOKEN) server.metricsToken = env.METRICS_TOKEN;
  if (env.PUBLIC_URL) server.publicUrl = env.PUBLIC_URL;
  out.server = server;
  if (env.LOG_LEVEL) out.log = { ...asObject(out.log), level: env.LOG_LEVEL };
  return out;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  return `${path || '(root)'}: ${issue.message}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Layers defaults → file → environment → flags, validates once and reports every problem at once.
 * The result is deep-frozen: nothing changes configuration after start.
 */
export function loadConfig(opts: LoadConfigOptions = {}): Readonly<Config> {
  const env = opts.env ?? process.env;
  const problems: string[] = [];
  const explicit = opts.path ?? env.SHOPIFY_XECM_CONFIG;
  const path = explicit ?? (existsSync(`${opts.cwd ?? process.cwd()}/shopify-xecm.yaml`) ? `${opts.cwd ?? process.cwd()}/shopify-xecm.yaml` : undefined);

  let file: JsonObject = {};
  if (path !== undefined) {
    if (!existsSync(path)) {
      problems.push(`config file ${path} does not exist`);
    } else {
      try {
        const parsed = parseYaml(readFileSync(path, 'utf8')) as Json;
        if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
          problems.push(`${path}: the top level must be a mapping`);
        } else {
          file = asObject(interpolate(parsed, env, '', problems));
        }
      } catch (err) {
        const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
        problems.push(`${path}: not valid YAML${where}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    }
  }

  // The shipped rules (and checklist) are the first layer, so a file (or flags) can override one
  // criterion, or one product class, by name.
  const base: JsonObject = {
    rules: JSON.parse(JSON.stringify(DEFAULT_RULES)) as Json,
    compliance: JSON.parse(JSON.stringify(J5_COMPLIANCE_DEFAULTS)) as Json,
    archive: JSON.parse(JSON.stringify(J7_ARCHIVE)) as Json,
  };
  const layered = deepMerge(deepMerge(base, applyEnv(file, env, problems)), opts.overrides ?? {});
  const result = configSchema.safeParse(layered);
  if (!result.success) problems.push(...result.error.issues.map(formatIssue));

  if (result.success) {
    const cfg = result.data;
    if (opts.shops && cfg.shops.length === 0) {
      problems.push('shops: no shop configured (set SHOPIFY_SHOP_DOMAIN and SHOPIFY_API_SECRET, or list shops in the config file)');
    }
    if (opts.xecm && cfg.xecm === undefined) {
      problems.push('xecm: not configured (set XECM_URL, XECM_USERNAME and XECM_PASSWORD, or an xecm section in the config file)');
    }
    const seen = new Set<string>();
    for (const s of cfg.shops) {
      if (seen.has(s.domain)) problems.push(`shops: ${s.domain} is listed twice`);
      seen.add(s.domain);
    }
    if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(cfg.database.url)) {
      problems.push(`database.url: "${cfg.database.url}" must be sqlite:PATH or postgres://…`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return deepFreeze(result.data);
}

export { DEFAULT_API_VERSION };
