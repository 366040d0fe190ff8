/**
 * Group commit: writes that arrive while the database is busy share one transaction, so one commit
 * (one fsync on SQLite with synchronous=FULL) makes a whole batch durable. Each caller's promise
 * settles only after the commit that holds its write; nobody is answered before their data is on
 * disk (DESIGN.md §4 "Nothing lost").
 *
 * A batch starts at the next turn of the event loop after its first write arrives (no timer: a lone
 * write waits for nothing), and while one batch commits the next gathers. If a batch's transaction
 * fails, nothing of it was committed and each of its writes runs again in a transaction of its own,
 * so one bad write fails alone and a failure of the database fails each write with its own error.
 */
export class GroupCommit<I, R> {
  readonly #pending: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  #scheduled = false;
  #running = false;

  /**
   * `batch` runs every item in one transaction and returns their results in order; `single` runs one
   * in a transaction of its own. At most `maxBatch` items share a transaction.
   */
  constructor(
    private readonly batch: (items: I[]) => Promise<R[]>,
    private readonly single: (item: I) => Promise<R>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running || this.#pending.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#running = true;
    const taken = this.#pending.splice(0, this.maxBatch);
    try {
      if (taken.length === 1) {
        const [one] = taken;
        if (one) await this.single(one.item).then(one.resolve, one.reject);
      } else {
        let results: R[] | undefined;
        try {
          results = await this.batch(taken.map((t) => t.item));
        } catch {
          // Rolled back as a whole: each write again on its own, one after another.
          for (const t of taken) await this.single(t.item).then(t.resolve, t.reject);
        }
        if (results) taken.forEach((t, i) => t.resolve(results[i] as R));
      }
    } finally {
      this.#running = false;
      this.#schedule();
    }
  }
}
