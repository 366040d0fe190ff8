/** Child processes a benchmark runs: the connector's real CLI and the bare baseline server. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The node arguments that run the connector's CLI: the compiled `dist/` (what a deployment runs;
 * `npm run bench` builds it first), else the sources through tsx. BENCH_NODE_OPTIONS adds flags for
 * the child's node (e.g. --cpu-prof).
 */
export function cliArgv(args: string[]): string[] {
  const dist = join(ROOT, 'dist/src/cli/entry.js');
  const flags = (process.env.BENCH_NODE_OPTIONS ?? '').split(/\s+/).filter((f) => f !== '');
  return [...flags, ...(existsSync(dist) ? [dist, ...args] : ['--import', 'tsx', join(ROOT, 'src/cli/entry.ts'), ...args])];
}

export interface Child {
  child: ChildProcess;
  pid: number | undefined;
  /** The URL the process printed (the first http://127.0.0.1:PORT in its output). */
  url: string;
  /** The last lines of its output, for an error message. */
  tail: string[];
  stop(): Promise<void>;
}

/** Starts a process, reads every line of its output (a full pipe would block it) and waits for its URL. */
export async function startChild(argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Child> {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  let buf = '';
  let onUrl: ((url: string) => void) | undefined;
  const onData = (d: Buffer): void => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      tail.push(line);
      if (tail.length > 50) tail.shift();
      const m = onUrl ? /http:\/\/127\.0\.0\.1:\d+/.exec(line) : null;
      if (m && onUrl) {
        onUrl(m[0]);
        onUrl = undefined;
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    onUrl = (u) => {
      clearTimeout(timer);
      resolve(u);
    };
    void exited.then(() => reject(new Error(`exited before printing its URL:\n${tail.join('\n')}`)));
  });
  return {
    child,
    pid: child.pid,
    url,
    tail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}
