import { describe, expect, it } from 'vitest';
import { RULE_LIMITS, evaluate } from './engine.js';

/** Issue 9 "rules cannot stall the process": every expression runs under a time, depth and sequence limit. */
describe('rule expression limits', () => {
  it('stops an expression that runs too long', async () => {
    const started = Date.now();
    const slow = '($f := function($n){ $n > 0 ? $f($n - 1) + $f($n - 1) : 1 }; $f(40))';
    await expect(evaluate(slow, {}, {})).rejects.toMatchObject({ code: 'D1012' });
    expect(Date.now() - started).toBeLessThan(RULE_LIMITS.timeoutMs * 10);
  }, 30_000);

  it('stops runaway recursion before the JavaScript stack does', async () => {
    await expect(evaluate('($f := function($n){ 1 + $f($n + 1) }; $f(0))', {}, {})).rejects.toMatchObject({ code: 'D1011' });
  });

  it('stops a sequence that grows without bound', async () => {
    await expect(evaluate('[1..1000000].($ * 2)', {}, {})).rejects.toMatchObject({ code: 'D2015' });
  });

  it('leaves ordinary expressions alone', async () => {
    expect(await evaluate('$sum(line_items.quantity)', { line_items: [{ quantity: 2 }, { quantity: 3 }] }, {})).toBe(5);
  });
});
