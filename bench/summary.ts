/**
 * The headline of every benchmark in one table, from the JSON they wrote (bench/results/*.json):
 * each figure beside its baseline or bound, the ratio, the target and whether it is met. Written to
 * bench/results/summary.md after `npm run bench`; `npm run bench -- summary` writes it again from the
 * results already there. BENCHMARKS.md quotes it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/spawn.js';

type Json = Record<string, unknown>;

const RESULTS = join(ROOT, 'bench/results');

function read(name: string): Json | undefined {
  const f = join(RESULTS, `${name}.json`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Json) : undefined;
}

/** A value at a dotted path (array indexes as numbers), or undefined. */
function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const fmt = (v: number | undefined, unit = ''): string => (v === undefined ? '—' : `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}${unit}`);
const met = (ok: boolean | undefined): string => (ok === undefined ? '—' : ok ? '**met**' : '**not met**');

interface Row {
  bench: string;
  figure: string;
  measured: string;
  against: string;
  ratio: string;
  target: string;
  met: string;
}

export function summaryRows(): Row[] {
  const rows: Row[] = [];
  const intake = read('intake');
  if (intake) {
    const h = at(intake, 'headline') as Json | undefined;
    const ofBare = num(at(h, 'ofBare'));
    rows.push({
      bench: 'intake',
      figure: 'deliveries/s, closed loop, 50 connections',
      measured: fmt(num(at(h, 'connectorPerSecond'))),
      against: `bare HMAC server ${fmt(num(at(h, 'barePerSecond')))}`,
      ratio: fmt(ofBare),
      target: '≥ 0.5 of bare',
      met: met(ofBare === undefined ? undefined : ofBare >= 0.5),
    });
    const p99 = num(at(h, 'p99MsAtOffered1000'));
    rows.push({
      bench: 'intake',
      figure: 'p99 at an offered 1,000 deliveries/s',
      measured: fmt(p99, ' ms'),
      against: '—',
      ratio: '—',
      target: '< 25 ms',
      met: met(at(h, 'p99Met') as boolean | undefined),
    });
    rows.push({
      bench: 'intake',
      figure: 'group commit: capacity with / without',
      measured: fmt(num(at(h, 'groupCommitGain')), '×'),
      against: `SQLite alone, 1 row a commit: ${fmt(num(at(h, 'commitsPerSecondOneRow')))} commits/s`,
      ratio: '—',
      target: '—',
      met: '—',
    });
  }
  const mem = read('intake-memory');
  if (mem) {
    const growth = num(at(mem, 'rssMb.growthPer10kDeliveries'));
    rows.push({
      bench: 'intake-memory',
      figure: `RSS over ${fmt(num(at(mem, 'deliveries')))} deliveries: peak; growth per 10,000 after the first tenth`,
      measured: `${fmt(num(at(mem, 'rssMb.peak')), ' MB')}; ${fmt(growth, ' MB')}`,
      against: '—',
      ratio: '—',
      target: 'flat (< 1 MB per 10,000)',
      met: met(growth === undefined ? undefined : Math.abs(growth) < 1),
    });
  }
  const e2e = read('e2e');
  if (e2e) {
    for (const p of (at(e2e, 'points') as Json[] | undefined) ?? []) {
      const of = num(at(p, 'ofBound'));
      rows.push({
        bench: 'e2e',
        figure: `orders/s, queue.concurrency ${fmt(num(at(p, 'queueConcurrency')))} (CPU ${fmt(num(at(p, 'cpuMsPerOrder')), ' ms')}/order)`,
        measured: fmt(num(at(p, 'ordersPerSecond'))),
        against: `bound ${fmt(num(at(p, 'boundOrdersPerSecond')))} (${fmt(num(at(p, 'xecmCallsPerOrder')))} calls × ${fmt(num(at(e2e, 'latencyMs')), ' ms')})`,
        ratio: fmt(of),
        target: '≥ 0.9 of bound',
        met: met(of === undefined ? undefined : of >= 0.9),
      });
    }
  }
  const ws = read('worker-scaling');
  if (ws) {
    for (const p of (at(ws, 'points') as Json[] | undefined) ?? []) {
      rows.push({
        bench: 'worker-scaling',
        figure: `orders/s, ${fmt(num(at(p, 'workers')))} worker(s) on ${String(at(ws, 'backend'))}`,
        measured: fmt(num(at(p, 'ordersPerSecond'))),
        against: `bound ${fmt(num(at(p, 'boundOrdersPerSecond')))}`,
        ratio: fmt(num(at(p, 'ofBound'))),
        target: '—',
        met: '—',
      });
    }
  }
  const bf = read('backfill');
  if (bf) {
    for (const r of (at(bf, 'runs') as Json[] | undefined) ?? []) {
      const peak = num(at(r, 'backfill.peakRssMb'));
      rows.push({
        bench: 'backfill',
        figure: `${fmt(num(at(r, 'orders')))} orders: orders/s; peak RSS`,
        measured: `${fmt(num(at(r, 'backfill.ordersPerSecond')))}; ${fmt(peak, ' MB')}`,
        against: '—',
        ratio: '—',
        target: 'peak < 300 MB',
        met: met(peak === undefined ? undefined : peak < 300),
      });
    }
  }
  const lookup = read('lookup');
  if (lookup) {
    const p95 = num(at(lookup, 'ms.p95'));
    rows.push({
      bench: 'lookup',
      figure: `p95 over ${fmt(num(at(lookup, 'orders')))} orders`,
      measured: fmt(p95, ' ms'),
      against: '—',
      ratio: '—',
      target: '< 100 ms',
      met: met(p95 === undefined ? undefined : p95 < 100),
    });
  }
  const sync = read('sync-rate');
  if (sync) {
    const pace = num(at(sync, 'paceVsBudget'));
    rows.push({
      bench: 'sync-rate',
      figure: 'sync pace',
      measured: `${fmt(num(at(sync, 'seconds')), ' s')}`,
      against: `cost budget ${fmt(num(at(sync, 'budgetSeconds')), ' s')}`,
      ratio: fmt(pace),
      target: '≥ 0.9 of budget',
      met: met(pace === undefined ? undefined : pace >= 0.9),
    });
  }
  const up = read('upload-large');
  if (up) {
    rows.push({
      bench: 'upload-large',
      figure: `${fmt(num(at(up, 'sizeMb')), ' MB')} upload: RSS growth`,
      measured: fmt(num(at(up, 'rssGrowthMb')), ' MB'),
      against: `file ${fmt(num(at(up, 'sizeMb')), ' MB')}`,
      ratio: '—',
      target: 'does not grow with the file',
      met: '—',
    });
  }
  return rows;
}

export function summaryMarkdown(): string {
  const rows = summaryRows();
  return [
    '| bench | figure | measured | against | ratio | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.bench} | ${r.figure} | ${r.measured} | ${r.against} | ${r.ratio} | ${r.target} | ${r.met} |`),
    '',
  ].join('\n');
}

export function writeSummary(): string {
  const md = summaryMarkdown();
  writeFileSync(join(RESULTS, 'summary.md'), md);
  return md;
}
