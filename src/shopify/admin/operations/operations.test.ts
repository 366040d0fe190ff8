import { describe, expect, it } from 'vitest';
import { validateOperation } from '../schema/index.js';
import { ALL_OPERATIONS } from './index.js';

describe('Admin GraphQL operations', () => {
  it.each(ALL_OPERATIONS.map((op) => [op.name, op.document]))('%s validates against the real 2026-07 schema', (_name, document) => {
    expect(validateOperation(document).map((e) => e.message)).toEqual([]);
  });
});
