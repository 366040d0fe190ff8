import jsonata from 'jsonata';
import { gidId, money, party, tags, utc } from './functions.js';

type Compiled = ReturnType<typeof jsonata>;
const cache = new Map<string, Compiled>();

/**
 * What one rule expression may take: time (ms), evaluation depth and sequence length. A rule that
 * exceeds one fails its job (RULE_INVALID, naming the rule); it cannot stall the process, whose
 * webhook intake shares the event loop with the workers.
 */
export const RULE_LIMITS = { timeoutMs: 1000, depth: 500, sequence: 100_000 } as const;

/** JSONata's codes for an expression stopped by a limit (stack depth, timeout, sequence length). */
export const LIMIT_CODES: ReadonlySet<string> = new Set(['D1011', 'D1012', 'D2015']);

/** True when a JSONata error says the expression hit one of RULE_LIMITS. */
export function isLimitError(err: unknown): boolean {
  return err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && LIMIT_CODES.has(err.code);
}

function compile(src: string): Compiled {
  let c = cache.get(src);
  if (!c) {
    c = jsonata(src, { timeout: RULE_LIMITS.timeoutMs, stack: RULE_LIMITS.depth, sequence: RULE_LIMITS.sequence });
    c.registerFunction('money', money, '<x-:s>');
    c.registerFunction('utc', utc, '<x-:s>');
    c.registerFunction('gidId', gidId, '<x-:s>');
    c.registerFunction('tags', tags, '<x-:a<s>>');
    c.registerFunction('party', party, '<x-:s>');
    cache.set(src, c);
  }
  return c;
}

/** Evaluates a rule expression against a payload; `undefined` when it selects nothing. */
export async function evaluate(src: string, input: unknown, bindings: Record<string, unknown>): Promise<unknown> {
  const v: unknown = await compile(src).evaluate(input, bindings);
  // JSONata returns sequences as arrays with extra flags; copy to a plain value.
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}
