import { describe, expect, it } from 'vitest';
import { matchOperation, validateRequest, validateResponse, type ValidationResult } from './validator.js';

const FORM = 'application/x-www-form-urlencoded';

function errorsOf(result: ValidationResult): readonly string[] {
  return result.ok ? [] : result.errors;
}

describe('matchOperation', () => {
  it('matches a concrete path and extracts path parameters', () => {
    const m = matchOperation('get', '/api/v2/nodes/123/nodes');
    expect(m?.operation.key).toBe('GET /api/v2/nodes/{id}/nodes');
    expect(m?.params).toEqual({ id: '123' });
  });

  it('strips an installation prefix, absolute URLs, query strings and trailing slashes', () => {
    expect(matchOperation('GET', '/otcs/cs.exe/api/v2/businessworkspaces/42/roles/7/members')?.params).toEqual({
      id: '42',
      role_id: '7',
    });
    expect(matchOperation('GET', 'https://ecm.example.com/cs/cs/api/v2/nodes/5?fields=properties')?.operation.key).toBe('GET /api/v2/nodes/{id}');
    expect(matchOperation('PUT', '/otcs/llisapi.dll/api/v2/nodes/5/categories/9001/')?.operation.key).toBe('PUT /api/v2/nodes/{id}/categories/{category_id}');
  });

  it('prefers literal segments over parameters', () => {
    expect(matchOperation('GET', '/api/v1/nodes/9/versions/latest')?.operation.key).toBe('GET /api/v1/nodes/{id}/versions/latest');
  });

  it('returns undefined for operations outside the contract', () => {
    expect(matchOperation('PATCH', '/api/v2/nodes/1')).toBeUndefined();
    expect(matchOperation('GET', '/api/v2/members/1')).toBeUndefined();
    expect(matchOperation('PUT', '/api/v2/businessworkspaces/1/workspacereferences')).toBeUndefined();
  });
});

describe('validateRequest', () => {
  it('accepts a well-formed query request', () => {
    const r = validateRequest({
      method: 'GET',
      path: '/otcs/cs.exe/api/v2/businessworkspaces',
      query: { where_ext_system_id: 'Shopify', where_bo_type: 'order', where_bo_id: '1001', expanded_view: 'true', limit: '10' },
    });
    expect(r).toEqual({ ok: true });
  });

  it('rejects an unknown operation', () => {
    expect(errorsOf(validateRequest({ method: 'GET', path: '/api/v2/nope' }))[0]).toMatch(/no contract operation/);
  });

  it('catches a missing required parameter', () => {
    // RM 26.1 declares page and limit as required for GET /v2/holds
    const r = validateRequest({ method: 'GET', path: '/api/v2/holds', query: { page: '1' } });
    expect(errorsOf(r)).toEqual(['required query parameter "limit" missing']);
    // POST /v1/auth: username and password are required form fields
    const auth = validateRequest({ method: 'POST', path: '/api/v1/auth', contentType: FORM, fields: { username: 'admin' } });
    expect(errorsOf(auth).join('\n')).toMatch(/password/);
  });

  it('catches undeclared query parameters and body fields', () => {
    const q = validateRequest({ method: 'GET', path: '/api/v2/nodes/1/nodes', query: { page: '1', bogus: 'x' } });
    expect(errorsOf(q)).toEqual(['query parameter "bogus" is not declared for GET /api/v2/nodes/{id}/nodes']);
    const f = validateRequest({
      method: 'POST',
      path: '/api/v2/businessworkspaces/1/relateditems',
      contentType: FORM,
      fields: { rel_bw_id: '2', colour: 'red' },
    });
    expect(errorsOf(f)).toEqual(['body field "colour" is not declared for POST /api/v2/businessworkspaces/{id}/relateditems']);
  });

  it('type-checks declared scalars (path, query, form)', () => {
    expect(errorsOf(validateRequest({ method: 'GET', path: '/api/v2/nodes/abc' }))).toEqual(['path parameter "id": expected integer, got "abc"']);
    expect(errorsOf(validateRequest({ method: 'GET', path: '/api/v2/nodes/1/nodes', query: { limit: 'ten' } }))).toEqual([
      'query parameter "limit": expected integer, got "ten"',
    ]);
    const form = validateRequest({
      method: 'POST',
      path: '/api/v2/businessworkspaces/1/relateditems',
      contentType: FORM,
      fields: { rel_bw_id: 'x' },
    });
    expect(errorsOf(form).join('\n')).toMatch(/rel_bw_id.*integer/);
  });

  it('understands the body=<JSON> form convention (§0.2)', () => {
    const ok = validateRequest({
      method: 'POST',
      path: '/api/v2/businessworkspaces',
      contentType: FORM,
      fields: {
        body: JSON.stringify({
          template_id: 17,
          wksp_type_id: 3,
          type: 848,
          name: 'Order 1001',
          ext_system_id: 'Shopify',
          bo_type: 'order',
          bo_id: '1001',
          roles: { categories: { '9001': { '9001_2': 'x' } } },
        }),
      },
    });
    expect(ok).toEqual({ ok: true });

    const wrongType = validateRequest({
      method: 'POST',
      path: '/api/v2/businessworkspaces',
      contentType: FORM,
      fields: { body: JSON.stringify({ template_id: 17, bo_id: 1001 }) },
    });
    expect(errorsOf(wrongType).join('\n')).toMatch(/bo_id must be string/);

    const undeclared = validateRequest({
      method: 'POST',
      path: '/api/v2/nodes',
      contentType: FORM,
      fields: { body: JSON.stringify({ type: 0, parent_id: 2000, name: 'F', colour: 'red' }) },
    });
    expect(errorsOf(undeclared)).toEqual(['body field "colour" is not declared for POST /api/v2/nodes']);

    expect(errorsOf(validateRequest({ method: 'POST', path: '/api/v2/nodes', contentType: FORM, fields: { body: '{oops' } }))).toEqual([
      'form field "body" is not valid JSON',
    ]);
  });

  it('accepts multipart document upload with body JSON and a file part', () => {
    const r = validateRequest({
      method: 'POST',
      path: '/api/v2/nodes',
      contentType: 'multipart/form-data; boundary=x',
      fields: {
        body: JSON.stringify({ type: 144, parent_id: 2000, name: 'invoice.pdf', roles: { categories: { '9001_2': 'a' } } }),
        file: new Uint8Array([1, 2, 3]),
      },
    });
    expect(r).toEqual({ ok: true });
  });

  it('checks the body JSON against a QUIRKS body schema where the spec only says text/plain', () => {
    const ok = validateRequest({
      method: 'POST',
      path: '/api/v1/validation/nodes/names',
      contentType: FORM,
      fields: { body: JSON.stringify({ parent_id: 2000, names: ['a.pdf'] }) },
    });
    expect(ok).toEqual({ ok: true });
    const bad = validateRequest({
      method: 'POST',
      path: '/api/v1/validation/nodes/names',
      contentType: FORM,
      fields: { body: JSON.stringify({ parent_id: 2000 }) },
    });
    expect(errorsOf(bad).join('\n')).toMatch(/names/);
  });

  it('applies the documented quirks: valueless flags, category keys, hold fields, search scoping', () => {
    expect(validateRequest({ method: 'GET', path: '/api/v2/nodes/1', query: { metadata: '', fields: ['properties', 'versions'] } })).toEqual({
      ok: true,
    });
    expect(
      validateRequest({
        method: 'PUT',
        path: '/api/v2/nodes/1/categories/9001',
        contentType: FORM,
        fields: { '9001_2': 'Gold', '9001_3_1_4': ['a', 'b'] },
      }),
    ).toEqual({ ok: true });
    expect(
      validateRequest({
        method: 'POST',
        path: '/api/v1/holds',
        contentType: FORM,
        fields: { type: 'Legal', name: 'H1', date_applied: '2025-01-01T00:00:00' },
      }),
    ).toEqual({ ok: true });
    expect(errorsOf(validateRequest({ method: 'POST', path: '/api/v1/holds', contentType: FORM, fields: { type: 'Legal' } }))).toEqual([
      'required query parameter "date_applied" missing',
      'required query parameter "name" missing',
    ]);
    expect(validateRequest({ method: 'POST', path: '/api/v1/nodes/5/holds', contentType: FORM, fields: { body: '{"hold_id": 12}' } })).toEqual({ ok: true });
    expect(
      validateRequest({
        method: 'POST',
        path: '/api/v2/search',
        contentType: FORM,
        fields: { where: 'OTName:"x"', limit: '10', location_id1: '2000' },
      }),
    ).toEqual({ ok: true });
  });

  it('lets RM classification omit rm_metadataToken and forms/create take a string bo_id (QUIRKS)', () => {
    expect(
      validateRequest({
        method: 'POST',
        path: '/api/v1/nodes/5/rmclassifications',
        contentType: FORM,
        fields: { body: JSON.stringify({ class_id: 1, apply_to_sub_items: false }) },
      }),
    ).toEqual({ ok: true });
    expect(
      validateRequest({
        method: 'GET',
        path: '/api/v2/forms/businessworkspaces/create',
        query: { template_id: '17', ext_system_id: 'Shopify', bo_type: 'order', bo_id: 'A-1' },
      }),
    ).toEqual({ ok: true });
    expect(errorsOf(validateRequest({ method: 'GET', path: '/api/v2/forms/businessworkspaces/create', query: { template_id: 'x' } }))).toEqual([
      'query parameter "template_id": expected integer, got "x"',
    ]);
  });

  it('reports operations absent from every document as unchecked, not as valid', () => {
    const r = validateRequest({
      method: 'PUT',
      path: '/otcs/cs.exe/api/v2/businessworkspaces/5/workspacereferences',
      contentType: FORM,
      fields: { ext_system_id: 'Shopify', bo_type: 'order', bo_id: '1' },
    });
    expect(r).toMatchObject({ ok: true, unchecked: true });
  });
});

const LINKS = { data: { self: { body: '', content_type: '', href: '/api/v2/x', method: 'GET', name: '' } } };

describe('validateResponse', () => {
  it('accepts a correct create-workspace response and rejects wrong shapes', () => {
    const path = '/otcs/cs.exe/api/v2/businessworkspaces';
    expect(validateResponse({ method: 'POST', path, status: 200, body: { links: LINKS, results: { id: 123 } } })).toEqual({ ok: true });
    expect(validateResponse({ method: 'POST', path, status: 200, body: { results: { id: 123, direct_open: true, sub_folder_id: 0 } } })).toEqual({ ok: true });

    const asArray = validateResponse({ method: 'POST', path, status: 200, body: { results: [{ id: 123 }] } });
    expect(errorsOf(asArray).join('\n')).toMatch(/\/results must be object/);
    const noId = validateResponse({ method: 'POST', path, status: 200, body: { results: {} } });
    expect(errorsOf(noId).join('\n')).toMatch(/must have required property 'id'/);
    const stringId = validateResponse({ method: 'POST', path, status: 200, body: { results: { id: '123' } } });
    expect(errorsOf(stringId).join('\n')).toMatch(/\/results\/id must be integer/);
    const noResults = validateResponse({ method: 'POST', path, status: 200, body: { links: LINKS } });
    expect(errorsOf(noResults).join('\n')).toMatch(/required property 'results'/);
  });

  const child = { data: { properties: { id: 11, name: 'Invoices', type: 0, parent_id: 2000 } } };
  const paging = { page: 1, limit: 25, page_total: 1, range_min: 1, range_max: 1, total_count: 1 };

  it('accepts node children with collection.paging and rejects a missing or misplaced paging', () => {
    const path = '/api/v2/nodes/2000/nodes';
    const good = { links: LINKS, collection: { paging, sorting: { sort: [] } }, results: [child] };
    expect(validateResponse({ method: 'GET', path, status: 200, body: good })).toEqual({ ok: true });

    const noPaging = validateResponse({ method: 'GET', path, status: 200, body: { collection: {}, results: [child] } });
    expect(errorsOf(noPaging).join('\n')).toMatch(/required property 'paging'/);
    const topLevelPaging = validateResponse({ method: 'GET', path, status: 200, body: { paging, results: [child] } });
    expect(errorsOf(topLevelPaging).join('\n')).toMatch(/required property 'collection'/);
    const resultsObject = validateResponse({ method: 'GET', path, status: 200, body: { collection: { paging }, results: child } });
    expect(errorsOf(resultsObject).join('\n')).toMatch(/\/results must be array/);
    const badId = validateResponse({
      method: 'GET',
      path,
      status: 200,
      body: { collection: { paging }, results: [{ data: { properties: { id: '11' } } }] },
    });
    expect(errorsOf(badId).join('\n')).toMatch(/\/results\/0\/data\/properties\/id must be integer/);
  });

  it('requires top-level paging for business workspace search', () => {
    const path = '/api/v2/businessworkspaces';
    const item = { data: { properties: { id: 55, name: 'Order 1001', type: 848 } } };
    expect(validateResponse({ method: 'GET', path, status: 200, body: { links: LINKS, paging, results: [item] } })).toEqual({ ok: true });
    const missing = validateResponse({ method: 'GET', path, status: 200, body: { results: [item] } });
    expect(errorsOf(missing).join('\n')).toMatch(/required property 'paging'/);
    const wrongType = validateResponse({ method: 'GET', path, status: 200, body: { paging: { ...paging, page: '1' }, results: [item] } });
    expect(errorsOf(wrongType).join('\n')).toMatch(/\/paging\/page must be integer/);
  });

  it('validates single-node envelopes (results object with data.properties)', () => {
    const path = '/api/v2/nodes';
    const body = { links: LINKS, results: { data: { properties: { id: 77, name: 'F', type: 0, parent_id: 2000 } } } };
    expect(validateResponse({ method: 'POST', path, status: 200, body })).toEqual({ ok: true });
    expect(errorsOf(validateResponse({ method: 'POST', path, status: 200, body: { results: [body.results] } })).join('\n')).toMatch(/\/results must be object/);
    expect(validateResponse({ method: 'DELETE', path: '/api/v2/nodes/77', status: 200, body: { links: LINKS, results: {} } })).toEqual({
      ok: true,
    });
  });

  it('says unchecked when the spec has no schema for a status', () => {
    expect(validateResponse({ method: 'GET', path: '/api/v2/nodes/1/content', status: 200, body: 'binary' })).toMatchObject({
      ok: true,
      unchecked: true,
    });
    expect(validateResponse({ method: 'GET', path: '/api/v2/nodes/1', status: 418, body: {} })).toMatchObject({
      ok: true,
      unchecked: true,
    });
  });

  it('checks error bodies against the spec Error schema or the §6.1 envelope', () => {
    expect(validateResponse({ method: 'GET', path: '/api/v2/businessworkspaces/9', status: 404, body: { error: 'nope' } })).toEqual({
      ok: true,
    });
    expect(validateResponse({ method: 'GET', path: '/api/v2/nodes/9', status: 400, body: { error: 'Could not get a node for 9' } })).toEqual({ ok: true });
    expect(validateResponse({ method: 'GET', path: '/api/v2/nodes/9', status: 400, body: { message: 'x' } }).ok).toBe(false);
  });

  it('validates holds, auth and search envelopes', () => {
    expect(validateResponse({ method: 'POST', path: '/api/v1/auth', status: 200, body: { ticket: 'abc/+=' } })).toEqual({ ok: true });
    expect(validateResponse({ method: 'POST', path: '/api/v1/auth', status: 200, body: {} }).ok).toBe(false);
    const holds = { collection: { paging: { page: 1, limit: 10, page_total: 1, total_count: 1 } }, results: { data: { holds: [] } } };
    expect(validateResponse({ method: 'GET', path: '/api/v2/holds', status: 200, body: holds })).toEqual({ ok: true });
    expect(validateResponse({ method: 'GET', path: '/api/v2/holds', status: 200, body: { results: { data: { holds: [] } } } }).ok).toBe(false);
    const search = { collection: { paging }, links: LINKS, results: [{ data: { properties: { id: 1 } } }] };
    expect(validateResponse({ method: 'POST', path: '/api/v2/search', status: 200, body: search })).toEqual({ ok: true });
  });
});
