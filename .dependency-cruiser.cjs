/**
 * The import rules of the house (docs/architecture.md), checked in `npm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, at any length.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-rules-and-documents',
      severity: 'error',
      comment: 'rules/ and documents/ are pure: they import only the vocabulary, the errors and each other (and npm packages).',
      from: { path: '^src/(rules|documents)/' },
      to: { path: '^src/', pathNot: ['^src/(rules|documents)/', '^src/vocabulary\\.ts$', '^src/errors\\.ts$'] },
    },
    {
      name: 'store-and-queue-import-no-job',
      severity: 'error',
      comment: 'store/ and queue/ are infrastructure: they know no job, rule, intake path, client or server.',
      from: { path: '^src/(store|queue)/' },
      to: { path: '^src/(jobs|intake|rules|documents|server|cli|ops|status|shopify|xecm|config|metrics)/|^src/(deps|runtime)\\.ts$' },
    },
    {
      name: 'clients-are-leaves',
      severity: 'error',
      comment: 'Each external system has one client (xecm/, shopify/); the clients know no job, store, queue or server.',
      from: { path: '^src/(xecm|shopify)/' },
      to: { path: '^src/(jobs|intake|rules|documents|server|cli|ops|status|store|queue|metrics)/|^src/(deps|runtime)\\.ts$' },
    },
    {
      name: 'metrics-observe-only',
      comment:
        'metrics/ is told what happens (through callbacks that deps.ts wires) and reads the queue at a scrape: it imports only the queue interface and the errors. server/ serves it through an interface of its own.',
      severity: 'error',
      from: { path: '^src/metrics/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/metrics/', '^src/queue/queue\\.ts$', '^src/errors\\.ts$'] },
    },
    {
      name: 'server-knows-no-metrics-library',
      severity: 'error',
      comment: 'The HTTP layer serves the metrics through MetricsSource and reports deliveries through onDelivery; prom-client stays in metrics/.',
      from: { path: '^src/(server|xecm|shopify)/' },
      to: { path: '^src/metrics/|prom-client' },
    },
    {
      name: 'only-the-root-imports-everything',
      severity: 'error',
      comment: 'Only the composition root (deps.ts, runtime.ts) and the CLI wire areas together; nothing else imports them.',
      from: { path: '^src/', pathNot: '^src/(cli/|deps\\.ts$|runtime\\.ts$)' },
      to: { path: '^src/(cli/|deps\\.ts$|runtime\\.ts$)' },
    },
    {
      name: 'emulators-stay-outside-the-connector',
      severity: 'error',
      comment: 'The connector runs against real systems unchanged: only the CLI (demo, emulate) starts an emulator.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^emulators/' },
    },
    {
      name: 'no-test-code-in-the-product',
      severity: 'error',
      comment: 'Nothing that ships imports test tooling (the OTCS contract, helpers, fixtures).',
      from: { path: '^(src|emulators)/', pathNot: '\\.test\\.ts$|^emulators/[^/]+/test-helpers\\.ts$' },
      to: { path: '^test/|\\.test\\.ts$|test-helpers\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    exclude: { path: '^(dist|node_modules|data|coverage)/' },
  },
};
