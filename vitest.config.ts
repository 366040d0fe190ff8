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
  },
});
