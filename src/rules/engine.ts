import jsonata from 'jsonata';
import { gidId, money, party, tags, utc } from './functions.js';

type Compiled = ReturnType<typeof jsonata>;
const cache = new Map<string, Compiled>();

function compile(src: string): Compiled {
  let c = cache.get(src);
  if (!c) {
    c = jsonata(src);
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
