/**
 * Derives the OTCS request/response contract from OpenText's official OpenAPI documents.
 *
 *   npx tsx scripts/derive-otcs-contract.ts [path-to-shared-reference-opentext]
 *
 * (default directory: ../shared/reference/opentext, relative to the current working directory)
 *
 * Reads the Content Server REST API 2.0.2, Business Workspaces REST API (v1 and v2) and Records
 * Management 26.1 documents, keeps only the operations listed in TARGETS, inlines every `$ref`
 * (a recursive reference is cut to an accept-anything schema), drops all prose and writes
 * test/contract/otcs/otcs-contract.generated.ts. Output is deterministic (sorted keys/operations).
 * Only derived facts end up in the project; the source documents are never read at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type {
  ContractOperation,
  ContractParameter,
  ContractResponse,
  ContractSchema,
  HttpMethod,
  OtcsContract,
  ParameterLocation,
  SourceDocument,
} from '../test/contract/otcs/contract-types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DOCUMENT_FILES: Record<SourceDocument, string> = {
  'content-server': 'content-server-rest-api-2.0.2.yaml',
  'business-workspaces': 'opentext-business-workspaces-rest-api-v1-and-v2.yaml',
  'records-management': 'opentext-records-management-26.1.json',
};

interface Target {
  readonly method: HttpMethod;
  /** normalised path (project form) */
  readonly path: string;
  readonly document: SourceDocument;
  /** path as written in the source document */
  readonly sourcePath: string;
}

const CS: SourceDocument = 'content-server';
const BW: SourceDocument = 'business-workspaces';
const RM: SourceDocument = 'records-management';

/**
 * The mapping "project path ← source document path". Where an operation appears in several
 * documents the one from the document that owns the feature is used (auth/nodes/search: Content
 * Server; workspaces: Business Workspaces; classifications/holds: Records Management).
 * Path parameters are renamed positionally from the source template to the project template.
 */
const TARGETS: readonly Target[] = [
  { method: 'POST', path: '/api/v1/auth', document: CS, sourcePath: '/v1/auth' },
  { method: 'GET', path: '/api/v1/auth', document: CS, sourcePath: '/v1/auth' },
  { method: 'DELETE', path: '/api/v1/auth', document: CS, sourcePath: '/v1/auth' },
  { method: 'GET', path: '/api/v1/ping', document: CS, sourcePath: '/v1/ping' },
  { method: 'GET', path: '/api/v1/serverinfo', document: CS, sourcePath: '/v1/serverinfo' },
  { method: 'GET', path: '/api/v2/businessworkspacetypes', document: BW, sourcePath: '/v2/businessworkspacetypes' },
  { method: 'GET', path: '/api/v2/businessworkspacetypes/{id}', document: BW, sourcePath: '/v2/businessworkspacetypes/{workspace_type_id}' },
  { method: 'GET', path: '/api/v2/forms/businessworkspaces/create', document: BW, sourcePath: '/v2/forms/businessworkspaces/create' },
  { method: 'POST', path: '/api/v2/businessworkspaces', document: BW, sourcePath: '/v2/businessworkspaces' },
  { method: 'GET', path: '/api/v2/businessworkspaces', document: BW, sourcePath: '/v2/businessworkspaces' },
  { method: 'GET', path: '/api/v2/businessworkspaces/{id}', document: BW, sourcePath: '/v2/businessworkspaces/{bw_id}' },
  { method: 'GET', path: '/api/v2/businessworkspaces/{id}/relateditems', document: BW, sourcePath: '/v2/businessworkspaces/{bw_id}/relateditems' },
  { method: 'POST', path: '/api/v2/businessworkspaces/{id}/relateditems', document: BW, sourcePath: '/v2/businessworkspaces/{bw_id}/relateditems' },
  {
    method: 'DELETE',
    path: '/api/v2/businessworkspaces/{id}/relateditems/{rel_bw_id}',
    document: BW,
    sourcePath: '/v2/businessworkspaces/{bw_id}/relateditems/{rel_bw_id}',
  },
  { method: 'GET', path: '/api/v2/businessworkspaces/{id}/roles', document: BW, sourcePath: '/v2/businessworkspaces/{bw_id}/roles' },
  {
    method: 'GET',
    path: '/api/v2/businessworkspaces/{id}/roles/{role_id}/members',
    document: BW,
    sourcePath: '/v2/businessworkspaces/{bw_id}/roles/{role_id}/members',
  },
  {
    method: 'POST',
    path: '/api/v2/businessworkspaces/{id}/roles/{role_id}/members',
    document: BW,
    sourcePath: '/v2/businessworkspaces/{bw_id}/roles/{role_id}/members',
  },
  {
    method: 'DELETE',
    path: '/api/v2/businessworkspaces/{id}/roles/{role_id}/members/{member_id}',
    document: BW,
    sourcePath: '/v2/businessworkspaces/{bw_id}/roles/{role_id}/members/{member_id}',
  },
  { method: 'POST', path: '/api/v2/nodes', document: CS, sourcePath: '/v2/nodes' },
  { method: 'GET', path: '/api/v2/nodes/{id}', document: CS, sourcePath: '/v2/nodes/{id}' },
  { method: 'PUT', path: '/api/v2/nodes/{id}', document: CS, sourcePath: '/v2/nodes/{id}' },
  { method: 'DELETE', path: '/api/v2/nodes/{id}', document: CS, sourcePath: '/v2/nodes/{id}' },
  { method: 'GET', path: '/api/v2/nodes/{id}/nodes', document: CS, sourcePath: '/v2/nodes/{id}/nodes' },
  { method: 'GET', path: '/api/v2/nodes/{id}/content', document: CS, sourcePath: '/v2/nodes/{id}/content' },
  { method: 'GET', path: '/api/v2/nodes/{id}/versions', document: CS, sourcePath: '/v2/nodes/{id}/versions' },
  { method: 'POST', path: '/api/v2/nodes/{id}/versions', document: CS, sourcePath: '/v2/nodes/{id}/versions' },
  { method: 'GET', path: '/api/v1/nodes/{id}/versions/latest', document: CS, sourcePath: '/v1/nodes/{id}/versions/latest' },
  { method: 'GET', path: '/api/v2/nodes/{id}/categories', document: CS, sourcePath: '/v2/nodes/{id}/categories' },
  { method: 'POST', path: '/api/v2/nodes/{id}/categories', document: CS, sourcePath: '/v2/nodes/{id}/categories' },
  // The CS document writes these three with a trailing slash ("/categories/{category_id}/").
  { method: 'GET', path: '/api/v2/nodes/{id}/categories/{category_id}', document: CS, sourcePath: '/v2/nodes/{id}/categories/{category_id}/' },
  { method: 'PUT', path: '/api/v2/nodes/{id}/categories/{category_id}', document: CS, sourcePath: '/v2/nodes/{id}/categories/{category_id}/' },
  { method: 'DELETE', path: '/api/v2/nodes/{id}/categories/{category_id}', document: CS, sourcePath: '/v2/nodes/{id}/categories/{category_id}/' },
  { method: 'POST', path: '/api/v1/validation/nodes/names', document: CS, sourcePath: '/v1/validation/nodes/names' },
  { method: 'GET', path: '/api/v1/nodes/{id}/classifications', document: RM, sourcePath: '/v1/nodes/{id}/classifications' },
  { method: 'POST', path: '/api/v1/nodes/{id}/classifications', document: RM, sourcePath: '/v1/nodes/{id}/classifications' },
  { method: 'GET', path: '/api/v1/nodes/{id}/rmclassifications', document: RM, sourcePath: '/v1/nodes/{id}/rmclassifications' },
  { method: 'POST', path: '/api/v1/nodes/{id}/rmclassifications', document: RM, sourcePath: '/v1/nodes/{id}/rmclassifications' },
  { method: 'POST', path: '/api/v1/holds', document: RM, sourcePath: '/v1/holds' },
  { method: 'GET', path: '/api/v2/holds', document: RM, sourcePath: '/v2/holds' },
  { method: 'GET', path: '/api/v1/nodes/{id}/holds', document: RM, sourcePath: '/v1/nodes/{id}/holds' },
  { method: 'POST', path: '/api/v1/nodes/{id}/holds', document: RM, sourcePath: '/v1/nodes/{id}/holds' },
  { method: 'DELETE', path: '/api/v1/nodes/{id}/holds/{hold_id}', document: RM, sourcePath: '/v1/nodes/{id}/holds/{hold_id}' },
  { method: 'POST', path: '/api/v2/search', document: CS, sourcePath: '/v2/search' },
];

/** Requested operations that none of the three documents contains (verified by a search of all paths). */
const REQUESTED_BUT_ABSENT: readonly string[] = [
  'PUT /api/v2/businessworkspaces/{id}/workspacereferences',
  'DELETE /api/v2/businessworkspaces/{id}/workspacereferences',
  'GET /api/v2/externalsystems/{ext_system_id}/botypes/{bo_type}/boids/{bo_id}',
];

/** Schema keywords that carry prose, or presentation only; never copied. */
const PROSE_KEYS = new Set(['description', 'summary', 'example', 'examples', 'title', 'externalDocs', 'xml']);

// ---------------------------------------------------------------------------------------------
// Loading

function countUnescapedQuotes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '"') n++;
  }
  return n;
}

/**
 * The CS 2.0.2 YAML contains a few multi-line double-quoted descriptions whose continuation lines
 * are not indented past their key (invalid YAML, e.g. under /v2/draftprocesses/startwf). Re-indent
 * continuation lines of every multi-line double-quoted scalar so the document parses; only prose is
 * affected and prose is discarded anyway.
 */
function repairYaml(text: string): string {
  const out: string[] = [];
  let openIndent: number | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (openIndent === undefined) {
      out.push(line);
      const m = /^(\s*)(?:- )?[^\s"#][^:]*:\s+"(.*)$/.exec(line);
      if (m && countUnescapedQuotes(m[2] ?? '') % 2 === 0) openIndent = (m[1] ?? '').length;
    } else {
      out.push(' '.repeat(openIndent + 2) + line.trimStart());
      if (countUnescapedQuotes(line) % 2 === 1) openIndent = undefined;
    }
  }
  return out.join('\n');
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadDocument(dir: string, file: string): JsonObject {
  const text = readFileSync(join(dir, file), 'utf8');
  let parsed: unknown;
  if (file.endsWith('.json')) {
    parsed = JSON.parse(text);
  } else {
    const doc = parseDocument(repairYaml(text), { strict: false, uniqueKeys: false });
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.length} YAML errors, first: ${doc.errors[0]?.message ?? ''}`);
    }
    parsed = doc.toJS({ maxAliasCount: -1 });
  }
  const json = parsed as Json;
  if (!isObject(json)) throw new Error(`${file}: not an object`);
  return json;
}

// ---------------------------------------------------------------------------------------------
// $ref resolution and prose stripping

class Resolver {
  constructor(
    private readonly doc: JsonObject,
    private readonly file: string,
  ) {}

  lookup(ref: string): Json {
    if (!ref.startsWith('#/')) throw new Error(`${this.file}: external $ref not supported: ${ref}`);
    let node: Json = this.doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) || !(key in node)) throw new Error(`${this.file}: unresolvable $ref ${ref}`);
      node = node[key] ?? null;
    }
    return node;
  }

  /** Follows a chain of `$ref`s at the top of a non-schema object (parameter, response, body). */
  deref(value: Json | undefined): JsonObject | undefined {
    let current = value;
    for (let guard = 0; guard < 20 && isObject(current) && typeof current.$ref === 'string'; guard++) {
      current = this.lookup(current.$ref);
    }
    return isObject(current) ? current : undefined;
  }

  /** Inlines `$ref`s, strips prose and sorts keys. A `$ref` already on the stack becomes `{}`. */
  schema(value: Json, stack: readonly string[] = []): Json {
    if (Array.isArray(value)) return value.map((v) => this.schema(v, stack));
    if (!isObject(value)) return value;
    if (typeof value.$ref === 'string') {
      const ref = value.$ref;
      const name = ref.split('/').pop() ?? ref;
      if (stack.includes(ref)) return { $comment: `recursive reference to ${name} cut` };
      return this.schema(this.lookup(ref), [...stack, ref]);
    }
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      if (PROSE_KEYS.has(key) || key.startsWith('x-')) continue;
      const child = value[key];
      if (child === undefined) continue;
      // `properties` maps names to schemas: strip inside each, but keep every name.
      if (key === 'properties' && isObject(child)) {
        const props: JsonObject = {};
        for (const prop of Object.keys(child).sort()) props[prop] = this.schema(child[prop] ?? null, stack);
        out[key] = props;
      } else if (key === 'enum' || key === 'required' || key === 'default') {
        out[key] = child;
      } else {
        out[key] = this.schema(child, stack);
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Operation extraction

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

function asSchema(value: Json): ContractSchema {
  return (isObject(value) ? value : {}) as ContractSchema;
}

function extractOperation(target: Target, doc: JsonObject, file: string): ContractOperation {
  const resolver = new Resolver(doc, file);
  const paths = doc.paths;
  if (!isObject(paths)) throw new Error(`${file}: no paths`);
  const item = paths[target.sourcePath];
  if (!isObject(item)) throw new Error(`${file}: path ${target.sourcePath} not found`);
  const op = item[target.method.toLowerCase()];
  if (!isObject(op)) throw new Error(`${file}: ${target.method} ${target.sourcePath} not found`);

  const sourceNames = templateNames(target.sourcePath);
  const targetNames = templateNames(target.path);
  if (sourceNames.length !== targetNames.length) throw new Error(`path parameter count differs for ${target.path}`);
  const rename = new Map<string, string>();
  sourceNames.forEach((name, i) => {
    const to = targetNames[i] ?? name;
    if (to !== name) rename.set(name, to);
  });

  const rawParams = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])];
  const byKey = new Map<string, ContractParameter>();
  for (const raw of rawParams) {
    const p = resolver.deref(raw);
    if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
    const location = p.in as ParameterLocation;
    const name = location === 'path' ? (rename.get(p.name) ?? p.name) : p.name;
    byKey.set(`${location}:${name}`, {
      name,
      in: location,
      required: location === 'path' ? true : p.required === true,
      schema: asSchema(resolver.schema(p.schema ?? {})),
    });
  }
  for (const name of targetNames) {
    if (!byKey.has(`path:${name}`)) {
      // A templated path segment the document forgot to declare: record it as a string.
      byKey.set(`path:${name}`, { name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  const parameters = [...byKey.values()].sort((a, b) => (a.in === b.in ? a.name.localeCompare(b.name) : a.in.localeCompare(b.in)));

  let requestBody: ContractOperation['requestBody'];
  const body = resolver.deref(op.requestBody);
  if (body) {
    const content: Record<string, ContractSchema> = {};
    const rawContent = isObject(body.content) ? body.content : {};
    for (const mediaType of Object.keys(rawContent).sort()) {
      const media = rawContent[mediaType];
      content[mediaType] = asSchema(resolver.schema(isObject(media) ? (media.schema ?? {}) : {}));
    }
    requestBody = { required: body.required === true, content };
  }

  const responses: Record<string, ContractResponse> = {};
  const rawResponses = isObject(op.responses) ? op.responses : {};
  for (const status of Object.keys(rawResponses).sort()) {
    const response = resolver.deref(rawResponses[status]);
    const content = response && isObject(response.content) ? response.content : {};
    const contentTypes = Object.keys(content).sort();
    const json = content['application/json'];
    const schema = isObject(json) && json.schema !== undefined ? asSchema(resolver.schema(json.schema)) : undefined;
    responses[status] = schema ? { contentTypes, schema } : { contentTypes };
  }

  const renamed = Object.fromEntries([...rename.entries()].sort());
  return {
    key: `${target.method} ${target.path}`,
    method: target.method,
    path: target.path,
    source: {
      document: target.document,
      path: target.sourcePath,
      ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
      ...(rename.size > 0 ? { renamedPathParams: renamed } : {}),
    },
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const sourceDir = resolve(process.argv[2] ?? '../shared/reference/opentext');
  const outFile = resolve(here, '../test/contract/otcs/otcs-contract.generated.ts');

  const docs = new Map<SourceDocument, JsonObject>();
  for (const [id, file] of Object.entries(DOCUMENT_FILES) as [SourceDocument, string][]) {
    docs.set(id, loadDocument(sourceDir, file));
  }

  const operations = TARGETS.map((t) => {
    const doc = docs.get(t.document);
    if (!doc) throw new Error(`document ${t.document} not loaded`);
    return extractOperation(t, doc, DOCUMENT_FILES[t.document]);
  }).sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));

  const contract: OtcsContract = {
    generatedFrom: Object.values(DOCUMENT_FILES).map((f) => basename(f)),
    missing: [...REQUESTED_BUT_ABSENT],
    operations,
  };

  const header = [
    '// GENERATED FILE — DO NOT EDIT.',
    "// Derived by scripts/derive-otcs-contract.ts from OpenText's official OpenAPI documents:",
    ...contract.generatedFrom.map((f) => `//   - ${f}`),
    '// Only derived facts are kept (paths, methods, parameters, body fields, response schemas);',
    '// descriptions, summaries, examples and other prose are stripped, $refs are inlined.',
    '// Regenerate: npx tsx scripts/derive-otcs-contract.ts [path-to-shared-reference-opentext]',
    '',
    "import type { OtcsContract } from './contract-types.js';",
    '',
  ].join('\n');
  const body = `export const OTCS_CONTRACT: OtcsContract = ${JSON.stringify(contract, null, 1)};\n`;
  writeFileSync(outFile, `${header}\n${body}`);
  const size = Buffer.byteLength(header) + Buffer.byteLength(body);
  process.stdout.write(`wrote ${outFile} (${operations.length} operations, ${size} bytes)\n`);
}

main();
