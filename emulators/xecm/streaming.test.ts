import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, startXecmEmulator } from './index.js';
import type { StartedXecmEmulator } from './index.js';

/** Tests that need a listening server: streamed uploads and the client-side view of a timeout. */

let em: StartedXecmEmulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=Admin&password=livelink',
  });
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Writes `data` to an HTTP request, waiting for 'drain' so the client never queues the file either. */
async function write(req: ClientRequest, data: Uint8Array): Promise<void> {
  if (!req.write(data)) await once(req, 'drain');
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

describe('xECM emulator over HTTP', () => {
  it('streams a ~20 MB upload to disk while it arrives, with small heap growth, and serves the same bytes back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xecm-stream-'));
    try {
      em = await startXecmEmulator({ contentDir: dir });
      const ticket = await login(em.url);
      const size = 20 * 1024 * 1024 + 123;
      const half = 12 * 1024 * 1024;
      const boundary = 'xecmboundary7MA4YWxkTrZu0gW';
      const chunk = Buffer.alloc(64 * 1024, 0).map((_, i) => (i * 13 + 5) % 251);
      const hash = createHash('sha256');
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${JSON.stringify({ type: 144, parent_id: 2000, name: 'big.pdf' })}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }, 2);

      const req = request(`${em.url}/api/v2/nodes`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, otcsticket: ticket },
      });
      const response = once(req, 'response') as Promise<[IncomingMessage]>;
      let sent = 0;
      const send = async (upTo: number): Promise<void> => {
        while (sent < upTo) {
          const part = chunk.subarray(0, Math.min(chunk.length, upTo - sent));
          hash.update(part);
          await write(req, part);
          sent += part.length;
        }
      };
      await write(req, head);
      await send(half);
      // Before the client has sent the rest, most of the first part is already on disk: streamed, not buffered.
      const onDisk = (): number => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
      expect(await waitFor(() => onDisk() >= half - 1024 * 1024, 5_000)).toBe(true);
      await send(size);
      await write(req, tail);
      req.end();
      const [res] = await response;
      let text = '';
      for await (const c of res) text += String(c);
      clearInterval(sampler);
      expect(res.statusCode, text).toBe(200);
      const props = (JSON.parse(text) as { results: { data: { properties: { id: number; size: number } } } }).results.data.properties;
      expect(props.size).toBe(size);
      expect(peak).toBeLessThan(16 * 1024 * 1024);
      const dl = await fetch(`${em.url}/api/v2/nodes/${props.id}/content`, { headers: { otcsticket: ticket } });
      expect(dl.headers.get('content-length')).toBe(String(size));
      const back = createHash('sha256');
      let received = 0;
      for await (const part of dl.body as unknown as AsyncIterable<Uint8Array>) {
        back.update(part);
        received += part.length;
      }
      expect(received).toBe(size);
      expect(back.digest('hex')).toBe(hash.digest('hex'));
    } finally {
      await em?.close();
      em = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a client with a shorter timeout gives up although the write happened; close does not wait for the hold', async () => {
    const order = DEFAULT_MODEL.workspaceTypes[0];
    em = await startXecmEmulator({ faults: 'POST /v2/businessworkspaces:timeout=1', timeoutHoldMs: 60_000 });
    const ticket = await login(em.url);
    const body = `body=${encodeURIComponent(JSON.stringify({ template_id: order?.templateId, name: 'Timed out' }))}`;
    await expect(
      fetch(`${em.url}/api/v2/businessworkspaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', otcsticket: ticket },
        body,
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    const base = em.url.replace(/\/otcs\/cs\.exe$/, '');
    const st = (await (await fetch(`${base}/emulator/state`)).json()) as { counts: { workspaces: number } };
    expect(st.counts.workspaces).toBe(1);
    const t0 = Date.now();
    await em.close();
    em = undefined;
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
