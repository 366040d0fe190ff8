import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { hostileString, jsonText } from './arbitraries.js';
import { fuzzCounter, fuzzDir } from './runs.js';

const count = fuzzCounter('config');
// Each load validates every shipped rule (about 30 ms): this file runs fewer cases than the others.
const outcomes = new Map<string, number>();

/** A value of any JSON shape, hostile strings included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString(30),
  fc.constantFrom(0, -1, 65536, 1.5, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, '', ' ', '${NOT_SET_AT_ALL}', 'sqlite:', 'postgres://', null, true, [], {}),
);

/** A configuration close to a real one, with any part replaced, dropped or added. */
const nearValid: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    domain: fc.oneof({ weight: 3, arbitrary: fc.constant('acme.myshopify.com') }, { weight: 1, arbitrary: anyValue }),
    secret: fc.oneof({ weight: 3, arbitrary: fc.constant('${SHOPIFY_API_SECRET}') }, { weight: 1, arbitrary: anyValue }),
    port: fc.oneof({ weight: 3, arbitrary: fc.constant(3000) }, { weight: 1, arbitrary: anyValue }),
    url: fc.oneof({ weight: 3, arbitrary: fc.constant('sqlite:./data/x.db') }, { weight: 1, arbitrary: anyValue }),
    level: fc.oneof({ weight: 3, arbitrary: fc.constant('info') }, { weight: 1, arbitrary: anyValue }),
    extraKey: fc.oneof(hostileString(12), fc.constantFrom('__proto__', 'constructor', 'rules', 'xecm', 'queue', 'compliance', 'archive', 'model', 'lookup')),
    extra: anyValue,
    shops: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyValue }),
  })
  .map((r) => ({
    shops: r.shops ?? [{ domain: r.domain, apiSecret: r.secret }],
    server: { port: r.port, host: '127.0.0.1' },
    database: { url: r.url },
    log: { level: r.level },
    [r.extraKey]: r.extra,
  }));

/** YAML text: written from a value, JSON (YAML's subset), hostile text, alias bombs, deep nesting, tabs. */
const yamlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nearValid.map((v) => toYaml(v)) },
  { weight: 1, arbitrary: jsonText },
  { weight: 1, arbitrary: hostileString(80) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(':', '-', ' ', '\n', '\t', '[', ']', '{', '}', '&a', '*a', '!!', '|', '>', "'", '"', '@', '`', '#', 'x', '1', '${X}', '<<'),
      maxLength: 60,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'shops: !!binary aGVsbG8=',
      'shops: !!set {a, b}',
      'server: !!omap [port: 1]',
      '--- a\n--- b',
      'server:\n\tport: 1',
      '<<: {shops: 1}',
      '__proto__: {shops: [{domain: evil.myshopify.com, apiSecret: x}]}',
      'shops: [{domain: ACME.myshopify.com, apiSecret: a}, {domain: acme.myshopify.com, apiSecret: b}]',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'a:\n '.repeat(300)}b`,
      '\ufeffserver: {port: 1}',
      'a: "\\ud800"',
    ),
  },
);

const env = fc.record(
  {
    SHOPIFY_API_SECRET: fc.oneof(fc.constant('s3cret'), hostileString(20)),
    SHOPIFY_SHOP_DOMAIN: fc.oneof(fc.constant('acme.myshopify.com'), hostileString(30)),
    PORT: fc.oneof(fc.constant('8080'), hostileString(10)),
    DATABASE_URL: hostileString(30),
    LOG_LEVEL: hostileString(10),
    API_TOKEN: hostileString(20),
  },
  { requiredKeys: [] },
);

describe('loadConfig under hostile configuration files', () => {
  let dir: string;
  let cleanup: () => void;
  let n = 0;
  beforeAll(() => {
    ({ dir, cleanup } = fuzzDir());
  });
  afterAll(() => {
    console.log(`${count.summary()}; outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    cleanup();
  });

  /** Loads; returns the problems of a ConfigError, or undefined for a valid (and frozen) configuration. Anything else fails. */
  function load(text: string, e: Record<string, string>, overrides?: Record<string, unknown>): string[] | undefined {
    const path = join(dir, `c${n++}.yaml`);
    writeFileSync(path, text);
    try {
      const cfg = loadConfig({ path, env: e, cwd: dir, ...(overrides ? { overrides } : {}) });
      expect(Object.isFrozen(cfg)).toBe(true);
      expect(Object.isFrozen(cfg.server)).toBe(true);
      outcomes.set('valid', (outcomes.get('valid') ?? 0) + 1);
      return undefined;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw new Error(`loadConfig threw something else than ConfigError: ${String(err)}`, { cause: err });
      expect(err.code).toBe('CONFIG_INVALID');
      expect(err.problems.length).toBeGreaterThan(0);
      for (const p of err.problems) expect(typeof p).toBe('string');
      expect(err.message).toContain(err.problems[0] ?? '');
      outcomes.set('CONFIG_INVALID', (outcomes.get('CONFIG_INVALID') ?? 0) + 1);
      return err.problems;
    }
  }

  it('gives a frozen configuration or CONFIG_INVALID listing the problems, never another error', () => {
    fc.assert(
      fc.property(yamlText, env, (text, e) => {
        count.hit('config files');
        load(text, e);
      }),
      count.params('config files', 80),
    );
  }, 60_000);

  it('flags (the object layer) of any shape give the same two outcomes', () => {
    fc.assert(
      fc.property(nearValid, fc.dictionary(hostileString(10), anyValue, { maxKeys: 3 }), (file, flags) => {
        count.hit('config flags');
        load('', {}, { ...file, ...flags });
      }),
      count.params('config flags', 40),
    );
  }, 60_000);

  it('reports every ${VAR} that is not set, by where it is', () => {
    fc.assert(
      fc.property(
        nearValid,
        fc.constantFrom('shops[0].apiSecret', 'server.host', 'database.url', 'log.level'),
        fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/),
        (v, where, name) => {
          count.hit('missing variables');
          const missing = `FUZZ_MISSING_${name}`;
          const value = structuredClone(v) as {
            shops: unknown;
            server: Record<string, unknown>;
            database: Record<string, unknown>;
            log: Record<string, unknown>;
          };
          const placed = `x-\${${missing}}-y`;
          if (where === 'shops[0].apiSecret') value.shops = [{ domain: 'acme.myshopify.com', apiSecret: placed }];
          else if (where === 'server.host') value.server = { ...value.server, host: placed };
          else if (where === 'database.url') value.database = { url: placed };
          else value.log = { level: placed };
          const problems = load(toYaml(value), { SHOPIFY_API_SECRET: 's3cret' });
          expect(problems).toContain(`${where}: environment variable ${missing} is not set`);
        },
      ),
      count.params('missing variables', 40),
    );
  }, 60_000);
});
