import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * Paths that must never reach a log line. pino replaces them with "[redacted]"; the clients also
 * never put secrets into the objects they log, this is the second line of defence.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'apiSecret',
  '*.apiSecret',
  'accessToken',
  '*.accessToken',
  'apiToken',
  '*.apiToken',
  'metricsToken',
  '*.metricsToken',
  'ticket',
  '*.ticket',
  'headers.otcsticket',
  'headers["x-shopify-access-token"]',
  'headers["x-shopify-hmac-sha256"]',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-shopify-hmac-sha256"]',
  'req.headers.cookie',
];

export const CENSOR = '[redacted]';

/**
 * Keys whose values never reach a log line, in any case and at any depth (`OTCSTicket`,
 * `x-shopify-access-token`, `Authorization`, `xecm.password`, an error's `details.ticket`, …).
 */
export const SECRET_KEY = /(password|passwd|secret|token|ticket|authori[sz]ation|api[-_]?key|cookie|hmac|credential)/i;

/** Deeper than this, values are replaced rather than walked (a log object is never that deep by intent). */
const MAX_DEPTH = 10;

/**
 * A copy of `value` with every secret-named key's value replaced by "[redacted]": plain objects,
 * arrays, other objects and errors (their own properties, `details` and `cause` included) are
 * walked; an object with `toJSON` (Date, URL, Buffer) as what it would print. The original is not
 * changed.
 */
export function redactDeep(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, depth + 1, seen));
    const withJson = value as { toJSON?: unknown };
    if (typeof withJson.toJSON === 'function') return redactDeep((withJson.toJSON as () => unknown).call(value), depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? CENSOR : redactDeep(v, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An error keeps its class (so pino's error serializer still names its type), its message and stack. */
function redactError(err: Error, depth: number, seen: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(err) as object | null) as Error;
  for (const key of Reflect.ownKeys(err)) {
    const d = Object.getOwnPropertyDescriptor(err, key);
    if (!d) continue;
    if ('value' in d && key !== 'message' && key !== 'stack') {
      d.value = typeof key === 'string' && SECRET_KEY.test(key) ? CENSOR : redactDeep(d.value, depth + 1, seen);
    }
    Object.defineProperty(copy, key, d);
  }
  return copy;
}

/** Ids (never contents) that tie a log line to the work it was written for: a job's id, its event's, its delivery's. */
export type LogFields = Readonly<Record<string, string | number>>;

const context = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` so that every line written meanwhile, in its async context, by a logger of
 * `createLogger` carries `fields` (those a line or its logger's bindings name already aside). So the
 * clients' lines (an xECM or Admin API call made for a job) carry the job's ids although the clients
 * know no job. Nested calls add to the outer fields.
 */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  const outer = context.getStore();
  return context.run(outer ? { ...outer, ...fields } : fields, fn);
}

/** What a line gets from the context: its fields less those the logger's own bindings hold. */
function contextFields(logger: Logger): Record<string, string | number> {
  const fields = context.getStore();
  if (!fields) return {};
  const bound = logger.bindings();
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) if (!(k in bound)) out[k] = v;
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where to write; defaults to stderr so `--json` output on stdout stays machine-readable. */
  destination?: NodeJS.WritableStream;
}

/**
 * A logger that keeps secrets out of every line: the fixed paths, then a case-insensitive deep walk
 * of each logged object (`formatters.log`) and of each child's bindings (pino applies a bindings
 * formatter to the root only, so `child` is wrapped; children inherit the wrapper). Lines written
 * under `withLogFields` carry its ids.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const logger: Logger = pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> },
      // The line's own fields win over the context's (pino's default merge).
      mixin: (_obj, _level, self) => contextFields(self),
    },
    (opts.destination ?? process.stderr) as pino.DestinationStream,
  );
  const child: Logger['child'] = logger.child;
  Object.defineProperty(logger, 'child', {
    configurable: true,
    writable: true,
    value: function redactedChild(this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger {
      return Reflect.apply(child, this, [redactDeep(bindings), options]) as Logger;
    },
  });
  return logger;
}

export const silentLogger: Logger = pino({ level: 'silent' });
