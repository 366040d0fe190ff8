import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A fake database: records each transaction (batch or single) and can be told to fail. */
function recorder(o: { failBatch?: boolean; failItem?: number } = {}) {
  const transactions: Array<{ kind: 'batch' | 'single'; items: number[] }> = [];
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const commit = async (): Promise<void> => {
    if (gate.hold) await new Promise<void>((r) => (release = r));
  };
  const g = new GroupCommit<number, string>(
    async (items) => {
      transactions.push({ kind: 'batch', items });
      await commit();
      if (o.failBatch || items.includes(o.failItem ?? -1)) throw new Error('batch rolled back');
      return items.map((i) => `ok ${i}`);
    },
    async (item) => {
      transactions.push({ kind: 'single', items: [item] });
      await commit();
      if (item === o.failItem) throw new Error(`item ${item} refused`);
      return `ok ${item}`;
    },
    3,
  );
  return { g, transactions, gate, release: () => release?.() };
}

describe('GroupCommit', () => {
  it('puts writes that arrive together into one transaction and answers each with its own result', async () => {
    const { g, transactions } = recorder();
    expect(await Promise.all([g.submit(1), g.submit(2), g.submit(3)])).toEqual(['ok 1', 'ok 2', 'ok 3']);
    expect(transactions).toEqual([{ kind: 'batch', items: [1, 2, 3] }]);
  });

  it('runs a lone write as a transaction of its own, without waiting for company', async () => {
    const { g, transactions } = recorder();
    expect(await g.submit(7)).toBe('ok 7');
    expect(transactions).toEqual([{ kind: 'single', items: [7] }]);
  });

  it('caps a batch and gathers what arrives during a commit into the next one', async () => {
    const { g, transactions, gate, release } = recorder();
    gate.hold = true;
    const first = [g.submit(1), g.submit(2), g.submit(3), g.submit(4)];
    await new Promise((r) => setImmediate(r));
    // The first batch (capped at 3) is committing; 4 waits, and 5 and 6 join it.
    const later = [g.submit(5), g.submit(6)];
    expect(transactions).toEqual([{ kind: 'batch', items: [1, 2, 3] }]);
    gate.hold = false;
    release();
    expect(await Promise.all([...first, ...later])).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5', 'ok 6']);
    expect(transactions).toEqual([
      { kind: 'batch', items: [1, 2, 3] },
      { kind: 'batch', items: [4, 5, 6] },
    ]);
  });

  it('after a failed batch runs each write alone, so only the bad one fails', async () => {
    const { g, transactions } = recorder({ failItem: 2 });
    const results = await Promise.allSettled([g.submit(1), g.submit(2), g.submit(3)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'ok 1' },
      { status: 'rejected', reason: new Error('item 2 refused') },
      { status: 'fulfilled', value: 'ok 3' },
    ]);
    expect(transactions.map((t) => t.kind)).toEqual(['batch', 'single', 'single', 'single']);
  });

  it('keeps working after a failure', async () => {
    const { g } = recorder({ failItem: 1 });
    await expect(g.submit(1)).rejects.toThrow('item 1 refused');
    expect(await Promise.all([g.submit(2), g.submit(3)])).toEqual(['ok 2', 'ok 3']);
  });
});
