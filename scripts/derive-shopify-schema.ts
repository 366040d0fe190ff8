/**
 * Derives the committed Admin GraphQL schema from Shopify's introspection result.
 *
 *   npx tsx scripts/derive-shopify-schema.ts [path/to/admin-graphql-2026-07.introspection.json.gz]
 *
 * Keeps every type, field, argument, enum value, directive (`@oneOf`, `@idempotent`) and
 * deprecation (what validation needs) and drops every description, then writes the SDL gzip-compressed
 * to src/shopify/admin/schema/admin-2026-07.graphql.gz. The project reads only that file at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildClientSchema, printSchema } from 'graphql';
import type { IntrospectionQuery } from 'graphql';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(root, '../shared/reference/shopify/admin-graphql-2026-07.introspection.json.gz'));
const output = resolve(root, 'src/shopify/admin/schema/admin-2026-07.graphql.gz');
const MAX_BYTES = 1.5 * 1024 * 1024;

/** Sets every `description` in the introspection tree to null (types, fields, args, values, directives). */
function stripDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripDescriptions(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(rec)) {
    if (key === 'description') rec[key] = null;
    else stripDescriptions(value);
  }
}

const raw = readFileSync(input);
const text = input.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
const parsed = JSON.parse(text) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
const introspection: IntrospectionQuery | undefined = parsed.data ?? (parsed.__schema ? (parsed as IntrospectionQuery) : undefined);
if (!introspection) throw new Error(`${input}: not an introspection result (no data.__schema)`);
stripDescriptions(introspection);

const sdl = `${printSchema(buildClientSchema(introspection))}\n`;
const gz = gzipSync(Buffer.from(sdl, 'utf8'), { level: 9 });
if (gz.length > MAX_BYTES) throw new Error(`derived schema is ${gz.length} bytes, over the ${MAX_BYTES}-byte budget`);
writeFileSync(output, gz);
process.stdout.write(`wrote ${output}: ${sdl.length} bytes of SDL, ${gz.length} bytes gzip\n`);
