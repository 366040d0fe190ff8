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

export interface LoggerOptions {
  level?: string;
  /** Where to write; defaults to stderr so `--json` output on stdout stays machine-readable. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    { level: opts.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    (opts.destination ?? process.stderr) as pino.DestinationStream,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
