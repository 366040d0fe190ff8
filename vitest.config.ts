import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The admin block (extensions/xecm-order-block) renders with Preact's JSX.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'emulators/**/*.test.ts', 'test/**/*.test.ts', 'extensions/**/tests/*.test.tsx'],
    // The extension tester imports the extension's module itself: through Vite, so that TSX compiles.
    server: { deps: { inline: ['@shopify/ui-extensions-tester'] } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest runs one file at a time on two cores (CPUs − 1); most suites here wait on sockets,
    // emulators and timers, so two at once halve the wall time (npm test: ~4 min of tests instead of ~8).
    maxWorkers: 2,
  },
});
