import type { Deps } from './deps.js';
import { requireXecm } from './deps.js';
import { Worker } from './queue/worker.js';
import { buildApp } from './server/app.js';
import type { App } from './server/app.js';

export type Role = 'all' | 'web' | 'worker';

export interface Running {
  app: App | undefined;
  worker: Worker | undefined;
  /** http://host:port of the listening app */
  url: string | undefined;
  stop(): Promise<void>;
}

/** Starts the chosen role(s): webhook intake and API (web), job execution (worker), or both. */
export async function startConnector(deps: Deps, role: Role = 'all'): Promise<Running> {
  const { config, log } = deps;
  let worker: Worker | undefined;
  if (role !== 'web') {
    requireXecm(deps);
    worker = new Worker({
      queue: deps.queue,
      handlers: deps.handlers,
      log: log.child({ component: 'worker' }),
      concurrency: config.queue.concurrency,
      pollIntervalMs: config.queue.pollIntervalMs,
      lockTimeoutMs: config.queue.lockTimeoutMs,
    });
    worker.start();
  }
  let app: App | undefined;
  let url: string | undefined;
  if (role !== 'worker') {
    const w = worker;
    app = await buildApp({ config, store: deps.store, log, ...(w ? { onEnqueued: () => w.notify() } : {}) });
    await app.listen({ host: config.server.host, port: config.server.port });
    const addr = app.server.address();
    url = typeof addr === 'object' && addr ? `http://${config.server.host}:${addr.port}` : undefined;
    log.info({ url, role }, 'connector listening');
  }
  return {
    app,
    worker,
    url,
    async stop() {
      await app?.close();
      await worker?.stop();
    },
  };
}
