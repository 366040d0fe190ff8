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
    for (let i = 0; i < 4; i++) expect(await t.acquire(250)).toBe(0);
    expect(c.slept).toEqual([]);
    // It says how long it waited (the Admin API client's throttle metrics).
    expect(await t.acquire(250)).toBe(2500);
    // Waited in slices of at most 250 ms, 2.5 s in all.
    expect(c.slept.every((ms) => ms <= 250)).toBe(true);
    expect(c.slept.reduce((a, b) => a + b, 0)).toBe(2500);
  });

  it('reserves cost for concurrent callers so together they never overdraw', async () => {
    const c = clock();
    const t = new CostThrottle({ maximumAvailable: 500, restoreRate: 50, now: c.now, sleep: c.sleep });
    const waited: number[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        await t.acquire(300);
        waited.push(c.now());
      }),
    );
    // 500 available: first passes, second waits for 100 more (2 s), third for 300 (6 s more).
    expect(waited).toEqual([0, 2000, 8000]);
  });

  it("an answer during a wait (Shopify's real figures) ends the wait early", async () => {
    let t0 = 0;
    const slept: number[] = [];
    const t = new CostThrottle({
      maximumAvailable: 1000,
      restoreRate: 100,
      now: () => t0,
      sleep: async (ms) => {
        slept.push(ms);
        t0 += ms;
        // The first request's answer arrives during the second's wait: it cost 70, not 829.
        if (slept.length === 1) t.update({ maximumAvailable: 2000, currentlyAvailable: 1930, restoreRate: 100 }, 829, 70);
      },
    });
    await t.acquire(829);
    await t.acquire(829);
    expect(slept).toEqual([250]);
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
