import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps } from '../../src/deps.js';
import type { Deps } from '../../src/deps.js';
import { ERRORS } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/app.js';
import { signBody } from '../../src/shopify/webhooks/verify.js';
import { TEST_SECRET, TEST_SHOP, testConfig } from '../helpers/config.js';
import { bigIntLiteral, deepJson, hostileString, invalidUtf8, jsonObjectText, jsonText } from './arbitraries.js';
import { fuzzCounter, fuzzDir } from './runs.js';

const count = fuzzCounter('flow');
const answers = new Map<string, number>();

const KIND_FIELD = { order: 'order_id', product: 'product_id', account: 'customer_id' } as const;
const GID = { order: 'Order', product: 'Product', account: 'Customer' } as const;

/** A value where Flow puts a string: also objects whose own `toString` or `valueOf` is not a function. */
const oddValue = fc.oneof(
  jsonText,
  fc.constantFrom('{"toString":1}', '{"valueOf":null,"toString":"x"}', '{"__proto__":{"toString":1}}', '[]', '[1,2]', 'null', '{}'),
  bigIntLiteral,
);

/** `arb` once in `n + 1` cases, else undefined (the usual part is used). */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: n, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** A run as Flow sends it, with each part possibly missing, wrong or hostile; written as JSON text. */
const runBody: fc.Arbitrary<string> = fc
  .record({
    domain: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(TEST_SHOP, TEST_SHOP.toUpperCase()) }, { weight: 1, arbitrary: hostileString(30) }),
    runId: fc.oneof(
      { weight: 6, arbitrary: fc.uuid().map((s) => JSON.stringify(s)) },
      { weight: 1, arbitrary: hostileString(30).map((s) => JSON.stringify(s)) },
      { weight: 1, arbitrary: oddValue },
    ),
    k: fc.constantFrom('order', 'product', 'account'),
    // How the kind is written: as the merchant picked it (in any case, padded), or something else.
    kind: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          (k: string) => k,
          (k: string) => ` ${k.toUpperCase()} `,
        ),
      },
      { weight: 1, arbitrary: hostileString(20).map((x) => () => x) },
    ),
    oddKind: rarely(oddValue, 6),
    kindKey: fc.constantFrom('workspace kind', 'workspace_kind'),
    // The reference: for the kind asked (mostly), or for another one.
    refKind: rarely(fc.constantFrom('order', 'product', 'account'), 6),
    refGidKind: rarely(fc.constantFrom('order', 'product', 'account'), 6),
    id: fc.oneof({ weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 30n }).map(String) }, { weight: 1, arbitrary: hostileString(12) }),
    ref: rarely(oddValue, 3),
    properties: rarely(oddValue, 8),
    omit: fc.subarray(['shopify_domain', 'action_run_id', 'properties'] as const, { maxLength: 1 }),
  })
  .map((r) => {
    const ref = r.ref ?? JSON.stringify(`gid://shopify/${GID[r.refGidKind ?? r.k]}/${r.id}`);
    const kind = r.oddKind ?? JSON.stringify(r.kind(r.k));
    const properties = r.properties ?? `{${JSON.stringify(r.kindKey)}:${kind},${JSON.stringify(KIND_FIELD[r.refKind ?? r.k])}:${ref}}`;
    const fields: Record<string, string> = {
      shop_id: '"gid://shopify/Shop/1"',
      shopify_domain: JSON.stringify(r.domain),
      action_run_id: r.runId,
      handle: '"ensure-xecm-workspace"',
      properties,
    };
    for (const o of r.omit) delete fields[o];
    return `{${Object.entries(fields)
      .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
      .join(',')}}`;
  });

const body: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 8, arbitrary: runBody.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: jsonObjectText.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: jsonText.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: deepJson.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: fc.integer({ min: 60 * 1024, max: 200 * 1024 }).map((n) => Buffer.from(`{"shopify_domain":"${TEST_SHOP}","a":"${'y'.repeat(n)}"}`)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.from(a)) },
);

const SIGNING = ['right', 'wrong-secret', 'other-bytes', 'garbage', 'empty', 'missing'] as const;
type Signing = (typeof SIGNING)[number];

describe('POST /flow/actions/ensure-workspace under hostile input', () => {
  let deps: Deps;
  let app: App;
  let cleanup: () => void;

  beforeAll(async () => {
    const t = fuzzDir();
    cleanup = t.cleanup;
    deps = await buildDeps(testConfig({ dir: t.dir }), silentLogger);
    app = await buildApp({ config: deps.config, store: deps.store, queue: deps.queue, log: silentLogger });
  });
  afterAll(async () => {
    console.log(`${count.summary()}; answers: ${[...answers].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    await app.close();
    await deps.close();
    cleanup();
  });

  const state = async () => ({ deliveries: (await deps.store.summary()).deliveries, queue: await deps.queue.counts() });

  it('never fails with a 500: 401 unsigned, 400 malformed, 200 only for a signed, usable run, which enqueues one job', async () => {
    let last = await state();
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.oneof({ weight: 1, arbitrary: fc.constant<Signing>('right') }, { weight: 1, arbitrary: fc.constantFrom(...SIGNING) }),
        fc.string({ maxLength: 60 }),
        async (raw, signing, garbage) => {
          count.hit('flow requests');
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          const hmac = {
            right: signBody(TEST_SECRET, raw),
            'wrong-secret': signBody('not-the-secret', raw),
            'other-bytes': signBody(TEST_SECRET, Buffer.concat([raw, Buffer.from('\n')])),
            garbage: garbage.replace(/[^\x20-\x7e]/g, ''),
            empty: '',
            missing: undefined,
          }[signing];
          if (hmac !== undefined) headers['x-shopify-hmac-sha256'] = hmac;
          const before = last;
          const res = await app.inject({ method: 'POST', url: '/flow/actions/ensure-workspace', headers, payload: raw });
          const after = await state();
          last = after;
          expect([200, 400, 401, 413], `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
          let code = '';
          if (res.statusCode !== 200) {
            const b = JSON.parse(res.body) as { code: keyof typeof ERRORS; error: string };
            code = b.code;
            expect(ERRORS[b.code]?.http).toBe(res.statusCode);
            expect(typeof b.error).toBe('string');
          }
          answers.set(`${res.statusCode} ${code}`.trim(), (answers.get(`${res.statusCode} ${code}`.trim()) ?? 0) + 1);
          if (hmac === undefined) expect(res.statusCode).toBe(401);
          if (signing !== 'right') {
            expect(res.statusCode).not.toBe(200);
            expect(after).toEqual(before);
            return;
          }
          if (res.statusCode === 200) {
            const dup = (JSON.parse(res.body) as { duplicate: boolean }).duplicate;
            expect(after.deliveries.total + after.deliveries.duplicates).toBe(before.deliveries.total + before.deliveries.duplicates + 1);
            expect(after.queue.queued).toBe(before.queue.queued + (dup ? 0 : 1));
          } else expect(after).toEqual(before);
        },
      ),
      count.params('flow requests', 1000),
    );
  }, 120_000);

  it('answers a signed run whose kind is an object without a usable toString with a 400, not a 500 (regression)', async () => {
    count.hit('flow requests');
    for (const kind of ['{"toString":1}', '{"valueOf":null,"toString":"x"}']) {
      const raw = Buffer.from(
        `{"shopify_domain":"${TEST_SHOP}","action_run_id":"run-1","properties":{"workspace kind":${kind},"order_id":"gid://shopify/Order/1"}}`,
      );
      const res = await app.inject({
        method: 'POST',
        url: '/flow/actions/ensure-workspace',
        headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signBody(TEST_SECRET, raw) },
        payload: raw,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'REQUEST_INVALID' });
    }
  });
});
