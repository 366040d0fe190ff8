/**
 * Benchmark: a large document upload through the connector's xECM client keeps memory flat.
 * The emulator runs in a child process (its memory is not counted); this process streams a file
 * of SIZE_MB from disk and samples its own RSS and heap while the upload runs.
 *
 *   npm run bench -- upload-large [SIZE_MB]        (default 200)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/log.js';
import { XecmClient } from '../src/xecm/client.js';
import { Nodes } from '../src/xecm/nodes.js';
import { Workspaces } from '../src/xecm/workspaces.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

export async function uploadLarge(sizeMb: number): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'sxecm-bench-'));
  const file = join(dir, 'large.bin');
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(MB);
  for (let i = 0; i < sizeMb; i++) {
    chunk.fill(i % 251);
    chunk.writeUInt32LE(i, 0);
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const sha256 = hash.digest('hex');

  const child = spawn(
    process.execPath,
    [
      '--import',
      new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href,
      join(ROOT, 'src/cli/entry.ts'),
      'emulate',
      'xecm',
      '--port',
      '0',
      '--db',
      join(dir, 'emu.db'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  try {
    let seen = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /XECM_URL=(\S+)/.exec(seen);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
    });
    const client = new XecmClient({
      config: { url, username: 'Admin', password: 'livelink', timeoutMs: 600_000, maxConcurrency: 4, retries: 0, retryBaseMs: 100 },
      log: silentLogger,
    });
    const ws = new Workspaces(client);
    const nodes = new Nodes(client);
    const model = await ws.model('Shopify Order', 'Shopify Order');
    const w = await ws.ensure(model, {
      name: 'Order #BENCH – Large Upload',
      bo: { extSystemId: 'shopify', boType: 'shopify_order', boId: 'bench-1' },
      attributes: {},
    });
    const folder = await nodes.ensureFolder(w.nodeId, 'Archive');

    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    let peakExternal = base.external + base.arrayBuffers;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
    }, 20);
    const started = performance.now();
    const doc = await nodes.createDocument(folder.id, 'large.bin', { kind: 'file', path: file, mimeType: 'application/octet-stream' });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);

    const state = (await (await fetch(`${new URL(url).origin}/emulator/state`)).json()) as unknown;
    const stored = JSON.stringify(state).includes(sha256);
    return {
      sizeMb,
      seconds: Number(seconds.toFixed(2)),
      mbPerSecond: Number((sizeMb / seconds).toFixed(1)),
      baseRssMb: Math.round(base.rss / MB),
      peakRssMb: Math.round(peakRss / MB),
      rssGrowthMb: Math.round((peakRss - base.rss) / MB),
      heapGrowthMb: Math.round((peakHeap - base.heapUsed) / MB),
      externalGrowthMb: Math.round((peakExternal - base.external - base.arrayBuffers) / MB),
      nodeId: doc.id,
      sha256Verified: stored ? 'yes' : 'no',
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
