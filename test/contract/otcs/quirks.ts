/**
 * THE single place where the contract validator deviates from OpenText's OpenAPI documents.
 *
 * Every entry is a known, documented behaviour the documents are silent on (or get wrong), with
 * the section of the project fact sheet (otcs-api.md, "§x.y") that documents it. Nothing here
 * loosens validation wholesale: each allowance names the operation, field or JSON location it
 * applies to. Entries that *tighten* the spec (required envelope keys) live here as well.
 */
import type { ContractSchema } from './contract-types.js';

export interface OperationRequestQuirk {
  /** why the allowance exists (fact-sheet section) */
  readonly why: string;
  /** body field names the spec does not declare but real clients send */
  readonly extraBodyFields?: readonly string[];
  /** regular expressions (source strings, anchored by the validator) for further body field names */
  readonly extraBodyFieldPatterns?: readonly string[];
  /** declared *query* parameters that may instead arrive as form fields or inside `body` JSON */
  readonly queryParamsMayBeBodyFields?: boolean;
  /** body fields the spec lists as required that real clients legitimately omit */
  readonly optionalBodyFields?: readonly string[];
  /** overrides the declared scalar type of query parameters */
  readonly queryParamTypes?: Readonly<Record<string, 'string'>>;
  /** replaces a request body the spec only gives as an opaque string (text/plain) */
  readonly bodySchema?: ContractSchema;
}

export interface ResponseShapeQuirk {
  readonly why: string;
  /**
   * Locations the Content Server 2.0.2 document declares as `type: array, items: X` although the
   * server returns a single `X` there. Notation: dot-separated property names, `[]` steps into
   * array items (e.g. `results[].data.properties`). Applied before `require`.
   */
  readonly unwrapArrays?: readonly string[];
  /**
   * Keys that are always present (the documents have no `required` lists for envelopes).
   * `collection.paging` makes `collection` required at the top and `paging` inside it.
   */
  readonly require?: readonly string[];
}

/**
 * Category attribute keys: `{cat}_{attr}`, `{cat}_{set}_{row}_{attr}` (row may be `x` in metadata),
 * and `{cat}_1` for the category itself (§3.8).
 */
const CATEGORY_ATTRIBUTE_KEY = '\\d+_\\d+(?:_(?:\\d+|x)_\\d+)?';

/** Array-wrapper artifact of the CS 2.0.2 document (see `ResponseShapeQuirk.unwrapArrays`). */
const CS_ARRAY_ARTIFACT = 'CS REST API 2.0.2 declares these single objects as arrays of objects; §0.3 (spec prose + pyxecm) documents objects';

const LINKS = ['links', 'links.data', 'links.data.self'] as const;

export const QUIRKS = {
  /**
   * §0.1: paths carry an installation-specific prefix before `/api/` (`/otcs/cs.exe`, `/cs/cs`, …);
   * matching always strips it. (Listed for completeness; implemented in `matchOperation`.)
   */
  installationPrefix: { why: '§0.1 base URL = <scheme>://<host><cs-path>/api' },

  /** §0.2: query flags without a value (`?metadata`, `?state`, `?suppress_response_codes`). */
  valuelessQueryFlags: {
    why: '§0.2 query flags without a value exist',
    names: ['metadata', 'state', 'suppress_response_codes'],
  },

  /** Query parameters declared as scalar strings that OTCS accepts repeated (`fields=a&fields=b`). */
  repeatableQueryParams: {
    why: '§2.5 and §3.4: fields/expand/actions are repeatable (the spec types them as one string)',
    names: ['fields', 'expand', 'actions', 'expand_fields'],
  },

  /** Array query parameters given in OTCS set syntax, e.g. `where_rel_types={'child','parent'}`. */
  setSyntaxArrayQuery: { why: "§2.7 where_rel_types={'child','parent'}, where_workspace_type_ids={1,2}" },

  /**
   * §0.2: a form field `body` holding a JSON string supplies the request body's fields (merged
   * over individual fields). Implemented in `validateRequest`; listed here as the allowance for
   * a field named `body` that no schema declares.
   */
  bodyJsonField: { why: '§0.2 form field `body` = JSON string (pyxecm, CS spec prose)', name: 'body' },

  /**
   * §6.1: error responses are `{ "error": "<message>" }`. Used for 4xx/5xx statuses for which the
   * document gives no schema (most CS and RM errors), so emulator errors are still checked.
   */
  errorEnvelope: {
    why: '§6.1 error body is JSON { error, errorDetail?, request_id? }',
    schema: {
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'string' },
        errorDetail: { type: 'string' },
        request_id: { type: 'string' },
      },
    } satisfies ContractSchema,
  },

  /** `pattern` values that are date pictures, not regular expressions (RM 26.1 hold dates). */
  ignoredPatterns: {
    why: 'RM 26.1 writes the date picture "YYYY-MM-DDTHH:mm:ss" as a JSON-schema pattern; as a regex it rejects every real date',
    values: ['YYYY-MM-DDTHH:mm:ss'],
  },

  /**
   * Operations the project calls that none of the three documents contains. They are NOT in the
   * generated contract (nothing was invented); validation reports them as `unchecked`.
   */
  notInSpec: {
    'PUT /api/v2/businessworkspaces/{id}/workspacereferences': '§2.6 (pyxecm): plain form fields ext_system_id, bo_type, bo_id',
    'DELETE /api/v2/businessworkspaces/{id}/workspacereferences': '§2.6 (pyxecm): same fields as PUT',
    'GET /api/v2/externalsystems/{ext_system_id}/botypes/{bo_type}/boids/{bo_id}': '§2.4 (pyxecm): top-level paging + results[].data.properties',
  } as Readonly<Record<string, string>>,

  /** Request-side allowances per operation (key = `METHOD /api/...` as in the contract). */
  requests: {
    'GET /api/v2/forms/businessworkspaces/create': {
      why: 'BW document is self-inconsistent: bo_id is a string in POST /v2/businessworkspaces and where_bo_id, integer only here; BO keys are strings (§2, §2.2)',
      queryParamTypes: { bo_id: 'string' },
    },
    'POST /api/v2/businessworkspaces': {
      why: '§2.3: pyxecm sends type "848" and external_create_date/external_modify_date in `body`; the spec schema omits them',
      extraBodyFields: ['type', 'external_create_date', 'external_modify_date'],
    },
    'POST /api/v2/nodes': {
      why: '§3.1/§3.2: roles (categories, classifications) are sent on create; the spec form omits the field',
      extraBodyFields: ['roles'],
    },
    'POST /api/v2/nodes/{id}/categories': {
      why: '§3.8: attribute keys `{cat}_{attr}`; the spec writes the placeholder "{attribute_key}"',
      extraBodyFieldPatterns: [CATEGORY_ATTRIBUTE_KEY],
    },
    'PUT /api/v2/nodes/{id}/categories/{category_id}': {
      why: '§3.8: attribute keys are sent as fields; the spec lists only "{category_id}_1" and metadata_token',
      extraBodyFieldPatterns: [CATEGORY_ATTRIBUTE_KEY],
    },
    'POST /api/v1/validation/nodes/names': {
      why: "§3.2 + the CS spec's own body text: a JSON object with parent_id (integer) and names (list of strings); the schema says only text/plain string",
      bodySchema: {
        type: 'object',
        required: ['parent_id', 'names'],
        properties: { parent_id: { type: 'integer' }, names: { type: 'array', items: { type: 'string' } } },
      },
    },
    'POST /api/v1/nodes/{id}/classifications': {
      why: '§5 (pyxecm): body={"class_id":[...],"apply_to_sub_items":bool,"inherit_flag":bool}',
      extraBodyFields: ['apply_to_sub_items', 'inherit_flag'],
    },
    'POST /api/v1/nodes/{id}/rmclassifications': {
      why: '§5 (pyxecm): body={"class_id","apply_to_sub_items"}; rm_metadataToken is only needed when changing an existing RM classification',
      extraBodyFields: ['apply_to_sub_items'],
      optionalBodyFields: ['rm_metadataToken'],
    },
    'POST /api/v1/holds': {
      why: '§5/§7: the spec lists query parameters; pyxecm/otcs-mcp send form fields',
      queryParamsMayBeBodyFields: true,
    },
    'POST /api/v1/nodes/{id}/holds': {
      why: '§5/§7: hold_id is a query parameter in the spec; pyxecm sends it in `body` JSON, otcs-mcp as a form field',
      queryParamsMayBeBodyFields: true,
    },
    'POST /api/v2/search': {
      why: '§4 (pyxecm): scoping via location_id1, location_id2, …',
      extraBodyFieldPatterns: ['location_id\\d+'],
    },
  } as Readonly<Record<string, OperationRequestQuirk>>,

  /**
   * Properties that Content Server sends as JSON `null` when unset, although the documents type them
   * as plain strings/integers/objects. pyxecm's documented sample responses show these as `None`
   * (`reserved_date`, `external_*_date`), and RM hold records leave removal dates empty until set.
   * Only these names become nullable, wherever they appear in a response.
   */
  nullableFields: {
    why: 'unset values are null on real servers (pyxecm sample responses; RM hold records; user records)',
    names: [
      'reserved_date',
      'external_create_date',
      'external_modify_date',
      'inherited_from_id',
      'DateToRemove',
      'DateRemoved',
      'business_email',
      'business_fax',
      'business_phone',
      'display_language',
      'gender',
      'middle_name',
      'office_location',
      'personal_email',
      'photo_id',
      'photo_url',
      'proxy_proxy_user_id',
      'title',
    ],
  },

  /** Response-side corrections per operation and status. */
  responses: {
    'POST /api/v1/auth': { '200': { why: '§1.1: 200 → {"ticket": "..."}', require: ['ticket'] } },
    'GET /api/v1/auth': { '200': { why: '§1.1: data = user record', require: ['data.id'] } },
    'GET /api/v1/serverinfo': {
      '200': {
        why: `§0.1: serverinfo has a \`sessions\` object. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: ['sessions'],
        require: ['sessions'],
      },
    },
    'GET /api/v2/businessworkspacetypes': { '200': { why: '§2.1: results is a list', require: ['results'] } },
    'GET /api/v2/businessworkspacetypes/{id}': { '200': { why: '§2.1: results object', require: ['results'] } },
    'GET /api/v2/forms/businessworkspaces/create': { '200': { why: '§2.2: { forms: [...] }', require: ['forms'] } },
    'POST /api/v2/businessworkspaces': {
      '200': { why: '§2.3: results { id, ... } — the spec only guarantees results.id', require: ['results.id'] },
    },
    'GET /api/v2/businessworkspaces': {
      '200': { why: '§0.3/§2.4: top-level paging + results list', require: ['results', 'paging'] },
    },
    'GET /api/v2/businessworkspaces/{id}': {
      '200': { why: '§2.5: results is an object with data.properties', require: ['results.data.properties'] },
    },
    'GET /api/v2/businessworkspaces/{id}/relateditems': {
      '200': { why: '§0.3/§2.7: same shape as workspace search (top-level paging)', require: ['results', 'paging'] },
    },
    'POST /api/v2/businessworkspaces/{id}/relateditems': { '200': { why: '§2.7: {links, results: {}}', require: ['results'] } },
    'DELETE /api/v2/businessworkspaces/{id}/relateditems/{rel_bw_id}': {
      '200': { why: '§0.3/§2.7: {links, results: {}}', require: ['results'] },
    },
    'GET /api/v2/businessworkspaces/{id}/roles': { '200': { why: '§2.8: results[]', require: ['results'] } },
    'GET /api/v2/businessworkspaces/{id}/roles/{role_id}/members': { '200': { why: '§2.8: results[]', require: ['results'] } },
    'POST /api/v2/businessworkspaces/{id}/roles/{role_id}/members': {
      '200': { why: '§2.8: results.data.properties of the member', require: ['results.data.properties'] },
    },
    'DELETE /api/v2/businessworkspaces/{id}/roles/{role_id}/members/{member_id}': {
      '200': { why: '§0.3/§2.8: results: {}', require: ['results'] },
    },
    'POST /api/v2/nodes': {
      '200': {
        why: `§3.1/§3.2: results.data.properties.id. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'results', 'results.data', 'results.data.properties'],
        require: ['results.data.properties.id'],
      },
    },
    'GET /api/v2/nodes/{id}': {
      '200': {
        why: `§3.4: results.data.properties (object). ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'results', 'results.data', 'results.data.properties'],
        require: ['results.data.properties'],
      },
    },
    'PUT /api/v2/nodes/{id}': {
      '200': { why: `§3.5: {links, results: {}}. ${CS_ARRAY_ARTIFACT}`, unwrapArrays: [...LINKS, 'results'], require: ['results'] },
    },
    'DELETE /api/v2/nodes/{id}': {
      '200': { why: `§3.6: {links, results: {}}. ${CS_ARRAY_ARTIFACT}`, unwrapArrays: [...LINKS, 'results'], require: ['results'] },
    },
    'GET /api/v2/nodes/{id}/nodes': {
      '200': {
        why: `§0.3/§3.7: collection.paging + results[].data.properties. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'collection', 'collection.paging', 'collection.sorting', 'results[].data', 'results[].data.properties'],
        require: ['results', 'collection.paging'],
      },
    },
    'GET /api/v2/nodes/{id}/versions': {
      '200': {
        why: `§3.3: results[].data.versions (object per version). ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: ['links', 'links.data.self', 'collection', 'collection.paging', 'results[].data', 'results[].data.versions'],
        require: ['results'],
      },
    },
    'POST /api/v2/nodes/{id}/versions': {
      '200': {
        why: `§3.3: results.data.properties + results.data.versions. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: ['links', 'links.data.self', 'results', 'results.data', 'results.data.properties', 'results.data.versions'],
        require: ['results.data.properties'],
      },
    },
    'GET /api/v2/nodes/{id}/categories': {
      '200': {
        why: `§3.8: results[] with data.categories {"<cat>_<attr>": value}. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'results[].data', 'results[].data.categories'],
        require: ['results'],
      },
    },
    'GET /api/v2/nodes/{id}/categories/{category_id}': {
      '200': {
        why: `§0.3/§3.8: single category → results object with data.categories. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'results', 'results.data', 'results.data.categories'],
        require: ['results'],
      },
    },
    'POST /api/v2/nodes/{id}/categories': {
      '200': { why: `§0.3: v2 write → results object. ${CS_ARRAY_ARTIFACT}`, unwrapArrays: [...LINKS, 'results'], require: ['results'] },
    },
    'PUT /api/v2/nodes/{id}/categories/{category_id}': {
      '200': {
        why: `§3.8: tokens come back in results.state.categories → results object. ${CS_ARRAY_ARTIFACT}`,
        unwrapArrays: [...LINKS, 'results'],
        require: ['results'],
      },
    },
    'DELETE /api/v2/nodes/{id}/categories/{category_id}': {
      '200': { why: `§0.3: v2 delete → results object. ${CS_ARRAY_ARTIFACT}`, unwrapArrays: [...LINKS, 'results'], require: ['results'] },
    },
    'POST /api/v1/validation/nodes/names': { '200': { why: '§3.2: results: [ {name, id} ]', require: ['results'] } },
    'GET /api/v1/nodes/{id}/classifications': { '200': { why: '§5: top-level data list', require: ['data'] } },
    'GET /api/v1/nodes/{id}/holds': { '200': { why: '§5: { data: [holds], definitions }', require: ['data'] } },
    'GET /api/v2/holds': {
      '200': { why: '§0.3/§5: collection.paging + results.data.holds[]', require: ['collection.paging', 'results.data.holds'] },
    },
    'POST /api/v2/search': {
      '200': { why: '§0.3/§4: collection.paging + results[]', require: ['results', 'collection.paging'] },
    },
  } as Readonly<Record<string, Readonly<Record<string, ResponseShapeQuirk>>>>,
} as const;
