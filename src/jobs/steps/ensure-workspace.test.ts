import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { modelSchema } from '../../config/schema.js';
import { createLogger } from '../../log.js';
import type { Step } from '../../rules/plan.js';
import type { Store } from '../../store/store.js';
import type { AttributeValues } from '../../xecm/types.js';
import type { WorkspaceModel, Workspaces } from '../../xecm/workspaces.js';
import { ensureWorkspace } from './ensure-workspace.js';
import type { StepContext } from './step.js';

/** A category that names two of the written attributes differently. */
const MODEL: WorkspaceModel = {
  typeId: 101,
  typeName: 'Drift Test Order',
  templateId: 3021,
  categoryId: 3011,
  categoryName: 'Drift Test Order',
  attributeKeys: new Map([
    ['Order Name', '3011_2'],
    ['Customer Name', '3011_3'],
    ['Currency', '3011_4'],
  ]),
  multiValued: new Map(),
};

function context(strictAttributes: boolean): { ctx: StepContext; written: AttributeValues[]; warnings: Array<Record<string, unknown>> } {
  const written: AttributeValues[] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = JSON.parse(chunk.toString()) as Record<string, unknown>;
      if (line.level === 40) warnings.push(line);
      done();
    },
  });
  const workspaces = {
    model: () => Promise.resolve(MODEL),
    ensure: (_m: WorkspaceModel, input: { name: string; attributes: AttributeValues }) => {
      written.push(input.attributes);
      return Promise.resolve({ outcome: 'created' as const, nodeId: 10000, name: input.name, changed: [] });
    },
  } as unknown as Workspaces;
  const store = { putWorkspace: () => Promise.resolve(), pendingRelationsTo: () => Promise.resolve([]) } as unknown as Store;
  const ctx = {
    shop: 'shop.myshopify.com',
    model: modelSchema.parse({ strictAttributes }),
    workspaces,
    store,
    log: createLogger({ level: 'warn', destination }),
    payload: {},
    eventId: 1,
    jobId: '1',
    extSystemId: 'shopify',
    audited: <T>(_target: string, fn: () => Promise<T>) => fn(),
    workspaceNode: () => Promise.resolve(undefined),
    requireWorkspace: () => Promise.reject(new Error('not used')),
    remember: () => undefined,
  } as unknown as StepContext;
  return { ctx, written, warnings };
}

const step = (boId: string): Extract<Step, { op: 'ensure-workspace' }> => ({
  op: 'ensure-workspace',
  workspace: { kind: 'order', boType: 'shopify_order', boId },
  name: `Order ${boId}`,
  attributes: { 'Order Name': '#1', Customer: 'Ada Lovelace', Currency: 'USD', Total: '10.00' },
  merge: [],
});

describe('ensure-workspace with a category that lacks attributes', () => {
  it('writes the attributes that exist, names the others, and warns once per type and attribute', async () => {
    const { ctx, written, warnings } = context(false);
    const first = await ensureWorkspace(step('1'), ctx);
    const second = await ensureWorkspace(step('2'), ctx);
    expect(first).toEqual({ outcome: 'created', nodeId: 10000, missingAttributes: ['Customer', 'Total'] });
    expect(second).toMatchObject({ missingAttributes: ['Customer', 'Total'] });
    expect(written).toEqual([
      { 'Order Name': '#1', Currency: 'USD' },
      { 'Order Name': '#1', Currency: 'USD' },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ workspaceType: 'Drift Test Order', attributes: ['Customer', 'Total'] });
    expect(String(warnings[0]?.msg)).toMatch(/lacks attribute\(s\) Customer, Total: skipped/);
  });

  it('with model.strictAttributes passes every attribute on, so that the write refuses', async () => {
    const { ctx, written, warnings } = context(true);
    const r = await ensureWorkspace(step('3'), ctx);
    expect(r).toEqual({ outcome: 'created', nodeId: 10000 });
    expect(written[0]).toHaveProperty('Customer');
    expect(warnings).toEqual([]);
  });
});
