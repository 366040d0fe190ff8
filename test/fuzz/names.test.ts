import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXecmEmulator, SEED_IDS } from '../../emulators/xecm/index.js';
import { silentLogger } from '../../src/log.js';
import { XecmClient } from '../../src/xecm/client.js';
import { isNodeName, NODE_NAME_MAX, nodeName } from '../../src/xecm/names.js';
import { Nodes } from '../../src/xecm/nodes.js';
import { Workspaces } from '../../src/xecm/workspaces.js';
import { fuzzCounter } from './runs.js';

const count = fuzzCounter('names');

/** Characters that make names hard: refused ones, trailing-only ones, lone surrogates, format and bidi controls, wildcards. */
const hostileChar = fc.oneof(
  fc.constantFrom(':', '.', ' ', '\t', '\n', '\r', '\0', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff', '\u200b', '\u202e', '\ufeff', '\u3000'),
  fc.constantFrom('/', '\\', '~', '%', '_', '*', '?', '"', '<', '>', '|', "'", '$', '{', '}', '#'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('a', 'B', 'x', '1', ' ', 'é', '😀'),
);
const INJECTIONS = [
  "'; drop table nodes; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${process.env.SECRET}',
  'a\u0000b',
  'CON',
  'x:y:z',
  ' . ',
  '..',
];
const hostileName = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: hostileChar, minLength: NODE_NAME_MAX - 12, maxLength: NODE_NAME_MAX + 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
);

/** Independent of isNodeName: what a name must never be (otcs-api.md §3.9 and the connector's own rules). */
function assertSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name.length).toBeLessThanOrEqual(NODE_NAME_MAX);
  expect(name).not.toMatch(/:/);
  expect(name).not.toMatch(/\p{Cc}/u);
  expect(name).not.toMatch(/[\ud800-\udfff]/u);
  expect(name).not.toMatch(/^\s|[\s.]$/);
  // It travels as UTF-8 and back unchanged.
  expect(Buffer.from(name, 'utf8').toString('utf8')).toBe(name);
}

/** An input that is itself valid and reads like another input's changed name: the documented exception. */
const looksChanged = (s: string): boolean => isNodeName(s) && / ~[a-z2-7]{8}$/.test(s);

afterAll(() => {
  console.log(count.summary());
});

describe('nodeName: names made safe for Content Server', () => {
  it('always gives a name Content Server accepts, and is idempotent', () => {
    fc.assert(
      fc.property(hostileName, (s) => {
        count.hit('valid+idempotent');
        const n = nodeName(s);
        assertSafe(n);
        expect(isNodeName(n)).toBe(true);
        expect(nodeName(n)).toBe(n);
        if (isNodeName(s)) expect(n).toBe(s);
      }),
      count.params('valid+idempotent', 3500),
    );
  });

  it('keeps distinct inputs distinct, also those that clean to the same text', () => {
    // Pairs that differ only in what cleaning drops: a colon, a control character, trailing dots and spaces, the cut.
    const twin = hostileName.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.oneof(
          fc.nat({ max: s.length }).map((i) => `${s.slice(0, i)}:${s.slice(i)}`),
          fc.nat({ max: s.length }).map((i) => `${s.slice(0, i)}\u0001${s.slice(i)}`),
          fc.constantFrom('.', ' ', '. ', '\t', '..').map((t) => `${s}${t}`),
          fc.constantFrom(' ', '\n').map((t) => `${t}${s}`),
          fc.string({ unit: hostileChar, minLength: 1, maxLength: 20 }).map((t) => `${s}${'x'.repeat(NODE_NAME_MAX)}${t}`),
          hostileName,
        ),
      ),
    );
    fc.assert(
      fc.property(twin, ([a, b]) => {
        count.hit('injective');
        fc.pre(a !== b && !looksChanged(a) && !looksChanged(b));
        expect(nodeName(a)).not.toBe(nodeName(b));
      }),
      count.params('injective', 3500),
    );
  });

  it('is stable across runs and machines (fixed vectors)', () => {
    count.hit('stable');
    expect(nodeName('Order #1001 – Ada Lovelace')).toBe('Order #1001 – Ada Lovelace');
    expect(nodeName('a:b')).toBe('ab ~xlqarrtd');
    expect(nodeName('')).toBe('unnamed ~4oymiquy');
    expect(nodeName('Order 1.')).toBe('Order 1 ~osupxqez');
    expect(nodeName('tab\there')).toBe('tab here ~ygzpavyy');
    expect(nodeName('a\ud800')).toBe('a\ufffd ~f23ta7mo');
    expect(nodeName('a\ud801')).toBe('a\ufffd ~jpqrdytg');
    expect(nodeName('x'.repeat(300))).toBe(`${'x'.repeat(NODE_NAME_MAX - 10)} ~fqm7bejg`);
  });
});

/**
 * Through the real client against the xECM emulator, which refuses what Content Server refuses: any
 * name made safe is accepted, found again by the same name, and two names stay two documents.
 */
describe('hostile names through the xECM client and the emulator', () => {
  let emu: Awaited<ReturnType<typeof startXecmEmulator>>;
  let nodes: Nodes;
  let workspaces: Workspaces;
  let parent: number;
  beforeAll(async () => {
    emu = await startXecmEmulator({ host: '127.0.0.1', port: 0 });
    const client = new XecmClient({
      config: { url: emu.url, username: 'Admin', password: 'livelink', timeoutMs: 5000, maxConcurrency: 4, retries: 0, retryBaseMs: 10 },
      log: silentLogger,
    });
    nodes = new Nodes(client);
    workspaces = new Workspaces(client);
    parent = (await nodes.createFolder(SEED_IDS.enterpriseVolume, 'fuzz')).id;
  });
  afterAll(async () => emu.close());

  it('files each document under its own safe name, once', async () => {
    const seen = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(hostileName, async (s) => {
        count.hit('client+emulator');
        const bytes = Buffer.from(`content of ${JSON.stringify(s)}`);
        const put = await nodes.putDocument(parent, s, { kind: 'bytes', bytes, fileName: nodeName(s), mimeType: 'text/plain' });
        const again = await nodes.putDocument(parent, s, { kind: 'bytes', bytes, fileName: nodeName(s), mimeType: 'text/plain' });
        expect(again).toMatchObject({ action: 'unchanged', nodeId: put.nodeId });
        const found = await nodes.childNamed(parent, s);
        expect(found?.name).toBe(nodeName(s));
        const before = seen.get(nodeName(s));
        if (before !== undefined && before !== s) throw new Error(`${JSON.stringify(before)} and ${JSON.stringify(s)} share a name`);
        seen.set(nodeName(s), s);
      }),
      count.params('client+emulator', 60),
    );
  });

  it('a workspace whose long name is taken by an unrelated item still gets a name of its own (regression)', async () => {
    count.hit('client+emulator');
    // Before: `<name> (<boId>)` was cut back to 248 characters, i.e. to the taken name, and the create failed for good.
    const model = await workspaces.model('Shopify Order', 'Shopify Order');
    const long = `Order ${'y'.repeat(300)}`;
    const first = await workspaces.ensure(model, { name: long, bo: { extSystemId: 'shopify', boType: 'shopify_order', boId: '7001' }, attributes: {} });
    const second = await workspaces.ensure(model, { name: long, bo: { extSystemId: 'shopify', boType: 'shopify_order', boId: '7002' }, attributes: {} });
    expect(first.outcome).toBe('created');
    expect(second).toMatchObject({ outcome: 'created', renamed: true });
    expect(second.name).not.toBe(first.name);
    assertSafe(first.name);
    assertSafe(second.name);
    // And it stays as it is when the rule asks for the name again.
    const third = await workspaces.ensure(model, {
      name: long,
      bo: { extSystemId: 'shopify', boType: 'shopify_order', boId: '7002' },
      attributes: {},
      rename: true,
    });
    expect(third).toMatchObject({ outcome: 'unchanged', name: second.name });
  });
});
