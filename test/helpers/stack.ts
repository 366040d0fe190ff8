import { startXecmEmulator } from '../../emulators/xecm/index.js';
import type { XecmEmulatorOptions } from '../../emulators/xecm/index.js';
import type { Config } from '../../src/config/schema.js';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { silentLogger } from '../../src/log.js';
import type { Logger } from '../../src/log.js';
import { startConnector } from '../../src/runtime.js';
import type { Running } from '../../src/runtime.js';
import { tempDir, testConfig } from './config.js';
import { PlainOtcs } from './otcs.js';

export interface Stack {
  config: Readonly<Config>;
  deps: Deps;
  running: Running;
  /** Connector base URL */
  url: string;
  /** XECM_URL of the emulator */
  xecmUrl: string;
  otcs: PlainOtcs;
  /** Emulator root (control routes live at /emulator/...) */
  emulatorRoot: string;
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * xECM emulator + connector (web and worker) on loopback, SQLite in a temp dir; `xecm` passes options
 * to the emulator (e.g. a model that differs), `log` a logger for the connector.
 */
export async function startStack(opts: { overrides?: Record<string, unknown>; xecm?: XecmEmulatorOptions; log?: Logger } = {}): Promise<Stack> {
  const tmp = tempDir();
  const emu = await startXecmEmulator({ ...opts.xecm, host: '127.0.0.1', port: 0 });
  const config = testConfig({ dir: tmp.dir, xecmUrl: emu.url, ...(opts.overrides ? { overrides: opts.overrides } : {}) });
  const deps = await buildDeps(config, opts.log ?? silentLogger);
  const running = await startConnector(deps, 'all');
  const root = new URL(emu.url).origin;
  return {
    config,
    deps,
    running,
    url: running.url ?? '',
    xecmUrl: emu.url,
    otcs: new PlainOtcs(emu.url),
    emulatorRoot: root,
    async drained() {
      const ok = await running.worker?.drained({ includeDelayed: true, timeoutMs: 240_000 });
      if (!ok) throw new Error('queue did not drain');
    },
    async stop() {
      await running.stop();
      await deps.close();
      await emu.close();
      tmp.cleanup();
    },
  };
}
