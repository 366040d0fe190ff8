/**
 * Validates OTCS requests (as the connector sends them) and responses (as the emulator answers)
 * against the contract derived from OpenText's OpenAPI documents (`otcs-contract.generated.ts`).
 * All deviations from those documents come from `quirks.ts`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ContractOperation, ContractParameter, ContractSchema } from './contract-types.js';
import { OTCS_CONTRACT } from './otcs-contract.generated.js';
import { QUIRKS, type OperationRequestQuirk, type ResponseShapeQuirk } from './quirks.js';

export type ValidationResult =
  { readonly ok: true; readonly unchecked?: true; readonly reason?: string } | { readonly ok: false; readonly errors: readonly string[] };

export interface OperationMatch {
  readonly operation: ContractOperation;
  /** path parameters by their normalised name, URI-decoded */
  readonly params: Readonly<Record<string, string>>;
}

export interface RequestToValidate {
  readonly method: string;
  /** full or relative URL path; an installation prefix before `/api/` and a query string are allowed */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** e.g. `application/x-www-form-urlencoded`, `multipart/form-data; boundary=…`, `application/json` */
  readonly contentType?: string;
  /** form fields (strings / repeated strings / file parts) or a parsed JSON body */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface ResponseToValidate {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

// ---------------------------------------------------------------------------------------------
// Matching

interface CompiledRoute {
  readonly operation: ContractOperation;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly literalLength: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRoute(operation: ContractOperation): CompiledRoute {
  const names: string[] = [];
  let pattern = '';
  let literalLength = 0;
  for (const part of operation.path.split(/(\{[^}]+\})/)) {
    const param = /^\{([^}]+)\}$/.exec(part);
    if (param) {
      names.push(param[1] ?? '');
      pattern += '([^/]+)';
    } else {
      pattern += escapeRegex(part);
      literalLength += part.length;
    }
  }
  return { operation, regex: new RegExp(`^${pattern}$`), names, literalLength };
}

// More literal characters first, so a literal segment beats a parameter (`/versions/latest`).
const ROUTES: readonly CompiledRoute[] = OTCS_CONTRACT.operations.map(compileRoute).sort((a, b) => b.literalLength - a.literalLength);

const NOT_IN_SPEC_ROUTES: readonly { readonly key: string; readonly method: string; readonly regex: RegExp; readonly why: string }[] = Object.entries(
  QUIRKS.notInSpec,
).map(([key, why]) => {
  const [method = '', path = ''] = key.split(' ');
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escapeRegex(part)))
    .join('');
  return { key, method, regex: new RegExp(`^${pattern}$`), why };
});

/** Splits `/otcs/cs.exe/api/v2/nodes/1?fields=x` into `/api/v2/nodes/1` and its query. */
function normalisePath(rawPath: string): { path: string; query: Record<string, string | string[]> } {
  const query: Record<string, string | string[]> = {};
  let path = rawPath;
  const q = path.indexOf('?');
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(path.slice(q + 1))) addValue(query, k, v);
    path = path.slice(0, q);
  }
  path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, ''); // absolute URL → path
  const api = path.indexOf('/api/v');
  if (api >= 0)
    path = path.slice(api); // QUIRKS.installationPrefix
  else if (/^\/v[12]\//.test(path)) path = `/api${path}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query };
}

function addValue(target: Record<string, string | string[]>, key: string, value: string): void {
  const existing = target[key];
  if (existing === undefined) target[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[key] = [existing, value];
}

/** The contract operation for a concrete request path, or `undefined`. */
export function matchOperation(method: string, urlPath: string): OperationMatch | undefined {
  const { path } = normalisePath(urlPath);
  const upper = method.toUpperCase();
  for (const route of ROUTES) {
    if (route.operation.method !== upper) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      const raw = m[i + 1] ?? '';
      let value = raw;
      try {
        value = decodeURIComponent(raw);
      } catch {
        // keep the raw segment
      }
      params[name] = value;
    });
    return { operation: route.operation, params };
  }
  return undefined;
}

function notInSpec(method: string, urlPath: string): string | undefined {
  const { path } = normalisePath(urlPath);
  const upper = method.toUpperCase();
  const hit = NOT_IN_SPEC_ROUTES.find((r) => r.method === upper && r.regex.test(path));
  return hit ? `${hit.key} is not in the OpenText documents (${hit.why}); not checked` : undefined;
}

// ---------------------------------------------------------------------------------------------
// Schema helpers

type MutableSchema = { [keyword: string]: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cloneSchema(schema: ContractSchema): MutableSchema {
  return structuredClone(schema) as MutableSchema;
}

/** Removes `pattern` values that are date pictures (QUIRKS.ignoredPatterns). */
function dropBogusPatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) dropBogusPatterns(child);
    return;
  }
  if (!isRecord(node)) return;
  const ignored: readonly string[] = QUIRKS.ignoredPatterns.values;
  if (typeof node.pattern === 'string' && ignored.includes(node.pattern)) delete node.pattern;
  for (const value of Object.values(node)) dropBogusPatterns(value);
}

interface Step {
  readonly name: string;
  readonly intoItems: boolean;
}

function parsePointer(pointer: string): Step[] {
  return pointer.split('.').map((seg) => ({ name: seg.replace(/\[\]$/, ''), intoItems: seg.endsWith('[]') }));
}

function childSchema(parent: MutableSchema, name: string, where: string): MutableSchema {
  const props = parent.properties;
  const child = isRecord(props) ? props[name] : undefined;
  if (!isRecord(child)) throw new Error(`contract quirk: no property "${name}" at ${where}`);
  return child;
}

function itemsOf(schema: MutableSchema, where: string): MutableSchema {
  if (!isRecord(schema.items)) throw new Error(`contract quirk: ${where} is not an array schema`);
  return schema.items;
}

/** Replaces the `array of X` schema at `pointer` by `X`. */
function unwrapArray(root: MutableSchema, pointer: string): void {
  const steps = parsePointer(pointer);
  let node = root;
  steps.forEach((step, i) => {
    const where = steps
      .slice(0, i + 1)
      .map((s) => s.name)
      .join('.');
    const props = node.properties;
    let child = childSchema(node, step.name, where);
    if (i === steps.length - 1) {
      if (child.type !== 'array') throw new Error(`contract quirk: ${pointer} is not declared as an array`);
      const { items } = child;
      if (!isRecord(items)) throw new Error(`contract quirk: ${pointer} has no items`);
      child = items;
      if (isRecord(props)) props[step.name] = child;
      return;
    }
    node = step.intoItems ? itemsOf(child, where) : child;
  });
}

/** Adds every key along `pointer` to the `required` list of its parent object. */
function requirePath(root: MutableSchema, pointer: string): void {
  const steps = parsePointer(pointer);
  let node = root;
  steps.forEach((step, i) => {
    const where = steps
      .slice(0, i + 1)
      .map((s) => s.name)
      .join('.');
    const child = childSchema(node, step.name, where);
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    if (!required.includes(step.name)) node.required = [...required, step.name];
    if (i < steps.length - 1) {
      if (child.type === 'array' && !step.intoItems) {
        throw new Error(`contract quirk: ${where} is an array; write "${step.name}[]" to step into its items`);
      }
      node = step.intoItems ? itemsOf(child, where) : child;
    }
  });
}

const NULLABLE = new Set<string>(QUIRKS.nullableFields.names);

/** QUIRKS.nullableFields: let exactly these property names be null, wherever they occur. */
function allowNulls(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(allowNulls);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as MutableSchema;
  const props = schema.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [name, child] of Object.entries(props as Record<string, MutableSchema>)) {
      if (!NULLABLE.has(name) || child === null || typeof child !== 'object') continue;
      if (typeof child.type === 'string') child.type = [child.type, 'null'];
      else if (Array.isArray(child.type) && !child.type.includes('null')) child.type = [...(child.type as string[]), 'null'];
    }
  }
  for (const value of Object.values(schema)) allowNulls(value);
}

function applyShapeQuirk(schema: ContractSchema, quirk: ResponseShapeQuirk | undefined): MutableSchema {
  const out = cloneSchema(schema);
  dropBogusPatterns(out);
  allowNulls(out);
  for (const pointer of quirk?.unwrapArrays ?? []) unwrapArray(out, pointer);
  for (const pointer of quirk?.require ?? []) requirePath(out, pointer);
  return out;
}

// Formats are not checked: the documents use non-standard ones ("data-time", "YYYY-MM-DD", "Box")
// and OTCS itself returns zone-less timestamps on workspace endpoints (§0.3).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(cacheKey: string, build: () => MutableSchema): ValidateFunction {
  let fn = compiled.get(cacheKey);
  if (!fn) {
    fn = ajv.compile(build());
    compiled.set(cacheKey, fn);
  }
  return fn;
}

function formatAjvErrors(prefix: string, errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra = e.keyword === 'required' && isRecord(e.params) && typeof e.params.missingProperty === 'string' ? ` (${e.params.missingProperty})` : '';
    return `${prefix}${at} ${e.message ?? e.keyword}${extra}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Requests

function schemaType(schema: ContractSchema | undefined): string | undefined {
  return typeof schema?.type === 'string' ? schema.type : undefined;
}

/** Checks one string (query/path/form value) against a scalar schema. */
function checkScalarString(label: string, value: string, schema: ContractSchema): string | undefined {
  switch (schemaType(schema)) {
    case 'integer':
      return /^-?\d+$/.test(value) ? undefined : `${label}: expected integer, got "${value}"`;
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : `${label}: expected number, got "${value}"`;
    case 'boolean':
      return /^(true|false|1|0)$/i.test(value) ? undefined : `${label}: expected boolean, got "${value}"`;
    default:
      if (schema.enum && !schema.enum.includes(value)) return `${label}: "${value}" is not one of ${JSON.stringify(schema.enum)}`;
      return undefined;
  }
}

/** Converts a form string to the JSON type the schema expects (validated later by ajv). */
function coerceFormValue(value: unknown, schema: ContractSchema | undefined): unknown {
  if (Array.isArray(value)) {
    if (schemaType(schema) === 'array') return value.map((v) => coerceFormValue(v, schema?.items));
    return value.map((v) => coerceFormValue(v, schema));
  }
  if (typeof value !== 'string' || !schema) return value;
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      if (/^(true|1)$/i.test(value)) return true;
      if (/^(false|0)$/i.test(value)) return false;
      return value;
    case 'array':
      return [coerceFormValue(value, schema.items)];
    case 'object':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    default:
      return value;
  }
}

function isBinarySchema(schema: ContractSchema | undefined): boolean {
  return schemaType(schema) === 'string' && schema?.format === 'binary';
}

function pickBodySchema(operation: ContractOperation, quirk: OperationRequestQuirk | undefined): ContractSchema | undefined {
  if (quirk?.bodySchema) return quirk.bodySchema;
  const content = operation.requestBody?.content;
  if (!content) return undefined;
  // The same fields are accepted in every encoding (§0.2); prefer the richest declaration.
  const ordered = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'];
  for (const mediaType of ordered) {
    const schema = content[mediaType];
    if (schema) return schema;
  }
  return Object.values(content)[0];
}

function checkParameterValue(p: ContractParameter, value: string | readonly string[], errors: string[]): void {
  const label = `${p.in} parameter "${p.name}"`;
  const isArray = schemaType(p.schema) === 'array';
  const values = typeof value === 'string' ? [value] : value;
  const repeatable: readonly string[] = QUIRKS.repeatableQueryParams.names;
  if (!isArray && values.length > 1 && !repeatable.includes(p.name)) {
    errors.push(`${label} is not repeatable (got ${values.length} values)`);
    return;
  }
  const flags: readonly string[] = QUIRKS.valuelessQueryFlags.names;
  for (const v of values) {
    if (v === '' && flags.includes(p.name)) continue;
    if (isArray) {
      if (v.startsWith('{') && v.endsWith('}')) continue; // QUIRKS.setSyntaxArrayQuery
      const err = checkScalarString(label, v, p.schema.items ?? {});
      if (err) errors.push(err);
    } else {
      const err = checkScalarString(label, v, p.schema);
      if (err) errors.push(err);
    }
  }
}

function toQueryValue(value: unknown): string | readonly string[] | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => String(v));
  return undefined;
}

/** Validates a request the client sends. */
export function validateRequest(request: RequestToValidate): ValidationResult {
  const match = matchOperation(request.method, request.path);
  if (!match) {
    const reason = notInSpec(request.method, request.path);
    if (reason) return { ok: true, unchecked: true, reason };
    return { ok: false, errors: [`no contract operation for ${request.method.toUpperCase()} ${normalisePath(request.path).path}`] };
  }
  const { operation, params } = match;
  const quirk = QUIRKS.requests[operation.key];
  const errors: string[] = [];

  // Path parameters
  for (const p of operation.parameters) {
    if (p.in !== 'path') continue;
    const value = params[p.name];
    if (value === undefined) errors.push(`path parameter "${p.name}" missing`);
    else checkParameterValue(p, value, errors);
  }

  // Query (from the `query` argument and any query string in `path`)
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(normalisePath(request.path).query)) query[k] = v;
  for (const [k, v] of Object.entries(request.query ?? {})) query[k] = typeof v === 'string' ? v : [...v];

  // Body fields: form strings (coerced later) and typed JSON values
  const contentType = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isJson = contentType === 'application/json' || contentType.endsWith('+json');
  const formFields: Record<string, unknown> = {};
  const typedFields: Record<string, unknown> = {};
  const anyFieldSent = Object.keys(request.fields ?? {}).length > 0;
  for (const [k, v] of Object.entries(request.fields ?? {})) {
    if (isJson) typedFields[k] = v;
    else if (k === QUIRKS.bodyJsonField.name) {
      // §0.2: `body` JSON string supplies the body's fields (merged over individual fields).
      let parsed: unknown = v;
      if (typeof v === 'string') {
        try {
          parsed = JSON.parse(v) as unknown;
        } catch {
          errors.push('form field "body" is not valid JSON');
          continue;
        }
      }
      if (!isRecord(parsed)) {
        errors.push('form field "body" must hold a JSON object');
        continue;
      }
      Object.assign(typedFields, parsed);
    } else formFields[k] = v;
  }
  for (const k of Object.keys(typedFields)) delete formFields[k];

  // QUIRKS: query parameters supplied as body fields
  const declaredQuery = operation.parameters.filter((p) => p.in === 'query');
  if (quirk?.queryParamsMayBeBodyFields) {
    for (const p of declaredQuery) {
      for (const source of [typedFields, formFields]) {
        if (!(p.name in source)) continue;
        const value = toQueryValue(source[p.name]);
        if (value !== undefined && query[p.name] === undefined) query[p.name] = typeof value === 'string' ? value : [...value];
        else if (value === undefined) errors.push(`field "${p.name}" must be a scalar`);
        delete source[p.name];
      }
    }
  }

  for (const declaredParam of declaredQuery) {
    const override = quirk?.queryParamTypes?.[declaredParam.name];
    const p = override ? { ...declaredParam, schema: { type: override } } : declaredParam;
    const value = query[p.name];
    if (value === undefined) {
      if (p.required) errors.push(`required query parameter "${p.name}" missing`);
      continue;
    }
    checkParameterValue(p, value, errors);
  }
  const declaredQueryNames = new Set(declaredQuery.map((p) => p.name));
  for (const name of Object.keys(query)) {
    if (!declaredQueryNames.has(name)) errors.push(`query parameter "${name}" is not declared for ${operation.key}`);
  }

  // Request body
  const bodySchema = pickBodySchema(operation, quirk);
  const fieldNames = [...Object.keys(formFields), ...Object.keys(typedFields)];
  if (!bodySchema) {
    for (const name of fieldNames) errors.push(`body field "${name}" is not declared for ${operation.key} (it takes no request body)`);
    return errors.length === 0 ? { ok: true } : { ok: false, errors };
  }
  if (fieldNames.length === 0) {
    const optional = new Set(quirk?.optionalBodyFields ?? []);
    const requiredFields = (bodySchema.required ?? []).filter((r) => !optional.has(r));
    if (!anyFieldSent && (operation.requestBody?.required || requiredFields.length > 0)) errors.push(`request body required for ${operation.key}`);
    return errors.length === 0 ? { ok: true } : { ok: false, errors };
  }
  if (schemaType(bodySchema) !== 'object' && !bodySchema.properties) {
    return errors.length === 0
      ? { ok: true, unchecked: true, reason: `${operation.key}: body schema is not an object; fields not checked` }
      : { ok: false, errors };
  }

  const properties = bodySchema.properties ?? {};
  const templated = Object.keys(properties).filter((n) => n.includes('{'));
  const extraPatterns = (quirk?.extraBodyFieldPatterns ?? []).map((p) => new RegExp(`^(?:${p})$`));
  const extraNames = new Set(quirk?.extraBodyFields ?? []);
  const effective: Record<string, unknown> = {};
  for (const [name, value] of [...Object.entries(formFields), ...Object.entries(typedFields)]) {
    const declared = properties[name];
    const isTyped = name in typedFields;
    if (!declared) {
      const concrete = templated.some((t) => t.replace(/\{category_id\}/g, params.category_id ?? '\u0000') === name);
      if (!concrete && !extraNames.has(name) && !extraPatterns.some((re) => re.test(name))) {
        errors.push(`body field "${name}" is not declared for ${operation.key}`);
      }
      continue;
    }
    if (isBinarySchema(declared)) {
      effective[name] = ''; // file part: present, content not JSON-checkable
      continue;
    }
    if (!isTyped && typeof value !== 'string' && !Array.isArray(value)) {
      errors.push(`form field "${name}" must be a string`);
      continue;
    }
    effective[name] = isTyped ? value : coerceFormValue(value, declared);
  }

  // Type-check declared fields (and `required`) with ajv; undeclared ones were reported above.
  const validate = validatorFor(`req ${operation.key}${quirk?.bodySchema ? ' (QUIRKS body schema)' : ''}`, () => {
    const s: MutableSchema = { type: 'object', properties: structuredClone(properties) };
    const optional = new Set(quirk?.optionalBodyFields ?? []);
    if (bodySchema.required) s.required = bodySchema.required.filter((r) => !optional.has(r));
    dropBogusPatterns(s);
    return s;
  });
  if (!validate(effective)) errors.push(...formatAjvErrors('body', validate.errors));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

// ---------------------------------------------------------------------------------------------
// Responses

/** Validates a JSON response body against the contract schema for its status. */
export function validateResponse(response: ResponseToValidate): ValidationResult {
  const match = matchOperation(response.method, response.path);
  if (!match) {
    const reason = notInSpec(response.method, response.path);
    if (reason) return { ok: true, unchecked: true, reason };
    return { ok: false, errors: [`no contract operation for ${response.method.toUpperCase()} ${normalisePath(response.path).path}`] };
  }
  const { operation } = match;
  const status = String(response.status);
  const declared = operation.responses[status];
  const shapeQuirk = QUIRKS.responses[operation.key]?.[status];
  let schema = declared?.schema;
  let source = 'contract';
  if (!schema && declared && response.status >= 400) {
    schema = QUIRKS.errorEnvelope.schema; // §6.1
    source = 'QUIRKS.errorEnvelope';
  }
  if (!schema) {
    return {
      ok: true,
      unchecked: true,
      reason: declared
        ? `${operation.key}: the spec gives no JSON schema for status ${status}`
        : `${operation.key}: status ${status} is not documented by the spec`,
    };
  }
  const finalSchema = schema;
  const validate = validatorFor(`res ${operation.key} ${status} ${source}`, () => applyShapeQuirk(finalSchema, shapeQuirk));
  if (validate(response.body)) return { ok: true };
  return { ok: false, errors: formatAjvErrors(`${operation.key} ${status} body`, validate.errors) };
}

/** Compiles every response schema with its quirks applied; throws if a quirk no longer fits the contract. */
export function assertQuirksApply(): void {
  for (const operation of OTCS_CONTRACT.operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (response.schema) applyShapeQuirk(response.schema, QUIRKS.responses[operation.key]?.[status]);
    }
  }
  const keys = new Set(OTCS_CONTRACT.operations.map((o) => o.key));
  for (const key of [...Object.keys(QUIRKS.requests), ...Object.keys(QUIRKS.responses)]) {
    if (!keys.has(key)) throw new Error(`QUIRKS entry for unknown operation ${key}`);
  }
  for (const [key, quirk] of Object.entries(QUIRKS.requests)) {
    const op = OTCS_CONTRACT.operations.find((o) => o.key === key);
    const body = op ? pickBodySchema(op, undefined) : undefined;
    for (const name of quirk.optionalBodyFields ?? []) {
      if (!body?.required?.includes(name)) throw new Error(`QUIRKS.requests ${key}: ${name} is not a required body field`);
    }
    for (const name of Object.keys(quirk.queryParamTypes ?? {})) {
      if (!op?.parameters.some((p) => p.in === 'query' && p.name === name)) throw new Error(`QUIRKS.requests ${key}: no query parameter ${name}`);
    }
    for (const name of quirk.extraBodyFields ?? []) {
      if (body?.properties?.[name]) throw new Error(`QUIRKS.requests ${key}: ${name} is already declared by the spec`);
    }
  }
  for (const [key, statuses] of Object.entries(QUIRKS.responses)) {
    const op = OTCS_CONTRACT.operations.find((o) => o.key === key);
    for (const status of Object.keys(statuses)) {
      if (!op?.responses[status]?.schema) throw new Error(`QUIRKS.responses ${key} ${status}: no schema to correct`);
    }
  }
}
