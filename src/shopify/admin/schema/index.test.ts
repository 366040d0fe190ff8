import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adminSchemaPath, loadAdminSchema, validateOperation } from './index.js';

describe('Admin GraphQL schema (2026-07)', () => {
  it('is committed gzip-compressed and well under the size budget', () => {
    expect(statSync(adminSchemaPath()).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('loads once and has the root types', () => {
    const schema = loadAdminSchema();
    expect(loadAdminSchema()).toBe(schema);
    expect(schema.getQueryType()?.name).toBe('QueryRoot');
    expect(schema.getMutationType()?.getFields().orderCreate).toBeDefined();
  });

  it('validates a known-good orders query', () => {
    const errors = validateOperation(`
      query Orders($cursor: String, $q: String) {
        orders(first: 50, after: $cursor, query: $q, sortKey: UPDATED_AT) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id legacyResourceId name createdAt updatedAt cancelledAt tags poNumber
            displayFinancialStatus displayFulfillmentStatus
            totalPriceSet { shopMoney { amount currencyCode } }
            customer { id email }
            purchasingEntity { ... on PurchasingCompany { company { id name } location { id } contact { id } } }
            lineItems(first: 20) { nodes { id sku quantity customAttributes { key value } } }
          }
        }
      }`);
    expect(errors).toEqual([]);
  });

  it('rejects a field that does not exist and a syntax error', () => {
    const errors = validateOperation('{ orders(first: 1) { nodes { id colour } } }');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/colour/);
    expect(validateOperation('{ orders(first: 1) { nodes { id }')[0]?.message).toMatch(/Syntax Error/);
  });

  it('keeps directives and deprecations but no descriptions', () => {
    const sdl = gunzipSync(readFileSync(adminSchemaPath())).toString('utf8');
    expect(sdl).not.toContain('"""');
    expect(sdl).not.toMatch(/^\s*"[^"\n]+"\s*$/m);
    expect(sdl).toContain('@oneOf');
    expect(sdl).toContain('@deprecated');
    expect(sdl).toContain('directive @idempotent');
  });
});
