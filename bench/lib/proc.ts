/** What a benchmark reads about processes and the machine, from /proc (Linux). */
import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** A memory figure of a process from /proc/PID/status (bytes): resident now, or its high-water mark. 0 once it is gone. */
export function statusBytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (pid === undefined) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident set size of a process (bytes), 0 once it is gone. */
export const rssBytes = (pid: number | undefined): number => statusBytes(pid, 'VmRSS');

/** CPU seconds used so far by every PostgreSQL server process on this machine (0 without any). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The machine's busy and total CPU time so far (jiffies, all cores). */
export function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Samples a process's RSS every `everyMs` until stopped: the series, its peak and its trend. */
export function sampleRss(pid: number | undefined, everyMs = 250): { stop(): Array<{ t: number; rss: number }> } {
  const series: Array<{ t: number; rss: number }> = [];
  const t0 = performance.now();
  const take = (): void => {
    const rss = rssBytes(pid);
    if (rss > 0) series.push({ t: (performance.now() - t0) / 1000, rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return series;
    },
  };
}

/** The machine this ran on, for BENCHMARKS.md. */
export function machine(): { cpus: string; cores: number; memGiB: number; node: string } {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(info)?.[1] ?? 'unknown';
  const cores = (info.match(/^processor\s*:/gm) ?? []).length;
  const mem = Number(/MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return { cpus: model, cores, memGiB: Math.round(mem / 1024 / 1024), node: process.version };
}
