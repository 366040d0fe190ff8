import { describe, expect, it } from 'vitest';
import { OTCS_CONTRACT } from './otcs-contract.generated.js';
import { QUIRKS } from './quirks.js';
import { assertQuirksApply } from './validator.js';

const REQUESTED = `POST /api/v1/auth; GET /api/v1/auth; DELETE /api/v1/auth; GET /api/v1/ping; GET /api/v1/serverinfo;
GET /api/v2/businessworkspacetypes; GET /api/v2/businessworkspacetypes/{id}; GET /api/v2/forms/businessworkspaces/create;
POST /api/v2/businessworkspaces; GET /api/v2/businessworkspaces; GET /api/v2/businessworkspaces/{id};
GET|POST /api/v2/businessworkspaces/{id}/relateditems; DELETE /api/v2/businessworkspaces/{id}/relateditems/{rel_bw_id};
GET /api/v2/businessworkspaces/{id}/roles; GET|POST /api/v2/businessworkspaces/{id}/roles/{role_id}/members; DELETE /api/v2/businessworkspaces/{id}/roles/{role_id}/members/{member_id};
PUT|DELETE /api/v2/businessworkspaces/{id}/workspacereferences; GET /api/v2/externalsystems/{ext_system_id}/botypes/{bo_type}/boids/{bo_id};
POST /api/v2/nodes; GET|PUT|DELETE /api/v2/nodes/{id}; GET /api/v2/nodes/{id}/nodes; GET /api/v2/nodes/{id}/content;
GET|POST /api/v2/nodes/{id}/versions; GET /api/v1/nodes/{id}/versions/latest;
GET|POST /api/v2/nodes/{id}/categories; GET|PUT|DELETE /api/v2/nodes/{id}/categories/{category_id};
POST /api/v1/validation/nodes/names; GET|POST /api/v1/nodes/{id}/classifications; GET|POST /api/v1/nodes/{id}/rmclassifications;
POST /api/v1/holds; GET /api/v2/holds; GET /api/v1/nodes/{id}/holds; POST /api/v1/nodes/{id}/holds; DELETE /api/v1/nodes/{id}/holds/{hold_id};
POST /api/v2/search`
  .split(';')
  .flatMap((entry) => {
    const [methods = '', path = ''] = entry.trim().split(' ');
    return methods.split('|').map((m) => `${m} ${path}`);
  });

describe('generated OTCS contract', () => {
  const keys = new Set(OTCS_CONTRACT.operations.map((o) => o.key));

  it('contains every requested operation, except those recorded as missing from all documents', () => {
    expect(REQUESTED).toHaveLength(46);
    for (const key of REQUESTED) {
      if (OTCS_CONTRACT.missing.includes(key)) continue;
      expect(keys, key).toContain(key);
    }
    expect(keys.size + OTCS_CONTRACT.missing.length).toBe(REQUESTED.length);
  });

  it('lists exactly the absent operations as missing, each with a QUIRKS.notInSpec note', () => {
    expect([...OTCS_CONTRACT.missing].sort()).toEqual([
      'DELETE /api/v2/businessworkspaces/{id}/workspacereferences',
      'GET /api/v2/externalsystems/{ext_system_id}/botypes/{bo_type}/boids/{bo_id}',
      'PUT /api/v2/businessworkspaces/{id}/workspacereferences',
    ]);
    for (const key of OTCS_CONTRACT.missing) expect(QUIRKS.notInSpec[key], key).toBeTruthy();
  });

  it('carries no prose (property *names* such as "description" are data and stay)', () => {
    const prose = new Set(['description', 'summary', 'example', 'examples', 'title', 'externalDocs']);
    const found: string[] = [];
    const walk = (node: unknown, where: string, isPropertyMap: boolean): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${where}[${i}]`, false));
      if (typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if (!isPropertyMap && prose.has(key)) found.push(`${where}.${key}`);
        walk(child, `${where}.${key}`, !isPropertyMap && key === 'properties');
      }
    };
    walk(OTCS_CONTRACT.operations, 'operations', false);
    expect(found).toEqual([]);
  });

  it('normalises path parameter names and keeps the source mapping', () => {
    const ws = OTCS_CONTRACT.operations.find((o) => o.key === 'GET /api/v2/businessworkspaces/{id}');
    expect(ws?.source).toMatchObject({
      document: 'business-workspaces',
      path: '/v2/businessworkspaces/{bw_id}',
      renamedPathParams: { bw_id: 'id' },
    });
    expect(ws?.parameters.find((p) => p.in === 'path')).toMatchObject({ name: 'id', required: true, schema: { type: 'integer' } });
    const cat = OTCS_CONTRACT.operations.find((o) => o.key === 'PUT /api/v2/nodes/{id}/categories/{category_id}');
    expect(cat?.source.path).toBe('/v2/nodes/{id}/categories/{category_id}/');
  });

  it('every QUIRKS entry still fits the contract', () => {
    expect(() => assertQuirksApply()).not.toThrow();
  });
});
