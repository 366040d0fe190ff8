import { describe, expect, it } from 'vitest';
import { CostThrottle } from './throttle.js';

function clock() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
    advance: (ms: number) => (t += ms),
  };
}

describe('CostThrottle (leaky bucket model)', () => {
  it('spends from a full bucket without waiting, then waits exactly for the restore', async () => {
    const c = clock();
    const t = new CostThrottle({ maximumAvailable: 1000, restoreRate: 100, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 4; i++) await t.acquire(250);
    expect(c.slept).toEqual([]);
    await t.acquire(250);
    expect(c.slept).toEqual([2500]);
  });

  it('reserves cost for concurrent callers so together they never overdraw', async () => {
    const c = clock();
    const t = new CostThrottle({ maximumAvailable: 500, restoreRate: 50, now: c.now, sleep: c.sleep });
    await Promise.all([t.acquire(300), t.acquire(300), t.acquire(300)]);
    // 500 available: first passes, second waits for 100 more (2 s), third for 300 (6 s).
    expect(c.slept).toEqual([2000, 6000]);
  });

  it("takes Shopify's figures as the truth, less what is still in flight", async () => {
    const c = clock();
    const t = new CostThrottle({ now: c.now, sleep: c.sleep });
    await t.acquire(50);
    await t.acquire(30);
    // The first answer's figures already include its own cost but not the second request's.
    t.update({ maximumAvailable: 2000, currentlyAvailable: 150, restoreRate: 100 }, 50, 40);
    expect(t.available).toBe(120);
    c.advance(1000);
    expect(t.available).toBe(220);
    expect(t.restoreRate).toBe(100);
  });
});
