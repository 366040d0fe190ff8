import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The fuzz suite's case budget. Each property declares its base number of cases; FUZZ_RUNS (a
 * positive number, default 1) multiplies them all, e.g. `FUZZ_RUNS=10 npx vitest run test/fuzz` for
 * ten times as many. FUZZ_SEED replays a run. Every file prints its total as one summary line.
 */
const factor = (() => {
  const raw = process.env.FUZZ_RUNS;
  const n = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`FUZZ_RUNS must be a positive number, not "${raw}"`);
  return n;
})();

const seed = process.env.FUZZ_SEED === undefined || process.env.FUZZ_SEED === '' ? undefined : Number(process.env.FUZZ_SEED);

export interface FuzzCounter {
  /** fast-check parameters for a property of `base` cases (times FUZZ_RUNS); the cases it runs are counted. */
  params(name: string, base: number): { numRuns: number; seed?: number };
  /** Counts one case of the named property (called from inside the property). */
  hit(name: string): void;
  /** The summary line: every property's cases and the file's total. */
  summary(): string;
  total(): number;
}

export function fuzzCounter(file: string): FuzzCounter {
  const counts = new Map<string, number>();
  return {
    params(name, base) {
      counts.set(name, counts.get(name) ?? 0);
      return { numRuns: Math.max(1, Math.round(base * factor)), ...(seed === undefined ? {} : { seed }) };
    },
    hit(name) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    total() {
      return [...counts.values()].reduce((a, b) => a + b, 0);
    },
    summary() {
      const parts = [...counts].map(([n, c]) => `${n} ${c}`);
      return `fuzz ${file}: ${this.total()} cases (${parts.join(', ')})${factor === 1 ? '' : ` [FUZZ_RUNS=${factor}]`}`;
    },
  };
}

/**
 * A temporary directory for a fuzz file's SQLite store: in memory-backed /dev/shm where there is
 * one (the store commits with synchronous=FULL, and thousands of fsyncs on a disk would dominate the
 * run), else the system's temporary directory.
 */
export function fuzzDir(): { dir: string; cleanup: () => void } {
  let base = tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    base = '/dev/shm';
  } catch {
    // No /dev/shm (macOS, Windows): the disk it is.
  }
  const dir = mkdtempSync(join(base, 'sxecm-fuzz-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
